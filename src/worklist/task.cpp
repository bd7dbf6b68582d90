#include "worklist/task.hpp"

#include <fmt/format.h>

namespace fupin {
namespace {
constexpr Term kAssigneeTypes[] = {
    {"unit", "单位", "unit"},
    {"town", "乡镇", "town", "镇(街)", "镇"},
};
constexpr Term kPeriodKinds[] = {
    {"year", "年度", "year", "年"},
    {"quarter", "季度", "quarter", "季"},
    {"month", "月度", "month", "月"},
};
constexpr Term kStatuses[] = {
    {"open", "未完成", "open", "进行中"},
    {"done", "已完成", "done", "已销号"},
};
constexpr Term kEscalations[] = {
    {"none", "正常推进", "on schedule"}, {"due_soon", "即将到期", "due soon"},
    {"overdue", "已逾期", "overdue"},    {"overdue_week", "逾期超过一周", "overdue by more than a week"},
    {"done", "已完成", "done"},
};
}  // namespace

template <>
std::span<const Term> TermsOf<worklist::AssigneeType>() {
  return kAssigneeTypes;
}
template <>
std::span<const Term> TermsOf<worklist::TaskPeriodKind>() {
  return kPeriodKinds;
}
template <>
std::span<const Term> TermsOf<worklist::TaskStatus>() {
  return kStatuses;
}
template <>
std::span<const Term> TermsOf<worklist::EscalationLevel>() {
  return kEscalations;
}
}  // namespace fupin

namespace fupin::worklist {
namespace {

PeriodKind CoreKind(TaskPeriodKind kind) {
  switch (kind) {
    case TaskPeriodKind::kYear:
      return PeriodKind::kYear;
    case TaskPeriodKind::kQuarter:
      return PeriodKind::kQuarter;
    case TaskPeriodKind::kMonth:
      return PeriodKind::kMonth;
  }
  return PeriodKind::kYear;
}

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

Result<Period> ParseTaskPeriod(TaskPeriodKind kind, std::string_view label) {
  const Term& term = TermOf(kind);
  const auto refuse = [&] {
    static constexpr const char* kExamples[] = {"2020", "2020-Q3", "2020-09"};
    const char* example = kExamples[static_cast<size_t>(kind)];
    return Status::Invalid(
        "period", "task.period",
        {fmt::format("期间“{}”不是有效的{}期间（应如 {}）", label, term.zh, example),
         fmt::format("period \"{}\" is not a valid {} period (expected e.g. {})", label, term.en, example)});
  };
  if (label.size() < 4 || !Digits(label.substr(0, 4))) return refuse();
  const int year = Number(label.substr(0, 4));
  if (year < 1900) return refuse();
  std::string_view rest = label.substr(4);
  int month = 1;
  switch (kind) {
    case TaskPeriodKind::kYear:
      if (!rest.empty()) return refuse();
      break;
    case TaskPeriodKind::kQuarter:
      if (rest.size() != 3 || rest[0] != '-' || (rest[1] != 'Q' && rest[1] != 'q') || rest[2] < '1' ||
          rest[2] > '4') {
        return refuse();
      }
      month = (rest[2] - '1') * 3 + 1;
      break;
    case TaskPeriodKind::kMonth:
      if (rest.size() != 3 || rest[0] != '-' || !Digits(rest.substr(1))) return refuse();
      month = Number(rest.substr(1));
      if (month < 1 || month > 12) return refuse();
      break;
  }
  FUPIN_ASSIGN_OR_RETURN(Date first, Date::FromYmd(year, month, 1));
  return Period::Containing(CoreKind(kind), first);
}

std::string TaskPeriodLabel(TaskPeriodKind kind, Date day) {
  return Period::Containing(CoreKind(kind), day).Key();
}

EscalationLevel Escalation(const Task& task, Date day, const policy::WorkListRule* rule) {
  if (task.status == TermOf(TaskStatus::kDone).code) return EscalationLevel::kDone;
  auto deadline = Date::Parse(task.deadline);
  if (!deadline.ok()) return EscalationLevel::kNone;
  const int after = day.days() - deadline->days();  // days past the deadline
  if (rule != nullptr && after > rule->escalate_after_days) return EscalationLevel::kOverdueWeek;
  if (after > 0) return EscalationLevel::kOverdue;
  if (rule != nullptr && -after <= rule->due_soon_days) return EscalationLevel::kDueSoon;
  return EscalationLevel::kNone;
}

int DaysToDeadline(const Task& task, Date day) {
  auto deadline = Date::Parse(task.deadline);
  return deadline.ok() ? deadline->days() - day.days() : 0;
}

int UrgencyRank(EscalationLevel level) {
  switch (level) {
    case EscalationLevel::kOverdueWeek:
      return 0;
    case EscalationLevel::kOverdue:
      return 1;
    case EscalationLevel::kDueSoon:
      return 2;
    case EscalationLevel::kNone:
      return 3;
    case EscalationLevel::kDone:
      return 4;
  }
  return 4;
}

}  // namespace fupin::worklist
