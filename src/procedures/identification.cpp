// 识别纳入 Identification of a new poor household: 农户申请 → 民主评议 → 村内公示 →
// 乡镇审核 → 县审定 → 公告 → 纳入建档立卡.
#include <fmt/format.h>

#include <algorithm>

#include "core/id_number.hpp"
#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

using registry::Household;
using registry::HouseholdStatus;

const Message kNeeded{"「非建档立卡户」", "'not registered'"};

Status Register(StepContext& ctx) {
  const Household& h = *ctx.household;
  if (h.status != HouseholdStatus::kNotRegistered) {
    return WrongHouseholdStatus(h, {"纳入建档立卡", "be registered"}, kNeeded);
  }
  Household after = h;
  after.status = HouseholdStatus::kPoor;
  after.registration_year = ctx.input.date.year();
  after.exit_year = 0;
  if (after.attribute == registry::PovertyAttribute::kNone) {
    after.attribute = registry::PovertyAttribute::kGeneral;
  }
  ctx.evidence["household"] = {{"status_before", TermOf(h.status).code},
                               {"status_after", TermOf(after.status).code},
                               {"registration_year", after.registration_year},
                               {"version_before", h.version},
                               {"version_after", h.version + 1}};
  ctx.household_after = std::move(after);
  return Status::Ok();
}

constexpr StateDef kStates[] = {
    {"applied", "已申请", "applied"},
    {"democratic_reviewed", "已民主评议", "democratically reviewed"},
    {"in_public_notice", "公示中", "in public notice"},
    {"town_reviewed", "乡镇已审核", "reviewed by the town"},
    {"county_approved", "县已审定", "approved by the county"},
    {"announced", "已公告", "announced"},
    {"registered", "已纳入建档立卡", "registered"},
};

constexpr StepDef kSteps[] = {
    {"democratic_review", "民主评议", "democratic review", "applied", "democratic_reviewed"},
    {"public_notice", "村内公示", "public notice", "democratic_reviewed", "in_public_notice", nullptr,
     nullptr, false, "公示"},
    {"town_review", "乡镇审核", "town review", "in_public_notice", "town_reviewed", NoticePeriodOver},
    {"county_approval", "县审定", "county approval", "town_reviewed", "county_approved", nullptr, nullptr,
     false, "县级审定"},
    {"announcement", "公告", "announcement", "county_approved", "announced"},
    {"register", "纳入建档立卡", "registration", "announced", "registered", nullptr, Register, false, "纳入",
     "register household"},
};

const Definition kDefinition{
    ProcedureKind::kIdentification,
    SubjectType::kHousehold,
    {"apply", "农户申请", "application", "", "applied", nullptr, nullptr, false, "申请"},
    kSteps,
    kStates,
    "registered"};

// What the procedure records about the household's income at the application: the
// decision is the village's and the county's, so a household above the line may
// still apply; the figures go with the application.
nlohmann::json IncomeEvidence(const Env& env, const Household& h, int year) {
  nlohmann::json e = {{"per_capita_net_income", MoneyJson(h.PerCapitaNetIncome())}, {"year", year}};
  const Result<bool> below = policy::IncomeBelowLine(env.policy, h, year);
  if (below.ok()) {
    e["income_below_line"] = *below;
    if (const policy::PovertyLine* line = env.policy.PovertyLineFor(year)) {
      e["poverty_line"] = MoneyJson(line->per_person_year);
    }
  } else {
    e["income_below_line"] = nullptr;
    e["income_note_zh"] = below.status().message().zh;
    e["income_note_en"] = below.status().message().en;
  }
  return e;
}

Status InvalidApplicant(const Household& h, std::string field, std::string rule, const std::string& zh,
                        const std::string& en) {
  return Status::Invalid(
      std::move(field), std::move(rule),
      {fmt::format("申请户 {}：{}", h.id, zh), fmt::format("applicant household {}: {}", h.id, en)});
}

Status CheckApplicant(const Env& env, const Household& h) {
  if (h.id.empty()) {
    return Status::Invalid("household_id", "row.required",
                           {"申请户缺少户编号", "the applicant has no household number"});
  }
  if (h.village.level() != RegionLevel::kVillage) {
    return InvalidApplicant(h, "village", "village.level",
                            fmt::format("{} 不是村级代码", h.village.ToString()),
                            fmt::format("{} is not a village code", h.village.ToString()));
  }
  FUPIN_ASSIGN_OR_RETURN(std::optional<store::Region> village, env.store.FindRegion(h.village));
  if (!village) {
    return InvalidApplicant(h, "village", "village.unknown",
                            fmt::format("村 {} 不在区划表中", h.village.ToString()),
                            fmt::format("village {} is not in the region table", h.village.ToString()));
  }
  const auto heads = std::count_if(h.members.begin(), h.members.end(), [](const registry::Person& p) {
    return p.relation == registry::Relation::kHead;
  });
  if (heads != 1) {
    return InvalidApplicant(h, "relation", heads == 0 ? "household.no_head" : "household.two_heads",
                            fmt::format("须有且只有一名户主（现有 {} 名）", heads),
                            fmt::format("needs exactly one head (has {})", heads));
  }
  for (const registry::Person& p : h.members) {
    const auto id = IdNumber::Parse(p.id_number, env.today);
    if (!id.ok()) {
      return InvalidApplicant(
          h, "id_number", id.status().rule(),
          fmt::format("{} 的身份证号无效：{}", p.name, id.status().message().zh),
          fmt::format("{} has an invalid ID number: {}", p.name, id.status().message().en));
    }
  }
  return Status::Ok();
}

}  // namespace

const Definition& IdentificationDefinition() {
  return kDefinition;
}

Result<Procedure> StartIdentification(const Env& env, std::string_view household_id, const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Household h, LoadHousehold(env.store, household_id));
  if (h.status != HouseholdStatus::kNotRegistered) {
    return WrongHouseholdStatus(h, {"申请识别纳入", "apply for identification"}, kNeeded);
  }
  OpeningWrite write;
  write.evidence = {{"income", IncomeEvidence(env, h, input.date.year())}, {"household_version", h.version}};
  return Open(env, kDefinition, h.id, input, write);
}

Result<Procedure> StartIdentification(const Env& env, const Household& applicant, const StepInput& input) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  FUPIN_RETURN_IF_ERROR(CheckApplicant(env, applicant));
  const std::vector<std::string> ids = {applicant.id};
  FUPIN_ASSIGN_OR_RETURN(auto found, env.store.FindHouseholds(ids));
  if (!found.empty()) {
    const Household& stored = found.begin()->second;
    return Status::AlreadyExists(
        "household_id",
        {fmt::format("户 {} 已在登记中（状态「{}」）；请用户编号申请", applicant.id,
                     TermOf(stored.status).zh),
         fmt::format("household {} is already in the registry (status '{}'); apply by its number",
                     applicant.id, TermOf(stored.status).en)});
  }
  Household h = applicant;
  h.status = HouseholdStatus::kNotRegistered;
  h.registration_year = 0;
  h.exit_year = 0;
  h.version = 0;
  OpeningWrite write;
  write.evidence = {{"income", IncomeEvidence(env, h, input.date.year())}, {"household_supplied", true}};
  write.household_after = &h;
  return Open(env, kDefinition, h.id, input, write);
}

}  // namespace fupin::procedures
