// village.incidence and county.incidence: poor persons not exited ÷ rural registered
// population, below the threshold of the region's class. The check is the same at
// both levels; only the standard it reads differs.
#include <fmt/format.h>

#include <type_traits>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

template <typename Subject>
class IncidenceRule final : public Rule<Subject> {
 public:
  using Standard =
      std::conditional_t<std::is_same_v<Subject, VillageSubject>, VillageExitStandard, CountyExitStandard>;

  IncidenceRule(std::string id, const Standard* (Policy::*standard_for)(int) const)
      : Rule<Subject>(
            std::move(id), {"贫困发生率低于标准", "poverty incidence below the threshold"},
            {"未脱贫贫困人口 ÷ 农村户籍人口须低于所在地区的标准",
             "poor persons not exited ÷ rural registered population must be below the region's threshold"},
            SinceRegistration()),
        standard_for_(standard_for) {}

  CriterionResult Check(const Subject& s) const override {
    const Standard* standard = (s.policy.*standard_for_)(s.year);
    if (standard == nullptr) return this->Outcome(false, NoStandard({"退出标准", "exit standard"}, s.year));
    const auto threshold = standard->incidence_below.find(s.region_class.id);
    if (threshold == standard->incidence_below.end()) {
      return this->Outcome(false,
                           NoStandard({s.region_class.name.zh + "贫困发生率标准",
                                       "poverty incidence threshold for the " + s.region_class.name.en},
                                      s.year));
    }
    const Percent limit = threshold->second;
    if (s.facts.poor_not_exited < 0 || s.facts.rural_population < 0) {
      return this->Outcome(false, {"人数不能为负数", "counts cannot be negative"}, standard->source);
    }
    if (s.facts.rural_population == 0) {
      return this->Outcome(false,
                           {"农村户籍人口为 0，无法计算贫困发生率",
                            "rural registered population is 0; incidence cannot be computed"},
                           standard->source);
    }
    const Ratio incidence{s.facts.poor_not_exited, s.facts.rural_population};
    const bool pass = incidence.Below(limit);
    const char* op = pass ? "<" : "≥";
    const std::string rate = incidence.ToPercentStringBeside(limit);
    return this->Outcome(
        pass,
        {fmt::format("贫困发生率 {}（未脱贫 {} 人 ÷ 农村户籍人口 {} 人）{} {}标准 {}", rate,
                     incidence.numerator, incidence.denominator, op, s.region_class.name.zh,
                     limit.ToString()),
         fmt::format("poverty incidence {} ({} poor not exited ÷ {} rural registered) {} {} threshold {}",
                     rate, incidence.numerator, incidence.denominator, op, s.region_class.name.en,
                     limit.ToString())},
        standard->source);
  }

 private:
  const Standard* (Policy::*standard_for_)(int) const;
};

}  // namespace

const VillageRule& VillageIncidence() {
  static const IncidenceRule<VillageSubject> rule("village.incidence", &Policy::VillageExitFor);
  return rule;
}

const CountyRule& CountyIncidence() {
  static const IncidenceRule<CountySubject> rule("county.incidence", &Policy::CountyExitFor);
  return rule;
}

}  // namespace fupin::policy::rules
