// Demo visits 帮扶走访 over a demo county's responsibility structure: in each help-day
// cycle from the campaign's first help day to the as-of date, most responsible
// cadres visit each of their households (mostly home visits on the help day itself,
// some phone calls and visits in the days after), taking one to three measures; about
// 5% of visits find a problem. So that compliance has something to show, about 5% of
// the cadres never visit (they are flagged 挂名不出工) and about 10% have not yet
// visited in the current cycle. Deterministic for a seed; no real person is described.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "demo/structure_generator.hpp"
#include "store/store.hpp"

namespace fupin::demo {

struct DemoVisits {
  /// By household, then date and time; client ids are UUIDs whose first 48 bits
  /// count up in that order (so a bulk insert appends to every index).
  std::vector<store::VisitRow> visits;
  std::vector<std::string> idle_cadres;  // never visit
  std::vector<std::string> late_cadres;  // not yet visited in the current cycle
  int64_t problems = 0;
};

/// Visits of the cadres of `structure` in the cycles starting on `help_days`
/// (ascending; the last cycle runs to `as_of`, none is after it). `demo_cadre` (the
/// cadre of the demo account, may be empty) is neither idle nor late and, in the
/// current cycle, has visited their first household only, so a demo can log a
/// visit and see the figures change (they need at least two households for that).
DemoVisits GenerateDemoVisits(const DemoStructure& structure, std::span<const Date> help_days, Date as_of,
                              const std::string& demo_cadre, uint64_t seed);

}  // namespace fupin::demo
