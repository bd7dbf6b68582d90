// 防返贫监测 Monitoring: 识别监测对象 → (帮扶措施 | 收入核查)* → 风险消除.
#include "procedures/monitoring.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

using registry::Household;
using registry::HouseholdStatus;
using registry::LabourAbility;
using registry::MonitoringCategory;
using registry::YesNo;

constexpr Term kTriggerTerms[] = {
    {"income_below_threshold", "收入低于监测标准", "income below the monitoring threshold", "收入骤减"},
    {"medical_expense", "大额医疗支出", "large medical expense", "因病"},
    {"schooling_expense", "大额教育支出", "large schooling expense", "因学"},
    {"disaster", "自然灾害", "disaster", "因灾"},
    {"sudden_loss", "突发变故", "sudden loss", "意外事故"},
};

constexpr Term kMeasureTerms[] = {
    {"industry", "产业帮扶", "industry"},
    {"employment", "就业帮扶", "employment"},
    {"health", "健康帮扶", "health"},
    {"education", "教育帮扶", "education"},
    {"housing", "住房安全保障", "housing", "住房保障"},
    {"social_assistance", "兜底保障", "social assistance", "社会救助"},
    {"other", "其他", "other"},
};

Status MarkEliminated(StepContext& ctx) {
  Household after = *ctx.household;
  after.risk_eliminated = YesNo::kYes;
  ctx.evidence["household"] = {{"risk_eliminated_before", TermOf(ctx.household->risk_eliminated).code},
                               {"risk_eliminated_after", TermOf(after.risk_eliminated).code},
                               {"version_before", ctx.household->version},
                               {"version_after", ctx.household->version + 1}};
  ctx.household_after = std::move(after);
  return Status::Ok();
}

constexpr StateDef kStates[] = {
    {"identified", "监测中", "under monitoring"},
    {"eliminated", "风险已消除", "risk eliminated"},
};

constexpr StepDef kSteps[] = {
    {"measure", "帮扶措施", "assistance measure", "identified", "identified", nullptr, nullptr, true, "措施",
     "measure"},
    {"income_check", "收入核查", "income check", "identified", "identified", nullptr, nullptr, true, "核查"},
    {"eliminate", "风险消除", "risk elimination", "identified", "eliminated", nullptr, MarkEliminated, true,
     "消除", "eliminate risk"},
};

const Definition kDefinition{
    ProcedureKind::kMonitoring,
    SubjectType::kHousehold,
    {"identify", "识别监测对象", "identification", "", "identified", nullptr, nullptr, true, "识别"},
    kSteps,
    kStates,
    "eliminated"};

const StepDef& StepOf(std::string_view code) {
  for (const StepDef& s : kSteps) {
    if (s.code == code) return s;
  }
  return kSteps[0];
}

Status CheckCategory(const Household& h, MonitoringCategory category) {
  const Term& term = TermOf(category);
  if (category == MonitoringCategory::kNone) {
    return Status::Invalid(
        "monitoring_category", "monitoring.category",
        {"须指定监测对象类别：脱贫不稳定户、边缘易致贫户或突发严重困难户",
         "a monitoring category is required: unstable exited, marginal or sudden hardship"});
  }
  if (category == MonitoringCategory::kUnstableExited && h.exit_year == 0) {
    return Status::FailedPrecondition(
        "monitoring_category", "monitoring.category",
        {fmt::format("户 {} 没有脱贫年度，从未脱贫，不能识别为「{}」", h.id, term.zh),
         fmt::format("household {} has no exit year (it never exited) and cannot be '{}'", h.id, term.en)});
  }
  if (category == MonitoringCategory::kMarginal && h.exit_year != 0) {
    return Status::FailedPrecondition(
        "monitoring_category", "monitoring.category",
        {fmt::format("户 {} 已于 {} 年脱贫，应识别为「脱贫不稳定户」而非「{}」", h.id, h.exit_year, term.zh),
         fmt::format("household {} exited in {}; it is an unstable exited household, not '{}'", h.id,
                     h.exit_year, term.en)});
  }
  return Status::Ok();
}

// `n` months before `d`, the day clamped to the month's length (08-31 minus 6 months
// is 02-28 or 02-29).
Date MonthsBefore(Date d, int n) {
  int month_index = d.year() * 12 + (d.month() - 1) - n;
  const int year = month_index / 12;
  const int month = month_index % 12 + 1;
  const int day = std::min(d.day(), Date::DaysInMonth(year, month));
  return Date::FromYmd(year, month, day).value();
}

Date MonthsAfter(Date d, int n) {
  return MonthsBefore(d, -n);
}

struct CheckOnDay {
  Date date;
  Money income;
};

// 收入稳定: the checks from the latest backwards that are above the threshold of their
// year form the stable run; the run must start on or before W = date − N months and
// hold a check after W, so that checks bracket the whole window W..date.
EliminationCondition StableIncome(const Env& env, const std::vector<CheckOnDay>& checks, Date date) {
  EliminationCondition c;
  c.id = "monitoring.stable_income";
  const policy::RiskElimination* rule = env.policy.RiskEliminationAt(date);
  if (rule == nullptr) {
    c.name = {"收入稳定超过监测标准", "income stably above the monitoring threshold"};
    c.reason = {fmt::format("政策文件未配置 {} 适用的风险消除标准（稳定月数）", date.ToString()),
                fmt::format("the policy has no risk-elimination standard (stable months) in force on {}",
                            date.ToString())};
    return c;
  }
  const int n = rule->stable_months;
  c.name = {fmt::format("收入连续 {} 个月超过监测标准", n),
            fmt::format("income above the monitoring threshold for {} months", n)};
  const Date window_start = MonthsBefore(date, n);
  std::vector<CheckOnDay> considered;
  for (const CheckOnDay& k : checks) {
    if (k.date <= date) considered.push_back(k);
  }
  if (considered.empty()) {
    c.reason = {fmt::format("{} 前没有收入核查记录", date.ToString()),
                fmt::format("no income check recorded up to {}", date.ToString())};
    return c;
  }
  size_t run_start = considered.size();
  Message broken;
  while (run_start > 0) {
    const CheckOnDay& k = considered[run_start - 1];
    const policy::MonitoringThreshold* threshold = env.policy.MonitoringThresholdFor(k.date.year());
    if (threshold == nullptr) {
      broken = {
          fmt::format("{} 的收入核查无法比较：政策文件未配置 {} 年的监测标准", k.date.ToString(),
                      k.date.year()),
          fmt::format("the income check of {} cannot be compared: the policy has no monitoring threshold "
                      "for {}",
                      k.date.ToString(), k.date.year())};
      break;
    }
    if (k.income <= threshold->per_person_year) {
      broken = {fmt::format("{} 的收入核查人均 {} 元，未超过 {} 年监测标准 {} 元", k.date.ToString(),
                            k.income.ToDisplay(), k.date.year(), threshold->per_person_year.ToDisplay()),
                fmt::format("the income check of {} found {} per person, not above the {} threshold of {}",
                            k.date.ToString(), k.income.ToDisplay(), k.date.year(),
                            threshold->per_person_year.ToDisplay())};
      break;
    }
    --run_start;
  }
  if (run_start == considered.size()) {  // the latest check itself is not above
    c.reason = broken;
    return c;
  }
  const Date run_from = considered[run_start].date;
  const Date run_to = considered.back().date;
  if (run_from > window_start) {
    const Date earliest = MonthsAfter(run_from, n);
    c.reason = {
        fmt::format(
            "收入自 {} 起的核查才均超过监测标准，到 {} 不足 {} 个月（须从 {} 或更早起），最早可于 {} 消除",
            run_from.ToString(), date.ToString(), n, window_start.ToString(), earliest.ToString()),
        fmt::format("income checks are above the threshold only since {}, less than {} months before {} "
                    "(they must start on or before {}); the earliest day is {}",
                    run_from.ToString(), n, date.ToString(), window_start.ToString(), earliest.ToString())};
    return c;
  }
  if (run_to <= window_start) {
    c.reason = {
        fmt::format("{} 之后没有收入核查记录，不能证明近 {} 个月收入稳定", window_start.ToString(), n),
        fmt::format("no income check after {}; the last {} months are not covered", window_start.ToString(),
                    n)};
    return c;
  }
  c.met = true;
  c.reason = {fmt::format("自 {} 至 {} 的收入核查均超过监测标准，覆盖 {} 个月", run_from.ToString(),
                          run_to.ToString(), n),
              fmt::format("income checks from {} to {} are all above the threshold, covering {} months",
                          run_from.ToString(), run_to.ToString(), n)};
  return c;
}

EliminationCondition GuaranteesSecure(const Household& h) {
  struct Item {
    YesNo value;
    const char* zh;
    const char* en;
  };
  const auto& g = h.guarantees;
  const Item items[] = {
      {g.food, "不愁吃", "food"},
      {g.clothing, "不愁穿", "clothing"},
      {g.education, "义务教育有保障", "compulsory education"},
      {g.medical, "基本医疗有保障", "basic medical care"},
      {g.housing, "住房安全有保障", "safe housing"},
      {g.water, "饮水安全有保障", "safe drinking water"},
      {g.electricity, "通生活用电", "electricity"},
      {g.radio_tv, "通广播电视", "radio and TV"},
  };
  std::string zh;
  std::string en;
  for (const Item& i : items) {
    if (i.value == YesNo::kYes) continue;
    const Term& t = TermOf(i.value);
    if (!zh.empty()) {
      zh += "、";
      en += ", ";
    }
    zh += fmt::format("{}为「{}」", i.zh, t.zh.empty() ? "未填" : t.zh);
    en += fmt::format("{} is '{}'", i.en, t.code.empty() ? "not recorded" : t.en);
  }
  EliminationCondition c{
      "monitoring.guarantees", {"两不愁三保障及饮水安全均有保障", "every guarantee secure"}, zh.empty(), {}};
  c.reason = zh.empty()
                 ? Message{"各项保障均为「是」", "every guarantee is 'yes'"}
                 : Message{fmt::format("户 {} 的{}", h.id, zh), fmt::format("household {}: {}", h.id, en)};
  return c;
}

EliminationCondition RiskSource(bool resolved) {
  return {"monitoring.risk_source",
          {"风险源已消除", "risk source resolved"},
          resolved,
          resolved ? Message{"已确认致险因素消除", "the risk source is marked resolved"}
                   : Message{"未确认致险因素已消除（--risk-resolved）",
                             "the risk source is not marked resolved (--risk-resolved)"}};
}

bool NoLabourCapacity(const Household& h) {
  return std::all_of(h.members.begin(), h.members.end(), [](const registry::Person& p) {
    return p.labour == LabourAbility::kLost || p.labour == LabourAbility::kNone;
  });
}

EliminationCondition SocialAssistance(const std::vector<store::MonitoringMeasureRow>& measures, Date date) {
  const auto code = TermOf(MeasureKind::kSocialAssistance).code;
  const auto found = std::find_if(
      measures.begin(), measures.end(),
      [&](const store::MonitoringMeasureRow& m) { return m.kind == code && m.date <= date.ToString(); });
  const bool met = found != measures.end();
  return {
      "monitoring.social_assistance",
      {"无劳动能力户已落实兜底保障", "social assistance for a household unable to work"},
      met,
      met ? Message{fmt::format("已于 {} 落实兜底保障措施", found->date),
                    fmt::format("social assistance recorded on {}", found->date)}
          : Message{
                "家庭成员均无劳动能力，仅凭收入不能消除风险，须先落实兜底保障措施",
                "no member is able to work: income alone does not eliminate the risk; a social-assistance "
                "measure must be recorded"}};
}

}  // namespace

const Definition& MonitoringDefinition() {
  return kDefinition;
}

Result<Procedure> OpenMonitoringCase(store::Store& store, std::string_view household_id) {
  store::ProcedureFilter filter;
  filter.subject = std::string(household_id);
  filter.kind = std::string(TermOf(ProcedureKind::kMonitoring).code);
  filter.open_only = true;
  FUPIN_ASSIGN_OR_RETURN(std::vector<Procedure> open, ListProcedures(store, filter));
  if (open.empty()) {
    return Status::FailedPrecondition(
        "household_id", "monitoring.not_identified",
        {fmt::format("户 {} 没有进行中的防返贫监测，请先识别为监测对象", household_id),
         fmt::format("household {} has no open monitoring case; identify it as a monitoring object first",
                     household_id)});
  }
  return LoadProcedure(store, open.front().id);
}

Result<Procedure> IdentifyMonitoringObject(const Env& env, std::string_view household_id,
                                           MonitoringCategory category, MonitoringTrigger trigger,
                                           const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Household h, LoadHousehold(env.store, household_id));
  if (h.status != HouseholdStatus::kExited && h.status != HouseholdStatus::kNotRegistered &&
      h.status != HouseholdStatus::kMonitoring) {
    return WrongHouseholdStatus(
        h, {"识别为监测对象", "be identified as a monitoring object"},
        {"「已脱贫」「非建档立卡户」或「监测对象」", "'exited', 'not registered' or 'monitoring object'"});
  }
  FUPIN_RETURN_IF_ERROR(CheckCategory(h, category));
  Household after = h;
  after.status = HouseholdStatus::kMonitoring;
  after.monitoring_category = category;
  after.risk_eliminated = YesNo::kNo;
  OpeningWrite write;
  write.evidence = {{"category", TermOf(category).code},
                    {"trigger", TermOf(trigger).code},
                    {"per_capita_net_income", MoneyJson(h.PerCapitaNetIncome())},
                    {"household",
                     {{"status_before", TermOf(h.status).code},
                      {"status_after", TermOf(after.status).code},
                      {"version_before", h.version},
                      {"version_after", h.version + 1}}}};
  if (const policy::MonitoringThreshold* t = env.policy.MonitoringThresholdFor(input.date.year())) {
    write.evidence["threshold"] = MoneyJson(t->per_person_year);
  }
  write.household_before = &h;
  write.household_after = &after;
  return Open(env, kDefinition, h.id, input, write);
}

Result<Procedure> RecordMeasure(const Env& env, std::string_view household_id, MeasureKind kind,
                                const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Procedure p, OpenMonitoringCase(env.store, household_id));
  StepExtras extras;
  extras.evidence = {{"kind", TermOf(kind).code}};
  extras.measure = store::MonitoringMeasureRow{p.id, p.subject, input.date.ToString(),
                                               std::string(TermOf(kind).code), input.note};
  return Advance(env, p, StepOf("measure"), input, std::move(extras));
}

Result<Procedure> RecordIncomeCheck(const Env& env, std::string_view household_id, Money per_capita_income,
                                    const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Procedure p, OpenMonitoringCase(env.store, household_id));
  StepExtras extras;
  extras.evidence = {{"per_capita_income", MoneyJson(per_capita_income)}};
  if (const policy::MonitoringThreshold* t = env.policy.MonitoringThresholdFor(input.date.year())) {
    extras.evidence["threshold"] = MoneyJson(t->per_person_year);
    extras.evidence["above_threshold"] = per_capita_income > t->per_person_year;
  } else {
    extras.evidence["threshold"] = nullptr;
  }
  extras.income_check =
      store::IncomeCheckRow{p.id, p.subject, input.date.ToString(), per_capita_income.fen()};
  return Advance(env, p, StepOf("income_check"), input, std::move(extras));
}

Result<std::vector<EliminationCondition>> CheckRiskElimination(const Env& env, std::string_view household_id,
                                                               Date date, bool risk_source_resolved) {
  FUPIN_ASSIGN_OR_RETURN(Procedure p, OpenMonitoringCase(env.store, household_id));
  FUPIN_ASSIGN_OR_RETURN(Household h, LoadHousehold(env.store, household_id));
  FUPIN_ASSIGN_OR_RETURN(std::vector<store::IncomeCheckRow> rows, env.store.IncomeChecks(p.id));
  FUPIN_ASSIGN_OR_RETURN(std::vector<store::MonitoringMeasureRow> measures,
                         env.store.MonitoringMeasures(p.id));
  std::vector<CheckOnDay> checks;
  for (const store::IncomeCheckRow& r : rows) {
    FUPIN_ASSIGN_OR_RETURN(Date d, Date::Parse(r.date));
    checks.push_back({d, Money::FromFen(r.per_capita_fen)});
  }
  std::vector<EliminationCondition> out;
  out.push_back(StableIncome(env, checks, date));
  out.push_back(GuaranteesSecure(h));
  out.push_back(RiskSource(risk_source_resolved));
  if (NoLabourCapacity(h)) out.push_back(SocialAssistance(measures, date));
  return out;
}

Result<Procedure> EliminateRisk(const Env& env, std::string_view household_id, bool risk_source_resolved,
                                const StepInput& input) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  FUPIN_ASSIGN_OR_RETURN(std::vector<EliminationCondition> conditions,
                         CheckRiskElimination(env, household_id, input.date, risk_source_resolved));
  std::string zh;
  std::string en;
  const EliminationCondition* first_unmet = nullptr;
  nlohmann::json evidence = nlohmann::json::array();
  for (const EliminationCondition& c : conditions) {
    evidence.push_back({{"id", c.id},
                        {"name_zh", c.name.zh},
                        {"name_en", c.name.en},
                        {"met", c.met},
                        {"reason_zh", c.reason.zh},
                        {"reason_en", c.reason.en}});
    if (c.met) continue;
    if (first_unmet == nullptr) first_unmet = &c;
    if (!zh.empty()) {
      zh += "；";
      en += "; ";
    }
    zh += fmt::format("{}：{}", c.name.zh, c.reason.zh);
    en += fmt::format("{}: {}", c.name.en, c.reason.en);
  }
  if (first_unmet != nullptr) {
    return Status::FailedPrecondition(
        "risk_eliminated", first_unmet->id,
        {fmt::format("户 {} 尚不能风险消除。未满足的条件：{}", household_id, zh),
         fmt::format("the risk of household {} cannot be eliminated yet. Unmet conditions: {}", household_id,
                     en)});
  }
  FUPIN_ASSIGN_OR_RETURN(Procedure p, OpenMonitoringCase(env.store, household_id));
  StepExtras extras;
  extras.evidence = {{"conditions", evidence}, {"risk_source_resolved", risk_source_resolved}};
  return Advance(env, p, StepOf("eliminate"), input, std::move(extras));
}

}  // namespace fupin::procedures

namespace fupin {
template <>
std::span<const Term> TermsOf<procedures::MonitoringTrigger>() {
  return procedures::kTriggerTerms;
}
template <>
std::span<const Term> TermsOf<procedures::MeasureKind>() {
  return procedures::kMeasureTerms;
}
}  // namespace fupin
