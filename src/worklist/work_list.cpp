#include "worklist/work_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace fupin::worklist {
namespace {

const std::string_view kOpen = TermOf(TaskStatus::kOpen).code;
const std::string_view kDone = TermOf(TaskStatus::kDone).code;

std::string Trimmed(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

Status Refuse(const std::string& field, std::string rule, std::string zh, std::string en) {
  return Status::Invalid(field, std::move(rule), {std::move(zh), std::move(en)});
}

Status NoSuchTask(int64_t id) {
  return Status::NotFound("task",
                          {fmt::format("没有编号为 {} 的任务", id), fmt::format("no task with id {}", id)});
}

Result<Date> DateField(const std::string& text, const std::string& field, const char* rule, const char* zh,
                       const char* en) {
  auto d = Date::Parse(text);
  if (!d.ok()) {
    return Refuse(field, rule, fmt::format("{}“{}”不是有效日期（应为 YYYY-MM-DD）", zh, text),
                  fmt::format("{} \"{}\" is not a valid date (YYYY-MM-DD)", en, text));
  }
  return *d;
}

// The record as the audit log shows it: the fields a person changes.
nlohmann::json AuditJson(const Task& t) {
  return {{"title", t.title},           {"assignee", t.assignee_type + ":" + t.assignee_id},
          {"period", t.period},         {"deadline", t.deadline},
          {"commitment", t.commitment}, {"progress", t.progress},
          {"status", t.status},         {"completed_on", t.completed_on},
          {"version", t.version}};
}

// Only the fields that differ, before and after.
std::pair<std::string, std::string> ChangedFields(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json was = nlohmann::json::object();
  nlohmann::json now = nlohmann::json::object();
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before[key] != value) {
      if (before.contains(key)) was[key] = before[key];
      now[key] = value;
    }
  }
  const auto dump = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  return {dump(was), dump(now)};
}

store::ChangeContext ContextFor(const Actor& actor, const std::string& action, const std::string& target,
                                const std::string& detail, const nlohmann::json& before,
                                const nlohmann::json& after) {
  store::ChangeContext context{actor.id, actor.source};
  if (actor.audited) {
    const auto [was, now] = ChangedFields(before.is_null() ? nlohmann::json::object() : before, after);
    context.audit.push_back({actor.id, action, target, detail, actor.ip, before.is_null() ? "" : was, now});
  }
  return context;
}

Result<Task> LoadTask(store::Store& store, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(auto task, store.FindTask(id));
  if (!task) return NoSuchTask(id);
  return *task;
}

Status RequireOpen(const Task& t) {
  if (t.status != kDone) return Status::Ok();
  return Status::FailedPrecondition(
      "status", "task.done",
      {fmt::format("任务 #{}“{}”已于 {} 完成销号，不能再更改", t.id, t.title, t.completed_on),
       fmt::format("task #{} \"{}\" was completed on {} and can no longer change", t.id, t.title,
                   t.completed_on)});
}

// A day on which something happened to the task: not before it was issued, not in the future.
Status CheckDay(const Task& t, Date day, Date today, const std::string& field) {
  if (day.ToString() < t.issued_on) {
    return Refuse(field, "task.update_date",
                  fmt::format("任务 #{} 的日期 {} 早于下达日期 {}", t.id, day.ToString(), t.issued_on),
                  fmt::format("date {} of task #{} is before the day it was issued ({})", day.ToString(),
                              t.id, t.issued_on));
  }
  if (day > today) {
    return Refuse(
        field, "task.update_date",
        fmt::format("任务 #{} 的日期 {} 晚于今天 {}", t.id, day.ToString(), today.ToString()),
        fmt::format("date {} of task #{} is after today ({})", day.ToString(), t.id, today.ToString()));
  }
  return Status::Ok();
}

Status CheckProgress(const Task& t, int64_t progress, int64_t current, const std::string& field) {
  if (progress < 0 || progress > 100) {
    return Refuse(field, "task.progress", fmt::format("任务“{}”的进度 {}% 超出 0–100%", t.title, progress),
                  fmt::format("progress {}% of task \"{}\" is outside 0–100%", progress, t.title));
  }
  if (progress < current) {
    return Refuse(
        field, "task.progress_back",
        fmt::format("任务“{}”的进度 {}% 低于已报的 {}%，进度只能增加", t.title, progress, current),
        fmt::format("progress {}% of task \"{}\" is below the {}% already reported; progress only grows",
                    progress, t.title, current));
  }
  return Status::Ok();
}

Result<Task> WriteChange(store::Store& store, const Task& before, const Task& after, int64_t expected_version,
                         std::optional<store::TaskUpdateRow> update, const Actor& actor,
                         const std::string& action, const std::string& detail) {
  nlohmann::json after_json = AuditJson(after);
  after_json["version"] = expected_version + 1;
  if (update)
    after_json["update"] = {{"date", update->date}, {"note", update->note}, {"evidence", update->evidence}};
  const store::ChangeContext context =
      ContextFor(actor, action, std::to_string(before.id), detail, AuditJson(before), after_json);
  return store.WriteTaskChange({after, expected_version, std::move(update)}, context);
}

// Names of the assignees of tasks: units by id, towns by code.
class Names {
 public:
  static Result<Names> Load(store::Store& store) {
    Names n(store);
    FUPIN_ASSIGN_OR_RETURN(auto units, store.ListUnits());
    for (auto& u : units) n.units_[u.id] = std::move(u.name);
    return n;
  }
  Result<std::string> Of(const Task& t) {
    if (t.assignee_type == TermOf(AssigneeType::kUnit).code) {
      auto it = units_.find(t.assignee_id);
      return it != units_.end() ? it->second : t.assignee_id;
    }
    auto it = towns_.find(t.assignee_id);
    if (it != towns_.end()) return it->second;
    std::string name = t.assignee_id;
    if (auto code = RegionCode::Parse(t.assignee_id); code.ok()) {
      FUPIN_ASSIGN_OR_RETURN(auto region, store_.FindRegion(*code));
      if (region) name = region->name;
    }
    towns_[t.assignee_id] = name;
    return name;
  }

 private:
  explicit Names(store::Store& store) : store_(store) {}
  store::Store& store_;
  std::unordered_map<std::string, std::string> units_;
  std::unordered_map<std::string, std::string> towns_;
};

Result<TaskView> ViewOf(Names& names, const policy::Policy& policy, Task task, Date day) {
  TaskView v;
  FUPIN_ASSIGN_OR_RETURN(v.assignee_name, names.Of(task));
  v.escalation = Escalation(task, day, policy.WorkListRuleAt(day));
  v.days_to_deadline = DaysToDeadline(task, day);
  v.task = std::move(task);
  return v;
}

nlohmann::json DateOrNull(const std::string& d) {
  return d.empty() ? nlohmann::json(nullptr) : nlohmann::json(d);
}

}  // namespace

Result<Task> CheckDraft(store::Store& store, const TaskDraft& draft, const std::string& field) {
  const auto f = [&](const char* name) { return field + name; };
  Task t;
  t.title = Trimmed(draft.title);
  if (t.title.empty()) return Refuse(f("title"), "task.title", "任务须有标题", "a task needs a title");
  t.description = Trimmed(draft.description);
  t.issued_by = Trimmed(draft.issued_by);

  const auto type = ParseTerm<AssigneeType>(draft.assignee_type);
  if (!type) {
    return Refuse(f("assignee_type"), "task.assignee_type",
                  fmt::format("承办类型“{}”无效（应为 unit 单位 或 town 乡镇）", draft.assignee_type),
                  fmt::format("assignee type \"{}\" is invalid (unit or town)", draft.assignee_type));
  }
  t.assignee_type = std::string(TermOf(*type).code);
  if (*type == AssigneeType::kUnit) {
    FUPIN_ASSIGN_OR_RETURN(auto units, store.ListUnits());
    const auto it =
        std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == draft.assignee_id; });
    if (it == units.end()) {
      return Refuse(f("assignee_id"), "task.assignee_unknown",
                    fmt::format("单位 {} 不存在", draft.assignee_id),
                    fmt::format("unit {} does not exist", draft.assignee_id));
    }
    t.assignee_id = it->id;
    t.region = it->region;
  } else {
    auto code = RegionCode::Parse(draft.assignee_id);
    if (!code.ok() || code->level() != RegionLevel::kTown) {
      return Refuse(f("assignee_id"), "task.assignee_level",
                    fmt::format("“{}”不是乡镇区划代码（应为 9 或 12 位的乡镇代码）", draft.assignee_id),
                    fmt::format("\"{}\" is not a town code (9 or 12 digits of a town)", draft.assignee_id));
    }
    FUPIN_ASSIGN_OR_RETURN(auto region, store.FindRegion(*code));
    if (!region) {
      return Refuse(f("assignee_id"), "task.assignee_unknown",
                    fmt::format("乡镇 {} 不存在", code->ToString()),
                    fmt::format("town {} does not exist", code->ToString()));
    }
    t.assignee_id = code->ToString();
    t.region = *code;
  }

  const auto kind = ParseTerm<TaskPeriodKind>(draft.period_kind);
  if (!kind) {
    return Refuse(
        f("period_kind"), "task.period_kind",
        fmt::format("期间类型“{}”无效（应为 year 年度、quarter 季度 或 month 月度）", draft.period_kind),
        fmt::format("period kind \"{}\" is invalid (year, quarter or month)", draft.period_kind));
  }
  auto period = ParseTaskPeriod(*kind, Trimmed(draft.period));
  if (!period.ok()) {
    return Status::Invalid(f("period"), period.status().rule(), period.status().message());
  }
  t.period_kind = std::string(TermOf(*kind).code);
  t.period = period->Key();

  FUPIN_ASSIGN_OR_RETURN(
      Date issued, DateField(draft.issued_on, f("issued_on"), "task.issued_on", "下达日期", "issue date"));
  FUPIN_ASSIGN_OR_RETURN(Date deadline,
                         DateField(draft.deadline, f("deadline"), "task.deadline", "完成时限", "deadline"));
  if (!period->Contains(deadline)) {
    const Message label = period->Label();
    return Refuse(f("deadline"), "task.deadline_period",
                  fmt::format("完成时限 {} 不在任务期间 {}（{} 至 {}）内", deadline.ToString(), label.zh,
                              period->first().ToString(), period->last().ToString()),
                  fmt::format("deadline {} is outside the task's period {} ({} to {})", deadline.ToString(),
                              label.en, period->first().ToString(), period->last().ToString()));
  }
  if (deadline < issued) {
    return Refuse(
        f("deadline"), "task.deadline_before_issue",
        fmt::format("完成时限 {} 早于下达日期 {}", deadline.ToString(), issued.ToString()),
        fmt::format("deadline {} is before the issue date {}", deadline.ToString(), issued.ToString()));
  }
  t.issued_on = issued.ToString();
  t.deadline = deadline.ToString();

  t.campaign_id = Trimmed(draft.campaign_id);
  if (!t.campaign_id.empty()) {
    FUPIN_ASSIGN_OR_RETURN(auto campaigns, store.ListCampaigns());
    if (std::none_of(campaigns.begin(), campaigns.end(),
                     [&](const auto& c) { return c.id == t.campaign_id; })) {
      return Refuse(f("campaign_id"), "task.campaign_unknown", fmt::format("战役 {} 不存在", t.campaign_id),
                    fmt::format("campaign {} does not exist", t.campaign_id));
    }
  }
  t.status = std::string(kOpen);
  return t;
}

Result<store::NewTask> CheckTask(store::Store& store, const store::NewTask& n) {
  const Task& t = n.task;
  const TaskDraft draft{t.title,         t.description, t.campaign_id, t.issued_by, t.issued_on,
                        t.assignee_type, t.assignee_id, t.period_kind, t.period,    t.deadline};
  FUPIN_ASSIGN_OR_RETURN(Task checked, CheckDraft(store, draft));
  int64_t last = 0;
  for (size_t i = 0; i < n.updates.size(); ++i) {
    const store::TaskUpdateRow& u = n.updates[i];
    const std::string field = fmt::format("updates[{}]", i);
    FUPIN_ASSIGN_OR_RETURN(Date day,
                           DateField(u.date, field + ".date", "task.update_date", "进度日期", "update date"));
    if (day.ToString() < checked.issued_on) {
      return Refuse(field + ".date", "task.update_date",
                    fmt::format("任务“{}”的进度日期 {} 早于下达日期 {}", t.title, u.date, checked.issued_on),
                    fmt::format("update {} of task \"{}\" is before the issue date {}", u.date, t.title,
                                checked.issued_on));
    }
    FUPIN_RETURN_IF_ERROR(CheckProgress(t, u.progress, last, field + ".progress"));
    last = u.progress;
  }
  FUPIN_RETURN_IF_ERROR(CheckProgress(t, t.progress, last, "progress"));
  const bool done = t.status == kDone;
  if ((!done && t.status != kOpen) || done != !t.completed_on.empty() || (done && t.progress != 100)) {
    return Refuse(
        "status", "task.status",
        fmt::format("任务“{}”的状态“{}”与完成日期“{}”、进度 {}% 不一致", t.title, t.status, t.completed_on,
                    t.progress),
        fmt::format("status \"{}\" of task \"{}\" does not agree with its completion date \"{}\" and "
                    "progress {}%",
                    t.status, t.title, t.completed_on, t.progress));
  }
  if (done) {
    FUPIN_ASSIGN_OR_RETURN(Date day, DateField(t.completed_on, "completed_on", "task.update_date", "完成日期",
                                               "completion date"));
    if (day.ToString() < checked.issued_on) {
      return Refuse(
          "completed_on", "task.update_date",
          fmt::format("任务“{}”的完成日期 {} 早于下达日期 {}", t.title, t.completed_on, checked.issued_on),
          fmt::format("task \"{}\" was completed on {}, before it was issued ({})", t.title, t.completed_on,
                      checked.issued_on));
    }
  }
  if (t.commitment.empty() != t.committed_on.empty()) {
    return Refuse(
        "committed_on", "task.commitment", fmt::format("任务“{}”的承诺与承诺日期须同时填写", t.title),
        fmt::format("task \"{}\" needs both its commitment and the day it was made, or neither", t.title));
  }
  store::NewTask out = n;
  out.task.assignee_type = checked.assignee_type;
  out.task.assignee_id = checked.assignee_id;
  out.task.region = checked.region;
  out.task.period_kind = checked.period_kind;
  out.task.period = checked.period;
  return out;
}

Result<Task> WriteNewTask(store::Store& store, const Task& row, const Actor& actor) {
  const store::NewTask n{row, {}};
  const store::ChangeContext context =
      ContextFor(actor, "tasks.create", "", row.title, nlohmann::json(), AuditJson(row));
  FUPIN_ASSIGN_OR_RETURN(auto ids, store.InsertTasks(std::span(&n, 1), context));
  return LoadTask(store, ids.front());
}

Result<Task> IssueTask(store::Store& store, const TaskDraft& draft, const Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(Task row, CheckDraft(store, draft));
  return WriteNewTask(store, row, actor);
}

Result<std::vector<int64_t>> ImportTasks(store::Store& store, std::span<const store::NewTask> tasks,
                                         const Actor& actor) {
  std::vector<store::NewTask> checked;
  checked.reserve(tasks.size());
  for (const store::NewTask& task : tasks) {
    FUPIN_ASSIGN_OR_RETURN(store::NewTask n, CheckTask(store, task));
    for (auto& u : n.updates) {
      if (u.by.empty()) u.by = actor.name;
    }
    checked.push_back(std::move(n));
  }
  store::ChangeContext context{actor.id, actor.source};
  if (actor.audited) {
    context.audit.push_back(
        {actor.id, "tasks.import", "", fmt::format("{} tasks", checked.size()), actor.ip});
  }
  return store.InsertTasks(checked, context);
}

Result<Task> SetCommitment(store::Store& store, int64_t id, int64_t expected_version,
                           const std::string& commitment, Date day, const Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(Task before, LoadTask(store, id));
  FUPIN_RETURN_IF_ERROR(RequireOpen(before));
  Task after = before;
  after.commitment = Trimmed(commitment);
  if (after.commitment.empty()) {
    return Refuse("commitment", "task.commitment", fmt::format("任务 #{} 的承诺不能为空", id),
                  fmt::format("the commitment to task #{} must not be empty", id));
  }
  after.committed_on = day.ToString();
  return WriteChange(store, before, after, expected_version, std::nullopt, actor, "tasks.commitment",
                     after.commitment);
}

Result<Task> RecordProgress(store::Store& store, int64_t id, int64_t expected_version,
                            store::TaskUpdateRow update, Date today, const Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(Task before, LoadTask(store, id));
  FUPIN_RETURN_IF_ERROR(RequireOpen(before));
  FUPIN_ASSIGN_OR_RETURN(Date day,
                         DateField(update.date, "date", "task.update_date", "进度日期", "update date"));
  FUPIN_RETURN_IF_ERROR(CheckDay(before, day, today, "date"));
  FUPIN_RETURN_IF_ERROR(CheckProgress(before, update.progress, before.progress, "progress"));
  update.date = day.ToString();
  update.note = Trimmed(update.note);
  update.evidence = Trimmed(update.evidence);
  update.by = actor.name;
  Task after = before;
  after.progress = update.progress;
  const std::string detail = fmt::format("{}%", update.progress);
  return WriteChange(store, before, after, expected_version, std::move(update), actor, "tasks.progress",
                     detail);
}

Result<Task> CompleteTask(store::Store& store, int64_t id, int64_t expected_version, Date day,
                          const std::string& note, Date today, const Actor& actor) {
  FUPIN_ASSIGN_OR_RETURN(Task before, LoadTask(store, id));
  FUPIN_RETURN_IF_ERROR(RequireOpen(before));
  FUPIN_RETURN_IF_ERROR(CheckDay(before, day, today, "date"));
  Task after = before;
  after.progress = 100;
  after.status = std::string(kDone);
  after.completed_on = day.ToString();
  store::TaskUpdateRow update;
  update.date = day.ToString();
  update.progress = 100;
  update.note = Trimmed(note);
  update.by = actor.name;
  return WriteChange(store, before, after, expected_version, std::move(update), actor, "tasks.complete",
                     after.completed_on);
}

Result<std::vector<TaskView>> ListTaskViews(store::Store& store, const policy::Policy& policy,
                                            const TaskQuery& query, Date day) {
  store::TaskFilter filter;
  filter.within = query.within;
  filter.assignee_id = query.assignee_id;
  // A town may be named by its 9-digit code.
  if (auto code = RegionCode::Parse(query.assignee_id); code.ok() && !query.assignee_id.empty()) {
    filter.assignee_id = code->ToString();
  }
  if (query.status) filter.status = std::string(TermOf(*query.status).code);
  filter.period = query.period;
  FUPIN_ASSIGN_OR_RETURN(auto tasks, store.ListTasks(filter));
  FUPIN_ASSIGN_OR_RETURN(Names names, Names::Load(store));
  std::vector<TaskView> out;
  out.reserve(tasks.size());
  for (Task& t : tasks) {
    FUPIN_ASSIGN_OR_RETURN(TaskView v, ViewOf(names, policy, std::move(t), day));
    if (query.escalation && v.escalation != *query.escalation) continue;
    out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const TaskView& a, const TaskView& b) {
    const int ra = UrgencyRank(a.escalation);
    const int rb = UrgencyRank(b.escalation);
    if (ra != rb) return ra < rb;
    if (a.task.deadline != b.task.deadline) return a.task.deadline < b.task.deadline;
    return a.task.id < b.task.id;
  });
  return out;
}

Result<std::optional<TaskView>> FindTaskView(store::Store& store, const policy::Policy& policy, int64_t id,
                                             Date day) {
  FUPIN_ASSIGN_OR_RETURN(auto task, store.FindTask(id));
  if (!task) return std::optional<TaskView>();
  FUPIN_ASSIGN_OR_RETURN(Names names, Names::Load(store));
  FUPIN_ASSIGN_OR_RETURN(TaskView v, ViewOf(names, policy, std::move(*task), day));
  FUPIN_ASSIGN_OR_RETURN(v.updates, store.TaskUpdates(id));
  return std::optional<TaskView>(std::move(v));
}

TaskSummary Summarize(std::span<const TaskView> tasks) {
  TaskSummary s;
  for (const TaskView& v : tasks) {
    ++s.total;
    switch (v.escalation) {
      case EscalationLevel::kDone:
        ++s.done;
        continue;
      case EscalationLevel::kDueSoon:
        ++s.due_soon;
        break;
      case EscalationLevel::kOverdue:
        ++s.overdue;
        break;
      case EscalationLevel::kOverdueWeek:
        ++s.overdue_week;
        break;
      case EscalationLevel::kNone:
        break;
    }
    ++s.open;
  }
  return s;
}

nlohmann::json TaskToJson(const TaskView& v, bool with_updates) {
  const Task& t = v.task;
  const auto type = ParseTerm<AssigneeType>(t.assignee_type).value_or(AssigneeType::kUnit);
  const auto kind = ParseTerm<TaskPeriodKind>(t.period_kind).value_or(TaskPeriodKind::kYear);
  const auto status = ParseTerm<TaskStatus>(t.status).value_or(TaskStatus::kOpen);
  const Term& escalation = TermOf(v.escalation);
  nlohmann::json period = {{"kind", t.period_kind},
                           {"kind_zh", TermOf(kind).zh},
                           {"kind_en", TermOf(kind).en},
                           {"label", t.period}};
  if (auto p = ParseTaskPeriod(kind, t.period); p.ok()) {
    period["label_zh"] = p->Label().zh;
    period["label_en"] = p->Label().en;
  }
  nlohmann::json j = {
      {"id", t.id},
      {"title", t.title},
      {"description", t.description},
      {"campaign_id", t.campaign_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.campaign_id)},
      {"issued_by", t.issued_by},
      {"issued_on", t.issued_on},
      {"assignee",
       {{"type", t.assignee_type},
        {"type_zh", TermOf(type).zh},
        {"type_en", TermOf(type).en},
        {"id", t.assignee_id},
        {"name", v.assignee_name}}},
      {"region", t.region.ToString()},
      {"period", period},
      {"deadline", t.deadline},
      {"commitment", t.commitment},
      {"committed_on", DateOrNull(t.committed_on)},
      {"progress", t.progress},
      {"status", t.status},
      {"status_zh", TermOf(status).zh},
      {"status_en", TermOf(status).en},
      {"completed_on", DateOrNull(t.completed_on)},
      {"escalation", escalation.code},
      {"escalation_zh", escalation.zh},
      {"escalation_en", escalation.en},
      {"days_to_deadline", v.days_to_deadline},
      {"source_meeting_id",
       t.source_meeting_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(t.source_meeting_id)},
      {"version", t.version}};
  if (with_updates) {
    nlohmann::json updates = nlohmann::json::array();
    for (const auto& u : v.updates) {
      updates.push_back({{"seq", u.seq},
                         {"date", u.date},
                         {"progress", u.progress},
                         {"note", u.note},
                         {"evidence", u.evidence},
                         {"by", u.by},
                         {"recorded_at", u.recorded_at}});
    }
    j["updates"] = updates;
  }
  return j;
}

}  // namespace fupin::worklist
