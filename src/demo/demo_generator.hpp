// Demo county generator: a deterministic synthetic registry (建档立卡) for one of the
// two pilot counties, sized to the county's published figures, for demos, manual
// testing and rule development. No real person is described: names, ID numbers and
// phone numbers are made up (ID numbers are structurally valid; phone numbers merely
// look like mobile numbers).
//
// Store-independent: the caller supplies the county's villages (e.g. from
// data/regions/villages.csv or the store) and gets plain registry values back.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/region_code.hpp"
#include "core/status.hpp"
#include "registry/household.hpp"

namespace fupin::demo {

/// A village-level unit (村委会 or 社区居委会) of the county.
struct DemoVillage {
  RegionCode code;  // 12 digits; last three 001–199 = 社区 (urban), 200+ = 村 (village committee)
  std::string name;
  /// Name of its town or subdistrict (镇/乡/街道), e.g. "重龙镇"; used for the
  /// town-government unit of responsible cadres. May be empty: those cadres then
  /// come from county departments only.
  std::string town_name;
};

/// The size of a demo county: what the generated registry must match exactly.
struct CountyTargets {
  RegionCode county;           // 6-digit county code
  std::string county_name;     // e.g. "资中县"
  int poor_villages = 0;       // 贫困村
  int households = 0;          // 建档立卡贫困户
  int persons = 0;             // 贫困人口 (members of those households)
  int responsible_cadres = 0;  // 帮扶责任人, distinct persons
  int as_of_year = 0;          // the year the registry describes (its 12-31 is "today")
};

/// Published or chosen targets of the two pilot counties, as of 2020 (the final year
/// of the campaign); nullopt for any other county. Sources (the 2020 article in
/// /work/shared/seed/, see domain.md):
/// - 资中县 511025: 102 poor villages, 23,098 households, 65,465 persons from the
///   article. Cadres are not given there; 5,775 (≈ households ÷ 4, the "3–5
///   households per cadre" rule) is our choice.
/// - 荣县 510321: 4,844 responsible cadres from the article. Households, persons and
///   poor villages are not given; we choose 17,438 households (4,844 × 3.6),
///   49,423 persons (Zizhong's 2.834 persons per household) and 60 poor villages
///   (about 31% of Rong's 196 village committees; Zizhong has 102 of 301, 34%).
std::optional<CountyTargets> TargetsFor(RegionCode county);

/// One responsible cadre (帮扶责任人) of the demo registry.
struct DemoCadre {
  std::string name;    // unique within the registry
  std::string phone;   // 11-digit mobile, unique within the registry
  std::string unit;    // e.g. "资中县农业农村局" or "重龙镇人民政府"
  int households = 0;  // number of households helped, 1–6
};

struct DemoRegistry {
  /// Ordered by village code, then household id. Household ids are the 12-digit
  /// village code followed by a 4-digit serial within the village.
  std::vector<registry::Household> households;
  /// The chosen poor villages (贫困村), all village committees, ascending.
  std::vector<RegionCode> poor_villages;
  /// The distinct responsible cadres, in order of first appearance.
  std::vector<DemoCadre> cadres;
};

/// The county departments that act as helping units in the demo, e.g.
/// "资中县农业农村局", in a fixed order (the unit names DemoCadre::unit uses).
std::vector<std::string> DemoCountyUnitNames(const std::string& county_name);

/// The town-government unit of a town, e.g. "重龙镇人民政府" ("…街道办事处" for a subdistrict).
std::string DemoTownUnitName(const std::string& town_name);

/// Generates the registry of `targets.county` over `villages_of_county` (any order;
/// every code must be a village-level code within the county, without duplicates).
///
/// Guarantees: exactly `households` households and `persons` members in total;
/// exactly `poor_villages` poor villages, chosen among village committees (code
/// suffix >= 200); about 60% of households live in poor villages, the rest in other
/// village committees, none in urban communities; exactly `responsible_cadres`
/// distinct cadres, each helping 1–6 households of one village; every ID number is a
/// valid GB 11643-1999 number with the county's 6-digit address code, the member's
/// birth date and sex, unique within the registry, and born no later than
/// `as_of_year`-12-31; one head (户主) per household, listed first.
///
/// Deterministic: the same targets, villages (as a set) and seed give an identical
/// registry on every platform and standard library (own PRNG and integer
/// distributions, no floating point); another seed gives another registry.
///
/// Fails with invalid_argument when the villages or targets do not fit: a village
/// outside the county or not at village level, a duplicate, fewer village committees
/// than poor villages, persons outside [households, 7 × households], or a cadre count
/// outside [what 6 households per cadre per village needs, households].
Result<DemoRegistry> GenerateDemoCounty(const CountyTargets& targets,
                                        std::span<const DemoVillage> villages_of_county, uint64_t seed);

}  // namespace fupin::demo
