#include "visits/compliance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "policy/help_days.hpp"

namespace fupin::visits {
namespace {

constexpr int32_t kOpen = std::numeric_limits<int32_t>::max();

// A stored date as a day number; `fallback` when empty or not a date.
int32_t DayOf(const std::string& text, int32_t fallback) {
  if (text.empty()) return fallback;
  auto d = Date::Parse(text);
  return d.ok() ? d->days() : fallback;
}

// A cadre's due and visited households within one group (the region, a child, a unit).
struct Tally {
  int64_t due = 0;
  int64_t visited = 0;
};
using CadreTallies = std::map<int32_t, Tally>;

ComplianceCounts CountsOf(const CadreTallies& tallies) {
  ComplianceCounts c;
  for (const auto& [cadre, t] : tallies) {
    ++c.cadres;
    c.cadres_all_visited += t.visited == t.due ? 1 : 0;
    c.households_due += t.due;
    c.households_visited += t.visited;
  }
  return c;
}

bool AnyBetween(const std::vector<int32_t>& sorted, int32_t from, int32_t to) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), from);
  return it != sorted.end() && *it <= to;
}

}  // namespace

double ComplianceCounts::rate() const {
  return households_due == 0 ? 0.0
                             : static_cast<double>(households_visited) / static_cast<double>(households_due);
}

Cycle CycleStartingOn(std::span<const Date> help_days, Date help_day, Date today) {
  Cycle c;
  c.help_day = help_day;
  auto next = std::upper_bound(help_days.begin(), help_days.end(), help_day);
  if (next != help_days.end()) c.next_help_day = *next;
  c.running = !c.next_help_day || today < *c.next_help_day;
  c.end = c.running ? today : c.next_help_day->AddDays(-1);
  return c;
}

std::optional<Cycle> CycleContaining(std::span<const Date> help_days, Date day) {
  auto after = std::upper_bound(help_days.begin(), help_days.end(), day);
  if (after == help_days.begin()) return std::nullopt;
  return CycleStartingOn(help_days, *std::prev(after), day);
}

std::vector<Date> HelpDaysAround(const policy::Policy& policy, int year) {
  std::vector<Date> out;
  for (int y = year - 1; y <= year + 1; ++y) {
    for (const auto& h : policy::HelpDays(policy, y)) out.push_back(h.date);
  }
  return out;
}

Result<ComplianceData> LoadComplianceData(store::Store& store, RegionCode within) {
  ComplianceData data;
  store::AssignmentFilter filter;
  filter.within = within;
  filter.kind = "household_cadre";
  FUPIN_ASSIGN_OR_RETURN(data.assignments, store.ListAssignments(filter));
  FUPIN_ASSIGN_OR_RETURN(data.cadres, store.ListCadres());
  FUPIN_ASSIGN_OR_RETURN(data.units, store.ListUnits());
  FUPIN_ASSIGN_OR_RETURN(data.visits, store.ListVisitMarks(within, 0));
  FUPIN_ASSIGN_OR_RETURN(data.regions, store.ListRegions(within));
  return data;
}

Result<policy::VisitRules> VisitRulesOn(const policy::Policy& policy, Date day) {
  const policy::VisitRules* rules = policy.VisitRulesAt(day);
  if (rules == nullptr) {
    return Status::FailedPrecondition(
        "policy", "policy.visits",
        {fmt::format("策略文件在 {} 没有生效的 [[visits]] 条目（走访规则）", day.ToString()),
         fmt::format("the policy has no [[visits]] entry (visit rules) in force on {}", day.ToString())});
  }
  return *rules;
}

ComplianceModel::ComplianceModel(const ComplianceData& data) : units_(data.units), regions_(data.regions) {
  cadres_.reserve(data.cadres.size());
  for (const auto& c : data.cadres) {
    const int32_t i = CadreIndex(c.id);
    CadreEntry& e = cadres_[static_cast<size_t>(i)];
    e.row = c;
    e.active_from = DayOf(c.active_from, std::numeric_limits<int32_t>::min());
    e.active_to = DayOf(c.active_to, kOpen);
  }
  for (const auto& a : data.assignments) {
    if (a.kind != "household_cadre" || a.cadre_id.empty()) continue;
    AssignmentEntry e;
    e.region = a.region.number();
    e.id = a.id;
    e.household = HouseholdIndex(a.target);
    e.cadre = CadreIndex(a.cadre_id);
    e.from = DayOf(a.date_from, kOpen);
    e.to = DayOf(a.date_to, kOpen);
    int32_t& first = cadres_[static_cast<size_t>(e.cadre)].first_assigned;
    first = std::min(first, e.from);
    assignments_.push_back(e);
  }
  std::sort(assignments_.begin(), assignments_.end(), [](const AssignmentEntry& x, const AssignmentEntry& y) {
    return x.region != y.region ? x.region < y.region : x.id < y.id;
  });
  for (const auto& v : data.visits) {
    const int32_t day = DayOf(v.date, kOpen);
    if (day == kOpen) continue;
    const int32_t cadre = CadreIndex(v.cadre_id);
    cadres_[static_cast<size_t>(cadre)].visit_days.push_back(day);
    households_[static_cast<size_t>(HouseholdIndex(v.household_id))].visits.emplace_back(day, cadre);
    ++visit_count_;
  }
  for (auto& c : cadres_) std::sort(c.visit_days.begin(), c.visit_days.end());
  for (auto& h : households_) std::sort(h.visits.begin(), h.visits.end());
}

int32_t ComplianceModel::CadreIndex(const std::string& id) {
  auto [it, added] = cadre_index_.try_emplace(id, static_cast<int32_t>(cadres_.size()));
  if (added) {
    CadreEntry e;
    e.row.id = id;
    e.active_from = std::numeric_limits<int32_t>::min();
    e.active_to = kOpen;
    e.first_assigned = kOpen;
    cadres_.push_back(std::move(e));
  }
  return it->second;
}

int32_t ComplianceModel::HouseholdIndex(const std::string& id) {
  auto [it, added] = household_index_.try_emplace(id, static_cast<int32_t>(households_.size()));
  if (added) households_.emplace_back();
  return it->second;
}

void ComplianceModel::AddVisit(const store::VisitMark& v) {
  const int32_t day = DayOf(v.date, kOpen);
  if (day == kOpen) return;
  const int32_t cadre = CadreIndex(v.cadre_id);
  auto& days = cadres_[static_cast<size_t>(cadre)].visit_days;
  days.insert(std::upper_bound(days.begin(), days.end(), day), day);
  auto& visits = households_[static_cast<size_t>(HouseholdIndex(v.household_id))].visits;
  const std::pair<int32_t, int32_t> entry(day, cadre);
  visits.insert(std::upper_bound(visits.begin(), visits.end(), entry), entry);
  ++visit_count_;
}

Result<ComplianceReport> ComputeCompliance(const ComplianceModel& model, std::span<const Date> help_days,
                                           RegionCode region, std::optional<Date> cycle_day, Date today,
                                           int idle_cycles) {
  ComplianceReport report;
  report.idle_cycles = idle_cycles;
  std::unordered_map<uint64_t, const store::Region*> regions;
  for (const auto& r : model.regions_) regions[r.code.number()] = &r;
  if (auto it = regions.find(region.number()); it != regions.end()) {
    report.region = *it->second;
  } else if (region == RegionCode()) {
    report.region = {region, "全国", false};
  } else {
    return Status::NotFound("region", {fmt::format("没有区划 {}", region.ToShortString()),
                                       fmt::format("no region {}", region.ToShortString())});
  }

  // The cycle.
  if (cycle_day) {
    if (!std::binary_search(help_days.begin(), help_days.end(), *cycle_day)) {
      return Status::Invalid(
          "cycle", "compliance.not_help_day",
          {fmt::format("{} 不是帮扶日，帮扶周期须从帮扶日开始", cycle_day->ToString()),
           fmt::format("{} is not a help day; a cycle starts on a help day", cycle_day->ToString())});
    }
    if (*cycle_day > today) {
      return Status::Invalid(
          "cycle", "compliance.future",
          {fmt::format("帮扶周期 {} 尚未开始（今天是 {}）", cycle_day->ToString(), today.ToString()),
           fmt::format("the cycle of {} has not begun (today is {})", cycle_day->ToString(),
                       today.ToString())});
    }
    report.cycle = CycleStartingOn(help_days, *cycle_day, today);
  } else {
    auto current = CycleContaining(help_days, today);
    if (!current) {
      return Status::FailedPrecondition(
          "cycle", "compliance.no_help_day",
          {fmt::format("{} 及以前没有帮扶日（策略文件 [[help_day]]）", today.ToString()),
           fmt::format("no help day on or before {} (policy [[help_day]])", today.ToString())});
    }
    report.cycle = *current;
  }
  const Cycle& cycle = report.cycle;
  for (Date d : help_days) {
    if (d.year() == cycle.help_day.year() && d <= today) report.cycles.push_back(d);
  }
  // Completed cycles up to the one asked for, as day ranges, oldest first.
  std::vector<std::pair<int32_t, int32_t>> completed;
  for (size_t i = 0; i + 1 < help_days.size() && help_days[i] <= cycle.help_day; ++i) {
    if (help_days[i + 1] <= today) completed.emplace_back(help_days[i].days(), help_days[i + 1].days() - 1);
  }
  const int32_t start = cycle.help_day.days();
  const int32_t end = cycle.end.days();

  // Who is due: each household's assignment in force on the help day (the latest
  // recorded wins), whose cadre is in office that day. Assignments are sorted by
  // region, so the region's are one range.
  const auto& all_assignments = model.assignments_;
  auto first = std::lower_bound(all_assignments.begin(), all_assignments.end(), region.number(),
                                [](const auto& a, uint64_t r) { return a.region < r; });
  std::unordered_map<int32_t, const ComplianceModel::AssignmentEntry*> due;
  for (auto it = first; it != all_assignments.end() && it->region <= region.last_descendant(); ++it) {
    if (it->from > start || it->to < start) continue;
    const ComplianceModel::AssignmentEntry*& slot = due[it->household];
    if (slot == nullptr || slot->id < it->id) slot = &*it;
  }

  const bool has_children = region.level() != RegionLevel::kVillage;
  const RegionLevel child_level = region == RegionCode()
                                      ? RegionLevel::kProvince
                                      : static_cast<RegionLevel>(static_cast<int>(region.level()) + 1);
  std::unordered_map<std::string_view, const store::UnitRow*> units;
  for (const auto& u : model.units_) units[u.id] = &u;
  CadreTallies all;
  std::map<uint64_t, CadreTallies> by_child;
  std::map<std::string_view, CadreTallies> by_unit;
  std::unordered_map<int32_t, std::vector<uint64_t>> children_of_cadre;
  for (const auto& [household, a] : due) {
    const auto& cadre = model.cadres_[static_cast<size_t>(a->cadre)];
    if (cadre.active_from > start || cadre.active_to < start) continue;
    const auto& visits = model.households_[static_cast<size_t>(household)].visits;
    bool done = false;
    for (auto v = std::lower_bound(visits.begin(), visits.end(), std::pair<int32_t, int32_t>(start, -1));
         v != visits.end() && v->first <= end && !done; ++v) {
      done = v->second == a->cadre;
    }
    const auto add = [&](CadreTallies& t) {
      Tally& tally = t[a->cadre];
      ++tally.due;
      tally.visited += done ? 1 : 0;
    };
    add(all);
    add(by_unit[cadre.row.unit_id]);
    if (has_children) {
      const uint64_t child = RegionCode::FromNumber(a->region).AncestorAt(child_level).number();
      add(by_child[child]);
      auto& list = children_of_cadre[a->cadre];
      if (std::find(list.begin(), list.end(), child) == list.end()) list.push_back(child);
    }
  }
  report.summary = CountsOf(all);

  // 挂名不出工: completed cycles in a row without any visit, counted back from the
  // latest, stopping at the first cycle before the cadre held a household.
  std::map<uint64_t, int64_t> idle_in_child;
  for (const auto& [cadre_index, tally] : all) {
    const auto& cadre = model.cadres_[static_cast<size_t>(cadre_index)];
    int without = 0;
    for (auto it = completed.rbegin(); it != completed.rend(); ++it) {
      if (it->first < cadre.first_assigned || AnyBetween(cadre.visit_days, it->first, it->second)) break;
      ++without;
    }
    if (without < idle_cycles) continue;
    const store::CadreRow& c = cadre.row;
    IdleCadre idle{c.id, c.name, c.unit_id, "", tally.due, without, std::nullopt};
    if (auto u = units.find(c.unit_id); u != units.end()) idle.unit_name = u->second->name;
    auto last = std::upper_bound(cadre.visit_days.begin(), cadre.visit_days.end(), end);
    if (last != cadre.visit_days.begin()) idle.last_visit = Date::FromDays(*std::prev(last));
    report.idle.push_back(std::move(idle));
    if (has_children) {
      for (uint64_t child : children_of_cadre[cadre_index]) ++idle_in_child[child];
    }
  }
  std::sort(report.idle.begin(), report.idle.end(), [](const IdleCadre& a, const IdleCadre& b) {
    if (a.cycles_without_visit != b.cycles_without_visit)
      return a.cycles_without_visit > b.cycles_without_visit;
    if (a.unit_id != b.unit_id) return a.unit_id < b.unit_id;
    return a.cadre_id < b.cadre_id;
  });

  if (has_children) {
    for (const auto& r : model.regions_) {
      if (r.code == region || r.code.parent() != region) continue;
      RegionCompliance child{r.code, r.name, {}, 0};
      if (auto t = by_child.find(r.code.number()); t != by_child.end()) child.counts = CountsOf(t->second);
      if (auto i = idle_in_child.find(r.code.number()); i != idle_in_child.end())
        child.idle_cadres = i->second;
      report.children.push_back(std::move(child));
    }
    std::sort(report.children.begin(), report.children.end(),
              [](const RegionCompliance& a, const RegionCompliance& b) { return a.code < b.code; });
  }
  for (const auto& [unit_id, tallies] : by_unit) {
    UnitCompliance u{std::string(unit_id), "", CountsOf(tallies)};
    if (auto it = units.find(unit_id); it != units.end()) u.name = it->second->name;
    report.units.push_back(std::move(u));
  }
  return report;
}

Result<ComplianceReport> ComputeCompliance(const ComplianceData& data, std::span<const Date> help_days,
                                           RegionCode region, std::optional<Date> cycle, Date today,
                                           int idle_cycles) {
  return ComputeCompliance(ComplianceModel(data), help_days, region, cycle, today, idle_cycles);
}

nlohmann::json ComplianceToJson(const ComplianceReport& report, Date today) {
  const auto counts = [](const ComplianceCounts& c) {
    return nlohmann::json{{"cadres", c.cadres},
                          {"cadres_all_visited", c.cadres_all_visited},
                          {"households_due", c.households_due},
                          {"households_visited", c.households_visited},
                          {"rate", std::round(c.rate() * 10000.0) / 10000.0}};
  };
  const auto date_or_null = [](const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
  };
  nlohmann::json cycles = nlohmann::json::array();
  for (Date d : report.cycles) cycles.push_back(d.ToString());
  nlohmann::json children = nlohmann::json::array();
  for (const auto& c : report.children) {
    nlohmann::json j = counts(c.counts);
    j["code"] = c.code.ToString();
    j["name"] = c.name;
    j["level"] = RegionLevelName(c.code.level()).en;
    j["idle_cadres"] = c.idle_cadres;
    children.push_back(std::move(j));
  }
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : report.units) {
    nlohmann::json j = counts(u.counts);
    j["id"] = u.id;
    j["name"] = u.name;
    units.push_back(std::move(j));
  }
  nlohmann::json idle = nlohmann::json::array();
  for (const auto& i : report.idle) {
    idle.push_back({{"cadre", {{"id", i.cadre_id}, {"name", i.name}}},
                    {"unit", {{"id", i.unit_id}, {"name", i.unit_name}}},
                    {"households", i.households},
                    {"cycles_without_visit", i.cycles_without_visit},
                    {"last_visit_date", date_or_null(i.last_visit)}});
  }
  const Cycle& c = report.cycle;
  return {{"region",
           {{"code", report.region.code.ToString()},
            {"name", report.region.name},
            {"level", RegionLevelName(report.region.code.level()).en}}},
          {"today", today.ToString()},
          {"cycle",
           {{"help_day", c.help_day.ToString()},
            {"start", c.help_day.ToString()},
            {"end", c.end.ToString()},
            {"running", c.running},
            {"next_help_day", date_or_null(c.next_help_day)}}},
          {"cycles", cycles},
          {"summary", counts(report.summary)},
          {"children", children},
          {"units", units},
          {"idle", idle},
          {"idle_cycles", report.idle_cycles}};
}

Result<ComplianceReport> ComplianceFor(store::Store& store, const policy::Policy& policy, RegionCode region,
                                       std::optional<Date> cycle, Date today) {
  const Date day = cycle.value_or(today);
  FUPIN_ASSIGN_OR_RETURN(policy::VisitRules rules, VisitRulesOn(policy, day));
  FUPIN_ASSIGN_OR_RETURN(ComplianceData data, LoadComplianceData(store, region));
  const std::vector<Date> help_days = HelpDaysAround(policy, day.year());
  return ComputeCompliance(data, help_days, region, cycle, today, rules.idle_cycles);
}

}  // namespace fupin::visits
