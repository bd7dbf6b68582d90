// household.income_above_line: per-capita net income must exceed the year's line.
#include <fmt/format.h>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

class IncomeAboveLineRule final : public HouseholdRule {
 public:
  IncomeAboveLineRule()
      : HouseholdRule(
            "household.income_above_line", {"收入超过扶贫标准", "income above the poverty line"},
            {"人均纯收入须超过当年国家扶贫标准", "per-capita net income must exceed the year's poverty line"},
            SinceRegistration()) {}

  CriterionResult Check(const HouseholdSubject& s) const override {
    const PovertyLine* line = s.policy.PovertyLineFor(s.year);
    if (line == nullptr) return Outcome(false, NoStandard({"扶贫标准", "poverty line"}, s.year));
    if (s.household.members.empty()) {
      return Outcome(
          false,
          {"没有家庭成员，无法计算人均纯收入", "no members recorded; per-capita income cannot be computed"},
          line->source);
    }
    const Money income = s.household.PerCapitaNetIncome();
    // "Stably above" the line: equal to it is not enough.
    const bool pass = income > line->per_person_year;
    const char* op = pass ? ">" : (income == line->per_person_year ? "=" : "<");
    const std::string income_text = income.ToDisplay();
    const std::string line_text = line->per_person_year.ToDisplay();
    return Outcome(
        pass,
        {fmt::format("人均纯收入 {} 元 {} {} 年标准 {} 元", income_text, op, s.year, line_text),
         fmt::format("per-capita net income {} {} {} line {}", income_text, op, s.year, line_text)},
        line->source);
  }
};

}  // namespace

const HouseholdRule& IncomeAboveLine() {
  static const IncomeAboveLineRule rule;
  return rule;
}

}  // namespace fupin::policy::rules
