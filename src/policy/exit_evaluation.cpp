#include "policy/exit_evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fupin::policy {
namespace {

CriterionResult NoStandardFor(RegionCode region, int year) {
  const std::string code = region.ToString();
  return {kNoStandardRuleId,
          {"适用的退出标准", "applicable exit standard"},
          false,
          {fmt::format("政策文件没有适用于 {} 的 {} 年退出标准", code, year),
           fmt::format("the policy has no exit standard for {} in {}", code, year)},
          {}};
}

void Conclude(ExitVerdict& verdict) {
  verdict.eligible_to_exit =
      !verdict.criteria.empty() && std::all_of(verdict.criteria.begin(), verdict.criteria.end(),
                                               [](const CriterionResult& c) { return c.pass; });
}

template <typename Subject>
void ApplyRules(std::span<const Rule<Subject>* const> all, const Subject& subject, ExitVerdict& verdict) {
  const Date day = YearDate(subject.year);
  for (const Rule<Subject>* rule : all) {
    if (rule->effective().Contains(day)) verdict.criteria.push_back(rule->Check(subject));
  }
}

void ApplyChecklist(const Policy& policy, const std::vector<std::string>& item_ids,
                    const std::map<std::string, bool, std::less<>>& values, int year, ExitVerdict& verdict) {
  for (const std::string& id : item_ids) {
    // An item outside its effective range is simply not part of that year's list.
    if (const ChecklistItem* item = policy.ChecklistItemFor(id, year)) {
      verdict.criteria.push_back(CheckChecklistItem(*item, values));
    }
  }
}

// Village and county share everything but the facts and the profile's checklist.
template <typename Subject, typename Facts>
ExitVerdict EvaluateArea(const Policy& policy, RegionCode region, const Facts& facts, int year,
                         std::span<const Rule<Subject>* const> all,
                         const std::vector<std::string> Profile::*checklist) {
  ExitVerdict verdict;
  verdict.year = year;
  const Profile* profile = policy.ProfileFor(region, year);
  const RegionClass* region_class = policy.RegionClassFor(region, year);
  if (profile == nullptr || region_class == nullptr) {
    verdict.criteria.push_back(NoStandardFor(region, year));
    return verdict;
  }
  verdict.profile = profile->id;
  verdict.region_class = region_class->id;
  ApplyRules(all, Subject{policy, region, facts, year, *region_class}, verdict);
  ApplyChecklist(policy, profile->*checklist, facts.checklist, year, verdict);
  Conclude(verdict);
  return verdict;
}

}  // namespace

HouseholdVerdict EvaluateHousehold(const Policy& policy, const registry::Household& household, int year) {
  HouseholdVerdict verdict;
  verdict.year = year;
  if (const RegionClass* c = policy.RegionClassFor(household.village, year)) verdict.region_class = c->id;
  const Profile* profile = policy.ProfileFor(household.village, year);
  if (profile == nullptr) {
    verdict.criteria.push_back(NoStandardFor(household.village, year));
    return verdict;
  }
  verdict.profile = profile->id;
  const HouseholdSubject subject{policy, household, year};
  const Date day = YearDate(year);
  verdict.criteria.reserve(profile->household_rules.size());
  for (const std::string& id : profile->household_rules) {
    // LoadPolicy refuses unknown rule ids, so the lookup succeeds.
    const HouseholdRule* rule = FindHouseholdRule(id);
    if (rule != nullptr && rule->effective().Contains(day)) verdict.criteria.push_back(rule->Check(subject));
  }
  Conclude(verdict);
  return verdict;
}

Result<bool> IncomeBelowLine(const Policy& policy, const registry::Household& household, int year) {
  const PovertyLine* line = policy.PovertyLineFor(year);
  if (line == nullptr) {
    return Status::NotFound("year", {fmt::format("政策文件未配置 {} 年的扶贫标准", year),
                                     fmt::format("the policy has no poverty line for {}", year)});
  }
  return household.PerCapitaNetIncome() < line->per_person_year;
}

VillageVerdict EvaluateVillage(const Policy& policy, RegionCode village, const VillageFacts& facts,
                               int year) {
  return EvaluateArea<VillageSubject>(policy, village, facts, year, VillageRules(),
                                      &Profile::village_checklist);
}

CountyVerdict EvaluateCounty(const Policy& policy, RegionCode county, const CountyFacts& facts, int year) {
  return EvaluateArea<CountySubject>(policy, county, facts, year, CountyRules(), &Profile::county_checklist);
}

}  // namespace fupin::policy
