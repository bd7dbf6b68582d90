// 村村清、户户清 The coverage audit: on a day, within a region, which towns have no
// county leader, which villages no helping unit, first secretary or work team,
// which villager groups no leader in charge, which households no responsible
// cadre — counted per region and listed.
//
// What is audited (docs/architecture.md, "Responsibility"):
// - households: every registered household that is not naturally removed
//   (自然减少) or unregistered — in poverty, exited (help continues through the
//   transition), returned to poverty, monitoring objects;
// - villager groups: every (village, group) of those households;
// - villages: every village with such a household, and every poor village 贫困村;
//   first secretaries and work teams are required in poor villages only;
// - towns: every town with an audited village.
// An assignment covers only while its cadre is in office (cadre active_from/to).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/region_code.hpp"
#include "policy/policy.hpp"
#include "policy/policy_file.hpp"
#include "store/store.hpp"

namespace fupin::responsibility {

enum class GapKind : uint8_t {
  kTownWithoutLeader,
  kVillageWithoutUnit,
  kVillageWithoutFirstSecretary,
  kVillageWithoutWorkTeam,
  kGroupWithoutLeader,
  kHouseholdWithoutCadre,
};

/// Stable code, e.g. "household_without_cadre", and a zh/en label.
const char* GapKindCode(GapKind kind);
Message GapKindLabel(GapKind kind);

struct CoverageGap {
  GapKind kind = GapKind::kHouseholdWithoutCadre;
  RegionCode region;   // the town or village (for groups and households: the village)
  std::string target;  // region code, "<village>/<group>" or household id
  std::string name;    // region name, or the household head's name

  bool operator==(const CoverageGap&) const = default;
};

/// Exact counts: what was audited and how much of it is uncovered.
struct CoverageCounts {
  int64_t towns = 0;
  int64_t towns_without_leader = 0;
  int64_t villages = 0;
  int64_t villages_without_unit = 0;
  int64_t poor_villages = 0;
  int64_t villages_without_first_secretary = 0;
  int64_t villages_without_work_team = 0;
  int64_t groups = 0;
  int64_t groups_without_leader = 0;
  int64_t households = 0;
  int64_t households_without_cadre = 0;

  int64_t gaps() const {
    return towns_without_leader + villages_without_unit + villages_without_first_secretary +
           villages_without_work_team + groups_without_leader + households_without_cadre;
  }
  bool operator==(const CoverageCounts&) const = default;
};

struct RegionCoverage {
  RegionCode code;
  std::string name;
  CoverageCounts counts;
};

/// A cadre holding more households than the load rule allows on the day.
struct OverloadedCadre {
  std::string cadre_id;
  std::string name;
  int64_t households = 0;
};

struct CoverageReport {
  RegionCode region;
  std::string region_name;
  Date date;
  CoverageCounts total;
  std::vector<RegionCoverage> children;  // one level below `region` (towns of a county, villages of a town)
  std::vector<CoverageGap> gaps;         // by kind, then target
  std::vector<OverloadedCadre> overloaded;  // above the policy's load rule, by id
  int max_households_per_cadre = 0;         // 0 when no load rule is in force
};

/// Audits coverage within `region` on `date`. not_found when the region is not stored.
Result<CoverageReport> CoverageAudit(store::Store& store, RegionCode region, Date date,
                                     const policy::Policy& policy = policy::DefaultPolicy());

/// The report as JSON (codes in English, names in Chinese, both labels per gap kind).
nlohmann::json CoverageToJson(const CoverageReport& report);

}  // namespace fupin::responsibility
