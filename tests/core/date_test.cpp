#include "core/date.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace fupin {
namespace {

using ::testing::HasSubstr;

Date Ymd(int y, int m, int d) {
  Result<Date> r = Date::FromYmd(y, m, d);
  EXPECT_TRUE(r.ok()) << y << "-" << m << "-" << d << ": " << r.status().ToString(Lang::kEn);
  return r.ok() ? *r : Date();
}

Date Parsed(std::string_view text) {
  Result<Date> r = Date::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString(Lang::kEn);
  return r.ok() ? *r : Date();
}

Status Rejection(std::string_view text) {
  Result<Date> r = Date::Parse(text);
  EXPECT_FALSE(r.ok()) << "\"" << text << "\" was accepted as " << (r.ok() ? r->ToString() : "");
  return r.status();
}

Period Of(PeriodKind kind, int y, int m, int d) {
  return Period::Containing(kind, Ymd(y, m, d));
}

// --- Calendar -----------------------------------------------------------------------

TEST(DateTest, EpochAndDayCounts) {
  EXPECT_EQ(Date().ToString(), "1970-01-01");
  EXPECT_EQ(Date().days(), 0);
  EXPECT_EQ(Ymd(1970, 1, 2).days(), 1);
  EXPECT_EQ(Ymd(1969, 12, 31).days(), -1);
  EXPECT_EQ(Ymd(2000, 1, 1).days(), 10957);
  EXPECT_EQ(Ymd(2020, 5, 4).days(), 18386);
  EXPECT_EQ(Date::FromDays(18386), Ymd(2020, 5, 4));
  EXPECT_EQ(Date::FromDays(-25567).ToString(), "1900-01-01");
}

TEST(DateTest, FieldsRoundTrip) {
  const Date d = Ymd(1949, 12, 31);
  EXPECT_EQ(d.year(), 1949);
  EXPECT_EQ(d.month(), 12);
  EXPECT_EQ(d.day(), 31);
  EXPECT_EQ(d.ToString(), "1949-12-31");
  // Every day of four years (a leap year included) converts back to itself.
  for (Date x = Ymd(1999, 1, 1); x <= Ymd(2002, 12, 31); x = x.AddDays(1)) {
    EXPECT_EQ(Ymd(x.year(), x.month(), x.day()), x) << x.ToString();
  }
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(Date::IsLeapYear(2000));
  EXPECT_TRUE(Date::IsLeapYear(2020));
  EXPECT_TRUE(Date::IsLeapYear(2024));
  EXPECT_FALSE(Date::IsLeapYear(1900));
  EXPECT_FALSE(Date::IsLeapYear(2100));
  EXPECT_FALSE(Date::IsLeapYear(2019));
  EXPECT_EQ(Date::DaysInMonth(2020, 2), 29);
  EXPECT_EQ(Date::DaysInMonth(2019, 2), 28);
  EXPECT_EQ(Date::DaysInMonth(1900, 2), 28);
  EXPECT_EQ(Date::DaysInMonth(2000, 2), 29);
  EXPECT_EQ(Date::DaysInMonth(2021, 1), 31);
  EXPECT_EQ(Date::DaysInMonth(2021, 4), 30);
  EXPECT_EQ(Date::DaysInMonth(2021, 12), 31);
}

TEST(DateTest, FromYmdRejectsDaysThatDoNotExist) {
  struct Case {
    int y, m, d;
  };
  const Case cases[] = {{2019, 2, 29}, {1900, 2, 29}, {2020, 2, 30}, {2021, 4, 31},
                        {2021, 13, 1}, {2021, 0, 1},  {2021, 1, 0},  {2021, 1, 32},
                        {2021, -1, 1}, {0, 1, 1},     {10000, 1, 1}};
  for (const Case& c : cases) {
    Result<Date> r = Date::FromYmd(c.y, c.m, c.d);
    EXPECT_FALSE(r.ok()) << c.y << "-" << c.m << "-" << c.d;
    EXPECT_EQ(r.status().rule(), "date.calendar");
    EXPECT_EQ(r.status().field(), "date");
  }
  EXPECT_THAT(Date::FromYmd(2021, 2, 30).status().message().en, HasSubstr("2021-02-30"));
  EXPECT_TRUE(Date::FromYmd(2020, 2, 29).ok());
  EXPECT_TRUE(Date::FromYmd(2000, 2, 29).ok());
  EXPECT_TRUE(Date::FromYmd(1, 1, 1).ok());
  EXPECT_TRUE(Date::FromYmd(9999, 12, 31).ok());
}

TEST(DateTest, Weekday) {
  EXPECT_EQ(Ymd(2020, 5, 4).weekday(), 1);  // Monday
  EXPECT_EQ(Ymd(1970, 1, 1).weekday(), 4);  // Thursday
  EXPECT_EQ(Ymd(1969, 12, 31).weekday(), 3);
  EXPECT_EQ(Ymd(1969, 12, 28).weekday(), 7);  // Sunday
  EXPECT_EQ(Ymd(1949, 10, 1).weekday(), 6);   // Saturday
  EXPECT_EQ(Ymd(2000, 1, 1).weekday(), 6);
  EXPECT_EQ(Ymd(2021, 2, 25).weekday(), 4);
  EXPECT_EQ(Ymd(2024, 6, 16).weekday(), 7);
  // Seven consecutive days cover 1..7 once each.
  for (int i = 0; i < 7; ++i) EXPECT_EQ(Ymd(2020, 5, 4).AddDays(i).weekday(), i + 1);
  for (int i = 1; i <= 7; ++i) EXPECT_EQ(Ymd(1900, 1, 1).AddDays(i - 1).weekday(), i);  // 1900-01-01 Monday
}

TEST(DateTest, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(Ymd(2020, 2, 28).AddDays(1), Ymd(2020, 2, 29));
  EXPECT_EQ(Ymd(2019, 2, 28).AddDays(1), Ymd(2019, 3, 1));
  EXPECT_EQ(Ymd(2020, 12, 31).AddDays(1), Ymd(2021, 1, 1));
  EXPECT_EQ(Ymd(2021, 1, 1).AddDays(-1), Ymd(2020, 12, 31));
  EXPECT_EQ(Ymd(2020, 1, 1).AddDays(366), Ymd(2021, 1, 1));
}

TEST(DateTest, YearsSinceCountsWholeYears) {
  const Date birth = Ymd(1980, 6, 15);
  EXPECT_EQ(Ymd(2020, 6, 14).YearsSince(birth), 39);
  EXPECT_EQ(Ymd(2020, 6, 15).YearsSince(birth), 40);
  EXPECT_EQ(Ymd(2020, 6, 16).YearsSince(birth), 40);
  EXPECT_EQ(Ymd(2020, 5, 31).YearsSince(birth), 39);
  EXPECT_EQ(Ymd(2020, 7, 1).YearsSince(birth), 40);
  EXPECT_EQ(Ymd(2020, 12, 31).YearsSince(birth), 40);
  EXPECT_EQ(Ymd(2021, 1, 1).YearsSince(birth), 40);
  EXPECT_EQ(birth.YearsSince(birth), 0);
  EXPECT_EQ(Ymd(1981, 6, 14).YearsSince(birth), 0);
  EXPECT_EQ(Ymd(1981, 6, 15).YearsSince(birth), 1);
  // Born on a leap day: a full year only once 1 March (or 29 February) arrives.
  const Date leap = Ymd(2000, 2, 29);
  EXPECT_EQ(Ymd(2001, 2, 28).YearsSince(leap), 0);
  EXPECT_EQ(Ymd(2001, 3, 1).YearsSince(leap), 1);
  EXPECT_EQ(Ymd(2004, 2, 29).YearsSince(leap), 4);
}

// --- Parsing ------------------------------------------------------------------------

TEST(DateParseTest, AcceptedForms) {
  const Date expected = Ymd(2020, 3, 5);
  EXPECT_EQ(Parsed("2020-03-05"), expected);
  EXPECT_EQ(Parsed("2020/03/05"), expected);
  EXPECT_EQ(Parsed("2020.03.05"), expected);
  EXPECT_EQ(Parsed("20200305"), expected);
  EXPECT_EQ(Parsed("2020/3/5"), expected);
  EXPECT_EQ(Parsed("2020-3-5"), expected);
  EXPECT_EQ(Parsed("2020.3.5"), expected);
  EXPECT_EQ(Parsed("2020-3-05"), expected);
  EXPECT_EQ(Parsed("2020-03-5"), expected);
  EXPECT_EQ(Parsed("  2020-03-05 "), expected);
  EXPECT_EQ(Parsed("2020/12/31"), Ymd(2020, 12, 31));
  EXPECT_EQ(Parsed("2020/2/29"), Ymd(2020, 2, 29));
}

TEST(DateParseTest, RejectsDaysThatDoNotExist) {
  const Status s = Rejection("2020-13-01");
  EXPECT_EQ(s.field(), "date");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.rule(), "date.calendar");
  EXPECT_EQ(Rejection("2019-02-29").rule(), "date.calendar");
  EXPECT_EQ(Rejection("20190229").rule(), "date.calendar");
  EXPECT_EQ(Rejection("2021/4/31").rule(), "date.calendar");
  EXPECT_EQ(Rejection("2021-00-10").rule(), "date.calendar");
  EXPECT_EQ(Rejection("2021-01-00").rule(), "date.calendar");
}

TEST(DateParseTest, RejectsMalformedText) {
  for (const char* text :
       {"2020-3",     "2020-03",      "2020",       "",           "   ",        "2020-03-05-", "2020-03/05",
        "2020/03-05", "2020--305",    "2020-003-5", "2020-3-005", "20-03-05",   "202003051",   "2020030",
        "2020_03_05", "2020年3月5日", "abcdefgh",   "2020-0a-05", "2020-03-0x", "2020 03 05",  "-2020-03-05",
        "2020-+3-05"}) {
    const Status s = Rejection(text);
    EXPECT_EQ(s.field(), "date") << text;
    EXPECT_EQ(s.rule(), "date.format") << text;
  }
  EXPECT_THAT(Rejection("2020-3").message().en, HasSubstr("\"2020-3\""));
}

TEST(DateParseTest, ToStringParsesBack) {
  for (Date d : {Ymd(1900, 1, 1), Ymd(1949, 10, 1), Ymd(2020, 2, 29), Ymd(9999, 12, 31)}) {
    EXPECT_EQ(Parsed(d.ToString()), d);
  }
}

TEST(DateTest, TodayIsPlausible) {
  const Date today = Date::Today();
  EXPECT_GE(today, Ymd(2024, 1, 1));
  EXPECT_LE(today, Ymd(2200, 1, 1));
}

// --- Periods: 旬 --------------------------------------------------------------------

TEST(PeriodXunTest, ThreeXunInA31DayMonth) {
  const Period early = Of(PeriodKind::kXun, 2020, 3, 1);
  EXPECT_EQ(early.first(), Ymd(2020, 3, 1));
  EXPECT_EQ(early.last(), Ymd(2020, 3, 10));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 10), early);

  const Period mid = Of(PeriodKind::kXun, 2020, 3, 11);
  EXPECT_EQ(mid.first(), Ymd(2020, 3, 11));
  EXPECT_EQ(mid.last(), Ymd(2020, 3, 20));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 20), mid);

  const Period late = Of(PeriodKind::kXun, 2020, 3, 21);
  EXPECT_EQ(late.first(), Ymd(2020, 3, 21));
  EXPECT_EQ(late.last(), Ymd(2020, 3, 31));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 31), late);
  EXPECT_EQ(late.kind(), PeriodKind::kXun);
}

TEST(PeriodXunTest, LateXunEndsAtTheEndOfTheMonth) {
  // February in a leap year: 21–29.
  const Period leap = Of(PeriodKind::kXun, 2020, 2, 25);
  EXPECT_EQ(leap.first(), Ymd(2020, 2, 21));
  EXPECT_EQ(leap.last(), Ymd(2020, 2, 29));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 2, 29), leap);
  // February in a common year: 21–28.
  const Period common = Of(PeriodKind::kXun, 2021, 2, 21);
  EXPECT_EQ(common.first(), Ymd(2021, 2, 21));
  EXPECT_EQ(common.last(), Ymd(2021, 2, 28));
  // 1900 is a common year, 2000 a leap year.
  EXPECT_EQ(Of(PeriodKind::kXun, 1900, 2, 28).last(), Ymd(1900, 2, 28));
  EXPECT_EQ(Of(PeriodKind::kXun, 2000, 2, 28).last(), Ymd(2000, 2, 29));
  // 30- and 31-day months.
  EXPECT_EQ(Of(PeriodKind::kXun, 2021, 4, 30).last(), Ymd(2021, 4, 30));
  EXPECT_EQ(Of(PeriodKind::kXun, 2021, 12, 31).last(), Ymd(2021, 12, 31));
  EXPECT_EQ(Of(PeriodKind::kXun, 2021, 1, 21).last(), Ymd(2021, 1, 31));
}

TEST(PeriodXunTest, ContainsItsDaysOnly) {
  const Period mid = Of(PeriodKind::kXun, 2020, 3, 15);
  EXPECT_TRUE(mid.Contains(Ymd(2020, 3, 11)));
  EXPECT_TRUE(mid.Contains(Ymd(2020, 3, 20)));
  EXPECT_FALSE(mid.Contains(Ymd(2020, 3, 10)));
  EXPECT_FALSE(mid.Contains(Ymd(2020, 3, 21)));
  EXPECT_FALSE(mid.Contains(Ymd(2021, 3, 15)));
}

TEST(PeriodXunTest, NextAndPreviousCrossMonthAndYearEnds) {
  const Period late_feb = Of(PeriodKind::kXun, 2020, 2, 21);
  EXPECT_EQ(late_feb.Next(), Of(PeriodKind::kXun, 2020, 3, 1));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 1).Previous(), late_feb);
  EXPECT_EQ(late_feb.Previous(), Of(PeriodKind::kXun, 2020, 2, 11));

  const Period late_dec = Of(PeriodKind::kXun, 2020, 12, 31);
  EXPECT_EQ(late_dec.Next().first(), Ymd(2021, 1, 1));
  EXPECT_EQ(late_dec.Next().last(), Ymd(2021, 1, 10));
  EXPECT_EQ(late_dec.Next().Previous(), late_dec);

  // 36 旬 make a year.
  Period p = Of(PeriodKind::kXun, 2021, 1, 1);
  for (int i = 0; i < 36; ++i) p = p.Next();
  EXPECT_EQ(p.first(), Ymd(2022, 1, 1));
}

TEST(PeriodXunTest, KeyAndLabel) {
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 5).Key(), "2020-03-x1");
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 15).Key(), "2020-03-x2");
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 31).Key(), "2020-03-x3");
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 5).Label(), (Message{"2020年3月上旬", "2020-03 early (1–10)"}));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 3, 15).Label(), (Message{"2020年3月中旬", "2020-03 mid (11–20)"}));
  EXPECT_EQ(Of(PeriodKind::kXun, 2020, 11, 30).Label(), (Message{"2020年11月下旬", "2020-11 late (21–end)"}));
}

// --- Periods: day, month, quarter, year ------------------------------------------------

TEST(PeriodDayTest, Day) {
  const Period d = Of(PeriodKind::kDay, 2020, 3, 5);
  EXPECT_EQ(d.kind(), PeriodKind::kDay);
  EXPECT_EQ(d.first(), Ymd(2020, 3, 5));
  EXPECT_EQ(d.last(), Ymd(2020, 3, 5));
  EXPECT_EQ(d.Key(), "2020-03-05");
  EXPECT_EQ(d.Label(), (Message{"2020年3月5日", "2020-03-05"}));
  EXPECT_EQ(Of(PeriodKind::kDay, 2020, 12, 31).Next(), Of(PeriodKind::kDay, 2021, 1, 1));
  EXPECT_EQ(Of(PeriodKind::kDay, 2020, 3, 1).Previous(), Of(PeriodKind::kDay, 2020, 2, 29));
}

TEST(PeriodMonthTest, Month) {
  const Period feb = Of(PeriodKind::kMonth, 2020, 2, 14);
  EXPECT_EQ(feb.first(), Ymd(2020, 2, 1));
  EXPECT_EQ(feb.last(), Ymd(2020, 2, 29));
  EXPECT_EQ(Of(PeriodKind::kMonth, 2021, 2, 14).last(), Ymd(2021, 2, 28));
  EXPECT_EQ(feb.Key(), "2020-02");
  EXPECT_EQ(feb.Label(), (Message{"2020年2月", "2020-02"}));
  EXPECT_EQ(Of(PeriodKind::kMonth, 2020, 12, 1).Next(), Of(PeriodKind::kMonth, 2021, 1, 31));
  EXPECT_EQ(Of(PeriodKind::kMonth, 2021, 1, 1).Previous(), Of(PeriodKind::kMonth, 2020, 12, 31));
  EXPECT_EQ(feb.Next().last(), Ymd(2020, 3, 31));
  EXPECT_EQ(Of(PeriodKind::kMonth, 2020, 3, 31).Previous(), feb);
}

TEST(PeriodQuarterTest, Quarters) {
  const Period q1 = Of(PeriodKind::kQuarter, 2020, 2, 29);
  EXPECT_EQ(q1.first(), Ymd(2020, 1, 1));
  EXPECT_EQ(q1.last(), Ymd(2020, 3, 31));
  EXPECT_EQ(q1.Key(), "2020-Q1");
  EXPECT_EQ(q1.Label(), (Message{"2020年第1季度", "2020 Q1"}));

  const Period q2 = Of(PeriodKind::kQuarter, 2020, 4, 1);
  EXPECT_EQ(q2.first(), Ymd(2020, 4, 1));
  EXPECT_EQ(q2.last(), Ymd(2020, 6, 30));
  EXPECT_EQ(q2.Key(), "2020-Q2");
  EXPECT_EQ(Of(PeriodKind::kQuarter, 2020, 3, 31), q1);

  const Period q3 = Of(PeriodKind::kQuarter, 2020, 9, 30);
  EXPECT_EQ(q3.first(), Ymd(2020, 7, 1));
  EXPECT_EQ(q3.last(), Ymd(2020, 9, 30));
  EXPECT_EQ(q3.Key(), "2020-Q3");

  const Period q4 = Of(PeriodKind::kQuarter, 2020, 10, 1);
  EXPECT_EQ(q4.first(), Ymd(2020, 10, 1));
  EXPECT_EQ(q4.last(), Ymd(2020, 12, 31));
  EXPECT_EQ(q4.Key(), "2020-Q4");
  EXPECT_EQ(q4.Label(), (Message{"2020年第4季度", "2020 Q4"}));

  EXPECT_EQ(q1.Next(), q2);
  EXPECT_EQ(q4.Next(), Of(PeriodKind::kQuarter, 2021, 1, 1));
  EXPECT_EQ(q4.Next().Key(), "2021-Q1");
  EXPECT_EQ(q1.Previous(), Of(PeriodKind::kQuarter, 2019, 12, 31));
  EXPECT_EQ(q1.Previous().Key(), "2019-Q4");
}

TEST(PeriodYearTest, Year) {
  const Period y = Of(PeriodKind::kYear, 2020, 7, 1);
  EXPECT_EQ(y.first(), Ymd(2020, 1, 1));
  EXPECT_EQ(y.last(), Ymd(2020, 12, 31));
  EXPECT_EQ(y.Key(), "2020");
  EXPECT_EQ(y.Label(), (Message{"2020年", "2020"}));
  EXPECT_TRUE(y.Contains(Ymd(2020, 1, 1)));
  EXPECT_TRUE(y.Contains(Ymd(2020, 12, 31)));
  EXPECT_FALSE(y.Contains(Ymd(2021, 1, 1)));
  EXPECT_EQ(y.Next(), Of(PeriodKind::kYear, 2021, 1, 1));
  EXPECT_EQ(y.Previous(), Of(PeriodKind::kYear, 2019, 6, 1));
  EXPECT_EQ(y.Previous().Key(), "2019");
}

TEST(PeriodTest, EveryKindContainsItsDateAndTilesTime) {
  // For every kind, walking Next from a period leaves no gap and no overlap.
  for (PeriodKind kind :
       {PeriodKind::kDay, PeriodKind::kXun, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    Period p = Period::Containing(kind, Ymd(2019, 12, 25));
    for (int i = 0; i < 50; ++i) {
      const Period n = p.Next();
      EXPECT_EQ(n.first(), p.last().AddDays(1)) << p.Key();
      EXPECT_LE(n.first(), n.last()) << n.Key();
      EXPECT_EQ(n.Previous(), p) << n.Key();
      EXPECT_EQ(Period::Containing(kind, n.last()), n) << n.Key();
      EXPECT_NE(n.Key(), p.Key());
      p = n;
    }
  }
}

}  // namespace
}  // namespace fupin
