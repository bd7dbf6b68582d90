// SQLite storage of work lists and meetings (migration 6): tasks and their progress
// updates, meeting cadences, meetings with attendance and decisions. SqliteStore
// forwards to these functions; each writing function runs in one transaction, writes
// history rows and appends the context's audit entries through `audit` (which joins
// the open transaction), so a change and its audit entry land together or not at all.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace fupin::store::sqlite {

/// Appends one audit entry inside the caller's transaction.
using AuditFn = std::function<Status(const AuditEvent&)>;

Result<std::vector<int64_t>> InsertTasks(Database& db, std::span<const NewTask> tasks,
                                         const ChangeContext& context, const AuditFn& audit);
Result<TaskRow> WriteTaskChange(Database& db, const TaskChange& change, const ChangeContext& context,
                                const AuditFn& audit);
Result<std::optional<TaskRow>> FindTask(Database& db, int64_t id);
Result<std::vector<TaskRow>> ListTasks(Database& db, const TaskFilter& filter);
Result<std::vector<TaskUpdateRow>> TaskUpdates(Database& db, int64_t task_id);

Result<std::vector<int64_t>> CreateCadences(Database& db, std::span<const NewCadence> cadences,
                                            const ChangeContext& context, const AuditFn& audit);
Result<std::vector<CadenceRow>> ListCadences(Database& db);
Result<std::vector<MeetingRow>> RecordMeetings(Database& db, std::span<const MeetingRecordWrite> records,
                                               const ChangeContext& context, const AuditFn& audit);
Result<std::optional<MeetingRow>> FindMeeting(Database& db, int64_t id);
Result<std::vector<MeetingRow>> ListMeetings(Database& db, const MeetingFilter& filter);
Result<std::vector<AttendanceRow>> MeetingAttendance(Database& db, int64_t meeting_id);
Result<std::vector<DecisionRow>> MeetingDecisions(Database& db, int64_t meeting_id);

}  // namespace fupin::store::sqlite
