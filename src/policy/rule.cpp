#include "policy/rule.hpp"

#include <vector>

#include "policy/rules/rules.hpp"

namespace fupin::policy {

std::span<const HouseholdRule* const> HouseholdRules() {
  static const std::vector<const HouseholdRule*> all = [] {
    std::vector<const HouseholdRule*> v = {&rules::IncomeAboveLine(), &rules::CompulsoryEducation(),
                                           &rules::BasicMedical()};
    for (const HouseholdRule* r : rules::Guarantees()) v.push_back(r);
    return v;
  }();
  return all;
}

const HouseholdRule* FindHouseholdRule(std::string_view id) {
  for (const HouseholdRule* r : HouseholdRules()) {
    if (r->id() == id) return r;
  }
  return nullptr;
}

std::span<const VillageRule* const> VillageRules() {
  static const VillageRule* const all[] = {&rules::VillageIncidence()};
  return all;
}

std::span<const CountyRule* const> CountyRules() {
  static const std::vector<const CountyRule*> all = [] {
    std::vector<const CountyRule*> v = {&rules::CountyIncidence()};
    for (const CountyRule* r : rules::CountySurveyRates()) v.push_back(r);
    return v;
  }();
  return all;
}

}  // namespace fupin::policy
