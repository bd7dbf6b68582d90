#include "meetings/meeting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace fupin::meetings {
namespace {

std::string Trimmed(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status NoSuchMeeting(int64_t id) {
  return Status::NotFound(
      "meeting", {fmt::format("没有编号为 {} 的会议", id), fmt::format("no meeting with id {}", id)});
}

Status UnknownCadre(const std::string& field, const std::string& id) {
  return Status::Invalid(field, "meeting.attendee_unknown",
                         {fmt::format("干部 {} 不存在", id), fmt::format("cadre {} does not exist", id)});
}

Result<std::string> RegionName(store::Store& store, RegionCode code) {
  FUPIN_ASSIGN_OR_RETURN(auto region, store.FindRegion(code));
  return region ? region->name : code.ToShortString();
}

// Cadre names, read once each.
class CadreNames {
 public:
  explicit CadreNames(store::Store& store) : store_(store) {}
  Result<std::optional<std::string>> Of(const std::string& id) {
    if (auto it = names_.find(id); it != names_.end()) return it->second;
    FUPIN_ASSIGN_OR_RETURN(auto cadre, store_.FindCadre(id));
    std::optional<std::string> name;
    if (cadre) name = cadre->name;
    names_[id] = name;
    return name;
  }

 private:
  store::Store& store_;
  std::unordered_map<std::string, std::optional<std::string>> names_;
};

Result<store::CadenceRow> CadenceOf(store::Store& store, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(auto cadences, store.ListCadences());
  for (auto& c : cadences) {
    if (c.id == id) return c;
  }
  return Status::Internal(
      {fmt::format("会议周期 {} 不存在", id), fmt::format("meeting cadence {} is missing", id)});
}

nlohmann::json AttendeesJson(const std::vector<Attendee>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list) out.push_back({{"cadre_id", a.cadre_id}, {"name", a.name}});
  return out;
}

Result<MeetingView> ViewOf(store::Store& store, Meeting m, CadreNames* names) {
  MeetingView v;
  FUPIN_ASSIGN_OR_RETURN(v.region_name, RegionName(store, m.region));
  FUPIN_ASSIGN_OR_RETURN(auto attendance, store.MeetingAttendance(m.id));
  for (const auto& a : attendance) {
    Attendee who{a.cadre_id, ""};
    if (names != nullptr) {
      FUPIN_ASSIGN_OR_RETURN(auto name, names->Of(a.cadre_id));
      who.name = name.value_or(a.cadre_id);
    }
    if (a.expected) v.expected.push_back(who);
    if (a.present) v.present.push_back(who);
    if (a.expected && !a.present && m.status == TermOf(MeetingStatus::kHeld).code) v.absent.push_back(who);
  }
  FUPIN_ASSIGN_OR_RETURN(v.decisions, store.MeetingDecisions(m.id));
  v.meeting = std::move(m);
  return v;
}

store::ChangeContext ContextFor(const worklist::Actor& actor) {
  return {actor.id, actor.source};
}

}  // namespace

Result<std::vector<int64_t>> CreateCadences(store::Store& store, std::span<const Cadence> cadences,
                                            const worklist::Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(auto campaigns, store.ListCampaigns());
  CadreNames names(store);
  std::vector<store::NewCadence> writes;
  for (size_t i = 0; i < cadences.size(); ++i) {
    store::NewCadence n;
    n.cadence = cadences[i];
    Cadence& c = n.cadence;
    c.name = Trimmed(c.name);
    FUPIN_ASSIGN_OR_RETURN(std::vector<Date> dates, CheckCadenceRule(c));
    const auto kind = ParseTerm<MeetingKind>(c.kind);
    c.kind = std::string(TermOf(*kind).code);
    if (!IsWeekly(*kind)) c.weekday = 0;
    FUPIN_ASSIGN_OR_RETURN(auto region, store.FindRegion(c.region));
    const RegionLevel level = c.region.level();
    if (!region || (level != RegionLevel::kCounty && level != RegionLevel::kTown)) {
      return Status::Invalid(
          "region", "meeting.region",
          {fmt::format("会议周期“{}”的区划 {} 不是已登记的县或乡镇", c.name, c.region.ToString()),
           fmt::format("the region {} of meeting cadence \"{}\" is not a stored county or town",
                       c.region.ToString(), c.name)});
    }
    if (!c.campaign_id.empty() && std::none_of(campaigns.begin(), campaigns.end(),
                                               [&](const auto& k) { return k.id == c.campaign_id; })) {
      return Status::Invalid("campaign_id", "meeting.campaign_unknown",
                             {fmt::format("战役 {} 不存在", c.campaign_id),
                              fmt::format("campaign {} does not exist", c.campaign_id)});
    }
    std::set<std::string> seen;
    std::vector<std::string> attendees;
    for (const std::string& id : c.attendees) {
      FUPIN_ASSIGN_OR_RETURN(auto name, names.Of(id));
      if (!name) return UnknownCadre("attendees", id);
      if (seen.insert(id).second) attendees.push_back(id);
    }
    c.attendees = std::move(attendees);
    int n_th = 0;
    for (Date d : dates) {
      Meeting m;
      m.kind = c.kind;
      m.title = fmt::format("{}（第{}次）", c.name, ++n_th);
      m.date = d.ToString();
      m.region = c.region;
      m.status = std::string(TermOf(MeetingStatus::kScheduled).code);
      n.meetings.push_back(std::move(m));
    }
    writes.push_back(std::move(n));
  }
  store::ChangeContext context = ContextFor(actor);
  if (actor.audited) {
    nlohmann::json after = nlohmann::json::array();
    for (const auto& w : writes) {
      after.push_back({{"name", w.cadence.name}, {"kind", w.cadence.kind}, {"meetings", w.meetings.size()}});
    }
    context.audit.push_back({actor.id, "meetings.cadences.create", "", "", actor.ip, "", Dump(after)});
  }
  return store.CreateCadences(writes, context);
}

Result<store::MeetingRecordWrite> CheckRecord(store::Store& store, int64_t id, const MeetingRecord& record,
                                              Date today, const worklist::Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(auto meeting, store.FindMeeting(id));
  if (!meeting) return NoSuchMeeting(id);
  const Meeting& m = *meeting;
  if (m.status == TermOf(MeetingStatus::kHeld).code) {
    return Status::FailedPrecondition(
        "status", "meeting.already_held",
        {fmt::format("会议 #{}（{} {}）已记录为已召开，不能再次记录", id, m.title, m.date),
         fmt::format("meeting #{} ({} {}) is already recorded as held and cannot be recorded again", id,
                     m.title, m.date)});
  }
  if (m.date > today.ToString()) {
    return Status::FailedPrecondition(
        "date", "meeting.future",
        {fmt::format("会议 #{}（{}）定于 {} 召开，晚于今天 {}，尚不能记录", id, m.title, m.date,
                     today.ToString()),
         fmt::format("meeting #{} ({}) is set for {}, after today ({}); it cannot be recorded yet", id,
                     m.title, m.date, today.ToString())});
  }
  store::MeetingRecordWrite w;
  w.meeting_id = id;
  w.expected_version = record.expected_version;
  w.agenda = Trimmed(record.agenda);
  if (w.agenda.empty()) {
    return Status::Invalid(
        "agenda", "meeting.agenda",
        {fmt::format("会议 #{} 须记录议程", id), fmt::format("meeting #{} needs an agenda", id)});
  }
  w.minutes = Trimmed(record.minutes);
  w.recorded_by = actor.name;
  CadreNames names(store);
  std::set<std::string> seen;
  for (const std::string& cadre : record.present) {
    FUPIN_ASSIGN_OR_RETURN(auto name, names.Of(cadre));
    if (!name) return UnknownCadre("present", cadre);
    if (seen.insert(cadre).second) w.present.push_back(cadre);
  }
  FUPIN_ASSIGN_OR_RETURN(store::CadenceRow cadence, CadenceOf(store, m.cadence_id));
  for (size_t i = 0; i < record.decisions.size(); ++i) {
    const DecisionInput& d = record.decisions[i];
    const std::string field = fmt::format("decisions[{}].", i);
    store::MeetingRecordWrite::Decision out;
    out.text = Trimmed(d.text);
    if (out.text.empty()) {
      return Status::Invalid(field + "text", "meeting.decision_text",
                             {fmt::format("会议 #{} 的第 {} 项决定没有内容", id, i + 1),
                              fmt::format("decision {} of meeting #{} has no text", i + 1, id)});
    }
    if (d.task) {
      worklist::TaskDraft draft = *d.task;
      draft.issued_on = m.date;
      draft.issued_by = fmt::format("{}（{}）", cadence.name, m.date);
      draft.campaign_id = cadence.campaign_id;
      if (Trimmed(draft.description).empty()) draft.description = out.text;
      FUPIN_ASSIGN_OR_RETURN(worklist::Task row, worklist::CheckDraft(store, draft, field + "task."));
      if (!row.region.IsWithin(m.region)) {
        return Status::Invalid(
            field + "task.assignee_id", "meeting.task_outside",
            {fmt::format("会议 #{} 只能向本区划（{}）内的单位或乡镇交办任务，{} 不在其内", id,
                         m.region.ToShortString(), row.assignee_id),
             fmt::format("meeting #{} may only assign tasks within its region ({}); {} is not", id,
                         m.region.ToShortString(), row.assignee_id)});
      }
      out.task = store::NewTask{row, {}};
    }
    w.decisions.push_back(std::move(out));
  }
  return w;
}

Result<std::vector<Meeting>> RecordMeetings(store::Store& store,
                                            std::span<const std::pair<int64_t, MeetingRecord>> records,
                                            Date today, const worklist::Actor& actor) {
  std::vector<store::MeetingRecordWrite> writes;
  writes.reserve(records.size());
  store::ChangeContext context = ContextFor(actor);
  for (const auto& [id, record] : records) {
    FUPIN_ASSIGN_OR_RETURN(store::MeetingRecordWrite w, CheckRecord(store, id, record, today, actor));
    if (actor.audited) {
      int tasks = 0;
      for (const auto& d : w.decisions) tasks += d.task ? 1 : 0;
      const nlohmann::json before = {{"status", TermOf(MeetingStatus::kScheduled).code},
                                     {"version", record.expected_version}};
      const nlohmann::json after = {{"status", TermOf(MeetingStatus::kHeld).code},
                                    {"agenda", w.agenda},
                                    {"present", w.present.size()},
                                    {"decisions", w.decisions.size()},
                                    {"tasks", tasks},
                                    {"version", record.expected_version + 1}};
      context.audit.push_back({actor.id, "meetings.record", std::to_string(id),
                               fmt::format("{} decisions, {} tasks", w.decisions.size(), tasks), actor.ip,
                               Dump(before), Dump(after)});
    }
    writes.push_back(std::move(w));
  }
  return store.RecordMeetings(writes, context);
}

Result<Meeting> RecordMeeting(store::Store& store, int64_t id, const MeetingRecord& record, Date today,
                              const worklist::Actor& actor) {
  const std::pair<int64_t, MeetingRecord> one{id, record};
  FUPIN_ASSIGN_OR_RETURN(auto written, RecordMeetings(store, std::span(&one, 1), today, actor));
  return written.front();
}

Result<std::vector<MeetingView>> ListMeetingViews(store::Store& store, const store::MeetingFilter& filter) {
  FUPIN_ASSIGN_OR_RETURN(auto meetings, store.ListMeetings(filter));
  std::vector<MeetingView> out;
  out.reserve(meetings.size());
  for (Meeting& m : meetings) {
    FUPIN_ASSIGN_OR_RETURN(MeetingView v, ViewOf(store, std::move(m), nullptr));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<MeetingView>> FindMeetingView(store::Store& store, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(auto meeting, store.FindMeeting(id));
  if (!meeting) return std::optional<MeetingView>();
  CadreNames names(store);
  FUPIN_ASSIGN_OR_RETURN(MeetingView v, ViewOf(store, std::move(*meeting), &names));
  return std::optional<MeetingView>(std::move(v));
}

nlohmann::json MeetingToJson(const MeetingView& v, bool full) {
  const Meeting& m = v.meeting;
  const auto kind = ParseTerm<MeetingKind>(m.kind).value_or(MeetingKind::kDaily);
  const auto status = ParseTerm<MeetingStatus>(m.status).value_or(MeetingStatus::kScheduled);
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : v.decisions) {
    decisions.push_back({{"seq", d.seq},
                         {"text", d.text},
                         {"task_id", d.task_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(d.task_id)}});
  }
  nlohmann::json attendance;
  if (full) {
    attendance = {{"expected", AttendeesJson(v.expected)},
                  {"present", AttendeesJson(v.present)},
                  {"absent", AttendeesJson(v.absent)}};
  } else {
    attendance = {{"expected", v.expected.size()}, {"present", v.present.size()}};
  }
  return {{"id", m.id},
          {"cadence_id", m.cadence_id},
          {"kind", m.kind},
          {"kind_zh", TermOf(kind).zh},
          {"kind_en", TermOf(kind).en},
          {"title", m.title},
          {"date", m.date},
          {"region", {{"code", m.region.ToString()}, {"name", v.region_name}}},
          {"status", m.status},
          {"status_zh", TermOf(status).zh},
          {"status_en", TermOf(status).en},
          {"agenda", m.agenda},
          {"attendance", attendance},
          {"minutes", m.minutes},
          {"decisions", decisions},
          {"recorded_by", m.recorded_by},
          {"version", m.version}};
}

Result<nlohmann::json> CadencesJson(store::Store& store, RegionCode within) {
  FUPIN_ASSIGN_OR_RETURN(auto cadences, store.ListCadences());
  CadreNames names(store);
  nlohmann::json items = nlohmann::json::array();
  for (const Cadence& c : cadences) {
    if (!c.region.IsWithin(within)) continue;
    const auto kind = ParseTerm<MeetingKind>(c.kind).value_or(MeetingKind::kDaily);
    const Message rule = RuleText(kind, static_cast<int>(c.weekday));
    nlohmann::json attendees = nlohmann::json::array();
    for (const std::string& id : c.attendees) {
      FUPIN_ASSIGN_OR_RETURN(auto name, names.Of(id));
      attendees.push_back({{"cadre_id", id}, {"name", name.value_or(id)}});
    }
    FUPIN_ASSIGN_OR_RETURN(std::string region_name, RegionName(store, c.region));
    items.push_back(
        {{"id", c.id},
         {"kind", c.kind},
         {"kind_zh", TermOf(kind).zh},
         {"kind_en", TermOf(kind).en},
         {"name", c.name},
         {"region", {{"code", c.region.ToString()}, {"name", region_name}}},
         {"campaign_id", c.campaign_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.campaign_id)},
         {"from", c.date_from},
         {"to", c.date_to},
         {"weekday", c.weekday == 0 ? nlohmann::json(nullptr) : nlohmann::json(c.weekday)},
         {"rule_zh", rule.zh},
         {"rule_en", rule.en},
         {"attendees", attendees}});
  }
  return items;
}

}  // namespace fupin::meetings
