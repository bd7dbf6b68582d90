// household.compulsory_education: no member of compulsory-school age out of school,
// and the guarantee recorded as yes. The members are the evidence, so a child out of
// school fails the household even when the guarantee was ticked.
#include <fmt/format.h>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

using registry::Person;
using registry::Schooling;
using registry::YesNo;

class CompulsoryEducationRule final : public HouseholdRule {
 public:
  CompulsoryEducationRule()
      : HouseholdRule(
            "household.compulsory_education", {"义务教育有保障", "compulsory education guaranteed"},
            {"义务教育适龄家庭成员无失学辍学", "no member of compulsory-school age is out of school"},
            SinceRegistration()) {}

  CriterionResult Check(const HouseholdSubject& s) const override {
    const SchoolAge* age_rule = s.policy.SchoolAgeFor(s.year);
    if (age_rule == nullptr)
      return Outcome(false, NoStandard({"义务教育适龄范围", "compulsory-school age"}, s.year));
    // The file validates month and day against a non-leap year, so this date exists.
    const Date age_day = Date::FromYmd(s.year, age_rule->age_on_month, age_rule->age_on_day).value();

    Message out_of_school;
    int school_age_members = 0;
    for (const Person& p : s.household.members) {
      const int age = age_day.YearsSince(p.birth_date);
      if (age < age_rule->min_age || age > age_rule->max_age) continue;
      ++school_age_members;
      if (p.schooling != Schooling::kNotInSchool && p.schooling != Schooling::kDroppedOut) continue;
      const bool dropped = p.schooling == Schooling::kDroppedOut;
      Append(out_of_school,
             {fmt::format("{} {} 岁{}", p.name, age, dropped ? "辍学" : "未在校"),
              fmt::format("{}, aged {}, {}", p.name, age, dropped ? "dropped out" : "not in school")});
    }
    if (!out_of_school.zh.empty()) return Outcome(false, std::move(out_of_school), age_rule->source);

    switch (s.household.guarantees.education) {
      case YesNo::kNo:
        return Outcome(false, {"填报为“否”", "recorded as no"});
      case YesNo::kUnknown:
        return Outcome(false, NotRecorded());
      case YesNo::kYes:
        break;
    }
    if (school_age_members == 0) {
      return Outcome(true, {"无义务教育适龄家庭成员", "no member of compulsory-school age"},
                     age_rule->source);
    }
    return Outcome(true,
                   {fmt::format("{} 名义务教育适龄家庭成员均在校", school_age_members),
                    fmt::format("all {} members of compulsory-school age are in school", school_age_members)},
                   age_rule->source);
  }

 private:
  static void Append(Message& into, const Message& part) {
    if (!into.zh.empty()) {
      into.zh += "；";
      into.en += "; ";
    }
    into.zh += part.zh;
    into.en += part.en;
  }
};

}  // namespace

const HouseholdRule& CompulsoryEducation() {
  static const CompulsoryEducationRule rule;
  return rule;
}

}  // namespace fupin::policy::rules
