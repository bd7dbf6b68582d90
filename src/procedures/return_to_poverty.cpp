// 返贫 Return to poverty: 返贫申请 → 民主评议 → 乡镇审核 → 县审定 → 标记返贫.
#include <fmt/format.h>

#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

using registry::Household;
using registry::HouseholdStatus;

// An exited household, or a monitoring object that had exited (脱贫不稳定户 and
// the like): exit_year tells that it once left poverty.
bool MayReturn(const Household& h) {
  return h.status == HouseholdStatus::kExited ||
         (h.status == HouseholdStatus::kMonitoring && h.exit_year != 0);
}

const Message kNeeded{"「已脱贫」或曾脱贫的「监测对象」",
                      "'exited' or a 'monitoring object' that had exited"};

Status MarkReturned(StepContext& ctx) {
  const Household& h = *ctx.household;
  if (!MayReturn(h)) return WrongHouseholdStatus(h, {"标记返贫", "be marked returned to poverty"}, kNeeded);
  Household after = h;
  after.status = HouseholdStatus::kReturned;
  ctx.evidence["household"] = {{"status_before", TermOf(h.status).code},
                               {"status_after", TermOf(after.status).code},
                               {"version_before", h.version},
                               {"version_after", h.version + 1}};
  ctx.household_after = std::move(after);
  return Status::Ok();
}

constexpr StateDef kStates[] = {
    {"proposed", "已提出", "proposed"},
    {"democratic_reviewed", "已民主评议", "democratically reviewed"},
    {"town_reviewed", "乡镇已审核", "reviewed by the town"},
    {"county_approved", "县已审定", "approved by the county"},
    {"returned", "已标记返贫", "marked returned"},
};

constexpr StepDef kSteps[] = {
    {"democratic_review", "民主评议", "democratic review", "proposed", "democratic_reviewed", nullptr,
     nullptr, false, "评议", "review"},
    {"town_review", "乡镇审核", "town review", "democratic_reviewed", "town_reviewed"},
    {"county_approval", "县审定", "county approval", "town_reviewed", "county_approved", nullptr, nullptr,
     false, "县级审定"},
    {"mark_returned", "标记返贫", "mark returned", "county_approved", "returned", nullptr, MarkReturned,
     false, "返贫标注", "marked returned"},
};

const Definition kDefinition{
    ProcedureKind::kReturnToPoverty,
    SubjectType::kHousehold,
    {"propose", "返贫申请", "proposal", "", "proposed", nullptr, nullptr, false, "提出"},
    kSteps,
    kStates,
    "returned"};

}  // namespace

const Definition& ReturnToPovertyDefinition() {
  return kDefinition;
}

Result<Procedure> StartReturnToPoverty(const Env& env, std::string_view household_id,
                                       const StepInput& input) {
  FUPIN_ASSIGN_OR_RETURN(Household h, LoadHousehold(env.store, household_id));
  if (!MayReturn(h)) {
    return WrongHouseholdStatus(h, {"启动返贫程序", "start a return-to-poverty procedure"}, kNeeded);
  }
  // The household's verdict for the year shows which standards it no longer meets.
  const policy::HouseholdVerdict verdict = policy::EvaluateHousehold(env.policy, h, input.date.year());
  OpeningWrite write;
  write.evidence = {{"verdict", VerdictToJson(verdict)},
                    {"household_version", h.version},
                    {"per_capita_net_income", MoneyJson(h.PerCapitaNetIncome())}};
  return Open(env, kDefinition, h.id, input, write);
}

}  // namespace fupin::procedures
