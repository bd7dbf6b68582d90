// 贫困村退出 and 贫困县退出 Village and county exit: 申请 → 县级审核 (village) or 市级审核
// (county) → 省级审批 → 公告. The application carries the exit verdict as evidence.
#include <fmt/format.h>

#include "procedures/definition.hpp"

namespace fupin::procedures {
namespace {

constexpr StateDef kStates[] = {
    {"applied", "已申请", "applied"},
    {"reviewed", "已审核", "reviewed"},
    {"province_approved", "省已批准", "approved by the province"},
    {"announced", "已公告", "announced"},
};

constexpr StepDef kVillageSteps[] = {
    {"county_review", "县级审核", "county review", "applied", "reviewed", nullptr, nullptr, false, "审核",
     "review"},
    {"province_approval", "省级审批", "province approval", "reviewed", "province_approved", nullptr, nullptr,
     false, "省级批准"},
    {"announcement", "公告", "announcement", "province_approved", "announced"},
};

constexpr StepDef kCountySteps[] = {
    {"city_review", "市级审核", "city review", "applied", "reviewed", nullptr, nullptr, false, "审核",
     "review"},
    {"province_approval", "省级审批", "province approval", "reviewed", "province_approved", nullptr, nullptr,
     false, "省级批准"},
    {"announcement", "公告", "announcement", "province_approved", "announced"},
};

constexpr StepDef kApply{"apply", "申请", "application", "", "applied", nullptr, nullptr, false, "退出申请"};

const Definition kVillage{
    ProcedureKind::kVillageExit, SubjectType::kRegion, kApply, kVillageSteps, kStates, "announced"};
const Definition kCounty{
    ProcedureKind::kCountyExit, SubjectType::kRegion, kApply, kCountySteps, kStates, "announced"};

nlohmann::json RatioJson(const std::optional<policy::Ratio>& r) {
  if (!r) return nullptr;
  return {{"numerator", r->numerator}, {"denominator", r->denominator}};
}

Status CheckRegion(const Env& env, RegionCode code, RegionLevel level) {
  if (code.level() != level) {
    const Message want = RegionLevelName(level);
    return Status::Invalid("region", "procedure.region_level",
                           {fmt::format("{} 不是{}级代码", code.ToString(), want.zh),
                            fmt::format("{} is not a {} code", code.ToString(), want.en)});
  }
  FUPIN_ASSIGN_OR_RETURN(std::optional<store::Region> region, env.store.FindRegion(code));
  if (!region) {
    return Status::NotFound("region", {fmt::format("区划 {} 不在区划表中", code.ToString()),
                                       fmt::format("region {} is not in the region table", code.ToString())});
  }
  return Status::Ok();
}

Result<Procedure> StartAreaExit(const Env& env, const Definition& d, RegionCode region,
                                const policy::ExitVerdict& verdict, nlohmann::json facts,
                                const StepInput& input, std::string_view override_reason) {
  const std::string subject = region.ToString();
  OpeningWrite write;
  write.evidence = {{"verdict", VerdictToJson(verdict)}, {"facts", std::move(facts)}};
  if (!verdict.eligible_to_exit) {
    if (override_reason.empty()) return RefuseFailedVerdict(SubjectLabel(d.kind, subject), verdict);
    write.evidence["override_reason"] = override_reason;
  }
  return Open(env, d, subject, input, write);
}

}  // namespace

const Definition& VillageExitDefinition() {
  return kVillage;
}
const Definition& CountyExitDefinition() {
  return kCounty;
}

Result<Procedure> StartVillageExit(const Env& env, RegionCode village, const policy::VillageFacts& facts,
                                   const StepInput& input, std::string_view override_reason) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  FUPIN_RETURN_IF_ERROR(CheckRegion(env, village, RegionLevel::kVillage));
  const policy::VillageVerdict verdict =
      policy::EvaluateVillage(env.policy, village, facts, input.date.year());
  nlohmann::json facts_json = {{"poor_not_exited", facts.poor_not_exited},
                               {"rural_population", facts.rural_population},
                               {"checklist", facts.checklist}};
  return StartAreaExit(env, kVillage, village, verdict, std::move(facts_json), input, override_reason);
}

Result<Procedure> StartCountyExit(const Env& env, RegionCode county, const policy::CountyFacts& facts,
                                  const StepInput& input, std::string_view override_reason) {
  FUPIN_RETURN_IF_ERROR(CheckActorAndDate(env, input));
  FUPIN_RETURN_IF_ERROR(CheckRegion(env, county, RegionLevel::kCounty));
  const policy::CountyVerdict verdict = policy::EvaluateCounty(env.policy, county, facts, input.date.year());
  nlohmann::json facts_json = {{"poor_not_exited", facts.poor_not_exited},
                               {"rural_population", facts.rural_population},
                               {"missed_assessment", RatioJson(facts.missed_assessment)},
                               {"wrong_exit", RatioJson(facts.wrong_exit)},
                               {"recognition", RatioJson(facts.recognition)},
                               {"checklist", facts.checklist}};
  return StartAreaExit(env, kCounty, county, verdict, std::move(facts_json), input, override_reason);
}

}  // namespace fupin::procedures
