#include "store/sqlite/worklist_tables.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.hpp"
#include "store/sqlite/table_support.hpp"

namespace fupin::store::sqlite {
namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

Status InsertHistory(Database& db, std::string_view entity, int64_t entity_id, int64_t version,
                     const ChangeContext& context, const std::string& before_json,
                     const std::string& after_json) {
  return sqlite::InsertHistory(db, entity, std::to_string(entity_id), version, context, before_json,
                               after_json);
}

Status AppendAudit(const ChangeContext& context, const AuditFn& audit, const std::string& new_ids = "") {
  for (AuditEvent e : context.audit) {
    if (e.target.empty()) e.target = new_ids;
    FUPIN_RETURN_IF_ERROR(audit(e));
  }
  return Status::Ok();
}

// A constraint failure (a unit, cadre, campaign or meeting that does not exist) as a
// message naming the record.
Status ReferenceConflict(const Status& s, std::string_view what, std::string_view id) {
  if (s.code() != StatusCode::kConflict) return s;
  return Status::Conflict(
      "id", fmt::format("{}.reference", what),
      {fmt::format("{} {} 引用了不存在的记录（干部、会议或任务）：{}", what, id, s.message().zh),
       fmt::format("{} {} refers to a record (cadre, meeting or task) that does not exist: {}", what, id,
                   s.message().en)});
}

// --- Tasks ---

constexpr std::string_view kTaskColumns =
    "id, title, description, campaign_id, issued_by, issued_on, assignee_type, assignee_id, region, "
    "period_kind, period, deadline, commitment, committed_on, progress, status, completed_on, "
    "COALESCE(source_meeting_id, 0), version";

TaskRow ReadTask(const Statement& q) {
  TaskRow t;
  t.id = q.Int(0);
  t.title = q.Text(1);
  t.description = q.Text(2);
  t.campaign_id = q.Text(3);
  t.issued_by = q.Text(4);
  t.issued_on = q.Text(5);
  t.assignee_type = q.Text(6);
  t.assignee_id = q.Text(7);
  t.region = Code(q.Int(8));
  t.period_kind = q.Text(9);
  t.period = q.Text(10);
  t.deadline = q.Text(11);
  t.commitment = q.Text(12);
  t.committed_on = q.Text(13);
  t.progress = q.Int(14);
  t.status = q.Text(15);
  t.completed_on = q.Text(16);
  t.source_meeting_id = q.Int(17);
  t.version = q.Int(18);
  return t;
}

nlohmann::json ToJson(const TaskRow& t) {
  return {{"id", t.id},
          {"title", t.title},
          {"description", t.description},
          {"campaign_id", t.campaign_id},
          {"issued_by", t.issued_by},
          {"issued_on", t.issued_on},
          {"assignee_type", t.assignee_type},
          {"assignee_id", t.assignee_id},
          {"region", t.region.ToString()},
          {"period_kind", t.period_kind},
          {"period", t.period},
          {"deadline", t.deadline},
          {"commitment", t.commitment},
          {"committed_on", t.committed_on},
          {"progress", t.progress},
          {"status", t.status},
          {"completed_on", t.completed_on},
          {"source_meeting_id", t.source_meeting_id},
          {"version", t.version}};
}

nlohmann::json ToJson(const TaskUpdateRow& u) {
  return {{"seq", u.seq},   {"date", u.date},         {"progress", u.progress},
          {"note", u.note}, {"evidence", u.evidence}, {"by", u.by}};
}

Result<std::optional<TaskRow>> FindTaskRow(Database& db, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare(fmt::format("SELECT {} FROM tasks WHERE id = ?", kTaskColumns)));
  q.Bind(1, id);
  Status s;
  std::optional<TaskRow> out;
  if (q.Step(&s)) out = ReadTask(q);
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Status AppendTaskUpdate(Database& db, int64_t task_id, const TaskUpdateRow& u, int64_t* seq) {
  FUPIN_ASSIGN_OR_RETURN(Statement next,
                         db.Prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM task_updates WHERE task_id = ?"));
  next.Bind(1, task_id);
  Status s;
  *seq = next.Step(&s) ? next.Int(0) : 1;
  FUPIN_RETURN_IF_ERROR(s);
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("INSERT INTO task_updates(task_id, seq, date, progress, note, "
                                    "evidence, by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  q.Args()(task_id) (*seq)(u.date)(u.progress)(u.note)(u.evidence)(u.by)(NowUtcIso8601());
  return q.Run();
}

// Inserts tasks (and their updates) inside an open transaction; `meeting_id`, when not
// 0, is every task's source meeting.
Status InsertTaskRows(Database& db, std::span<const NewTask> tasks, int64_t meeting_id,
                      const ChangeContext& context, std::vector<int64_t>* ids) {
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare(
          "INSERT INTO tasks(title, description, campaign_id, issued_by, issued_on, assignee_type, "
          "assignee_id, region, period_kind, period, deadline, commitment, committed_on, progress, "
          "status, completed_on, source_meeting_id, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"));
  const std::string now = NowUtcIso8601();
  for (const NewTask& n : tasks) {
    TaskRow t = n.task;
    if (meeting_id != 0) t.source_meeting_id = meeting_id;
    t.version = 1;
    auto args = insert.Args();
    args(t.title)(t.description)(t.campaign_id)(t.issued_by)(t.issued_on)(t.assignee_type)(t.assignee_id)(
        Num(t.region))(t.period_kind)(t.period)(t.deadline)(t.commitment)(t.committed_on)(t.progress)(
        t.status)(t.completed_on);
    if (t.source_meeting_id == 0) {
      args.Null();
    } else {
      args(t.source_meeting_id);
    }
    args(now);
    FUPIN_RETURN_IF_ERROR(ReferenceConflict(insert.Run(), "task", t.title));
    insert.Reset();
    t.id = sqlite3_last_insert_rowid(db.handle());
    ids->push_back(t.id);
    nlohmann::json after = ToJson(t);
    after["updates"] = nlohmann::json::array();
    for (const TaskUpdateRow& u : n.updates) {
      int64_t seq = 0;
      FUPIN_RETURN_IF_ERROR(AppendTaskUpdate(db, t.id, u, &seq));
      TaskUpdateRow stored = u;
      stored.seq = seq;
      after["updates"].push_back(ToJson(stored));
    }
    FUPIN_RETURN_IF_ERROR(InsertHistory(db, "task", t.id, 1, context, "", Dump(after)));
  }
  return Status::Ok();
}

// --- Meetings ---

constexpr std::string_view kMeetingColumns =
    "id, cadence_id, kind, title, date, region, status, agenda, minutes, recorded_by, version";

MeetingRow ReadMeeting(const Statement& q) {
  return {q.Int(0),  q.Int(1),  q.Text(2), q.Text(3), q.Text(4), Code(q.Int(5)),
          q.Text(6), q.Text(7), q.Text(8), q.Text(9), q.Int(10)};
}

nlohmann::json ToJson(const MeetingRow& m) {
  return {
      {"id", m.id},           {"cadence_id", m.cadence_id},    {"kind", m.kind},      {"title", m.title},
      {"date", m.date},       {"region", m.region.ToString()}, {"status", m.status},  {"agenda", m.agenda},
      {"minutes", m.minutes}, {"recorded_by", m.recorded_by},  {"version", m.version}};
}

nlohmann::json ToJson(const CadenceRow& c) {
  return {{"id", c.id},
          {"kind", c.kind},
          {"name", c.name},
          {"region", c.region.ToString()},
          {"campaign_id", c.campaign_id},
          {"date_from", c.date_from},
          {"date_to", c.date_to},
          {"weekday", c.weekday},
          {"attendees", c.attendees},
          {"version", c.version}};
}

Result<nlohmann::json> MeetingRecordJson(Database& db, const MeetingRow& m) {
  nlohmann::json j = ToJson(m);
  FUPIN_ASSIGN_OR_RETURN(auto attendance, MeetingAttendance(db, m.id));
  nlohmann::json present = nlohmann::json::array();
  for (const auto& a : attendance) {
    if (a.present) present.push_back(a.cadre_id);
  }
  j["present"] = present;
  FUPIN_ASSIGN_OR_RETURN(auto decisions, MeetingDecisions(db, m.id));
  j["decisions"] = nlohmann::json::array();
  for (const auto& d : decisions) {
    j["decisions"].push_back({{"seq", d.seq}, {"text", d.text}, {"task_id", d.task_id}});
  }
  return j;
}

Status RecordOneMeeting(Database& db, const MeetingRecordWrite& r, const ChangeContext& context,
                        std::vector<MeetingRow>* out) {
  FUPIN_ASSIGN_OR_RETURN(std::optional<MeetingRow> stored, FindMeeting(db, r.meeting_id));
  if (!stored) {
    return Status::NotFound("meeting", {fmt::format("没有编号为 {} 的会议", r.meeting_id),
                                        fmt::format("no meeting with id {}", r.meeting_id)});
  }
  if (stored->status == "held") {
    return Status::FailedPrecondition(
        "status", "meeting.already_held",
        {fmt::format("会议 #{}（{} {}）已记录为已召开，不能再次记录", r.meeting_id, stored->title,
                     stored->date),
         fmt::format("meeting #{} ({} {}) is already recorded as held and cannot be recorded again",
                     r.meeting_id, stored->title, stored->date)});
  }
  if (stored->version != r.expected_version) {
    return Status::Conflict(
        "expected_version", "meeting.stale",
        {fmt::format("会议 #{} 已被他人更新（版本 {}，当前 {}），请刷新后重试", r.meeting_id,
                     r.expected_version, stored->version),
         fmt::format("meeting #{} was changed by someone else (version {}, stored {}); reload and retry",
                     r.meeting_id, r.expected_version, stored->version)});
  }
  FUPIN_ASSIGN_OR_RETURN(nlohmann::json before, MeetingRecordJson(db, *stored));
  MeetingRow after = *stored;
  after.status = "held";
  after.agenda = r.agenda;
  after.minutes = r.minutes;
  after.recorded_by = r.recorded_by;
  after.version = stored->version + 1;
  FUPIN_ASSIGN_OR_RETURN(
      Statement update,
      db.Prepare("UPDATE meetings SET status = ?, agenda = ?, minutes = ?, recorded_by = ?, "
                 "version = ?, updated_at = ? WHERE id = ? AND version = ?"));
  update.Args()(after.status)(after.agenda)(after.minutes)(after.recorded_by)(after.version)(NowUtcIso8601())(
      after.id)(stored->version);
  FUPIN_RETURN_IF_ERROR(update.Run());

  // Attendance: the expected rows are there since the meeting was scheduled.
  FUPIN_ASSIGN_OR_RETURN(auto attendance, MeetingAttendance(db, r.meeting_id));
  std::set<std::string> known;
  for (const auto& a : attendance) known.insert(a.cadre_id);
  int64_t seq = static_cast<int64_t>(attendance.size());
  FUPIN_ASSIGN_OR_RETURN(Statement absent,
                         db.Prepare("UPDATE meeting_attendance SET present = 0 WHERE meeting_id = ?"));
  absent.Bind(1, r.meeting_id);
  FUPIN_RETURN_IF_ERROR(absent.Run());
  FUPIN_ASSIGN_OR_RETURN(
      Statement present,
      db.Prepare("UPDATE meeting_attendance SET present = 1 WHERE meeting_id = ? AND cadre_id = ?"));
  FUPIN_ASSIGN_OR_RETURN(Statement extra,
                         db.Prepare("INSERT INTO meeting_attendance(meeting_id, seq, cadre_id, "
                                    "expected, present) VALUES (?, ?, ?, 0, 1)"));
  for (const std::string& cadre : r.present) {
    if (known.contains(cadre)) {
      present.Args()(r.meeting_id)(cadre);
      FUPIN_RETURN_IF_ERROR(present.Run());
      present.Reset();
    } else {
      extra.Args()(r.meeting_id)(seq++)(cadre);
      FUPIN_RETURN_IF_ERROR(ReferenceConflict(extra.Run(), "meeting", std::to_string(r.meeting_id)));
      extra.Reset();
      known.insert(cadre);
    }
  }

  // Decisions, and the tasks they create.
  FUPIN_ASSIGN_OR_RETURN(
      Statement decision,
      db.Prepare("INSERT INTO meeting_decisions(meeting_id, seq, text, task_id) VALUES (?, ?, ?, ?)"));
  int64_t next = 0;
  for (const auto& d : r.decisions) {
    std::vector<int64_t> ids;
    if (d.task)
      FUPIN_RETURN_IF_ERROR(InsertTaskRows(db, std::span(&*d.task, 1), r.meeting_id, context, &ids));
    auto args = decision.Args();
    args(r.meeting_id)(++next)(d.text);
    if (ids.empty()) {
      args.Null();
    } else {
      args(ids.front());
    }
    FUPIN_RETURN_IF_ERROR(decision.Run());
    decision.Reset();
  }
  FUPIN_ASSIGN_OR_RETURN(nlohmann::json after_json, MeetingRecordJson(db, after));
  FUPIN_RETURN_IF_ERROR(
      InsertHistory(db, "meeting", after.id, after.version, context, Dump(before), Dump(after_json)));
  out->push_back(after);
  return Status::Ok();
}

}  // namespace

Result<std::vector<int64_t>> InsertTasks(Database& db, std::span<const NewTask> tasks,
                                         const ChangeContext& context, const AuditFn& audit) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  std::vector<int64_t> ids;
  ids.reserve(tasks.size());
  FUPIN_RETURN_IF_ERROR(InsertTaskRows(db, tasks, 0, context, &ids));
  FUPIN_RETURN_IF_ERROR(AppendAudit(context, audit, IdList(ids)));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return ids;
}

Result<TaskRow> WriteTaskChange(Database& db, const TaskChange& change, const ChangeContext& context,
                                const AuditFn& audit) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  const int64_t id = change.task.id;
  FUPIN_ASSIGN_OR_RETURN(std::optional<TaskRow> stored, FindTaskRow(db, id));
  if (!stored) {
    return Status::NotFound("task",
                            {fmt::format("没有编号为 {} 的任务", id), fmt::format("no task with id {}", id)});
  }
  if (stored->version != change.expected_version) {
    return Status::Conflict(
        "expected_version", "task.stale",
        {fmt::format("任务 #{} 已被他人更新（版本 {}，当前 {}），请刷新后重试", id, change.expected_version,
                     stored->version),
         fmt::format("task #{} was changed by someone else (version {}, stored {}); reload and retry", id,
                     change.expected_version, stored->version)});
  }
  TaskRow after = change.task;
  after.version = stored->version + 1;
  after.source_meeting_id = stored->source_meeting_id;
  FUPIN_ASSIGN_OR_RETURN(
      Statement q,
      db.Prepare(
          "UPDATE tasks SET title = ?, description = ?, campaign_id = ?, issued_by = ?, issued_on = ?, "
          "assignee_type = ?, assignee_id = ?, region = ?, period_kind = ?, period = ?, deadline = ?, "
          "commitment = ?, committed_on = ?, progress = ?, status = ?, completed_on = ?, version = ?, "
          "updated_at = ? WHERE id = ? AND version = ?"));
  q.Args()(after.title)(after.description)(after.campaign_id)(after.issued_by)(after.issued_on)(
      after.assignee_type)(after.assignee_id)(Num(after.region))(after.period_kind)(after.period)(
      after.deadline)(after.commitment)(after.committed_on)(after.progress)(after.status)(after.completed_on)(
      after.version)(NowUtcIso8601())(id)(stored->version);
  FUPIN_RETURN_IF_ERROR(q.Run());
  nlohmann::json after_json = ToJson(after);
  if (change.update) {
    int64_t seq = 0;
    FUPIN_RETURN_IF_ERROR(AppendTaskUpdate(db, id, *change.update, &seq));
    TaskUpdateRow u = *change.update;
    u.seq = seq;
    after_json["update"] = ToJson(u);
  }
  FUPIN_RETURN_IF_ERROR(
      InsertHistory(db, "task", id, after.version, context, Dump(ToJson(*stored)), Dump(after_json)));
  FUPIN_RETURN_IF_ERROR(AppendAudit(context, audit, std::to_string(id)));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return after;
}

Result<std::optional<TaskRow>> FindTask(Database& db, int64_t id) {
  return FindTaskRow(db, id);
}

Result<std::vector<TaskRow>> ListTasks(Database& db, const TaskFilter& filter) {
  // The clause is built from fixed fragments; every value is a bound parameter.
  std::string where = "region BETWEEN ? AND ?";
  if (!filter.assignee_id.empty()) where += " AND assignee_id = ?";
  if (!filter.status.empty()) where += " AND status = ?";
  if (!filter.period.empty()) where += " AND period = ?";
  if (!filter.campaign_id.empty()) where += " AND campaign_id = ?";
  FUPIN_ASSIGN_OR_RETURN(
      Statement q, db.Prepare(fmt::format("SELECT {} FROM tasks WHERE {} ORDER BY id", kTaskColumns, where)));
  auto args = q.Args();
  args(Num(filter.within))(Last(filter.within));
  if (!filter.assignee_id.empty()) args(filter.assignee_id);
  if (!filter.status.empty()) args(filter.status);
  if (!filter.period.empty()) args(filter.period);
  if (!filter.campaign_id.empty()) args(filter.campaign_id);
  std::vector<TaskRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadTask(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<TaskUpdateRow>> TaskUpdates(Database& db, int64_t task_id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT task_id, seq, date, progress, note, evidence, by_name, "
                                    "recorded_at FROM task_updates WHERE task_id = ? ORDER BY seq"));
  q.Bind(1, task_id);
  std::vector<TaskUpdateRow> out;
  Status s;
  while (q.Step(&s)) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Int(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7)});
  }
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<int64_t>> CreateCadences(Database& db, std::span<const NewCadence> cadences,
                                            const ChangeContext& context, const AuditFn& audit) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  FUPIN_ASSIGN_OR_RETURN(
      Statement cadence,
      db.Prepare("INSERT INTO meeting_cadences(kind, name, region, campaign_id, date_from, date_to, weekday, "
                 "attendees, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"));
  FUPIN_ASSIGN_OR_RETURN(
      Statement meeting,
      db.Prepare("INSERT INTO meetings(cadence_id, kind, title, date, region, status, agenda, minutes, "
                 "recorded_by, version, updated_at) VALUES (?, ?, ?, ?, ?, 'scheduled', '', '', '', 1, ?)"));
  FUPIN_ASSIGN_OR_RETURN(Statement expected,
                         db.Prepare("INSERT INTO meeting_attendance(meeting_id, seq, cadre_id, "
                                    "expected, present) VALUES (?, ?, ?, 1, 0)"));
  const std::string now = NowUtcIso8601();
  std::vector<int64_t> ids;
  for (const NewCadence& n : cadences) {
    CadenceRow c = n.cadence;
    c.version = 1;
    cadence.Args()(c.kind)(c.name)(Num(c.region))(c.campaign_id)(c.date_from)(c.date_to)(c.weekday)(
        Join(c.attendees))(now);
    FUPIN_RETURN_IF_ERROR(cadence.Run());
    cadence.Reset();
    c.id = sqlite3_last_insert_rowid(db.handle());
    ids.push_back(c.id);
    FUPIN_RETURN_IF_ERROR(InsertHistory(db, "meeting_cadence", c.id, 1, context, "", Dump(ToJson(c))));
    for (const MeetingRow& m : n.meetings) {
      meeting.Args()(c.id)(m.kind)(m.title)(m.date)(Num(m.region))(now);
      FUPIN_RETURN_IF_ERROR(meeting.Run());
      meeting.Reset();
      MeetingRow stored = m;
      stored.id = sqlite3_last_insert_rowid(db.handle());
      stored.cadence_id = c.id;
      stored.status = "scheduled";
      stored.version = 1;
      int64_t seq = 0;
      for (const std::string& cadre : c.attendees) {
        expected.Args()(stored.id)(seq++)(cadre);
        FUPIN_RETURN_IF_ERROR(ReferenceConflict(expected.Run(), "meeting_cadence", c.name));
        expected.Reset();
      }
      FUPIN_RETURN_IF_ERROR(InsertHistory(db, "meeting", stored.id, 1, context, "", Dump(ToJson(stored))));
    }
  }
  FUPIN_RETURN_IF_ERROR(AppendAudit(context, audit, IdList(ids)));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return ids;
}

Result<std::vector<CadenceRow>> ListCadences(Database& db) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT id, kind, name, region, campaign_id, date_from, date_to, "
                                    "weekday, attendees, version FROM meeting_cadences ORDER BY id"));
  std::vector<CadenceRow> out;
  Status s;
  while (q.Step(&s)) {
    out.push_back({q.Int(0), q.Text(1), q.Text(2), Code(q.Int(3)), q.Text(4), q.Text(5), q.Text(6), q.Int(7),
                   Split(q.Text(8)), q.Int(9)});
  }
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<MeetingRow>> RecordMeetings(Database& db, std::span<const MeetingRecordWrite> records,
                                               const ChangeContext& context, const AuditFn& audit) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  std::vector<MeetingRow> out;
  out.reserve(records.size());
  for (const MeetingRecordWrite& r : records) FUPIN_RETURN_IF_ERROR(RecordOneMeeting(db, r, context, &out));
  FUPIN_RETURN_IF_ERROR(AppendAudit(context, audit));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<std::optional<MeetingRow>> FindMeeting(Database& db, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare(fmt::format("SELECT {} FROM meetings WHERE id = ?", kMeetingColumns)));
  q.Bind(1, id);
  Status s;
  std::optional<MeetingRow> out;
  if (q.Step(&s)) out = ReadMeeting(q);
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<MeetingRow>> ListMeetings(Database& db, const MeetingFilter& filter) {
  std::string where = "region BETWEEN ? AND ?";
  if (!filter.from.empty()) where += " AND date >= ?";
  if (!filter.to.empty()) where += " AND date <= ?";
  if (!filter.kind.empty()) where += " AND kind = ?";
  if (filter.cadence_id != 0) where += " AND cadence_id = ?";
  FUPIN_ASSIGN_OR_RETURN(
      Statement q,
      db.Prepare(fmt::format("SELECT {} FROM meetings WHERE {} ORDER BY date, id", kMeetingColumns, where)));
  auto args = q.Args();
  args(Num(filter.within))(Last(filter.within));
  if (!filter.from.empty()) args(filter.from);
  if (!filter.to.empty()) args(filter.to);
  if (!filter.kind.empty()) args(filter.kind);
  if (filter.cadence_id != 0) args(filter.cadence_id);
  std::vector<MeetingRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadMeeting(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<AttendanceRow>> MeetingAttendance(Database& db, int64_t meeting_id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare("SELECT meeting_id, cadre_id, expected, present FROM "
                                                 "meeting_attendance WHERE meeting_id = ? ORDER BY seq"));
  q.Bind(1, meeting_id);
  std::vector<AttendanceRow> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Int(0), q.Text(1), q.Int(2) != 0, q.Int(3) != 0});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<DecisionRow>> MeetingDecisions(Database& db, int64_t meeting_id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare("SELECT meeting_id, seq, text, COALESCE(task_id, 0) FROM "
                                                 "meeting_decisions WHERE meeting_id = ? ORDER BY seq"));
  q.Bind(1, meeting_id);
  std::vector<DecisionRow> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Int(3)});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

}  // namespace fupin::store::sqlite
