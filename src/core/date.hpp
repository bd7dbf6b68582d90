// Calendar dates and the reporting periods of the domain: day, 旬 (10-day period:
// 1–10, 11–20, 21–end of month), month, quarter, year. Proleptic Gregorian calendar.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace fupin {

class Date {
 public:
  /// 1970-01-01.
  constexpr Date() = default;

  /// Checks the calendar (month 1–12, day within the month, leap years).
  static Result<Date> FromYmd(int year, int month, int day);
  /// Parses "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD" or "YYYYMMDD"; with separators the
  /// month and day may have one digit ("2020/3/5").
  static Result<Date> Parse(std::string_view text);
  /// Days since 1970-01-01 (may be negative); any value is a valid date.
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  /// Today in China Standard Time (UTC+8), the domain's clock.
  static Date Today();

  static bool IsLeapYear(int year);
  static int DaysInMonth(int year, int month);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  /// ISO weekday: Monday = 1 … Sunday = 7.
  int weekday() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  /// Whole years from `birth` to this date (age on this date).
  int YearsSince(Date birth) const;

  /// "YYYY-MM-DD".
  std::string ToString() const;

  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

enum class PeriodKind : uint8_t { kDay, kXun, kMonth, kQuarter, kYear };

/// A closed range of dates of one kind, e.g. 2020年3月中旬 = 2020-03-11..2020-03-20.
class Period {
 public:
  /// The period of `kind` that contains `date`.
  static Period Containing(PeriodKind kind, Date date);

  PeriodKind kind() const { return kind_; }
  Date first() const { return first_; }
  Date last() const { return last_; }
  bool Contains(Date d) const { return first_ <= d && d <= last_; }
  Period Next() const { return Containing(kind_, last_.AddDays(1)); }
  Period Previous() const { return Containing(kind_, first_.AddDays(-1)); }

  /// Stable key: "2020-03-11", "2020-03-x2" (旬 1–3), "2020-03", "2020-Q1", "2020".
  std::string Key() const;
  /// Label for people: "2020年3月中旬" / "2020-03 mid (11–20)".
  Message Label() const;

  bool operator==(const Period&) const = default;

 private:
  Period(PeriodKind kind, Date first, Date last) : kind_(kind), first_(first), last_(last) {}
  PeriodKind kind_;
  Date first_;
  Date last_;
};

}  // namespace fupin
