// Routes: the command structure and four-level responsibility 四级包保 — the coverage
// audit 村村清、户户清, the responsibility tree from county to household, cadres and
// the reassignment of a leaving cadre's households, campaigns with their countdown.
// Every rule lives in responsibility/ and command/; this file reads, scopes and shapes.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "command/cadre.hpp"
#include "command/campaign.hpp"
#include "core/id_number.hpp"
#include "responsibility/assignment.hpp"
#include "responsibility/coverage.hpp"
#include "responsibility/reassign.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

using responsibility::AssignmentKind;
using responsibility::GapKind;

constexpr GapKind kGapKinds[] = {
    GapKind::kTownWithoutLeader,      GapKind::kVillageWithoutUnit, GapKind::kVillageWithoutFirstSecretary,
    GapKind::kVillageWithoutWorkTeam, GapKind::kGroupWithoutLeader, GapKind::kHouseholdWithoutCadre};

nlohmann::json GapKindsJson() {
  nlohmann::json kinds = nlohmann::json::array();
  for (GapKind k : kGapKinds) {
    const Message label = responsibility::GapKindLabel(k);
    kinds.push_back({{"code", responsibility::GapKindCode(k)}, {"zh", label.zh}, {"en", label.en}});
  }
  return kinds;
}

std::string_view LevelCode(RegionLevel level) {
  switch (level) {
    case RegionLevel::kNation:
      return "nation";
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kCounty:
      return "county";
    case RegionLevel::kTown:
      return "town";
    case RegionLevel::kVillage:
      return "village";
  }
  return "";
}

// Names of cadres and units, read once per request.
struct Directory {
  std::unordered_map<std::string, store::CadreRow> cadres;
  std::unordered_map<std::string, store::UnitRow> units;

  static Result<Directory> Load(store::Store& s) {
    Directory d;
    FUPIN_ASSIGN_OR_RETURN(auto cadres, s.ListCadres());
    for (auto& c : cadres) d.cadres.emplace(c.id, std::move(c));
    FUPIN_ASSIGN_OR_RETURN(auto units, s.ListUnits());
    for (auto& u : units) d.units.emplace(u.id, std::move(u));
    return d;
  }
  std::string UnitName(const std::string& id) const {
    auto it = units.find(id);
    return it == units.end() ? id : it->second.name;
  }
  nlohmann::json Holder(const store::AssignmentRow& a) const {
    if (a.cadre_id.empty()) {
      return {{"type", "unit"},
              {"id", a.unit_id},
              {"name", UnitName(a.unit_id)},
              {"unit_name", UnitName(a.unit_id)}};
    }
    auto it = cadres.find(a.cadre_id);
    const std::string name = it == cadres.end() ? a.cadre_id : it->second.name;
    const std::string unit = it == cadres.end() ? "" : UnitName(it->second.unit_id);
    return {{"type", "cadre"}, {"id", a.cadre_id}, {"name", name}, {"unit_name", unit}};
  }
  /// In office on `day` (an assignment of a cadre out of office covers nothing).
  bool InOffice(const store::AssignmentRow& a, Date day) const {
    if (a.cadre_id.empty()) return true;
    auto it = cadres.find(a.cadre_id);
    if (it == cadres.end()) return false;
    const std::string d = day.ToString();
    return it->second.active_from <= d && (it->second.active_to.empty() || d <= it->second.active_to);
  }
};

nlohmann::json AssignmentJson(const store::AssignmentRow& a, const Directory& dir) {
  auto kind = ParseTerm<AssignmentKind>(a.kind);
  return {{"id", a.id},
          {"kind", a.kind},
          {"kind_zh", kind ? std::string(TermOf(*kind).zh) : a.kind},
          {"kind_en", kind ? std::string(TermOf(*kind).en) : a.kind},
          {"holder", dir.Holder(a)},
          {"target", a.target},
          {"date_from", a.date_from},
          {"date_to", a.date_to}};
}

// The kind whose holder names a node in the tree: the county leader of a town, the
// helping unit of a village, the leader of a group, the cadre of a household.
AssignmentKind MainKindOf(std::string_view type) {
  if (type == "town") return AssignmentKind::kTownLeader;
  if (type == "village") return AssignmentKind::kVillageUnit;
  if (type == "group") return AssignmentKind::kGroupLeader;
  return AssignmentKind::kHouseholdCadre;
}

Result<Date> DayParam(const Request& req, Date today) {
  const std::string text = req.Query("date");
  if (text.empty()) return today;
  auto day = Date::Parse(text);
  if (!day.ok()) {
    return Status::Invalid("date", "request.date",
                           {fmt::format("日期“{}”无效，应为 YYYY-MM-DD", text),
                            fmt::format("date \"{}\" is not valid (YYYY-MM-DD)", text)});
  }
  return *day;
}

Status CadreNotFound(const std::string& id) {
  return Status::NotFound("id", {fmt::format("找不到干部 {}，或不在您的管辖范围内", id),
                                 fmt::format("cadre {} not found, or outside your scope", id)});
}

Status NoCadreView(const accounts::User& user) {
  if (user.role == accounts::Role::kResponsibleCadre) {
    return Status::PermissionDenied(
        {"帮扶责任人只能查看自己的帮扶户", "a responsible cadre sees only their own households"});
  }
  return Status::Ok();
}

}  // namespace

void Server::Impl::AddStructureRoutes() {
  routes.push_back({"GET",
                    "/coverage/{code}",
                    "coverage audit 村村清、户户清: gaps per region and their lists",
                    Access::kSession,
                    [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
                      FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
                      FUPIN_RETURN_IF_ERROR(NoCadreView(*req.user));
                      FUPIN_ASSIGN_OR_RETURN(Date day, DayParam(req, Today()));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto report,
                                             responsibility::CoverageAudit(*s, code, day, policy));
                      nlohmann::json out = responsibility::CoverageToJson(report);
                      out["gap_kinds"] = GapKindsJson();
                      return Response::Ok(std::move(out));
                    },
                    {"date"}});

  routes.push_back(
      {"GET",
       "/structure/{code}",
       "one node of the responsibility tree (county, town, village, or a villager group with ?group=)",
       Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
         FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
         FUPIN_RETURN_IF_ERROR(NoCadreView(*req.user));
         FUPIN_ASSIGN_OR_RETURN(Date day, DayParam(req, Today()));
         const std::string group = req.Query("group");
         if (code.level() < RegionLevel::kCounty) {
           return Status::Invalid("code", "structure.level",
                                  {fmt::format("包保结构从县开始，{} 是{}级", code.ToShortString(),
                                               RegionLevelName(code.level()).zh),
                                   fmt::format("the responsibility tree starts at a county; {} is a {}",
                                               code.ToShortString(), RegionLevelName(code.level()).en)});
         }
         if (!group.empty() && code.level() != RegionLevel::kVillage) {
           return Status::Invalid(
               "group", "structure.group",
               {"村民小组只能在村下查询", "a villager group is asked for within a village"});
         }
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto region, s->FindRegion(code));
         if (!region) return NotInScope(code.ToShortString());
         FUPIN_ASSIGN_OR_RETURN(Directory dir, Directory::Load(*s));
         store::AssignmentFilter filter;
         filter.within = code;
         filter.active_on = day.ToString();
         FUPIN_ASSIGN_OR_RETURN(auto assignments, s->ListAssignments(filter));
         std::erase_if(assignments, [&](const store::AssignmentRow& a) { return !dir.InOffice(a, day); });
         // Assignments by target, in force on the day.
         std::map<std::string, std::vector<const store::AssignmentRow*>> by_target;
         for (const auto& a : assignments) by_target[a.target].push_back(&a);
         auto holder_of = [&](const std::string& target, AssignmentKind kind) -> nlohmann::json {
           auto it = by_target.find(target);
           if (it == by_target.end()) return nullptr;
           for (const auto* a : it->second) {
             if (a->kind == TermOf(kind).code) return dir.Holder(*a);
           }
           return nullptr;
         };
         auto node_assignments = [&](const std::string& target) {
           nlohmann::json list = nlohmann::json::array();
           auto it = by_target.find(target);
           if (it != by_target.end()) {
             for (const auto* a : it->second) list.push_back(AssignmentJson(*a, dir));
           }
           return list;
         };

         nlohmann::json node = {{"code", code.ToString()},
                                {"name", region->name},
                                {"level", group.empty() ? LevelCode(code.level()) : "group"},
                                {"poor_village", region->poor_village}};
         nlohmann::json children = nlohmann::json::array();
         nlohmann::json own_gaps = nlohmann::json::array();
         std::string target = code.ToString();

         if (code.level() == RegionLevel::kCounty || code.level() == RegionLevel::kTown) {
           FUPIN_ASSIGN_OR_RETURN(auto report, responsibility::CoverageAudit(*s, code, day, policy));
           std::unordered_map<uint64_t, int64_t> child_gaps;
           for (const auto& c : report.children) child_gaps[c.code.number()] = c.counts.gaps();
           for (const auto& g : report.gaps) {
             if (g.target == target) own_gaps.push_back(responsibility::GapKindCode(g.kind));
           }
           FUPIN_ASSIGN_OR_RETURN(auto below, s->ListRegions(code));
           const std::string type = code.level() == RegionLevel::kCounty ? "town" : "village";
           for (const auto& r : below) {
             if (r.code.parent() != code) continue;
             auto gaps = child_gaps.find(r.code.number());
             nlohmann::json child = {{"type", type},
                                     {"code", r.code.ToString()},
                                     {"name", r.name},
                                     {"holder", holder_of(r.code.ToString(), MainKindOf(type))},
                                     {"gaps", gaps == child_gaps.end() ? 0 : gaps->second}};
             if (type == "village") child["poor_village"] = r.poor_village;
             children.push_back(std::move(child));
           }
         } else {
           // A village (its groups) or one of its groups (its households): the
           // village's audit, its households and their groups.
           FUPIN_ASSIGN_OR_RETURN(auto report, responsibility::CoverageAudit(*s, code, day, policy));
           FUPIN_ASSIGN_OR_RETURN(auto village_households, s->LoadHouseholds(code));
           std::set<std::string> gap_targets;
           for (const auto& g : report.gaps) gap_targets.insert(g.target);
           if (group.empty()) {
             for (const auto& g : report.gaps) {
               if (g.target == target) own_gaps.push_back(responsibility::GapKindCode(g.kind));
             }
             std::map<std::string, int64_t> group_gaps;  // ordered by group number
             std::map<std::string, bool> seen;
             for (const auto& h : village_households) {
               seen[h.group] = true;
               if (gap_targets.contains(h.id)) ++group_gaps[h.group];
             }
             std::vector<std::string> groups;
             for (const auto& [g, _] : seen) groups.push_back(g);
             std::sort(groups.begin(), groups.end(), [](const std::string& a, const std::string& b) {
               return a.size() != b.size() ? a.size() < b.size() : a < b;
             });
             for (const auto& g : groups) {
               const std::string gt = responsibility::GroupTarget(code, g);
               const int64_t gaps = group_gaps[g] + (gap_targets.contains(gt) ? 1 : 0);
               children.push_back({{"type", "group"},
                                   {"code", code.ToString()},
                                   {"group", g},
                                   {"name", g},
                                   {"holder", holder_of(gt, AssignmentKind::kGroupLeader)},
                                   {"gaps", gaps}});
             }
           } else {
             target = responsibility::GroupTarget(code, group);
             node["group"] = group;
             node["name"] = fmt::format("{} {}", region->name, group);
             bool any = false;
             if (gap_targets.contains(target)) own_gaps.push_back("group_without_leader");
             for (const auto& h : village_households) {
               if (h.group != group) continue;
               any = true;
               const auto row = households->Find(h.id);
               children.push_back({{"type", "household"},
                                   {"code", h.id},
                                   {"name", row ? row->head_name : h.id},
                                   {"status", TermOf(h.status).code},
                                   {"status_zh", TermOf(h.status).zh},
                                   {"status_en", TermOf(h.status).en},
                                   {"holder", holder_of(h.id, AssignmentKind::kHouseholdCadre)},
                                   {"gaps", gap_targets.contains(h.id) ? 1 : 0}});
             }
             if (!any) {
               return Status::NotFound("group",
                                       {fmt::format("{} 没有第 {} 村民小组", region->name, group),
                                        fmt::format("{} has no villager group {}", region->name, group)});
             }
           }
         }
         return Response::Ok({{"node", node},
                              {"date", day.ToString()},
                              {"assignments", node_assignments(target)},
                              {"gaps", own_gaps},
                              {"gap_kinds", GapKindsJson()},
                              {"children", children}});
       },
       {"date", "group"}});

  // Cadres are visible when their unit lies within the user's scope or they hold an
  // assignment there; the same rule for the list and for one cadre.
  auto cadre_json = [](const store::CadreRow& c, const Directory& dir, int64_t held) {
    auto level = ParseTerm<command::CadreLevel>(c.level);
    return nlohmann::json{{"id", c.id},
                          {"name", c.name},
                          {"unit", {{"id", c.unit_id}, {"name", dir.UnitName(c.unit_id)}}},
                          {"post", c.post},
                          {"level", c.level},
                          {"level_zh", level ? std::string(TermOf(*level).zh) : c.level},
                          {"level_en", level ? std::string(TermOf(*level).en) : c.level},
                          {"party_member", c.party_member},
                          {"phone", MaskPhone(c.phone)},
                          {"active_from", c.active_from},
                          {"active_to", c.active_to},
                          {"households", held},
                          {"version", c.version}};
  };

  routes.push_back(
      {"GET",
       "/cadres",
       "cadres within the user's scope, with the households they are responsible for today",
       Access::kSession,
       [this, cadre_json](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         FUPIN_RETURN_IF_ERROR(NoCadreView(*req.user));
         const int page = std::max(1, req.QueryInt("page", 1));
         const int size = std::clamp(req.QueryInt("page_size", 50), 1, 500);
         const std::string q = req.Query("q");
         const std::string unit = req.Query("unit");
         const Date day = Today();
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(Directory dir, Directory::Load(*s));
         store::AssignmentFilter filter;
         filter.within = req.user->scope;
         filter.active_on = day.ToString();
         FUPIN_ASSIGN_OR_RETURN(auto assignments, s->ListAssignments(filter));
         std::unordered_map<std::string, int64_t> load;
         std::set<std::string> holding;
         for (const auto& a : assignments) {
           if (a.cadre_id.empty()) continue;
           holding.insert(a.cadre_id);
           if (a.kind == TermOf(AssignmentKind::kHouseholdCadre).code) ++load[a.cadre_id];
         }
         std::vector<const store::CadreRow*> matches;
         for (const auto& [id, c] : dir.cadres) {
           auto u = dir.units.find(c.unit_id);
           const bool in_scope =
               holding.contains(id) || (u != dir.units.end() && u->second.region.IsWithin(req.user->scope));
           if (!in_scope) continue;
           if (!unit.empty() && c.unit_id != unit) continue;
           if (!q.empty() && c.name.find(q) == std::string::npos && c.id.find(q) == std::string::npos &&
               dir.UnitName(c.unit_id).find(q) == std::string::npos) {
             continue;
           }
           matches.push_back(&c);
         }
         std::sort(matches.begin(), matches.end(), [](auto* a, auto* b) { return a->id < b->id; });
         nlohmann::json items = nlohmann::json::array();
         for (size_t i = static_cast<size_t>((page - 1) * size);
              i < matches.size() && items.size() < static_cast<size_t>(size); ++i) {
           items.push_back(cadre_json(*matches[i], dir, load[matches[i]->id]));
         }
         return Response::Ok(
             {{"items", items}, {"total", matches.size()}, {"page", page}, {"page_size", size}});
       },
       {"q", "unit", "page", "page_size"}});

  routes.push_back({"GET", "/cadres/{id}", "one cadre with the assignments they hold today", Access::kSession,
                    [this, cadre_json](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      const std::string id = req.path_params["id"];
                      const Date day = Today();
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(Directory dir, Directory::Load(*s));
                      auto it = dir.cadres.find(id);
                      if (it == dir.cadres.end()) return CadreNotFound(id);
                      FUPIN_ASSIGN_OR_RETURN(auto open, responsibility::OpenAssignmentsOf(*s, id, day));
                      auto unit = dir.units.find(it->second.unit_id);
                      bool visible = unit != dir.units.end() && unit->second.region.IsWithin(req.user->scope);
                      for (const auto& a : open) visible = visible || a.region.IsWithin(req.user->scope);
                      if (!visible) return CadreNotFound(id);
                      FUPIN_RETURN_IF_ERROR(NoCadreView(*req.user));
                      std::vector<RegionCode> regions;
                      std::vector<std::string> household_ids;
                      for (const auto& a : open) {
                        regions.push_back(a.region);
                        if (a.kind == TermOf(AssignmentKind::kHouseholdCadre).code)
                          household_ids.push_back(a.target);
                      }
                      const auto names = RegionNames(*s, regions);
                      int64_t households_held = 0;
                      nlohmann::json list = nlohmann::json::array();
                      for (const auto& a : open) {
                        nlohmann::json j = AssignmentJson(a, dir);
                        std::string target_name = a.target;
                        if (a.kind == TermOf(AssignmentKind::kHouseholdCadre).code) {
                          ++households_held;
                          if (auto row = households->Find(a.target)) target_name = row->head_name;
                        } else if (auto n = names.find(a.region.number()); n != names.end()) {
                          target_name =
                              a.target.find('/') != std::string::npos
                                  ? fmt::format("{} {}", n->second, a.target.substr(a.target.find('/') + 1))
                                  : n->second;
                        }
                        j["target_name"] = target_name;
                        j["region"] = {{"code", a.region.ToString()}, {"name", names.at(a.region.number())}};
                        list.push_back(std::move(j));
                      }
                      nlohmann::json out = cadre_json(it->second, dir, households_held);
                      out["open_assignments"] = std::move(list);
                      out["may_reassign"] =
                          accounts::RoleHas(req.user->role, accounts::Permission::kReassign);
                      return Response::Ok(std::move(out));
                    }});

  routes.push_back(
      {"POST", "/cadres/{id}/reassign",
       "hand every open assignment of a cadre to others in one transaction: {to_cadre_id, date, reason, "
       "leaves, moves}",
       Access::kSession, [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReassign));
         const std::string id = req.path_params["id"];
         auto s = pool->Borrow();
         // Scope first: every assignment the cadre holds today must lie within it.
         FUPIN_ASSIGN_OR_RETURN(auto cadre, s->FindCadre(id));
         if (!cadre) return CadreNotFound(id);
         FUPIN_ASSIGN_OR_RETURN(auto held, responsibility::OpenAssignmentsOf(*s, id, Today()));
         if (held.empty()) {
           FUPIN_ASSIGN_OR_RETURN(auto units, s->ListUnits());
           auto unit = std::find_if(units.begin(), units.end(),
                                    [&](const auto& u) { return u.id == cadre->unit_id; });
           if (unit == units.end() || !unit->region.IsWithin(req.user->scope)) return CadreNotFound(id);
         }
         for (const auto& a : held) {
           if (!a.region.IsWithin(req.user->scope)) return CadreNotFound(id);
         }
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         responsibility::ReassignPlan plan;
         plan.to_cadre = body.value("to_cadre_id", "");
         plan.reason = body.value("reason", "");
         plan.cadre_leaves = body.value("leaves", false);
         const std::string date_text = body.value("date", Today().ToString());
         auto date = Date::Parse(date_text);
         if (!date.ok()) {
           return Status::Invalid("date", "request.date",
                                  {fmt::format("日期“{}”无效，应为 YYYY-MM-DD", date_text),
                                   fmt::format("date \"{}\" is not valid (YYYY-MM-DD)", date_text)});
         }
         plan.date = *date;
         if (body.contains("moves") && body["moves"].is_object()) {
           for (const auto& [target, to] : body["moves"].items()) {
             if (to.is_string()) plan.moves[target] = to.get<std::string>();
           }
         }
         FUPIN_ASSIGN_OR_RETURN(auto open, responsibility::OpenAssignmentsOf(*s, id, plan.date));
         const std::string actor = "user:" + req.user->username;
         nlohmann::json detail = {{"to_cadre_id", plan.to_cadre},
                                  {"date", plan.date.ToString()},
                                  {"reason", plan.reason},
                                  {"leaves", plan.cadre_leaves},
                                  {"assignments", open.size()}};
         FUPIN_ASSIGN_OR_RETURN(auto result, responsibility::ReassignCadre(
                                                 *s, policy, id, plan, actor,
                                                 {{actor, "cadres.reassign", id, DumpJson(detail), req.ip}}));
         nlohmann::json moved = nlohmann::json::array();
         for (const auto& [to, n] : result.taken) moved.push_back({{"to_cadre_id", to}, {"assignments", n}});
         return Response::Ok({{"moved", result.moved},
                              {"taken", moved},
                              {"uncovered", result.uncovered},
                              {"left_office", plan.cadre_leaves}});
       }});

  routes.push_back(
      {"GET", "/campaigns", "campaigns 战役 with their countdown and command posts", Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         const Date today = Today();
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto summaries, command::SummarizeCampaigns(*s, today));
         FUPIN_ASSIGN_OR_RETURN(Directory dir, Directory::Load(*s));
         nlohmann::json items = nlohmann::json::array();
         for (const auto& c : summaries) {
           // A campaign is shown to users whose scope overlaps its region.
           if (!c.campaign.region.IsWithin(req.user->scope) && !req.user->scope.IsWithin(c.campaign.region))
             continue;
           FUPIN_ASSIGN_OR_RETURN(auto posts, s->CampaignPosts(c.campaign.id));
           std::vector<RegionCode> codes = {c.campaign.region};
           for (const auto& p : posts) codes.push_back(p.region);
           const auto names = RegionNames(*s, codes);
           nlohmann::json post_list = nlohmann::json::array();
           for (const auto& p : posts) {
             if (p.level != "hq" && p.level != "working_group")
               continue;  // towns and villages: see /structure
             auto role = ParseTerm<command::CommandRole>(p.role);
             auto cadre = dir.cadres.find(p.cadre_id);
             post_list.push_back({{"level", p.level},
                                  {"name", p.name},
                                  {"role", p.role},
                                  {"role_zh", role ? std::string(TermOf(*role).zh) : p.role},
                                  {"role_en", role ? std::string(TermOf(*role).en) : p.role},
                                  {"cadre",
                                   {{"id", p.cadre_id},
                                    {"name", cadre == dir.cadres.end() ? p.cadre_id : cadre->second.name}}}});
           }
           auto start = Date::Parse(c.campaign.start);
           const int day_number = start.ok() ? today.days() - start->days() + 1 : 0;
           items.push_back(
               {{"id", c.campaign.id},
                {"name", c.campaign.name},
                {"region",
                 {{"code", c.campaign.region.ToString()}, {"name", names.at(c.campaign.region.number())}}},
                {"start", c.campaign.start},
                {"end", c.campaign.end},
                {"days_total", c.days_total},
                {"day_number", std::clamp(day_number, 0, c.days_total + 1)},
                {"days_left", c.days_left},
                {"war_zones", c.war_zones},
                {"battlefields", c.battlefields},
                {"temporary_party_orgs", c.temporary_party_orgs},
                {"posts", post_list}});
         }
         return Response::Ok({{"items", items}, {"today", today.ToString()}});
       }});
}

}  // namespace fupin::server
