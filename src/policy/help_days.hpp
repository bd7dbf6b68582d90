// 脱贫帮扶日: the help days of a year under the policy's [[help_day]] entries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "policy/policy.hpp"

namespace fupin::policy {

enum class HelpDayKind { kRegular, kExtra, kMoved };

/// "regular", "extra" or "moved".
const char* HelpDayKindCode(HelpDayKind kind);

struct HelpDay {
  Date date;
  HelpDayKind kind = HelpDayKind::kRegular;
  std::optional<Date> moved_from;  // for kMoved: the regular day it replaces
  std::string reason;              // for kMoved
};

/// Every help day of `year`, ascending, each date once: the regular days of the rule
/// in force on each day (HelpDayRule::IsRegular) that were not moved away, the extra
/// dates, and the dates regular days were moved to. Empty when no rule is in force.
std::vector<HelpDay> HelpDays(const Policy& policy, int year);

}  // namespace fupin::policy
