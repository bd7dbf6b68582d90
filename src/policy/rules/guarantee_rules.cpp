// The guarantees that are read straight from the household record: 不愁吃, 不愁穿,
// 住房安全有保障, 饮水安全有保障, and Sichuan's 有生活用电, 有广播电视. One small
// table of rule objects that differ only in the field they read.
#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

using registry::Guarantees;
using registry::YesNo;

class GuaranteeRule final : public HouseholdRule {
 public:
  GuaranteeRule(std::string id, Message name, Message explanation, YesNo Guarantees::*field)
      : HouseholdRule(std::move(id), std::move(name), std::move(explanation), SinceRegistration()),
        field_(field) {}

  CriterionResult Check(const HouseholdSubject& s) const override {
    switch (s.household.guarantees.*field_) {
      case YesNo::kYes:
        return Outcome(true, {"填报为“是”", "recorded as yes"});
      case YesNo::kNo:
        return Outcome(false, {"填报为“否”", "recorded as no"});
      case YesNo::kUnknown:
        break;
    }
    return Outcome(false, NotRecorded());
  }

 private:
  YesNo Guarantees::*field_;
};

}  // namespace

std::span<const HouseholdRule* const> Guarantees() {
  static const GuaranteeRule food("household.food", {"不愁吃", "no worry about food"},
                                  {"家庭成员吃得饱", "the household has enough to eat"}, &Guarantees::food);
  static const GuaranteeRule clothing("household.clothing", {"不愁穿", "no worry about clothing"},
                                      {"四季有换季衣服和御寒被褥", "clothing and bedding for every season"},
                                      &Guarantees::clothing);
  static const GuaranteeRule housing("household.safe_housing", {"住房安全有保障", "safe housing guaranteed"},
                                     {"住房经鉴定安全", "the dwelling is assessed as safe"},
                                     &Guarantees::housing);
  static const GuaranteeRule water(
      "household.safe_water", {"饮水安全有保障", "safe drinking water guaranteed"},
      {"饮水量、水质、取水方便程度达标", "enough, clean and reachable drinking water"}, &Guarantees::water);
  static const GuaranteeRule electricity("household.electricity", {"有生活用电", "has household electricity"},
                                         {"通生活用电", "connected to household electricity"},
                                         &Guarantees::electricity);
  static const GuaranteeRule radio_tv("household.radio_tv", {"有广播电视", "has radio and television"},
                                      {"能收听收看广播电视", "can receive radio and television"},
                                      &Guarantees::radio_tv);
  static const HouseholdRule* const kAll[] = {&food, &clothing, &housing, &water, &electricity, &radio_tv};
  return kAll;
}

}  // namespace fupin::policy::rules
