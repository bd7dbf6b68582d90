// Help days 脱贫帮扶日: the Monday of the month's first and third week (days 1–7 and
// 15–21), two per month while the rule is in force, with extra and moved dates.
#include "policy/help_days.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "policy/policy_file.hpp"

namespace fupin::policy {
namespace {

// Every date a Monday in the first or third week of its month; per month, exactly
// one in each of those weeks.
void ExpectRule(const std::vector<HelpDay>& days, int first_month) {
  std::map<int, std::vector<int>> weeks;
  for (const HelpDay& d : days) {
    EXPECT_EQ(d.kind, HelpDayKind::kRegular);
    EXPECT_EQ(d.date.weekday(), 1) << d.date.ToString();
    const int week = (d.date.day() - 1) / 7 + 1;
    EXPECT_TRUE(week == 1 || week == 3) << d.date.ToString();
    weeks[d.date.month()].push_back(week);
  }
  for (int m = 1; m <= 12; ++m) {
    if (m < first_month) {
      EXPECT_FALSE(weeks.contains(m)) << "month " << m << " is before the rule";
    } else {
      EXPECT_EQ(weeks[m], (std::vector<int>{1, 3})) << "month " << m;
    }
  }
}

TEST(HelpDaysTest, DefaultRule2020StartsInMarch) {
  const auto days = HelpDays(DefaultPolicy(), 2020);
  ASSERT_EQ(days.size(), 20u);
  ExpectRule(days, 3);
  EXPECT_EQ(days.front().date.ToString(), "2020-03-02");
  EXPECT_EQ(days.back().date.ToString(), "2020-12-21");
}

TEST(HelpDaysTest, DefaultRule2021HasTwoPerMonth) {
  const auto days = HelpDays(DefaultPolicy(), 2021);
  ASSERT_EQ(days.size(), 24u);
  ExpectRule(days, 1);
  EXPECT_EQ(days[0].date.ToString(), "2021-01-04");
  EXPECT_EQ(days[1].date.ToString(), "2021-01-18");
  // A month starting on a Monday: its first Monday is the 1st (2021-02-01), the
  // third the 15th.
  EXPECT_EQ(days[2].date.ToString(), "2021-02-01");
  EXPECT_EQ(days[3].date.ToString(), "2021-02-15");
}

TEST(HelpDaysTest, ExtraAndMovedDatesAreApplied) {
  std::string text(DefaultPolicyText());
  const std::string rule = "weeks_of_month = [1, 3]\n";
  const auto at = text.find(rule);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + rule.size(),
              "extra = [2020-06-29]\n"
              "moved = [{ date = 2020-10-05, to = 2020-10-09, reason = \"国庆假期\" }]\n");
  auto policy = LoadPolicy(text, "test.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  const auto days = HelpDays(*policy, 2020);
  ASSERT_EQ(days.size(), 21u);
  std::map<std::string, HelpDay> by_date;
  for (const auto& d : days) by_date[d.date.ToString()] = d;
  EXPECT_EQ(by_date["2020-06-29"].kind, HelpDayKind::kExtra);
  EXPECT_FALSE(by_date.contains("2020-10-05")) << "moved away";
  ASSERT_TRUE(by_date.contains("2020-10-09"));
  EXPECT_EQ(by_date["2020-10-09"].kind, HelpDayKind::kMoved);
  EXPECT_EQ(by_date["2020-10-09"].moved_from->ToString(), "2020-10-05");
  EXPECT_EQ(by_date["2020-10-09"].reason, "国庆假期");
  EXPECT_TRUE(policy->IsHelpDay(Date::FromYmd(2020, 10, 9).value()));
  EXPECT_FALSE(policy->IsHelpDay(Date::FromYmd(2020, 10, 5).value()));
  EXPECT_TRUE(policy->IsHelpDay(Date::FromYmd(2020, 6, 29).value()));
  for (size_t i = 1; i < days.size(); ++i) EXPECT_LT(days[i - 1].date, days[i].date);
}

TEST(HelpDaysTest, BadChangesAreRefusedWithLineAndRule) {
  std::string text(DefaultPolicyText());
  const std::string rule = "weeks_of_month = [1, 3]\n";
  const auto at = text.find(rule) + rule.size();
  std::string not_regular = text;
  not_regular.insert(at, "moved = [{ date = 2020-10-06, to = 2020-10-09 }]\n");
  auto a = LoadPolicy(not_regular, "test.toml");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().rule(), "policy.format");
  EXPECT_NE(a.status().message().en.find("not a regular help day"), std::string::npos);
  std::string outside = text;
  outside.insert(at, "extra = [2019-06-24]\n");
  auto b = LoadPolicy(outside, "test.toml");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().rule(), "policy.range");
  EXPECT_EQ(b.status().field(), "help_day[0].extra");
}

TEST(LoadRuleTest, DefaultIsFivePerCadreWithCountyLeadersExempt) {
  const ResponsibilityLoad* rule = DefaultPolicy().ResponsibilityLoadAt(Date::FromYmd(2020, 6, 1).value());
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->max_households_per_cadre, 5);
  EXPECT_EQ(rule->exempt_levels, std::vector<std::string>{"county_leader"});
  std::string text(DefaultPolicyText());
  const auto at = text.find("exempt_levels = [\"county_leader\"]");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("exempt_levels = [\"county_leader\"]").size(), "exempt_levels = [\"mayor\"]");
  EXPECT_EQ(LoadPolicy(text, "t.toml").status().rule(), "policy.format");
}

}  // namespace
}  // namespace fupin::policy
