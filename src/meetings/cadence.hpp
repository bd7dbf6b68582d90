// 会议 Meetings of the command system: the county HQ's daily meeting 每日例会, the weekly
// dispatch meeting 每周调度会 (also held per town war zone), the half-monthly special
// meeting 半月专题会 and the task force's weekly meeting 专项工作组周例会. A cadence 会议周期
// (store::CadenceRow) says which kind, where, from when to when and who is expected;
// its rule gives the dated occurrences:
//   daily                 every working day (Monday to Friday);
//   weekly_dispatch,
//   task_force_weekly     the cadence's weekday (1 = Monday … 5 = Friday) every week;
//   half_monthly_special  the 1st and the 16th of each month, or the next working day
//                         when that falls on a weekend.
// Working days are Monday to Friday; public holidays are not modelled (a meeting that
// is not held simply stays scheduled).
#pragma once

#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"
#include "core/vocabulary.hpp"
#include "store/store.hpp"

namespace fupin::meetings {

using Cadence = store::CadenceRow;
using Meeting = store::MeetingRow;

enum class MeetingKind : uint8_t { kDaily, kWeeklyDispatch, kHalfMonthlySpecial, kTaskForceWeekly };

/// scheduled 待召开 until recorded, then held 已召开.
enum class MeetingStatus : uint8_t { kScheduled, kHeld };

/// Monday to Friday.
bool IsWorkingDay(Date day);

/// True for the kinds whose rule names a weekday.
bool IsWeekly(MeetingKind kind);

/// The dates of a cadence of `kind` from `from` to `to` (inclusive), in order;
/// `weekday` (1–5) is used by the weekly kinds only.
std::vector<Date> Occurrences(MeetingKind kind, int weekday, Date from, Date to);

/// The rule as people read it, e.g. 每周一 / every Monday.
Message RuleText(MeetingKind kind, int weekday);

/// Checks a cadence: a known kind (meeting.kind), a name (meeting.name), dates in
/// order (meeting.dates), a weekday 1–5 for the weekly kinds (meeting.weekday), and
/// returns its occurrences.
Result<std::vector<Date>> CheckCadenceRule(const Cadence& cadence);

}  // namespace fupin::meetings

namespace fupin {
template <>
std::span<const Term> TermsOf<meetings::MeetingKind>();
template <>
std::span<const Term> TermsOf<meetings::MeetingStatus>();
}  // namespace fupin
