// Exit evaluation 退出评估: applies the rules of the policy to a household, a village
// or a county for a year and says, criterion by criterion, whether it may exit and
// why — in words a cadre can read, in Chinese and English.
//
// Which criteria apply comes from the profile of the region (the longest matching
// region-code prefix in the policy, e.g. 51 → Sichuan 一超六有, else national
// 两不愁三保障); thresholds come from the standards in force on 31 December of the
// year. Evaluation never fails as a call: missing data or a missing standard is a
// failed criterion with its reason. Pure functions, safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/region_code.hpp"
#include "core/status.hpp"
#include "policy/policy.hpp"
#include "policy/rule.hpp"
#include "registry/household.hpp"

namespace fupin::policy {

/// The outcome for one household, village or county.
struct ExitVerdict {
  /// True when there is at least one criterion and every criterion passes.
  bool eligible_to_exit = false;
  /// Every criterion in the profile's order (households) or the fixed order
  /// incidence, survey rates, checklist (villages and counties).
  std::vector<CriterionResult> criteria;
  int year = 0;
  /// Id of the profile applied; empty when the policy has none for the region.
  std::string profile;
  /// Id of the region class (e.g. "west"); empty when none is in force.
  std::string region_class;
};

using HouseholdVerdict = ExitVerdict;
using VillageVerdict = ExitVerdict;
using CountyVerdict = ExitVerdict;

/// Rule id of the criterion reported when no profile or region class applies.
inline constexpr char kNoStandardRuleId[] = "policy.standard";

/// Every household criterion of the profile of `household.village`, for `year`.
HouseholdVerdict EvaluateHousehold(const Policy& policy, const registry::Household& household, int year);

/// True when per-capita net income is strictly below the year's line (for
/// identification and monitoring; exit needs income strictly above it, so a
/// household exactly on the line is neither). not_found when the policy has no line
/// for the year.
Result<bool> IncomeBelowLine(const Policy& policy, const registry::Household& household, int year);

/// Village exit: incidence below the threshold of the village's region class, then
/// every checklist item of its profile in force for the year.
VillageVerdict EvaluateVillage(const Policy& policy, RegionCode village, const VillageFacts& facts, int year);

/// County exit: incidence, missed-assessment rate, wrong-exit rate, public
/// recognition, then every county checklist item of its profile.
CountyVerdict EvaluateCounty(const Policy& policy, RegionCode county, const CountyFacts& facts, int year);

}  // namespace fupin::policy
