#include "analytics/engine_builder.hpp"

#include <fmt/format.h>

#include <vector>

namespace fupin::analytics {

std::optional<int> DefaultIndicatorYear(const policy::Policy& policy) {
  std::optional<int> latest;
  for (const policy::PovertyLine& line : policy.poverty_lines) {
    // The last year whose 31 December the line covers.
    const int year = line.range.to ? line.range.to->year() : line.range.from.year();
    if (!line.range.Contains(policy::YearDate(year))) continue;
    if (!latest || year > *latest) latest = year;
  }
  return latest;
}

Result<IndicatorEngine> BuildIndicatorEngine(store::Store& store, RegionCode within,
                                             const policy::Policy& policy, int year) {
  FUPIN_ASSIGN_OR_RETURN(std::vector<store::Region> regions, store.ListRegions(within));
  if (regions.empty() && within.level() != RegionLevel::kNation) {
    const std::string code = within.ToShortString();
    return Status::NotFound("region", {fmt::format("没有区划 {}", code), fmt::format("no region {}", code)});
  }
  // Ancestors, for their names; ListRegions(within) starts at `within` itself.
  for (const RegionCode& ancestor : within.ancestors()) {
    if (ancestor.level() == RegionLevel::kNation) continue;
    FUPIN_ASSIGN_OR_RETURN(std::optional<store::Region> found, store.FindRegion(ancestor));
    if (found) regions.push_back(std::move(*found));
  }
  FUPIN_ASSIGN_OR_RETURN(RegionTree tree, RegionTree::Build(regions));
  regions.clear();
  regions.shrink_to_fit();

  IndicatorEngine engine(std::move(tree), policy, year);
  std::vector<RegionCode> chunks;
  if (within.level() < RegionLevel::kCounty) {
    for (NodeIndex n : engine.tree().nodes_at(RegionLevel::kCounty)) {
      if (engine.tree().code(n).IsWithin(within)) chunks.push_back(engine.tree().code(n));
    }
  } else {
    chunks.push_back(within);
  }
  for (const RegionCode& chunk : chunks) {
    FUPIN_ASSIGN_OR_RETURN(std::vector<registry::Household> households, store.LoadHouseholds(chunk));
    for (const registry::Household& h : households) FUPIN_RETURN_IF_ERROR(engine.Put(h));
  }
  return engine;
}

}  // namespace fupin::analytics
