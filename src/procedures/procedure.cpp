#include "procedures/procedure.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

constexpr Term kKindTerms[] = {
    {"household_exit", "贫困户退出", "household exit", "exit", "退出"},
    {"identification", "识别纳入", "identification", "identify", "纳入"},
    {"return_to_poverty", "返贫", "return to poverty", "return"},
    {"monitoring", "防返贫监测", "monitoring", "monitor", "监测"},
    {"village_exit", "贫困村退出", "village exit", "village-exit"},
    {"county_exit", "贫困县退出", "county exit", "county-exit"},
};

constexpr Term kOutcomeTerms[] = {
    {"open", "办理中", "open"},
    {"completed", "已完成", "completed"},
    {"rejected", "已否决", "rejected"},
};

constexpr StepDef kRejectDef{kRejectStep, "否决",  "rejection", "",     kRejectedState,
                             nullptr,     nullptr, false,       "退回", "驳回"};
constexpr StateDef kRejectedDef{kRejectedState, "已否决", "rejected"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const StepDef* FindStepByCode(const Definition& d, std::string_view code) {
  if (d.opening.code == code) return &d.opening;
  for (const StepDef& s : d.steps) {
    if (s.code == code) return &s;
  }
  if (code == kRejectStep) return &kRejectDef;
  return nullptr;
}

std::string NamesOf(const std::vector<NextStep>& steps, Lang lang) {
  std::string out;
  for (const NextStep& s : steps) {
    if (!out.empty()) out += lang == Lang::kZh ? "、" : ", ";
    out += lang == Lang::kZh ? fmt::format("「{}」", s.name.zh) : fmt::format("'{}'", s.name.en);
  }
  return out;
}

Status Closed(const Procedure& p, const Message& step) {
  const Message who = Describe(p);
  const Term& outcome = TermOf(p.outcome);
  const std::string day = p.closed_at ? p.closed_at->ToString() : "";
  return Status::FailedPrecondition(
      "state", "procedure.closed",
      {fmt::format("{}已于 {} 办结（{}），不能再办理「{}」", who.zh, day, outcome.zh, step.zh),
       fmt::format("{} was closed on {} ({}); '{}' cannot be taken", who.en, day, outcome.en, step.en)});
}

Status StaleVersion(const Procedure& p, int64_t expected) {
  return Status::Conflict(
      "version", "procedure.stale",
      {fmt::format("{}已被他人更新：期望版本 {}，当前版本 {}。请重新查看后再办理", Describe(p).zh, expected,
                   p.version),
       fmt::format("{} was changed by someone else: expected version {}, stored version {}; "
                   "reload it and try again",
                   Describe(p).en, expected, p.version)});
}

Status OutOfOrder(const Procedure& p, const StepDef& step) {
  const Message who = Describe(p);
  const Message state = StateName(p.kind, p.state);
  std::string done_zh;
  std::string done_en;
  for (const StepRecord& r : p.steps) {
    if (r.step == step.code) {
      done_zh = fmt::format("「{}」已于 {} 办理；", step.zh, r.date.ToString());
      done_en = fmt::format("'{}' was already taken on {}; ", step.en, r.date.ToString());
    }
  }
  const std::vector<NextStep> next = NextSteps(p);
  return Status::FailedPrecondition(
      "step", "procedure.step_order",
      {fmt::format("{}当前状态为「{}」，不能办理「{}」：{}下一步应为{}", who.zh, state.zh, step.zh, done_zh,
                   NamesOf(next, Lang::kZh)),
       fmt::format("{} is in state '{}'; '{}' cannot be taken now: {}the next step is {}", who.en, state.en,
                   step.en, done_en, NamesOf(next, Lang::kEn))});
}

Status CheckStepDate(const Env& env, const Procedure& p, const StepDef& step, const StepInput& input) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  if (!p.steps.empty()) {
    const StepRecord& last = p.steps.back();
    if (input.date < last.date) {
      const Message last_name = StepName(p.kind, last.step);
      return Status::Invalid(
          "date", "procedure.date_order",
          {fmt::format("{}的「{}」日期 {} 早于上一步「{}」的日期 {}", Describe(p).zh, step.zh,
                       input.date.ToString(), last_name.zh, last.date.ToString()),
           fmt::format("{}: '{}' dated {} is before the previous step '{}' of {}", Describe(p).en, step.en,
                       input.date.ToString(), last_name.en, last.date.ToString())});
    }
  }
  return Status::Ok();
}

std::string DateText(const std::optional<Date>& d) {
  return d ? d->ToString() : std::string();
}

Result<Procedure> FromRow(const store::ProcedureRow& row) {
  Procedure p;
  p.id = row.id;
  const auto kind = ParseTerm<ProcedureKind>(row.kind);
  const auto outcome = ParseTerm<Outcome>(row.outcome);
  auto opened = Date::Parse(row.opened_at);
  if (!kind || !outcome || !opened.ok()) {
    return Status::Internal(
        {fmt::format("程序 #{} 的存储记录无法识别（类别 {}，结果 {}）", row.id, row.kind, row.outcome),
         fmt::format("procedure #{} has an unreadable stored record (kind {}, outcome {})", row.id, row.kind,
                     row.outcome)});
  }
  p.kind = *kind;
  p.outcome = *outcome;
  p.opened_at = *opened;
  if (!row.closed_at.empty()) {
    FUPIN_ASSIGN_OR_RETURN(p.closed_at, Date::Parse(row.closed_at));
  }
  p.subject = row.subject;
  p.state = row.state;
  p.version = row.version;
  return p;
}

store::ProcedureRow ToRow(const Procedure& p) {
  return {p.id,
          std::string(TermOf(p.kind).code),
          SubjectTypeOf(p.kind) == SubjectType::kHousehold ? "household" : "region",
          p.subject,
          p.state,
          p.opened_at.ToString(),
          DateText(p.closed_at),
          std::string(TermOf(p.outcome).code),
          p.version};
}

store::ChangeContext ContextFor(const Procedure& p, const StepDef& step, const StepInput& input) {
  return {input.actor, fmt::format("procedure:{}:{}:{}", p.id, TermOf(p.kind).code, step.code)};
}

}  // namespace

bool StepDef::Matches(std::string_view text) const {
  text = Trim(text);
  if (text.empty()) return false;
  if (text == zh || (!alias1.empty() && text == alias1) || (!alias2.empty() && text == alias2)) return true;
  if (EqualsIgnoreCase(text, en) || EqualsIgnoreCase(text, code)) return true;
  std::string dashed(code);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return EqualsIgnoreCase(text, dashed);
}

const Definition& DefinitionOf(ProcedureKind kind) {
  switch (kind) {
    case ProcedureKind::kHouseholdExit:
      return HouseholdExitDefinition();
    case ProcedureKind::kIdentification:
      return IdentificationDefinition();
    case ProcedureKind::kReturnToPoverty:
      return ReturnToPovertyDefinition();
    case ProcedureKind::kMonitoring:
      return MonitoringDefinition();
    case ProcedureKind::kVillageExit:
      return VillageExitDefinition();
    case ProcedureKind::kCountyExit:
      return CountyExitDefinition();
  }
  return HouseholdExitDefinition();
}

const StepDef* FindStep(const Definition& d, std::string_view text) {
  if (d.opening.Matches(text)) return &d.opening;
  for (const StepDef& s : d.steps) {
    if (s.Matches(text)) return &s;
  }
  if (kRejectDef.Matches(text)) return &kRejectDef;
  return nullptr;
}

SubjectType SubjectTypeOf(ProcedureKind kind) {
  return DefinitionOf(kind).subject_type;
}

Message StateName(ProcedureKind kind, std::string_view state) {
  if (state == kRejectedState) return {std::string(kRejectedDef.zh), std::string(kRejectedDef.en)};
  for (const StateDef& s : DefinitionOf(kind).states) {
    if (s.code == state) return {std::string(s.zh), std::string(s.en)};
  }
  return {std::string(state), std::string(state)};
}

Message StepName(ProcedureKind kind, std::string_view step) {
  if (const StepDef* s = FindStepByCode(DefinitionOf(kind), step)) {
    return {std::string(s->zh), std::string(s->en)};
  }
  return {std::string(step), std::string(step)};
}

std::vector<NextStep> NextSteps(const Procedure& p) {
  std::vector<NextStep> out;
  if (!p.open()) return out;
  for (const StepDef& s : DefinitionOf(p.kind).steps) {
    if (s.from == p.state) out.push_back({std::string(s.code), {std::string(s.zh), std::string(s.en)}});
  }
  return out;
}

Message SubjectLabel(ProcedureKind kind, std::string_view subject) {
  switch (kind) {
    case ProcedureKind::kVillageExit:
      return {fmt::format("村 {}", subject), fmt::format("village {}", subject)};
    case ProcedureKind::kCountyExit:
      return {fmt::format("县 {}", subject), fmt::format("county {}", subject)};
    default:
      return {fmt::format("户 {}", subject), fmt::format("household {}", subject)};
  }
}

Message Describe(const Procedure& p) {
  const Term& kind = TermOf(p.kind);
  const Message subject = SubjectLabel(p.kind, p.subject);
  return {fmt::format("程序 #{}（{}，{}）", p.id, kind.zh, subject.zh),
          fmt::format("procedure #{} ({}, {})", p.id, kind.en, subject.en)};
}

nlohmann::json MoneyJson(Money money) {
  return {{"fen", money.fen()}, {"yuan", money.ToDisplay()}};
}

Status CheckActorAndDate(const Env& env, const StepInput& input) {
  if (Trim(input.actor).empty()) {
    return Status::Invalid("actor", "procedure.actor_missing",
                           {"每一步都须记录办理人", "every step must record who took it"});
  }
  if (input.date > env.today) {
    return Status::Invalid(
        "date", "procedure.date_in_future",
        {fmt::format("日期 {} 晚于今天 {}，不能预先登记", input.date.ToString(), env.today.ToString()),
         fmt::format("date {} is after today ({}); steps cannot be recorded in advance",
                     input.date.ToString(), env.today.ToString())});
  }
  return Status::Ok();
}

Result<registry::Household> LoadHousehold(store::Store& store, std::string_view id) {
  const std::vector<std::string> ids = {std::string(id)};
  FUPIN_ASSIGN_OR_RETURN(auto found, store.FindHouseholds(ids));
  if (found.empty()) {
    return Status::NotFound("household_id", {fmt::format("没有户编号为 {} 的户", id),
                                             fmt::format("no household with number {}", id)});
  }
  return std::move(found.begin()->second);
}

Status WrongHouseholdStatus(const registry::Household& h, const Message& what, const Message& needed) {
  const Term& status = TermOf(h.status);
  return Status::FailedPrecondition(
      "status", "procedure.subject_status",
      {fmt::format("户 {} 的状态为「{}」，不能{}：须为{}", h.id, status.zh, what.zh, needed.zh),
       fmt::format("household {} has status '{}' and cannot {}: it must be {}", h.id, status.en, what.en,
                   needed.en)});
}

Status NoticePeriodOver(StepContext& ctx) {
  const StepRecord* notice = nullptr;
  for (const StepRecord& r : ctx.procedure.steps) {
    if (r.step == kPublicNoticeStep) notice = &r;
  }
  if (notice == nullptr) return Status::Ok();  // the order of steps already requires one
  const policy::PublicNotice* rule = ctx.env.policy.PublicNoticeAt(notice->date);
  const int days = rule != nullptr ? rule->days : 7;
  const Date last_day = notice->date.AddDays(days - 1);
  const Date first_allowed = notice->date.AddDays(days);
  ctx.evidence["public_notice"] = {{"from", notice->date.ToString()},
                                   {"days", days},
                                   {"last_day", last_day.ToString()},
                                   {"basis", rule != nullptr ? rule->source : "default 7 days"}};
  if (ctx.input.date >= first_allowed) return Status::Ok();
  const Message who = Describe(ctx.procedure);
  return Status::FailedPrecondition(
      "date", "procedure.notice_period",
      {fmt::format("{}的公示自 {} 起共 {} 天，至 {} 结束；「{}」最早可于 {} 办理，{} 不行", who.zh,
                   notice->date.ToString(), days, last_day.ToString(), ctx.step.zh, first_allowed.ToString(),
                   ctx.input.date.ToString()),
       fmt::format(
           "{}: the public notice from {} lasts {} days and ends on {}; '{}' may be taken on {} or later, "
           "not on {}",
           who.en, notice->date.ToString(), days, last_day.ToString(), ctx.step.en, first_allowed.ToString(),
           ctx.input.date.ToString())});
}

Result<Procedure> Open(const Env& env, const Definition& d, std::string subject, const StepInput& input,
                       const OpeningWrite& write) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  store::ProcedureFilter filter;
  filter.subject = subject;
  filter.open_only = true;
  FUPIN_ASSIGN_OR_RETURN(std::vector<Procedure> open, ListProcedures(env.store, filter));
  for (const Procedure& other : open) {
    if (SubjectTypeOf(other.kind) != d.subject_type) continue;
    const Message who = Describe(other);
    const Message state = StateName(other.kind, other.state);
    const Term& kind = TermOf(d.kind);
    const Message label = SubjectLabel(d.kind, subject);
    return Status::FailedPrecondition(
        "subject", "procedure.open_exists",
        {fmt::format("{}已有未办结的{}（当前「{}」），不能再开启{}；请先办结或否决它", label.zh, who.zh,
                     state.zh, kind.zh),
         fmt::format(
             "{} already has an open {} (state '{}'); a new {} cannot be opened until it is completed or "
             "rejected",
             label.en, who.en, state.en, kind.en)});
  }

  Procedure p;
  p.kind = d.kind;
  p.subject = std::move(subject);
  p.state = std::string(d.opening.to);
  p.opened_at = input.date;
  p.outcome = Outcome::kOpen;

  store::ProcedureChange change;
  change.procedure = ToRow(p);
  change.step = {0,
                 1,
                 std::string(d.opening.code),
                 input.actor,
                 input.date.ToString(),
                 input.note,
                 "",
                 p.state,
                 write.evidence.is_null() ? std::string() : write.evidence.dump(),
                 ""};
  change.household_before = write.household_before;
  change.household_after = write.household_after;
  FUPIN_ASSIGN_OR_RETURN(
      store::ProcedureRow stored,
      env.store.WriteProcedureChange(
          change, {input.actor, fmt::format("procedure:new:{}:{}", TermOf(d.kind).code, d.opening.code)}));
  return LoadProcedure(env.store, stored.id);
}

Result<Procedure> Advance(const Env& env, const Procedure& p, const StepDef& step, const StepInput& input,
                          StepExtras extras) {
  const Message step_name{std::string(step.zh), std::string(step.en)};
  if (!p.open()) return Closed(p, step_name);
  if (input.expected_version && *input.expected_version != p.version) {
    return StaleVersion(p, *input.expected_version);
  }
  const bool rejecting = step.code == kRejectStep;
  if (!rejecting && step.from != p.state) return OutOfOrder(p, step);
  FUPIN_RETURN_IF_ERROR(CheckStepDate(env, p, step, input));
  if (rejecting && Trim(input.note).empty()) {
    return Status::Invalid("reason", "procedure.reason_missing",
                           {fmt::format("否决{}须写明理由", Describe(p).zh),
                            fmt::format("rejecting {} needs a reason", Describe(p).en)});
  }

  std::optional<registry::Household> household;
  if (SubjectTypeOf(p.kind) == SubjectType::kHousehold && !rejecting) {
    FUPIN_ASSIGN_OR_RETURN(household, LoadHousehold(env.store, p.subject));
  }
  std::optional<registry::Household> household_after;
  StepContext ctx{env, p, step, input, household ? &*household : nullptr, extras.evidence, household_after};
  if (step.guard != nullptr) FUPIN_RETURN_IF_ERROR(step.guard(ctx));
  if (step.effect != nullptr) FUPIN_RETURN_IF_ERROR(step.effect(ctx));

  Procedure after = p;
  after.state = std::string(step.to);
  if (rejecting) {
    after.outcome = Outcome::kRejected;
    after.closed_at = input.date;
  } else if (step.to == DefinitionOf(p.kind).final_state) {
    after.outcome = Outcome::kCompleted;
    after.closed_at = input.date;
  }
  store::ProcedureChange change;
  change.procedure = ToRow(after);
  change.expected_version = p.version;
  change.step = {p.id,
                 static_cast<int64_t>(p.steps.size()) + 1,
                 std::string(step.code),
                 input.actor,
                 input.date.ToString(),
                 input.note,
                 p.state,
                 after.state,
                 extras.evidence.is_null() ? std::string() : extras.evidence.dump(),
                 ""};
  if (household_after) {
    change.household_before = &*household;
    change.household_after = &*household_after;
  }
  change.measure = std::move(extras.measure);
  change.income_check = std::move(extras.income_check);
  FUPIN_RETURN_IF_ERROR(env.store.WriteProcedureChange(change, ContextFor(p, step, input)).status());
  return LoadProcedure(env.store, p.id);
}

Result<Procedure> TakeStep(const Env& env, int64_t procedure_id, std::string_view step,
                           const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Procedure p, LoadProcedure(env.store, procedure_id));
  const Definition& d = DefinitionOf(p.kind);
  const StepDef* def = FindStep(d, step);
  if (def == nullptr || def == &d.opening) {
    std::vector<NextStep> all;
    for (const StepDef& s : d.steps)
      all.push_back({std::string(s.code), {std::string(s.zh), std::string(s.en)}});
    return Status::Invalid(
        "step", "procedure.unknown_step",
        {fmt::format("{}没有「{}」这一步；可办理的步骤：{}", Describe(p).zh, step, NamesOf(all, Lang::kZh)),
         fmt::format("{} has no step '{}'; its steps are {}", Describe(p).en, step,
                     NamesOf(all, Lang::kEn))});
  }
  if (def->dedicated) {
    return Status::FailedPrecondition(
        "step", "procedure.dedicated_step",
        {fmt::format("「{}」须通过 fupin monitor 命令办理（需要更多信息）", def->zh),
         fmt::format("'{}' is taken with the fupin monitor commands (it needs more than a date and a note)",
                     def->en)});
  }
  return Advance(env, p, *def, input, {});
}

Result<Procedure> Reject(const Env& env, int64_t procedure_id, const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Procedure p, LoadProcedure(env.store, procedure_id));
  return Advance(env, p, kRejectDef, input, {});
}

Result<Procedure> LoadProcedure(store::Store& store, int64_t procedure_id) {
  FUPIN_ASSIGN_OR_RETURN(std::optional<store::ProcedureRow> row, store.FindProcedure(procedure_id));
  if (!row) {
    return Status::NotFound("procedure", {fmt::format("没有编号为 {} 的程序", procedure_id),
                                          fmt::format("no procedure with id {}", procedure_id)});
  }
  FUPIN_ASSIGN_OR_RETURN(Procedure p, FromRow(*row));
  FUPIN_ASSIGN_OR_RETURN(std::vector<store::ProcedureStepRow> steps, store.ProcedureSteps(procedure_id));
  for (store::ProcedureStepRow& s : steps) {
    StepRecord r;
    r.seq = s.seq;
    r.step = std::move(s.step);
    r.actor = std::move(s.actor);
    FUPIN_ASSIGN_OR_RETURN(r.date, Date::Parse(s.date));
    r.note = std::move(s.note);
    r.state_before = std::move(s.state_before);
    r.state_after = std::move(s.state_after);
    if (!s.evidence_json.empty()) r.evidence = nlohmann::json::parse(s.evidence_json, nullptr, false);
    r.recorded_at = std::move(s.recorded_at);
    p.steps.push_back(std::move(r));
  }
  return p;
}

Result<std::vector<Procedure>> ListProcedures(store::Store& store, const store::ProcedureFilter& filter) {
  FUPIN_ASSIGN_OR_RETURN(std::vector<store::ProcedureRow> rows, store.ListProcedures(filter));
  std::vector<Procedure> out;
  out.reserve(rows.size());
  for (const store::ProcedureRow& row : rows) {
    FUPIN_ASSIGN_OR_RETURN(Procedure p, FromRow(row));
    out.push_back(std::move(p));
  }
  return out;
}

nlohmann::json ProcedureToJson(const Procedure& p) {
  const Term& kind = TermOf(p.kind);
  const Term& outcome = TermOf(p.outcome);
  const Message state = StateName(p.kind, p.state);
  nlohmann::json steps = nlohmann::json::array();
  for (const StepRecord& r : p.steps) {
    const Message name = StepName(p.kind, r.step);
    steps.push_back({{"seq", r.seq},
                     {"step", r.step},
                     {"name_zh", name.zh},
                     {"name_en", name.en},
                     {"actor", r.actor},
                     {"date", r.date.ToString()},
                     {"note", r.note},
                     {"state_before", r.state_before},
                     {"state_after", r.state_after},
                     {"evidence", r.evidence},
                     {"recorded_at", r.recorded_at}});
  }
  nlohmann::json next = nlohmann::json::array();
  for (const NextStep& n : NextSteps(p))
    next.push_back({{"step", n.code}, {"name_zh", n.name.zh}, {"name_en", n.name.en}});
  return {{"id", p.id},
          {"kind", kind.code},
          {"kind_zh", kind.zh},
          {"kind_en", kind.en},
          {"subject", p.subject},
          {"state", p.state},
          {"state_zh", state.zh},
          {"state_en", state.en},
          {"opened_at", p.opened_at.ToString()},
          {"closed_at", p.closed_at ? nlohmann::json(p.closed_at->ToString()) : nlohmann::json(nullptr)},
          {"outcome", outcome.code},
          {"version", p.version},
          {"next_steps", next},
          {"steps", steps}};
}

nlohmann::json VerdictToJson(const policy::ExitVerdict& verdict) {
  nlohmann::json criteria = nlohmann::json::array();
  for (const policy::CriterionResult& c : verdict.criteria) {
    criteria.push_back({{"rule_id", c.rule_id},
                        {"name_zh", c.name.zh},
                        {"name_en", c.name.en},
                        {"pass", c.pass},
                        {"reason_zh", c.reason.zh},
                        {"reason_en", c.reason.en},
                        {"basis", c.basis}});
  }
  return {{"eligible_to_exit", verdict.eligible_to_exit},
          {"year", verdict.year},
          {"profile", verdict.profile},
          {"region_class", verdict.region_class},
          {"criteria", criteria}};
}

}  // namespace fupin::procedures

namespace fupin {
template <>
std::span<const Term> TermsOf<procedures::ProcedureKind>() {
  return procedures::kKindTerms;
}
template <>
std::span<const Term> TermsOf<procedures::Outcome>() {
  return procedures::kOutcomeTerms;
}
}  // namespace fupin
