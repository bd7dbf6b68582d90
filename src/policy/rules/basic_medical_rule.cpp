// household.basic_medical: every member insured and the guarantee recorded as yes.
// A member recorded as uninsured fails the household; an unrecorded member's
// insurance is left to the household guarantee.
#include <fmt/format.h>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

using registry::Person;
using registry::YesNo;

class BasicMedicalRule final : public HouseholdRule {
 public:
  BasicMedicalRule()
      : HouseholdRule("household.basic_medical", {"基本医疗有保障", "basic medical care guaranteed"},
                      {"家庭成员均参加基本医疗保险，看病有保障",
                       "every member has basic medical insurance and access to care"},
                      SinceRegistration()) {}

  CriterionResult Check(const HouseholdSubject& s) const override {
    std::string names_zh;
    std::string names_en;
    for (const Person& p : s.household.members) {
      if (p.medical_insurance != YesNo::kNo) continue;
      if (!names_zh.empty()) {
        names_zh += "、";
        names_en += ", ";
      }
      names_zh += p.name;
      names_en += p.name;
    }
    if (!names_zh.empty()) {
      return Outcome(false, {fmt::format("{}未参加基本医疗保险", names_zh),
                             fmt::format("no basic medical insurance: {}", names_en)});
    }
    switch (s.household.guarantees.medical) {
      case YesNo::kYes:
        return Outcome(true, {"填报为“是”", "recorded as yes"});
      case YesNo::kNo:
        return Outcome(false, {"填报为“否”", "recorded as no"});
      case YesNo::kUnknown:
        break;
    }
    return Outcome(false, NotRecorded());
  }
};

}  // namespace

const HouseholdRule& BasicMedical() {
  static const BasicMedicalRule rule;
  return rule;
}

}  // namespace fupin::policy::rules
