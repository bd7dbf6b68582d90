#include "policy/help_days.hpp"

#include <algorithm>

namespace fupin::policy {

const char* HelpDayKindCode(HelpDayKind kind) {
  switch (kind) {
    case HelpDayKind::kRegular:
      return "regular";
    case HelpDayKind::kExtra:
      return "extra";
    case HelpDayKind::kMoved:
      return "moved";
  }
  return "regular";
}

std::vector<HelpDay> HelpDays(const Policy& policy, int year) {
  std::vector<HelpDay> out;
  const Date first = Date::FromYmd(year, 1, 1).value();
  const Date last = Date::FromYmd(year, 12, 31).value();
  for (Date day = first; day <= last; day = day.AddDays(1)) {
    const HelpDayRule* rule = policy.HelpDayRuleAt(day);
    if (rule == nullptr || !rule->IsRegular(day)) continue;
    const bool moved = std::any_of(rule->moved.begin(), rule->moved.end(),
                                   [&](const HelpDayMove& m) { return m.date == day; });
    if (!moved) out.push_back({day, HelpDayKind::kRegular, std::nullopt, ""});
  }
  for (const HelpDayRule& rule : policy.help_days) {
    for (Date day : rule.extra) {
      if (day.year() == year) out.push_back({day, HelpDayKind::kExtra, std::nullopt, ""});
    }
    for (const HelpDayMove& m : rule.moved) {
      if (m.to.year() == year) out.push_back({m.to, HelpDayKind::kMoved, m.date, m.reason});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HelpDay& a, const HelpDay& b) { return a.date < b.date; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const HelpDay& a, const HelpDay& b) { return a.date == b.date; }),
            out.end());
  return out;
}

}  // namespace fupin::policy
