// 工作清单 Work lists (清单制): a task 任务 issued by the county HQ to a unit or a town,
// for a period (year, quarter, month), with a deadline, the assignee's commitment
// 承诺, progress updates with evidence, and completion. An open task escalates as its
// deadline comes and goes: due soon, overdue, overdue by more than a week.
//
// This header holds the vocabulary and the pure rules (period labels, escalation);
// work_list.hpp reads and writes tasks through the store.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "core/status.hpp"
#include "core/vocabulary.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace fupin::worklist {

/// A task as stored (store::TaskRow): codes are those of the enums below.
using Task = store::TaskRow;

/// Who a task is issued to: a unit 单位 (UnitRow id) or a town 乡镇 (12-digit code).
enum class AssigneeType : uint8_t { kUnit, kTown };

/// The period a task belongs to: 年度, 季度, 月度 work list.
enum class TaskPeriodKind : uint8_t { kYear, kQuarter, kMonth };

enum class TaskStatus : uint8_t { kOpen, kDone };

/// Where a task stands on a day (see Escalation).
enum class EscalationLevel : uint8_t { kNone, kDueSoon, kOverdue, kOverdueWeek, kDone };

/// The period of `kind` named by `label`: "2020" (year), "2020-Q3" (quarter),
/// "2020-09" (month). Refused (rule task.period) when the label does not name a
/// period of that kind.
Result<Period> ParseTaskPeriod(TaskPeriodKind kind, std::string_view label);

/// The label of the period of `kind` containing `day`, e.g. "2020-Q4".
std::string TaskPeriodLabel(TaskPeriodKind kind, Date day);

/// The escalation of `task` on `day` under `rule` (policy [[work_lists]]), T its deadline:
///   done → kDone, whatever the dates;
///   day > T + rule.escalate_after_days → kOverdueWeek;
///   day > T → kOverdue;
///   T − day ≤ rule.due_soon_days → kDueSoon (T itself included);
///   else kNone.
/// Without a rule in force (`rule` null) an open task is only ever kOverdue or kNone.
/// A task whose deadline is not a date (never the case for stored tasks) is kNone.
EscalationLevel Escalation(const Task& task, Date day, const policy::WorkListRule* rule);

/// Days from `day` to the task's deadline: 0 on it, negative once it has passed.
int DaysToDeadline(const Task& task, Date day);

/// Most urgent first: overdue by more than a week, overdue, due soon, none, done.
int UrgencyRank(EscalationLevel level);

}  // namespace fupin::worklist

namespace fupin {
template <>
std::span<const Term> TermsOf<worklist::AssigneeType>();
template <>
std::span<const Term> TermsOf<worklist::TaskPeriodKind>();
template <>
std::span<const Term> TermsOf<worklist::TaskStatus>();
template <>
std::span<const Term> TermsOf<worklist::EscalationLevel>();
}  // namespace fupin
