// Meeting operations over the store: creating cadences with their dated occurrences,
// recording a held meeting (agenda, attendance, minutes, decisions) — a decision that
// carries a task creates it in the same transaction, with the meeting as its source —
// and reading meetings back for the API and the command line.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "meetings/cadence.hpp"
#include "worklist/work_list.hpp"

namespace fupin::meetings {

/// Checks each cadence (CheckCadenceRule; a stored county or town: meeting.region; a
/// stored campaign when given: meeting.campaign_unknown; stored attendees:
/// meeting.attendee_unknown) and writes them all, each with its occurrences titled
/// "<name>（第n次）" and its attendees expected at every one, in one transaction.
/// Returns the new cadence ids in order.
Result<std::vector<int64_t>> CreateCadences(store::Store& store, std::span<const Cadence> cadences,
                                            const worklist::Actor& actor);

/// One decision 决定 of a meeting; with `task` it becomes a work-list task.
struct DecisionInput {
  std::string text;
  std::optional<worklist::TaskDraft>
      task;  // title, assignee, period, deadline; the rest comes from the meeting
};

/// What is recorded of a held meeting.
struct MeetingRecord {
  std::string agenda;
  std::vector<std::string> present;  // cadre ids
  std::string minutes;
  std::vector<DecisionInput> decisions;
  int64_t expected_version = 0;
};

/// Checks the record of meeting `id` and turns it into the store's write. Rules: the
/// meeting exists (not_found), is not held yet (meeting.already_held) and its date is
/// not after `today` (meeting.future); an agenda (meeting.agenda); every present cadre
/// stored (meeting.attendee_unknown); every decision has a text
/// (meeting.decision_text); a decision's task passes worklist::CheckDraft (issued on
/// the meeting's date, by the cadence, in its campaign; fields named
/// "decisions[i].task.…") and is assigned within the meeting's region
/// (meeting.task_outside).
Result<store::MeetingRecordWrite> CheckRecord(store::Store& store, int64_t id, const MeetingRecord& record,
                                              Date today, const worklist::Actor& actor);

/// CheckRecord, then the meeting, its attendance, decisions and their tasks (and the
/// audit entry) in one transaction. Conflict meeting.stale when the version moved on.
Result<Meeting> RecordMeeting(store::Store& store, int64_t id, const MeetingRecord& record, Date today,
                              const worklist::Actor& actor);

/// Records many meetings in one transaction (the demo): all or none.
Result<std::vector<Meeting>> RecordMeetings(store::Store& store,
                                            std::span<const std::pair<int64_t, MeetingRecord>> records,
                                            Date today, const worklist::Actor& actor);

struct Attendee {
  std::string cadre_id;
  std::string name;
};

/// A meeting as shown: region name, attendance (expected in the cadence's order;
/// present; absent = expected but not present), decisions. Names of attendees are
/// filled only by FindMeetingView; ListMeetingViews fills the lists with ids only.
struct MeetingView {
  Meeting meeting;
  std::string region_name;
  std::vector<Attendee> expected;
  std::vector<Attendee> present;
  std::vector<Attendee> absent;
  std::vector<store::DecisionRow> decisions;
};

Result<std::vector<MeetingView>> ListMeetingViews(store::Store& store, const store::MeetingFilter& filter);
Result<std::optional<MeetingView>> FindMeetingView(store::Store& store, int64_t id);

/// The API's meeting object (docs/api.md); `full` lists the attendees, otherwise
/// attendance is {expected: n, present: n}.
nlohmann::json MeetingToJson(const MeetingView& view, bool full);

/// The cadences whose region is within `within`, as the API's items (docs/api.md).
Result<nlohmann::json> CadencesJson(store::Store& store, RegionCode within);

}  // namespace fupin::meetings
