// Building an IndicatorEngine from the store: regions and households of a subtree,
// each household evaluated once with the policy for the year.
#pragma once

#include <optional>

#include "analytics/indicator_engine.hpp"
#include "core/region_code.hpp"
#include "core/status.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace fupin::analytics {

/// The year indicators default to: the last year for which the policy has a poverty
/// line (2020 with the built-in policy), because the exit verdicts behind several
/// indicators need one. nullopt when the policy has no line at all.
std::optional<int> DefaultIndicatorYear(const policy::Policy& policy);

/// Loads `within`, everything below it and its ancestors (for names) from `store`,
/// then its households — one county at a time, so that the full household records
/// of only one county are in memory at once — evaluates each for `year` and puts it.
/// not_found ("region") when `within` is neither stored nor an ancestor of a stored
/// region; store failures pass through.
Result<IndicatorEngine> BuildIndicatorEngine(store::Store& store, RegionCode within,
                                             const policy::Policy& policy, int year);

}  // namespace fupin::analytics
