#include "meetings/cadence.hpp"

#include <fmt/format.h>

namespace fupin {
namespace {
constexpr Term kKinds[] = {
    {"daily", "每日例会", "daily meeting", "每日碰头会"},
    {"weekly_dispatch", "每周调度会", "weekly dispatch meeting", "调度会"},
    {"half_monthly_special", "半月专题会", "half-monthly special meeting", "专题会"},
    {"task_force_weekly", "专项工作组周例会", "task force weekly meeting", "工作组周例会"},
};
constexpr Term kStatuses[] = {
    {"scheduled", "待召开", "scheduled"},
    {"held", "已召开", "held"},
};
}  // namespace

template <>
std::span<const Term> TermsOf<meetings::MeetingKind>() {
  return kKinds;
}
template <>
std::span<const Term> TermsOf<meetings::MeetingStatus>() {
  return kStatuses;
}
}  // namespace fupin

namespace fupin::meetings {
namespace {

constexpr const char* kWeekdaysZh[] = {"", "一", "二", "三", "四", "五", "六", "日"};
constexpr const char* kWeekdaysEn[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                       "Thursday", "Friday", "Saturday", "Sunday"};

Date NextWorkingDay(Date day) {
  while (!IsWorkingDay(day)) day = day.AddDays(1);
  return day;
}

}  // namespace

bool IsWorkingDay(Date day) {
  return day.weekday() <= 5;
}

bool IsWeekly(MeetingKind kind) {
  return kind == MeetingKind::kWeeklyDispatch || kind == MeetingKind::kTaskForceWeekly;
}

std::vector<Date> Occurrences(MeetingKind kind, int weekday, Date from, Date to) {
  std::vector<Date> out;
  switch (kind) {
    case MeetingKind::kDaily:
      for (Date d = from; d <= to; d = d.AddDays(1)) {
        if (IsWorkingDay(d)) out.push_back(d);
      }
      break;
    case MeetingKind::kWeeklyDispatch:
    case MeetingKind::kTaskForceWeekly: {
      if (weekday < 1 || weekday > 7) break;
      Date d = from.AddDays((weekday - from.weekday() + 7) % 7);
      for (; d <= to; d = d.AddDays(7)) out.push_back(d);
      break;
    }
    case MeetingKind::kHalfMonthlySpecial: {
      // The months from `from`'s to `to`'s; a moved date may leave the range or meet the next one.
      for (Date month = Date::FromYmd(from.year(), from.month(), 1).value(); month <= to;
           month = month.AddDays(Date::DaysInMonth(month.year(), month.month()))) {
        for (int day : {1, 16}) {
          const Date d = NextWorkingDay(Date::FromYmd(month.year(), month.month(), day).value());
          if (d >= from && d <= to && (out.empty() || out.back() < d)) out.push_back(d);
        }
      }
      break;
    }
  }
  return out;
}

Message RuleText(MeetingKind kind, int weekday) {
  const int w = weekday >= 1 && weekday <= 7 ? weekday : 0;
  switch (kind) {
    case MeetingKind::kDaily:
      return {"每个工作日（周一至周五）", "every working day (Monday to Friday)"};
    case MeetingKind::kWeeklyDispatch:
    case MeetingKind::kTaskForceWeekly:
      return {fmt::format("每周{}", kWeekdaysZh[w]), fmt::format("every {}", kWeekdaysEn[w])};
    case MeetingKind::kHalfMonthlySpecial:
      return {"每月1日和16日（逢周末顺延至下一个工作日）",
              "the 1st and the 16th of each month (the next working day when on a weekend)"};
  }
  return {"", ""};
}

Result<std::vector<Date>> CheckCadenceRule(const Cadence& c) {
  const auto kind = ParseTerm<MeetingKind>(c.kind);
  if (!kind) {
    return Status::Invalid(
        "kind", "meeting.kind",
        {fmt::format("会议类型“{}”无效（应为 daily、weekly_dispatch、half_monthly_special 或 "
                     "task_force_weekly）",
                     c.kind),
         fmt::format("meeting kind \"{}\" is invalid (daily, weekly_dispatch, "
                     "half_monthly_special or task_force_weekly)",
                     c.kind)});
  }
  if (c.name.empty()) {
    return Status::Invalid("name", "meeting.name", {"会议周期须有名称", "a meeting cadence needs a name"});
  }
  auto from = Date::Parse(c.date_from);
  auto to = Date::Parse(c.date_to);
  if (!from.ok() || !to.ok() || *to < *from) {
    return Status::Invalid(
        "date_from", "meeting.dates",
        {fmt::format("会议周期“{}”的起止日期 {} 至 {} 无效", c.name, c.date_from, c.date_to),
         fmt::format("the dates {} to {} of meeting cadence \"{}\" are invalid", c.date_from, c.date_to,
                     c.name)});
  }
  if (IsWeekly(*kind) && (c.weekday < 1 || c.weekday > 5)) {
    return Status::Invalid(
        "weekday", "meeting.weekday",
        {fmt::format("会议周期“{}”须在周一至周五中选一天（1–5），实为 {}", c.name, c.weekday),
         fmt::format("meeting cadence \"{}\" needs a weekday from Monday to Friday (1–5); found {}", c.name,
                     c.weekday)});
  }
  return Occurrences(*kind, static_cast<int>(c.weekday), *from, *to);
}

}  // namespace fupin::meetings
