// Demo command structure and responsibility for a demo county: units, cadres, the
// four-level assignments, the campaign 百日攻坚行动 with its HQ, war zones and
// battlefields, party organizations (a few weak and lax ones under "4+N"
// rectification), and the village cadre roster for two years. Built over a
// generated registry (demo_generator.hpp); deterministic for a seed; no real person
// is described.
//
// Deliberate gaps, so that the coverage audit has something to find: two poor
// villages without a first secretary and about 1% of the audited households
// without a responsible cadre. Three cadres left on 2020-04-30 and their
// households passed to the registry's cadres from 2020-05-01, so the assignment
// history answers "who was responsible on 2020-04-15" differently from 2020-05-04.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "demo/demo_generator.hpp"
#include "store/store.hpp"

namespace fupin::demo {

/// A town or village of the county, as stored.
struct DemoRegion {
  RegionCode code;
  std::string name;
};

struct DemoStructure {
  std::vector<store::UnitRow> units;
  std::vector<store::CadreRow> cadres;
  /// In order of writing; ended ones carry date_to and end_note.
  std::vector<store::AssignmentRow> assignments;
  store::CampaignRow campaign;
  std::vector<store::CommandPostRow> posts;
  std::vector<store::PartyOrgRow> party_orgs;
  /// To open in order (ids 0); closed ones carry `closed`.
  std::vector<store::RectificationRow> rectifications;
  std::vector<store::VillageCadreRow> roster_previous;  // as_of_year - 1
  std::vector<store::VillageCadreRow> roster_current;   // as_of_year

  // The deliberate gaps.
  std::vector<RegionCode> villages_without_first_secretary;
  std::vector<std::string> households_without_cadre;
  /// Households whose cadre changed on 2020-05-01 (the first of each departed cadre).
  std::vector<std::string> reassigned_households;
};

/// Builds the structure of `targets.county` over its towns and villages (any order)
/// and its generated registry.
DemoStructure GenerateDemoStructure(const CountyTargets& targets, std::span<const DemoRegion> towns,
                                    std::span<const DemoRegion> villages, const DemoRegistry& registry,
                                    uint64_t seed);

}  // namespace fupin::demo
