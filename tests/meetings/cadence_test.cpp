// The dated occurrences of each cadence rule.
#include "meetings/cadence.hpp"

#include <gtest/gtest.h>

namespace fupin::meetings {
namespace {

Date D(int y, int m, int d) {
  return Date::FromYmd(y, m, d).value();
}

TEST(CadenceTest, DailySkipsWeekends) {
  // 2020-08-01 is a Saturday; 08-03 a Monday.
  const auto dates = Occurrences(MeetingKind::kDaily, 0, D(2020, 8, 1), D(2020, 8, 16));
  ASSERT_EQ(dates.size(), 10u);
  EXPECT_EQ(dates.front(), D(2020, 8, 3));
  EXPECT_EQ(dates.back(), D(2020, 8, 14));
  for (Date d : dates) EXPECT_LE(d.weekday(), 5) << d.ToString();
  // The whole 100-day campaign: 14 full weeks plus Monday–Friday 11-02..11-06.
  EXPECT_EQ(Occurrences(MeetingKind::kDaily, 0, D(2020, 8, 1), D(2020, 11, 8)).size(), 70u);
}

TEST(CadenceTest, WeeklyOnItsWeekday) {
  const auto mondays = Occurrences(MeetingKind::kWeeklyDispatch, 1, D(2020, 8, 1), D(2020, 11, 8));
  ASSERT_EQ(mondays.size(), 14u);
  EXPECT_EQ(mondays.front(), D(2020, 8, 3));
  EXPECT_EQ(mondays.back(), D(2020, 11, 2));
  for (Date d : mondays) EXPECT_EQ(d.weekday(), 1);
  const auto fridays = Occurrences(MeetingKind::kTaskForceWeekly, 5, D(2020, 8, 7), D(2020, 8, 21));
  ASSERT_EQ(fridays.size(), 3u) << "both ends inclusive";
  EXPECT_EQ(fridays.front(), D(2020, 8, 7));
  EXPECT_EQ(fridays.back(), D(2020, 8, 21));
}

TEST(CadenceTest, HalfMonthlyMovesOffWeekends) {
  const auto dates = Occurrences(MeetingKind::kHalfMonthlySpecial, 0, D(2020, 8, 1), D(2020, 11, 8));
  // 08-01 Sat → 08-03 Mon; 08-16 Sun → 08-17 Mon; 09-01 Tue; 09-16 Wed; 10-01 Thu; 10-16 Fri;
  // 11-01 Sun → 11-02 Mon.
  const std::vector<Date> expected = {D(2020, 8, 3),  D(2020, 8, 17),  D(2020, 9, 1), D(2020, 9, 16),
                                      D(2020, 10, 1), D(2020, 10, 16), D(2020, 11, 2)};
  EXPECT_EQ(dates, expected);
  // A moved date that leaves the range is dropped: 08-01 (Saturday) moves to 08-03.
  EXPECT_TRUE(Occurrences(MeetingKind::kHalfMonthlySpecial, 0, D(2020, 8, 1), D(2020, 8, 2)).empty());
  EXPECT_EQ(Occurrences(MeetingKind::kHalfMonthlySpecial, 0, D(2020, 8, 2), D(2020, 8, 3)),
            std::vector<Date>{D(2020, 8, 3)});
}

TEST(CadenceTest, RuleTextAndChecks) {
  EXPECT_EQ(RuleText(MeetingKind::kWeeklyDispatch, 1).zh, "每周一");
  EXPECT_EQ(RuleText(MeetingKind::kTaskForceWeekly, 5).en, "every Friday");
  store::CadenceRow c;
  c.kind = "weekly";
  c.name = "调度会";
  c.date_from = "2020-08-01";
  c.date_to = "2020-08-31";
  EXPECT_EQ(CheckCadenceRule(c).status().rule(), "meeting.kind");
  c.kind = "weekly_dispatch";
  EXPECT_EQ(CheckCadenceRule(c).status().rule(), "meeting.weekday") << "weekday 0";
  c.weekday = 6;
  EXPECT_EQ(CheckCadenceRule(c).status().rule(), "meeting.weekday") << "no Saturday meetings";
  c.weekday = 1;
  c.date_to = "2020-07-31";
  EXPECT_EQ(CheckCadenceRule(c).status().rule(), "meeting.dates");
  c.date_to = "2020-08-31";
  c.name = "";
  EXPECT_EQ(CheckCadenceRule(c).status().rule(), "meeting.name");
  c.name = "调度会";
  auto dates = CheckCadenceRule(c);
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ(dates->size(), 5u);  // 08-03, 10, 17, 24, 31
}

}  // namespace
}  // namespace fupin::meetings
