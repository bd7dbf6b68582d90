#include "responsibility/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "command/cadre.hpp"
#include "responsibility/assignment.hpp"

namespace fupin::responsibility {
namespace {

struct GapInfo {
  const char* code;
  const char* zh;
  const char* en;
};
constexpr GapInfo kGaps[] = {
    {"town_without_leader", "无县级领导包镇的乡镇", "towns without a county leader"},
    {"village_without_unit", "无帮扶单位的村", "villages without a helping unit"},
    {"village_without_first_secretary", "无第一书记的贫困村", "poor villages without a first secretary"},
    {"village_without_work_team", "无驻村工作队的贫困村", "poor villages without a work team"},
    {"group_without_leader", "无包组领导的村民小组", "villager groups without a leader in charge"},
    {"household_without_cadre", "无帮扶责任人的户", "households without a responsible cadre"},
};

bool Audited(registry::HouseholdStatus s) {
  return s != registry::HouseholdStatus::kRemoved && s != registry::HouseholdStatus::kNotRegistered;
}

void Count(CoverageCounts* c, GapKind kind) {
  switch (kind) {
    case GapKind::kTownWithoutLeader:
      ++c->towns_without_leader;
      break;
    case GapKind::kVillageWithoutUnit:
      ++c->villages_without_unit;
      break;
    case GapKind::kVillageWithoutFirstSecretary:
      ++c->villages_without_first_secretary;
      break;
    case GapKind::kVillageWithoutWorkTeam:
      ++c->villages_without_work_team;
      break;
    case GapKind::kGroupWithoutLeader:
      ++c->groups_without_leader;
      break;
    case GapKind::kHouseholdWithoutCadre:
      ++c->households_without_cadre;
      break;
  }
}

nlohmann::json CountsJson(const CoverageCounts& c) {
  return {{"towns", c.towns},
          {"towns_without_leader", c.towns_without_leader},
          {"villages", c.villages},
          {"villages_without_unit", c.villages_without_unit},
          {"poor_villages", c.poor_villages},
          {"villages_without_first_secretary", c.villages_without_first_secretary},
          {"villages_without_work_team", c.villages_without_work_team},
          {"groups", c.groups},
          {"groups_without_leader", c.groups_without_leader},
          {"households", c.households},
          {"households_without_cadre", c.households_without_cadre},
          {"gaps", c.gaps()}};
}

}  // namespace

const char* GapKindCode(GapKind kind) {
  return kGaps[static_cast<size_t>(kind)].code;
}
Message GapKindLabel(GapKind kind) {
  return {kGaps[static_cast<size_t>(kind)].zh, kGaps[static_cast<size_t>(kind)].en};
}

Result<CoverageReport> CoverageAudit(store::Store& store, RegionCode region, Date date,
                                     const policy::Policy& policy) {
  FUPIN_ASSIGN_OR_RETURN(auto found, store.FindRegion(region));
  if (!found) {
    return Status::NotFound("region",
                            {fmt::format("区划 {} 不在区划表中", region.ToString()),
                             fmt::format("region {} is not in the region table", region.ToString())});
  }
  CoverageReport report;
  report.region = region;
  report.region_name = found->name;
  report.date = date;

  FUPIN_ASSIGN_OR_RETURN(auto regions, store.ListRegions(region));
  std::unordered_map<uint64_t, const store::Region*> region_of;
  for (const auto& r : regions) region_of[r.code.number()] = &r;
  const auto name_of = [&](RegionCode code) {
    auto it = region_of.find(code.number());
    return it == region_of.end() ? std::string() : it->second->name;
  };

  // What is audited.
  FUPIN_ASSIGN_OR_RETURN(auto households, store.LoadHouseholds(region));
  std::set<RegionCode> villages, towns;
  std::set<std::pair<RegionCode, std::string>> groups;
  std::vector<const registry::Household*> audited;
  for (const auto& h : households) {
    if (!Audited(h.status)) continue;
    audited.push_back(&h);
    villages.insert(h.village);
    groups.insert({h.village, h.group});
  }
  std::set<uint64_t> poor;
  for (const auto& r : regions) {
    if (r.poor_village && r.code.level() == RegionLevel::kVillage) {
      villages.insert(r.code);
      poor.insert(r.code.number());
    }
  }
  for (RegionCode v : villages) {
    const RegionCode town = v.parent();
    if (town.IsWithin(region)) towns.insert(town);
  }

  // What covers it on the day: assignments in force whose holder is in office.
  FUPIN_ASSIGN_OR_RETURN(auto cadre_rows, store.ListCadres());
  std::unordered_map<std::string, const store::CadreRow*> cadres;
  for (const auto& c : cadre_rows) cadres.emplace(c.id, &c);
  store::AssignmentFilter filter;
  filter.within = region;
  filter.active_on = date.ToString();
  FUPIN_ASSIGN_OR_RETURN(auto assignments, store.ListAssignments(filter));
  std::map<std::string, std::unordered_set<std::string>> covered;  // kind -> targets
  std::map<std::string, int64_t> load;
  for (const auto& a : assignments) {
    if (a.kind != "village_unit") {
      auto c = cadres.find(a.cadre_id);
      if (c == cadres.end() || !command::ActiveOn(*c->second, date)) continue;
    }
    covered[a.kind].insert(a.target);
    if (a.kind == "household_cadre") ++load[a.cadre_id];
  }
  const auto has = [&](const char* kind, const std::string& target) {
    return covered[kind].contains(target);
  };

  const auto add_gap = [&](GapKind kind, RegionCode where, std::string target, std::string name) {
    report.gaps.push_back({kind, where, std::move(target), std::move(name)});
  };
  for (RegionCode t : towns) {
    if (!has("town_leader", t.ToString())) add_gap(GapKind::kTownWithoutLeader, t, t.ToString(), name_of(t));
  }
  for (RegionCode v : villages) {
    const std::string code = v.ToString();
    if (!has("village_unit", code)) add_gap(GapKind::kVillageWithoutUnit, v, code, name_of(v));
  }
  for (RegionCode v : villages) {
    const std::string code = v.ToString();
    if (poor.contains(v.number()) && !has("first_secretary", code)) {
      add_gap(GapKind::kVillageWithoutFirstSecretary, v, code, name_of(v));
    }
  }
  for (RegionCode v : villages) {
    const std::string code = v.ToString();
    if (poor.contains(v.number()) && !has("work_team", code)) {
      add_gap(GapKind::kVillageWithoutWorkTeam, v, code, name_of(v));
    }
  }
  for (const auto& [v, g] : groups) {
    const std::string target = GroupTarget(v, g);
    if (!has("group_leader", target)) {
      add_gap(GapKind::kGroupWithoutLeader, v, target, fmt::format("{}{}", name_of(v), g));
    }
  }
  for (const registry::Household* h : audited) {
    if (!has("household_cadre", h->id)) {
      add_gap(GapKind::kHouseholdWithoutCadre, h->village, h->id,
              h->members.empty() ? "" : h->members.front().name);
    }
  }

  // Counts, in total and per child region.
  const int depth = static_cast<int>(region.level());
  const auto child_of = [&](RegionCode code) {
    return depth >= static_cast<int>(RegionLevel::kVillage) || static_cast<int>(code.level()) <= depth
               ? code
               : code.AncestorAt(static_cast<RegionLevel>(depth + 1));
  };
  std::map<RegionCode, CoverageCounts> per_child;
  auto& total = report.total;
  // Adds to the total and to the child region `code` lies in (none for the region itself).
  const auto bump = [&](RegionCode code, int64_t CoverageCounts::*field) {
    ++(total.*field);
    const RegionCode child = child_of(code);
    if (child != region) ++(per_child[child].*field);
  };
  for (RegionCode t : towns) bump(t, &CoverageCounts::towns);
  for (RegionCode v : villages) {
    bump(v, &CoverageCounts::villages);
    if (poor.contains(v.number())) bump(v, &CoverageCounts::poor_villages);
  }
  for (const auto& g : groups) bump(g.first, &CoverageCounts::groups);
  for (const registry::Household* h : audited) bump(h->village, &CoverageCounts::households);
  for (const CoverageGap& gap : report.gaps) {
    Count(&total, gap.kind);
    const RegionCode child = child_of(gap.region);
    if (child != region) Count(&per_child[child], gap.kind);
  }
  for (const auto& [code, counts] : per_child) report.children.push_back({code, name_of(code), counts});

  if (const policy::ResponsibilityLoad* rule = policy.ResponsibilityLoadAt(date)) {
    report.max_households_per_cadre = rule->max_households_per_cadre;
    for (const auto& [id, n] : load) {
      if (n <= rule->max_households_per_cadre) continue;
      auto c = cadres.find(id);
      if (c == cadres.end()) continue;
      if (std::find(rule->exempt_levels.begin(), rule->exempt_levels.end(), c->second->level) !=
          rule->exempt_levels.end()) {
        continue;
      }
      report.overloaded.push_back({id, c->second->name, n});
    }
  }
  return report;
}

nlohmann::json CoverageToJson(const CoverageReport& report) {
  nlohmann::json children = nlohmann::json::array();
  for (const auto& c : report.children) {
    children.push_back({{"region", c.code.ToString()}, {"name", c.name}, {"counts", CountsJson(c.counts)}});
  }
  nlohmann::json gaps = nlohmann::json::object();
  for (size_t k = 0; k < std::size(kGaps); ++k) gaps[kGaps[k].code] = nlohmann::json::array();
  for (const auto& g : report.gaps) {
    gaps[GapKindCode(g.kind)].push_back(
        {{"region", g.region.ToString()}, {"target", g.target}, {"name", g.name}});
  }
  nlohmann::json overloaded = nlohmann::json::array();
  for (const auto& o : report.overloaded) {
    overloaded.push_back({{"cadre_id", o.cadre_id}, {"name", o.name}, {"households", o.households}});
  }
  return {{"region", report.region.ToString()},
          {"name", report.region_name},
          {"date", report.date.ToString()},
          {"total", CountsJson(report.total)},
          {"children", children},
          {"gaps", gaps},
          {"max_households_per_cadre", report.max_households_per_cadre},
          {"overloaded_cadres", overloaded}};
}

}  // namespace fupin::responsibility
