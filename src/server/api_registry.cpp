// Routes: regions and the household registry (list, detail, Excel export).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "accounts/password.hpp"
#include "io/xlsx_writer.hpp"
#include "policy/exit_evaluation.hpp"
#include "registry/household_json.hpp"
#include "registry/household_layout.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

template <typename E>
Result<std::optional<E>> OptionalTerm(const Request& req, const std::string& name) {
  const std::string v = req.Query(name);
  if (v.empty()) return std::optional<E>();
  auto parsed = ParseTerm<E>(v);
  if (!parsed) {
    return Status::Invalid(name, "query.term", {fmt::format("参数 {} 的值“{}”无效", name, v),
                                                fmt::format("query parameter {} has an invalid value \"{}\"", name, v)});
  }
  return std::optional<E>(*parsed);
}

nlohmann::json RowJson(const HouseholdRow& r, const std::string& village_name) {
  return {{"id", r.id},
          {"head_name", r.head_name},
          {"village", {{"code", r.village.ToString()}, {"name", village_name}}},
          {"status", TermOf(r.status).code},
          {"attribute", TermOf(r.attribute).code},
          {"main_cause", TermOf(r.main_cause).code},
          {"persons", r.persons},
          {"per_capita_net", static_cast<double>(r.per_capita.fen()) / 100.0},
          {"eligible", r.eligible},
          {"failing", r.failing},
          {"version", r.version}};
}

}  // namespace

void Server::Impl::AddRegistryRoutes() {
  auto region_names = [this](const std::vector<RegionCode>& codes) {
    std::unordered_map<uint64_t, std::string> names;
    auto s = pool->Borrow();
    for (RegionCode c : codes) {
      if (names.contains(c.number())) continue;
      auto r = s->FindRegion(c);
      names[c.number()] = r.ok() && *r ? (*r)->name : c.ToShortString();
    }
    return names;
  };

  routes.push_back({"GET", "/regions/{code}", "a region with its path and children", Access::kSession,
                    [this](Request& req) -> Result<Response> {
                      FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
                      FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto region, s->FindRegion(code));
                      if (!region && code != RegionCode()) return NotInScope(code.ToShortString());
                      nlohmann::json path = nlohmann::json::array();
                      for (RegionCode a : code.ancestors()) {
                        if (!a.IsWithin(req.user->scope)) continue;
                        FUPIN_ASSIGN_OR_RETURN(auto ar, s->FindRegion(a));
                        if (ar) path.push_back({{"code", a.ToString()}, {"name", ar->name}});
                      }
                      nlohmann::json children = nlohmann::json::array();
                      if (code.level() != RegionLevel::kVillage) {
                        FUPIN_ASSIGN_OR_RETURN(auto all, s->ListRegions(code));
                        for (const auto& r : all) {
                          if (r.code.parent() != code || r.code == code) continue;
                          children.push_back({{"code", r.code.ToString()},
                                              {"name", r.name},
                                              {"level", RegionLevelName(r.code.level()).en},
                                              {"poor_village", r.poor_village}});
                        }
                      }
                      return Response::Ok({{"code", code.ToString()},
                                           {"name", region ? region->name : "全国"},
                                           {"level", RegionLevelName(code.level()).en},
                                           {"parent", code.parent().ToString()},
                                           {"poor_village", region ? region->poor_village : false},
                                           {"path", path},
                                           {"children", children}});
                    }});

  auto query_of = [this](Request& req) -> Result<HouseholdQuery> {
    HouseholdQuery q;
    q.within = req.user->scope;
    if (const std::string region = req.Query("region"); !region.empty()) {
      FUPIN_ASSIGN_OR_RETURN(q.within, RegionCode::Parse(region));
      FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, q.within));
    }
    if (req.user->role == accounts::Role::kResponsibleCadre) q.cadre_phone = req.user->cadre_phone;
    FUPIN_ASSIGN_OR_RETURN(q.status, OptionalTerm<registry::HouseholdStatus>(req, "status"));
    FUPIN_ASSIGN_OR_RETURN(q.attribute, OptionalTerm<registry::PovertyAttribute>(req, "attribute"));
    FUPIN_ASSIGN_OR_RETURN(q.cause, OptionalTerm<registry::Cause>(req, "cause"));
    q.failing = req.Query("failing");
    q.q = req.Query("q");
    const std::string alert = req.Query("alert");
    q.eligible_only = alert == "eligible";
    q.wrong_exit_only = alert == "wrong_exit";
    q.page = std::max(1, req.QueryInt("page", 1));
    q.page_size = std::clamp(req.QueryInt("page_size", 50), 1, 500);
    return q;
  };
  const std::vector<std::string> filters = {"region", "status", "attribute", "cause", "failing", "q", "alert",
                                            "page",   "page_size"};

  routes.push_back({"GET", "/households", "the household list: filters, search by name, pinyin initials or ID",
                    Access::kSession,
                    [this, query_of, region_names](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      FUPIN_ASSIGN_OR_RETURN(HouseholdQuery q, query_of(req));
                      int64_t total = 0;
                      const auto rows = households->List(q, &total);
                      std::vector<RegionCode> villages;
                      for (const auto& r : rows) villages.push_back(r.village);
                      const auto names = region_names(villages);
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& r : rows) items.push_back(RowJson(r, names.at(r.village.number())));
                      return Response::Ok({{"items", items}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}});
                    },
                    filters});

  routes.push_back(
      {"GET", "/households/export.xlsx", "Excel of the current list (masked; audited)", Access::kSession,
       [this, query_of](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kExport));
         FUPIN_ASSIGN_OR_RETURN(HouseholdQuery q, query_of(req));
         q.page = 1;
         q.page_size = 1 << 30;
         int64_t total = 0;
         const auto rows = households->List(q, &total);
         std::vector<std::string> ids;
         for (const auto& r : rows) ids.push_back(r.id);
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto found, s->FindHouseholds(ids));
         const auto path = std::filesystem::temp_directory_path() / ("fupin-export-" + accounts::RandomHex(8) + ".xlsx");
         {
           FUPIN_ASSIGN_OR_RETURN(auto writer, io::XlsxWriter::Create(path, "建档立卡户"));
           FUPIN_RETURN_IF_ERROR(writer.WriteHeader(registry::ExportHeader()));
           for (const auto& id : ids) {
             for (const auto& row : registry::HouseholdToRows(found.at(id), /*unmasked=*/false)) {
               FUPIN_RETURN_IF_ERROR(writer.WriteRow(row));
             }
           }
           FUPIN_RETURN_IF_ERROR(writer.Close());
         }
         std::ifstream in(path, std::ios::binary);
         std::ostringstream bytes;
         bytes << in.rdbuf();
         in.close();
         std::filesystem::remove(path);
         FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "households.export.masked",
                                               q.within.ToString(),
                                               DumpJson({{"households", ids.size()}, {"query", req.Query("q")}}),
                                               req.ip}));
         Response r;
         r.body = bytes.str();
         r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
         r.headers.emplace_back("Content-Disposition", "attachment; filename=\"households.xlsx\"");
         return r;
       },
       filters});

  routes.push_back(
      {"GET", "/households/{id}", "one household: members, income, verdict, history, allowed actions",
       Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         const std::string id = req.path_params["id"];
         FUPIN_ASSIGN_OR_RETURN(HouseholdRow row, VisibleHousehold(*req.user, id));
         const bool unmasked = req.Query("unmasked") == "1";
         if (unmasked) FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kViewUnmasked));
         auto s = pool->Borrow();
         const std::vector<std::string> ids = {id};
         FUPIN_ASSIGN_OR_RETURN(auto found, s->FindHouseholds(ids));
         if (found.empty()) return HouseholdNotFound(id);
         const registry::Household& h = found.begin()->second;
         if (unmasked) {
           FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "households.show.unmasked", id, "{}", req.ip}));
         }
         nlohmann::json j = registry::HouseholdToJson(h, unmasked ? registry::Masking::kUnmasked : registry::Masking::kMasked);
         FUPIN_ASSIGN_OR_RETURN(auto village, s->FindRegion(h.village));
         FUPIN_ASSIGN_OR_RETURN(auto town, s->FindRegion(h.village.parent()));
         j["village_name"] = village ? village->name : "";
         j["town_name"] = town ? town->name : "";
         const auto verdict = policy::EvaluateHousehold(policy, h, year);
         nlohmann::json criteria = nlohmann::json::array();
         for (const auto& c : verdict.criteria) {
           criteria.push_back({{"rule", c.rule_id},
                               {"name", {{"zh", c.name.zh}, {"en", c.name.en}}},
                               {"pass", c.pass},
                               {"reason", {{"zh", c.reason.zh}, {"en", c.reason.en}}}});
         }
         j["verdict"] = {{"year", year}, {"profile", verdict.profile}, {"eligible_to_exit", verdict.eligible_to_exit},
                         {"criteria", criteria}};
         FUPIN_ASSIGN_OR_RETURN(auto history, s->History("household", id));
         nlohmann::json hist = nlohmann::json::array();
         for (const auto& e : history) {
           hist.push_back({{"version", e.version}, {"changed_at", e.changed_at}, {"actor", e.actor}, {"source", e.source}});
         }
         j["history"] = hist;
         nlohmann::json actions = nlohmann::json::array();
         const auto& u = *req.user;
         if (accounts::RoleHas(u.role, accounts::Permission::kViewUnmasked)) actions.push_back("view_unmasked");
         const bool poor = h.status == registry::HouseholdStatus::kPoor || h.status == registry::HouseholdStatus::kReturned;
         if (poor && accounts::RoleHas(u.role, accounts::Permission::kStartProcedure)) actions.push_back("start_exit");
         if (h.status != registry::HouseholdStatus::kMonitoring &&
             accounts::RoleHas(u.role, accounts::Permission::kFlagMonitoring)) {
           actions.push_back("flag_monitoring");
         }
         j["procedures"] = ProceduresOf(*s, u, id, &actions);
         j["actions"] = actions;
         return Response::Ok(j);
       },
       {"unmasked"}});
}

}  // namespace fupin::server

namespace fupin::server {

// PATCH /households/{id}: the fields a village cadre corrects by hand. The body names
// the version it read; a stale version gets 409 and nothing changes.
void Server::Impl::AddHouseholdEditRoute() {
  routes.push_back(
      {"PATCH", "/households/{id}",
       "edit {phone, group, guarantees:{food…}} with expected_version; 409 when stale", Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kVillageSteps));
         const std::string id = req.path_params["id"];
         FUPIN_RETURN_IF_ERROR(VisibleHousehold(*req.user, id).status());
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         if (!body.contains("expected_version") || !body["expected_version"].is_number_integer()) {
           return Status::Invalid("expected_version", "household.version_missing",
                                  {"修改须带上读取时的版本号 expected_version", "an edit must carry expected_version"});
         }
         // Read, compare and write under one lock so two edits of the same version cannot
         // both pass; another process's edit is caught by the version it bumps.
         static std::mutex edit_mu;
         std::lock_guard edit_lock(edit_mu);
         auto s = pool->Borrow();
         const std::vector<std::string> ids = {id};
         FUPIN_ASSIGN_OR_RETURN(auto found, s->FindHouseholds(ids));
         if (found.empty()) return HouseholdNotFound(id);
         const registry::Household before = found.begin()->second;
         if (body["expected_version"].get<int64_t>() != before.version) {
           return Status::Conflict("expected_version", "household.stale",
                                   {fmt::format("户 {} 已被他人修改（当前版本 {}），请刷新后重试", id, before.version),
                                    fmt::format("household {} was changed by someone else (now version {}); reload "
                                                "and retry",
                                                id, before.version)});
         }
         registry::Household after = before;
         if (body.contains("phone")) after.phone = body["phone"].get<std::string>();
         if (body.contains("group")) after.group = body["group"].get<std::string>();
         if (body.contains("guarantees") && body["guarantees"].is_object()) {
           auto& g = after.guarantees;
           const std::pair<const char*, registry::YesNo*> fields[] = {
               {"food", &g.food},       {"clothing", &g.clothing}, {"education", &g.education},
               {"medical", &g.medical}, {"housing", &g.housing},   {"water", &g.water},
               {"electricity", &g.electricity}, {"radio_tv", &g.radio_tv}};
           for (const auto& [name, field] : fields) {
             if (!body["guarantees"].contains(name)) continue;
             auto v = ParseTerm<registry::YesNo>(body["guarantees"][name].get<std::string>());
             if (!v) {
               return Status::Invalid(name, "term.unknown", {fmt::format("{} 应为 是/否", name),
                                                             fmt::format("{} must be yes or no", name)});
             }
             *field = *v;
           }
         }
         const store::HouseholdWrite write{&before, &after};
         FUPIN_RETURN_IF_ERROR(s->WriteHouseholds(std::span(&write, 1),
                                                  {"user:" + req.user->username, "web:edit"}, {}));
         FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "households.edit", id, "", req.ip,
                                               DumpJson(registry::HouseholdToJson(before, registry::Masking::kMasked)),
                                               DumpJson(registry::HouseholdToJson(after, registry::Masking::kMasked))}));
         FUPIN_RETURN_IF_ERROR(ReloadHousehold(*s, id));
         after.version = before.version + 1;
         return Response::Ok({{"id", id}, {"version", after.version}});
       }});
}

}  // namespace fupin::server
