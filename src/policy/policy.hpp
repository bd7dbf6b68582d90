// Policy 政策标准: the dated standards the rules engine applies — poverty line by
// year, exit profiles (national 两不愁三保障, Sichuan 一超六有) and the regions they
// apply to, village and county exit thresholds and checklists, monitoring
// thresholds, collective-economy classes, help days, public notice and the
// escalation of work-list tasks.
//
// A Policy is read from a TOML policy file (policy/policy_file.hpp); the default file
// policy/default.toml is built into the binary. Every entry carries its effective
// range, its source note and its line in the file, so that verdicts can say which
// standard they used. A value applies to a year when it is in force on 31 December
// of that year (YearDate). Policies are immutable values once loaded and safe to
// share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/region_code.hpp"
#include "core/status.hpp"
#include "policy/percent.hpp"

namespace fupin::policy {

/// The policy file format this build reads.
inline constexpr int kPolicyVersion = 1;

/// The day whose standards apply to a year: 31 December.
Date YearDate(int year);

/// An inclusive range of days; `to` empty while still in force.
struct DateRange {
  Date from;
  std::optional<Date> to;

  bool Contains(Date d) const { return from <= d && (!to || d <= *to); }
  bool Overlaps(const DateRange& other) const;
  /// "2014-01-01 至 2014-12-31" / "2014-01-01 to 2014-12-31", "… 起" / "from …".
  Message ToText() const;
};

/// What every entry of the file has: when it is in force, where the value comes from
/// and where the entry sits in the file (1-based line; 0 when built in code).
struct Entry {
  DateRange range;
  std::string source;
  int line = 0;
};

/// 国家扶贫标准 for the years its range covers.
struct PovertyLine : Entry {
  Money per_person_year;
};

/// 区域分类, e.g. west 西部: the provinces (2-digit codes) it holds. The default class
/// holds every province no other class lists.
struct RegionClass : Entry {
  std::string id;
  Message name;
  std::vector<std::string> provinces;
  bool is_default = false;
};

/// An exit standard: the household rule ids and the checklist item ids that apply.
struct Profile : Entry {
  std::string id;
  Message name;
  std::vector<std::string> household_rules;
  std::vector<std::string> village_checklist;
  std::vector<std::string> county_checklist;
};

/// Regions whose 12-digit code starts with `prefix` use `profile`; the longest
/// matching prefix wins and the empty prefix matches everywhere.
struct RegionProfile : Entry {
  std::string prefix;
  std::string profile;
};

/// A named yes/no item of a village or county checklist.
struct ChecklistItem : Entry {
  std::string id;
  Message name;
};

/// Thresholds that depend on the region class, by class id.
using ClassThresholds = std::map<std::string, Percent, std::less<>>;

/// 贫困村退出: incidence must be below the threshold of the village's class.
struct VillageExitStandard : Entry {
  ClassThresholds incidence_below;
};

/// 贫困县退出.
struct CountyExitStandard : Entry {
  ClassThresholds incidence_below;
  Percent missed_assessment_below;  // 漏评率
  Percent wrong_exit_below;         // 错退率
  Percent recognition_at_least;     // 群众认可度
};

/// Members aged min_age..max_age (inclusive), age taken on month/day of the year,
/// are of compulsory-school age.
struct SchoolAge : Entry {
  int min_age = 6;
  int max_age = 15;
  int age_on_month = 8;
  int age_on_day = 31;
};

/// 监测范围: the yearly per-capita income threshold for monitoring objects.
struct MonitoringThreshold : Entry {
  Money per_person_year;
};

/// 风险消除: months of stable income before a risk counts as eliminated.
struct RiskElimination : Entry {
  int stable_months = 6;
};

/// One class of village collective economy. `below` is the exclusive upper bound
/// of yearly operating income; empty for the top class.
struct CollectiveEconomyClass {
  std::string id;
  Message name;
  std::optional<Money> below;
  int line = 0;
};

/// 村集体经济分类, lowest class first, bounds strictly increasing.
struct CollectiveEconomyClasses : Entry {
  std::vector<CollectiveEconomyClass> classes;
};

/// A help day moved to another date (e.g. away from a public holiday).
struct HelpDayMove {
  Date date;  // the regular help day that moves
  Date to;    // where it moves
  std::string reason;
};

/// 脱贫帮扶日: the ISO `weekday` (Monday = 1) of week n of the month, for each n in
/// `weeks_of_month`, where week n of a month is its days 7(n-1)+1 to 7n (so the
/// Monday of week 1 is the month's first Monday, that of week 3 its third Monday);
/// plus `extra` dates, with `moved` regular dates replaced by their new dates. All
/// of them fall within the entry's range.
struct HelpDayRule : Entry {
  int weekday = 1;
  std::vector<int> weeks_of_month;
  std::vector<Date> extra;
  std::vector<HelpDayMove> moved;

  /// True when `day` is a help day by the weekday rule alone (before moves and extras).
  bool IsRegular(Date day) const;
};

/// 包保负荷: at most `max_households_per_cadre` households per responsible cadre,
/// unless the cadre's level is one of `exempt_levels` (e.g. county_leader).
struct ResponsibilityLoad : Entry {
  int max_households_per_cadre = 5;
  std::vector<std::string> exempt_levels;
};

/// 公示: days of public notice in the village.
struct PublicNotice : Entry {
  int days = 7;
};

/// 清单制 escalation of an open work-list task on a day D: due soon when its deadline
/// is at most `due_soon_days` away, overdue after the deadline, and overdue by more
/// than a week when D is more than `escalate_after_days` past it (worklist/task.hpp).
struct WorkListRule : Entry {
  int due_soon_days = 3;
  int escalate_after_days = 7;
};

/// The whole policy. Built by LoadPolicy, which guarantees: at least one poverty
/// line, profile, region mapping and region class; no two entries of one kind (and
/// key) in force on the same day; every referenced profile, rule, item and class
/// exists. Lookups return nullptr when nothing is in force for the year.
struct Policy {
  int version = kPolicyVersion;
  std::string source_name;  // file name, or "default.toml (built in)"

  std::vector<PovertyLine> poverty_lines;
  std::vector<RegionClass> region_classes;
  std::vector<Profile> profiles;
  std::vector<RegionProfile> region_profiles;
  std::vector<ChecklistItem> checklist_items;
  std::vector<VillageExitStandard> village_exit;
  std::vector<CountyExitStandard> county_exit;
  std::vector<SchoolAge> school_age;
  std::vector<MonitoringThreshold> monitoring_thresholds;
  std::vector<RiskElimination> risk_elimination;
  std::vector<CollectiveEconomyClasses> collective_economy;
  std::vector<HelpDayRule> help_days;
  std::vector<PublicNotice> public_notice;
  std::vector<ResponsibilityLoad> responsibility_load;
  std::vector<WorkListRule> work_lists;

  const PovertyLine* PovertyLineFor(int year) const;
  /// The profile for a region through the longest matching prefix in force.
  const Profile* ProfileFor(RegionCode region, int year) const;
  /// The class of the region's province (the default class when none lists it).
  const RegionClass* RegionClassFor(RegionCode region, int year) const;
  const ChecklistItem* ChecklistItemFor(std::string_view id, int year) const;
  const VillageExitStandard* VillageExitFor(int year) const;
  const CountyExitStandard* CountyExitFor(int year) const;
  const SchoolAge* SchoolAgeFor(int year) const;
  const MonitoringThreshold* MonitoringThresholdFor(int year) const;
  const RiskElimination* RiskEliminationAt(Date day) const;
  const CollectiveEconomyClasses* CollectiveEconomyFor(int year) const;
  const HelpDayRule* HelpDayRuleAt(Date day) const;
  const PublicNotice* PublicNoticeAt(Date day) const;
  const ResponsibilityLoad* ResponsibilityLoadAt(Date day) const;
  const WorkListRule* WorkListRuleAt(Date day) const;

  /// The collective-economy class of a yearly operating income; nullptr when no
  /// classification is in force.
  const CollectiveEconomyClass* ClassifyCollectiveIncome(Money income, int year) const;
  /// True when `day` is a help day: a regular day of the rule in force on it that was
  /// not moved away, or an extra or moved-to date of any rule (see help_days.hpp).
  bool IsHelpDay(Date day) const;
};

}  // namespace fupin::policy
