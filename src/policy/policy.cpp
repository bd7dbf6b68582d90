#include "policy/policy.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fupin::policy {
namespace {

template <typename E>
const E* InForce(const std::vector<E>& entries, Date day) {
  for (const E& e : entries) {
    if (e.range.Contains(day)) return &e;
  }
  return nullptr;
}

}  // namespace

Date YearDate(int year) {
  // Date covers years 1–9999; clamping keeps a nonsense year from being a crash.
  return Date::FromYmd(std::clamp(year, 1, 9999), 12, 31).value();
}

bool DateRange::Overlaps(const DateRange& other) const {
  const bool this_ends_before = to && *to < other.from;
  const bool other_ends_before = other.to && *other.to < from;
  return !this_ends_before && !other_ends_before;
}

Message DateRange::ToText() const {
  if (!to) return {fmt::format("{} 起", from.ToString()), fmt::format("from {}", from.ToString())};
  return {fmt::format("{} 至 {}", from.ToString(), to->ToString()),
          fmt::format("{} to {}", from.ToString(), to->ToString())};
}

const PovertyLine* Policy::PovertyLineFor(int year) const {
  return InForce(poverty_lines, YearDate(year));
}

const Profile* Policy::ProfileFor(RegionCode region, int year) const {
  const Date day = YearDate(year);
  const std::string code = region.ToString();
  const RegionProfile* best = nullptr;
  for (const RegionProfile& m : region_profiles) {
    if (!m.range.Contains(day) || code.compare(0, m.prefix.size(), m.prefix) != 0) continue;
    if (best == nullptr || m.prefix.size() > best->prefix.size()) best = &m;
  }
  if (best == nullptr) return nullptr;
  for (const Profile& p : profiles) {
    if (p.id == best->profile && p.range.Contains(day)) return &p;
  }
  return nullptr;
}

const RegionClass* Policy::RegionClassFor(RegionCode region, int year) const {
  const Date day = YearDate(year);
  const std::string province = region.ToString().substr(0, 2);
  const RegionClass* fallback = nullptr;
  for (const RegionClass& c : region_classes) {
    if (!c.range.Contains(day)) continue;
    if (std::find(c.provinces.begin(), c.provinces.end(), province) != c.provinces.end()) return &c;
    if (c.is_default) fallback = &c;
  }
  return fallback;
}

const ChecklistItem* Policy::ChecklistItemFor(std::string_view id, int year) const {
  const Date day = YearDate(year);
  for (const ChecklistItem& item : checklist_items) {
    if (item.id == id && item.range.Contains(day)) return &item;
  }
  return nullptr;
}

const VillageExitStandard* Policy::VillageExitFor(int year) const {
  return InForce(village_exit, YearDate(year));
}
const CountyExitStandard* Policy::CountyExitFor(int year) const {
  return InForce(county_exit, YearDate(year));
}
const SchoolAge* Policy::SchoolAgeFor(int year) const {
  return InForce(school_age, YearDate(year));
}
const MonitoringThreshold* Policy::MonitoringThresholdFor(int year) const {
  return InForce(monitoring_thresholds, YearDate(year));
}
const RiskElimination* Policy::RiskEliminationAt(Date day) const {
  return InForce(risk_elimination, day);
}
const CollectiveEconomyClasses* Policy::CollectiveEconomyFor(int year) const {
  return InForce(collective_economy, YearDate(year));
}
const HelpDayRule* Policy::HelpDayRuleAt(Date day) const {
  return InForce(help_days, day);
}
const PublicNotice* Policy::PublicNoticeAt(Date day) const {
  return InForce(public_notice, day);
}

const ResponsibilityLoad* Policy::ResponsibilityLoadAt(Date day) const {
  return InForce(responsibility_load, day);
}

const WorkListRule* Policy::WorkListRuleAt(Date day) const {
  return InForce(work_lists, day);
}

bool HelpDayRule::IsRegular(Date day) const {
  if (!range.Contains(day) || day.weekday() != weekday) return false;
  const int nth = (day.day() - 1) / 7 + 1;
  return std::find(weeks_of_month.begin(), weeks_of_month.end(), nth) != weeks_of_month.end();
}

const CollectiveEconomyClass* Policy::ClassifyCollectiveIncome(Money income, int year) const {
  const CollectiveEconomyClasses* classes = CollectiveEconomyFor(year);
  if (classes == nullptr) return nullptr;
  for (const CollectiveEconomyClass& c : classes->classes) {
    if (!c.below || income < *c.below) return &c;
  }
  return nullptr;
}

bool Policy::IsHelpDay(Date day) const {
  for (const HelpDayRule& rule : help_days) {
    if (std::find(rule.extra.begin(), rule.extra.end(), day) != rule.extra.end()) return true;
    for (const HelpDayMove& m : rule.moved) {
      if (m.to == day) return true;
    }
  }
  const HelpDayRule* rule = HelpDayRuleAt(day);
  if (rule == nullptr || !rule->IsRegular(day)) return false;
  return std::none_of(rule->moved.begin(), rule->moved.end(),
                      [&](const HelpDayMove& m) { return m.date == day; });
}

}  // namespace fupin::policy
