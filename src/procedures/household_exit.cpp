// 贫困户退出 Household exit: 村提名 → 民主评议 → 农户认可 → 村内公示 → 乡镇审核 →
// 县审定 → 公告 → 标记脱贫.
#include <fmt/format.h>

#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

using registry::Household;
using registry::HouseholdStatus;

bool MayExit(HouseholdStatus s) {
  return s == HouseholdStatus::kPoor || s == HouseholdStatus::kReturned;
}

const Message kExitWhat{"启动退出程序", "start an exit procedure"};
const Message kExitNeeded{"「未脱贫」或「返贫」", "'in poverty' or 'returned to poverty'"};

// The household is written as exited in the same transaction as the step. Its status
// is checked again: the registry may have changed since the exit was proposed.
Status MarkExited(StepContext& ctx) {
  const Household& h = *ctx.household;
  if (!MayExit(h.status)) {
    return WrongHouseholdStatus(h, {"标记脱贫", "be marked exited"}, kExitNeeded);
  }
  const int year = ctx.input.date.year();
  if (h.registration_year != 0 && year < h.registration_year) {
    return Status::FailedPrecondition(
        "date", "procedure.exit_before_registration",
        {fmt::format("户 {} 的识别年度为 {}，脱贫年度 {} 不能早于它", h.id, h.registration_year, year),
         fmt::format("household {} was registered in {}; it cannot exit in {}", h.id, h.registration_year,
                     year)});
  }
  Household after = h;
  after.status = HouseholdStatus::kExited;
  after.exit_year = year;
  ctx.evidence["household"] = {{"status_before", TermOf(h.status).code},
                               {"status_after", TermOf(after.status).code},
                               {"exit_year", year},
                               {"version_before", h.version},
                               {"version_after", h.version + 1}};
  ctx.household_after = std::move(after);
  return Status::Ok();
}

constexpr StateDef kStates[] = {
    {"proposed", "已提名", "proposed"},
    {"democratic_reviewed", "已民主评议", "democratically reviewed"},
    {"household_confirmed", "农户已认可", "confirmed by the household"},
    {"in_public_notice", "公示中", "in public notice"},
    {"town_reviewed", "乡镇已审核", "reviewed by the town"},
    {"county_approved", "县已审定", "approved by the county"},
    {"announced", "已公告", "announced"},
    {"exited", "已标记脱贫", "marked exited"},
};

constexpr StepDef kSteps[] = {
    {"democratic_review", "民主评议", "democratic review", "proposed", "democratic_reviewed"},
    {"household_confirm", "农户认可", "household confirms", "democratic_reviewed", "household_confirmed",
     nullptr, nullptr, false, "农户确认", "household confirmation"},
    {"public_notice", "村内公示", "public notice", "household_confirmed", "in_public_notice", nullptr,
     nullptr, false, "公示"},
    {"town_review", "乡镇审核", "town review", "in_public_notice", "town_reviewed", NoticePeriodOver},
    {"county_approval", "县审定", "county approval", "town_reviewed", "county_approved", nullptr, nullptr,
     false, "县级审定"},
    {"announcement", "公告", "announcement", "county_approved", "announced"},
    {"mark_exited", "标记脱贫", "mark exited", "announced", "exited", nullptr, MarkExited, false, "脱贫销号",
     "marked exited"},
};

const Definition kDefinition{
    ProcedureKind::kHouseholdExit,
    SubjectType::kHousehold,
    {"propose", "村提名", "village proposal", "", "proposed", nullptr, nullptr, false, "提名", "proposal"},
    kSteps,
    kStates,
    "exited"};

std::string FailingCriteria(const policy::ExitVerdict& verdict, Lang lang) {
  std::string out;
  for (const policy::CriterionResult& c : verdict.criteria) {
    if (c.pass) continue;
    if (!out.empty()) out += lang == Lang::kZh ? "；" : "; ";
    out += lang == Lang::kZh ? fmt::format("{}（{}）", c.name.zh, c.reason.zh)
                             : fmt::format("{} ({})", c.name.en, c.reason.en);
  }
  return out;
}

}  // namespace

const Definition& HouseholdExitDefinition() {
  return kDefinition;
}

Status RefuseFailedVerdict(const Message& subject, const policy::ExitVerdict& verdict) {
  return Status::FailedPrecondition(
      "verdict", "procedure.verdict_failed",
      {fmt::format("{} 不符合 {} 年退出标准：{}。如确需启动，须用 --override-reason 写明理由", subject.zh,
                   verdict.year, FailingCriteria(verdict, Lang::kZh)),
       fmt::format("{} does not meet the {} exit standard: {}. To start anyway, give the reason with "
                   "--override-reason",
                   subject.en, verdict.year, FailingCriteria(verdict, Lang::kEn))});
}

Result<Procedure> StartHouseholdExit(const Env& env, std::string_view household_id, const StepInput& input,
                                     std::string_view override_reason) {
  FUPIN_ASSIGN_OR_RETURN(Household h, LoadHousehold(env.store, household_id));
  if (!MayExit(h.status)) return WrongHouseholdStatus(h, kExitWhat, kExitNeeded);
  const policy::HouseholdVerdict verdict = policy::EvaluateHousehold(env.policy, h, input.date.year());
  OpeningWrite write;
  write.evidence = {{"verdict", VerdictToJson(verdict)},
                    {"household_version", h.version},
                    {"per_capita_net_income", MoneyJson(h.PerCapitaNetIncome())}};
  if (!verdict.eligible_to_exit) {
    if (override_reason.empty()) {
      return RefuseFailedVerdict(SubjectLabel(ProcedureKind::kHouseholdExit, h.id), verdict);
    }
    write.evidence["override_reason"] = override_reason;
  }
  return Open(env, kDefinition, h.id, input, write);
}

}  // namespace fupin::procedures
