#include "core/date.hpp"

#include <fmt/format.h>

#include <chrono>

namespace fupin {
namespace {

// Howard Hinnant's civil-from-days / days-from-civil algorithms (public domain math).
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  int m;
  int d;
};

Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

bool ParseDigits(std::string_view s, int* out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status BadDate(std::string_view text) {
  return Status::Invalid("date", "date.format",
                         {fmt::format("日期“{}”无效，应为 YYYY-MM-DD", text),
                          fmt::format("date \"{}\" is invalid; expected YYYY-MM-DD", text)});
}

}  // namespace

bool Date::IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return Status::Invalid("date", "date.calendar",
                           {fmt::format("日期 {:04d}-{:02d}-{:02d} 不存在", year, month, day),
                            fmt::format("date {:04d}-{:02d}-{:02d} does not exist", year, month, day)});
  }
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::Parse(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int y = 0, m = 0, d = 0;
  // What files mostly carry, "YYYY-MM-DD", is read directly (same result as below).
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && ParseDigits(text.substr(0, 4), &y) &&
      ParseDigits(text.substr(5, 2), &m) && ParseDigits(text.substr(8, 2), &d)) {
    return FromYmd(y, m, d);
  }
  // "YYYYMMDD" has a digit where the other forms have their first separator; "2020-3-5"
  // is 8 characters long too.
  if (text.size() == 8 && text[4] >= '0' && text[4] <= '9') {
    if (!ParseDigits(text.substr(0, 4), &y) || !ParseDigits(text.substr(4, 2), &m) ||
        !ParseDigits(text.substr(6, 2), &d)) {
      return BadDate(text);
    }
  } else {
    // YYYY<sep>M[M]<sep>D[D] with one separator kind.
    if (text.size() < 8 || text.size() > 10) return BadDate(text);
    const char sep = text[4];
    if (sep != '-' && sep != '/' && sep != '.') return BadDate(text);
    const size_t second = text.find(sep, 5);
    if (second == std::string_view::npos) return BadDate(text);
    if (!ParseDigits(text.substr(0, 4), &y) || !ParseDigits(text.substr(5, second - 5), &m) ||
        !ParseDigits(text.substr(second + 1), &d) || second - 5 > 2 || text.size() - second - 1 > 2) {
      return BadDate(text);
    }
  }
  return FromYmd(y, m, d);
}

Date Date::Today() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(8);
  return Date(static_cast<int32_t>(duration_cast<std::chrono::days>(now.time_since_epoch()).count()));
}

int Date::year() const {
  return CivilFromDays(days_).y;
}
int Date::month() const {
  return CivilFromDays(days_).m;
}
int Date::day() const {
  return CivilFromDays(days_).d;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int w = static_cast<int>(((static_cast<int64_t>(days_) % 7) + 7 + 3) % 7);
  return w + 1;
}

int Date::YearsSince(Date birth) const {
  const Ymd now = CivilFromDays(days_);
  const Ymd b = CivilFromDays(birth.days_);
  int years = now.y - b.y;
  if (now.m < b.m || (now.m == b.m && now.d < b.d)) --years;
  return years;
}

std::string Date::ToString() const {
  const Ymd v = CivilFromDays(days_);
  return fmt::format("{:04d}-{:02d}-{:02d}", v.y, v.m, v.d);
}

Period Period::Containing(PeriodKind kind, Date date) {
  const int y = date.year();
  const int m = date.month();
  const int d = date.day();
  auto ymd = [](int yy, int mm, int dd) { return Date::FromYmd(yy, mm, dd).value(); };
  switch (kind) {
    case PeriodKind::kDay:
      return Period(kind, date, date);
    case PeriodKind::kXun: {
      if (d <= 10) return Period(kind, ymd(y, m, 1), ymd(y, m, 10));
      if (d <= 20) return Period(kind, ymd(y, m, 11), ymd(y, m, 20));
      return Period(kind, ymd(y, m, 21), ymd(y, m, Date::DaysInMonth(y, m)));
    }
    case PeriodKind::kMonth:
      return Period(kind, ymd(y, m, 1), ymd(y, m, Date::DaysInMonth(y, m)));
    case PeriodKind::kQuarter: {
      const int first_month = (m - 1) / 3 * 3 + 1;
      return Period(kind, ymd(y, first_month, 1),
                    ymd(y, first_month + 2, Date::DaysInMonth(y, first_month + 2)));
    }
    case PeriodKind::kYear:
      return Period(kind, ymd(y, 1, 1), ymd(y, 12, 31));
  }
  return Period(kind, date, date);
}

std::string Period::Key() const {
  const int y = first_.year();
  const int m = first_.month();
  switch (kind_) {
    case PeriodKind::kDay:
      return first_.ToString();
    case PeriodKind::kXun:
      return fmt::format("{:04d}-{:02d}-x{}", y, m, (first_.day() - 1) / 10 + 1);
    case PeriodKind::kMonth:
      return fmt::format("{:04d}-{:02d}", y, m);
    case PeriodKind::kQuarter:
      return fmt::format("{:04d}-Q{}", y, (m - 1) / 3 + 1);
    case PeriodKind::kYear:
      return fmt::format("{:04d}", y);
  }
  return "";
}

Message Period::Label() const {
  const int y = first_.year();
  const int m = first_.month();
  switch (kind_) {
    case PeriodKind::kDay:
      return {fmt::format("{}年{}月{}日", y, m, first_.day()), first_.ToString()};
    case PeriodKind::kXun: {
      static constexpr const char* kZh[] = {"上旬", "中旬", "下旬"};
      static constexpr const char* kEn[] = {"early (1–10)", "mid (11–20)", "late (21–end)"};
      const int i = (first_.day() - 1) / 10;
      return {fmt::format("{}年{}月{}", y, m, kZh[i]), fmt::format("{:04d}-{:02d} {}", y, m, kEn[i])};
    }
    case PeriodKind::kMonth:
      return {fmt::format("{}年{}月", y, m), fmt::format("{:04d}-{:02d}", y, m)};
    case PeriodKind::kQuarter: {
      const int q = (m - 1) / 3 + 1;
      return {fmt::format("{}年第{}季度", y, q), fmt::format("{} Q{}", y, q)};
    }
    case PeriodKind::kYear:
      return {fmt::format("{}年", y), fmt::format("{}", y)};
  }
  return {"", ""};
}

}  // namespace fupin
