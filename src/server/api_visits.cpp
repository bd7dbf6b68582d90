// Routes: visits 帮扶走访 (log, list, photos), a responsible cadre's own households
// and what is due, and compliance per help-day cycle. The rules live in visits/.
//
// Compliance answers come from one in-memory model of what compliance reads
// (assignments, cadres, units, visits in brief). A visit this server writes is added
// to it in place; visits written elsewhere are read by id and added when the store's
// compliance mark shows them; a new history row (an assignment, cadre or unit may
// have changed) reloads it. Answers are cached per (region, cycle, today) until the
// next change.
#include <fmt/format.h>

#include <charconv>
#include <map>
#include <mutex>
#include <tuple>

#include "core/id_number.hpp"
#include "server/server_impl.hpp"
#include "visits/compliance.hpp"
#include "visits/photo.hpp"
#include "visits/visit.hpp"

namespace fupin::server {

struct VisitsState {
  std::mutex mu;
  store::ComplianceMark mark{-1, -1};                                             // what `model` reflects
  std::unique_ptr<visits::ComplianceModel> model;                                 // the whole database
  std::map<std::tuple<uint64_t, std::string, std::string>, std::string> answers;  // (region, cycle, today)

  /// Takes a visit this server has just written: when the model held every visit
  /// before it (ids are assigned in order), it is added in place instead of a reload;
  /// either way the cached answers are gone.
  void Written(const store::VisitRow& v) {
    std::lock_guard lock(mu);
    answers.clear();
    if (!model || mark.visit_id != v.id - 1) return;
    model->AddVisit({v.household_id, v.cadre_id, v.date});
    mark.visit_id = v.id;
  }
};

namespace {

template <typename E>
nlohmann::json TermJson(E value) {
  const Term& t = TermOf(value);
  return {{"code", t.code}, {"zh", t.zh}, {"en", t.en}};
}

// The term of a stored code as {code, zh, en} (the code alone when unknown).
template <typename E>
nlohmann::json CodeJson(const std::string& code) {
  auto v = ParseTerm<E>(code);
  if (!v) return {{"code", code}, {"zh", code}, {"en", code}};
  return TermJson(*v);
}

Status WrongType(const std::string& field, const char* zh, const char* en) {
  return Status::Invalid(field, "request.type",
                         {fmt::format("{} 应为{}", field, zh), fmt::format("{} must be {}", field, en)});
}

// A string member of `j`, "" when absent or null.
Result<std::string> StringField(const nlohmann::json& j, const std::string& key, const std::string& field) {
  if (!j.contains(key) || j[key].is_null()) return std::string();
  if (!j[key].is_string()) return WrongType(field, "字符串", "a string");
  return j[key].get<std::string>();
}

Result<visits::VisitInput> VisitInputOf(const nlohmann::json& body) {
  visits::VisitInput in;
  FUPIN_ASSIGN_OR_RETURN(in.client_id, StringField(body, "client_id", "client_id"));
  FUPIN_ASSIGN_OR_RETURN(in.household_id, StringField(body, "household_id", "household_id"));
  FUPIN_ASSIGN_OR_RETURN(in.date, StringField(body, "date", "date"));
  FUPIN_ASSIGN_OR_RETURN(in.time, StringField(body, "time", "time"));
  FUPIN_ASSIGN_OR_RETURN(in.kind, StringField(body, "kind", "kind"));
  FUPIN_ASSIGN_OR_RETURN(in.notes, StringField(body, "notes", "notes"));
  if (body.contains("measures") && !body["measures"].is_null()) {
    if (!body["measures"].is_array())
      return WrongType("measures", "措施代码数组", "an array of measure codes");
    for (size_t i = 0; i < body["measures"].size(); ++i) {
      const auto& m = body["measures"][i];
      if (!m.is_string()) return WrongType(fmt::format("measures[{}]", i), "字符串", "a string");
      in.measures.push_back(m.get<std::string>());
    }
  }
  if (body.contains("problems") && !body["problems"].is_null()) {
    if (!body["problems"].is_array()) return WrongType("problems", "问题数组", "an array of problems");
    for (size_t i = 0; i < body["problems"].size(); ++i) {
      const auto& p = body["problems"][i];
      const std::string field = fmt::format("problems[{}]", i);
      if (!p.is_object())
        return WrongType(field, "对象 {description, category}", "an object {description, category}");
      visits::ProblemInput problem;
      FUPIN_ASSIGN_OR_RETURN(problem.description, StringField(p, "description", field + ".description"));
      FUPIN_ASSIGN_OR_RETURN(problem.category, StringField(p, "category", field + ".category"));
      in.problems.push_back(std::move(problem));
    }
  }
  if (body.contains("location") && !body["location"].is_null()) {
    const auto& l = body["location"];
    if (!l.is_object()) return WrongType("location", "对象 {lat, lng}", "an object {lat, lng}");
    for (const char* key : {"lat", "lng"}) {
      if (!l.contains(key) || l[key].is_null()) continue;
      if (!l[key].is_number()) return WrongType(fmt::format("location.{}", key), "数值", "a number");
      (std::string_view(key) == "lat" ? in.lat : in.lng) = l[key].get<double>();
    }
  }
  return in;
}

std::string PhotoUrl(int64_t visit_id, const std::string& sha256) {
  return fmt::format("/api/v1/visits/{}/photos/{}", visit_id, sha256);
}

nlohmann::json PhotoJson(const store::VisitPhotoRow& p) {
  return {{"sha256", p.sha256}, {"type", p.type}, {"size", p.size}, {"url", PhotoUrl(p.visit_id, p.sha256)}};
}

// The head 户主 is listed first (registry/household.hpp).
std::string HeadName(const registry::Household& h) {
  return h.members.empty() ? std::string() : h.members.front().name;
}

nlohmann::json CadreBrief(const std::optional<store::CadreRow>& c, const std::string& id) {
  return {{"id", id}, {"name", c ? c->name : ""}};
}

}  // namespace

void Server::Impl::AddVisitRoutes() {
  visits_state = std::make_shared<VisitsState>();

  // A visit in the shape of the API (docs/api.md, "Visits").
  auto visit_json = [this](store::Store& s, const store::VisitRow& v) -> nlohmann::json {
    const auto row = households->Find(v.household_id);
    const auto names = RegionNames(s, {v.village});
    auto cadre = s.FindCadre(v.cadre_id);
    nlohmann::json measures = nlohmann::json::array();
    for (const auto& m : v.measures) measures.push_back(CodeJson<visits::VisitMeasure>(m));
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : v.problems) {
      const auto status = CodeJson<visits::ProblemStatus>(p.status);
      problems.push_back({{"id", p.id},
                          {"description", p.description},
                          {"category", p.category},
                          {"status", p.status},
                          {"status_zh", status["zh"]},
                          {"status_en", status["en"]}});
    }
    nlohmann::json photos = nlohmann::json::array();
    for (const auto& p : v.photos) photos.push_back(PhotoJson(p));
    const auto kind = CodeJson<visits::VisitKind>(v.kind);
    nlohmann::json location = nullptr;
    if (v.lat_e6 && v.lng_e6) {
      location = {{"lat", static_cast<double>(*v.lat_e6) / 1e6},
                  {"lng", static_cast<double>(*v.lng_e6) / 1e6}};
    }
    return {{"id", v.id},
            {"client_id", v.client_id},
            {"household_id", v.household_id},
            {"head_name", row ? row->head_name : ""},
            {"village", {{"code", v.village.ToString()}, {"name", names.at(v.village.number())}}},
            {"cadre", CadreBrief(cadre.ok() ? *cadre : std::nullopt, v.cadre_id)},
            {"date", v.date},
            {"time", v.time},
            {"kind", v.kind},
            {"kind_zh", kind["zh"]},
            {"kind_en", kind["en"]},
            {"measures", measures},
            {"problems", problems},
            {"notes", v.notes},
            {"location", location},
            {"photos", photos},
            {"recorded_at", v.recorded_at},
            {"recorded_by", v.recorded_by}};
  };

  // The cadre record of a responsible cadre's account (linked by phone).
  auto cadre_of = [this](store::Store& s, const accounts::User& user) -> Result<store::CadreRow> {
    FUPIN_ASSIGN_OR_RETURN(auto cadre, visits::CadreWithPhone(s, user.cadre_phone, Today()));
    if (!cadre) {
      return Status::FailedPrecondition(
          "cadre_phone", "visit.no_cadre",
          {fmt::format("账号 {} 没有关联到干部记录（按联系电话），请联系管理员", user.username),
           fmt::format("account {} is not linked to a cadre record (by phone); ask an administrator",
                       user.username)});
    }
    return *cadre;
  };

  // A visit the user may see: it exists and its household is visible to them.
  auto visible_visit = [this](store::Store& s, const accounts::User& user,
                              const std::string& vid) -> Result<store::VisitRow> {
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(vid.data(), vid.data() + vid.size(), id);
    if (ec != std::errc() || ptr != vid.data() + vid.size())
      return NotInScope(fmt::format("走访记录 {}", vid));
    FUPIN_ASSIGN_OR_RETURN(auto visit, s.FindVisit(id));
    if (!visit || !VisibleHousehold(user, visit->household_id).ok()) {
      return NotInScope(fmt::format("走访记录 {}", vid));
    }
    return *visit;
  };

  routes.push_back(
      {"POST", "/visits",
       "log a visit to one of the cadre's own households; the same client_id again returns the stored visit",
       Access::kSession, [this, visit_json, cadre_of](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kLogVisit));
         FUPIN_ASSIGN_OR_RETURN(nlohmann::json body, req.Json());
         FUPIN_ASSIGN_OR_RETURN(visits::VisitInput input, VisitInputOf(body));
         if (input.household_id.empty()) {
           return Status::Invalid("household_id", "visit.household",
                                  {"走访记录缺少户编号", "the visit has no household"});
         }
         FUPIN_RETURN_IF_ERROR(VisibleHousehold(*req.user, input.household_id).status());
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(store::CadreRow cadre, cadre_of(*s, *req.user));
         const store::ChangeContext context{"user:" + req.user->username, "web:visit"};
         FUPIN_ASSIGN_OR_RETURN(visits::LoggedVisit logged,
                                visits::LogVisit(*s, input, cadre, Today(), context, req.ip));
         if (!logged.duplicate) visits_state->Written(logged.visit);
         Response r =
             Response::Ok({{"visit", visit_json(*s, logged.visit)}, {"duplicate", logged.duplicate}});
         r.status = logged.duplicate ? 200 : 201;
         return r;
       }});

  routes.push_back({"GET", "/households/{id}/visits", "the visits of a household, newest first",
                    Access::kSession, [this, visit_json](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      const std::string id = req.path_params["id"];
                      FUPIN_RETURN_IF_ERROR(VisibleHousehold(*req.user, id).status());
                      auto s = pool->Borrow();
                      store::VisitFilter filter;
                      filter.household_id = id;
                      FUPIN_ASSIGN_OR_RETURN(auto list, s->ListVisits(filter));
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& v : list) items.push_back(visit_json(*s, v));
                      return Response::Ok({{"items", items}, {"total", list.size()}});
                    }});

  routes.push_back(
      {"POST", "/visits/{vid}/photos",
       "add a photo (the raw image bytes; JPEG, PNG or WebP by content) to one's own visit", Access::kSession,
       [this, cadre_of, visible_visit](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kLogVisit));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(store::VisitRow visit, visible_visit(*s, *req.user, req.path_params["vid"]));
         FUPIN_ASSIGN_OR_RETURN(store::CadreRow cadre, cadre_of(*s, *req.user));
         if (visit.cadre_id != cadre.id) return NotInScope(fmt::format("走访记录 {}", visit.id));
         const store::ChangeContext context{"user:" + req.user->username, "web:visit_photo"};
         FUPIN_ASSIGN_OR_RETURN(visits::AddedPhoto added,
                                visits::AddPhoto(*s, policy, visits::PhotosDirFor(options.db), visit,
                                                 req.body, req.content_type, Today(), context, req.ip));
         nlohmann::json j = PhotoJson(added.photo);
         j["duplicate"] = added.duplicate;
         Response r = Response::Ok(j);
         r.status = added.duplicate ? 200 : 201;
         return r;
       }});

  routes.push_back(
      {"GET", "/visits/{vid}/photos/{sha256}", "a photo of a visit, as the image bytes", Access::kSession,
       [this, visible_visit](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(store::VisitRow visit, visible_visit(*s, *req.user, req.path_params["vid"]));
         const std::string sha = req.path_params["sha256"];
         for (const auto& p : visit.photos) {
           if (p.sha256 != sha) continue;
           FUPIN_ASSIGN_OR_RETURN(std::string bytes, visits::ReadPhoto(visits::PhotosDirFor(options.db), p));
           Response r;
           r.body = std::move(bytes);
           r.content_type = p.type;
           // Named by their content: the bytes behind this URL never change.
           r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
           return r;
         }
         return NotInScope(fmt::format("照片 {}", sha));
       }});

  routes.push_back(
      {"GET", "/me/households",
       "a responsible cadre's own households today, with their last visit and what is due this cycle",
       Access::kSession, [this, cadre_of](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kLogVisit));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(store::CadreRow cadre, cadre_of(*s, *req.user));
         const Date today = Today();
         FUPIN_ASSIGN_OR_RETURN(auto own, visits::OwnHouseholds(*s, cadre, today));
         const auto help_days = visits::HelpDaysAround(policy, today.year());
         const auto cycle = visits::CycleContaining(help_days, today);
         store::VisitFilter filter;
         filter.cadre_id = cadre.id;
         filter.details = false;
         FUPIN_ASSIGN_OR_RETURN(auto visited, s->ListVisits(filter));  // newest first
         std::vector<std::string> ids;
         std::vector<RegionCode> villages;
         for (const auto& a : own) {
           if (!a.region.IsWithin(req.user->scope)) continue;
           ids.push_back(a.target);
           villages.push_back(a.region);
         }
         FUPIN_ASSIGN_OR_RETURN(auto found, s->FindHouseholds(ids));
         const auto names = RegionNames(*s, villages);
         nlohmann::json items = nlohmann::json::array();
         int64_t due = 0;
         for (const auto& id : ids) {
           auto h = found.find(id);
           if (h == found.end()) continue;
           const registry::Household& hh = h->second;
           nlohmann::json last = nullptr;
           bool this_cycle = false;
           for (const auto& v : visited) {
             if (v.household_id != id) continue;
             if (last.is_null()) last = {{"date", v.date}, {"kind", v.kind}};
             if (cycle && v.date >= cycle->help_day.ToString() && v.date <= cycle->end.ToString())
               this_cycle = true;
           }
           due += this_cycle ? 0 : 1;
           const Term& status = TermOf(hh.status);
           items.push_back(
               {{"id", id},
                {"head_name", HeadName(hh)},
                {"village", {{"code", hh.village.ToString()}, {"name", names.at(hh.village.number())}}},
                {"group", hh.group},
                {"status", status.code},
                {"status_zh", status.zh},
                {"status_en", status.en},
                {"persons", hh.members.size()},
                {"last_visit", last},
                {"visited_this_cycle", this_cycle}});
         }
         FUPIN_ASSIGN_OR_RETURN(auto units, s->ListUnits());
         std::string unit_name;
         for (const auto& u : units) {
           if (u.id == cadre.unit_id) unit_name = u.name;
         }
         nlohmann::json cycle_json = nullptr;
         if (cycle) {
           cycle_json = {
               {"help_day", cycle->help_day.ToString()},
               {"start", cycle->help_day.ToString()},
               {"end", cycle->end.ToString()},
               {"next_help_day", cycle->next_help_day ? nlohmann::json(cycle->next_help_day->ToString())
                                                      : nlohmann::json(nullptr)}};
         }
         return Response::Ok({{"cadre",
                               {{"id", cadre.id},
                                {"name", cadre.name},
                                {"unit", {{"id", cadre.unit_id}, {"name", unit_name}}},
                                {"phone", MaskPhone(cadre.phone)}}},
                              {"today", today.ToString()},
                              {"cycle", cycle_json},
                              {"items", items},
                              {"due", due}});
       }});

  routes.push_back(
      {"GET",
       "/compliance/{code}",
       "visits per help-day cycle: due and visited households per child region and unit, idle cadres",
       Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
         FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
         if (req.user->role == accounts::Role::kResponsibleCadre) {
           return Status::PermissionDenied(
               {"帮扶责任人只能查看自己的帮扶户（我的帮扶户）",
                "a responsible cadre sees only their own households (my households)"});
         }
         std::optional<Date> cycle;
         if (const std::string text = req.Query("cycle"); !text.empty()) {
           auto d = Date::Parse(text);
           if (!d.ok()) {
             return Status::Invalid(
                 "cycle", "compliance.cycle",
                 {fmt::format("参数 cycle 的值“{}”不是日期（YYYY-MM-DD）", text),
                  fmt::format("query parameter cycle \"{}\" is not a date (YYYY-MM-DD)", text)});
           }
           cycle = *d;
         }
         const Date today = Today();
         const Date day = cycle.value_or(today);
         FUPIN_ASSIGN_OR_RETURN(policy::VisitRules rules, visits::VisitRulesOn(policy, day));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(store::ComplianceMark mark, s->CurrentComplianceMark());
         VisitsState& state = *visits_state;
         std::lock_guard lock(state.mu);
         if (state.model && mark.history_id == state.mark.history_id && mark.visit_id > state.mark.visit_id) {
           // Only new visits (another process, or a write not taken in place): add them.
           FUPIN_ASSIGN_OR_RETURN(auto added, s->ListVisitMarks(RegionCode(), state.mark.visit_id));
           for (const auto& v : added) {
             state.model->AddVisit(v);
             state.mark.visit_id = std::max(state.mark.visit_id, v.id);
           }
           state.answers.clear();
         } else if (!state.model || !(mark == state.mark)) {
           FUPIN_ASSIGN_OR_RETURN(auto data, visits::LoadComplianceData(*s, RegionCode()));
           state.model = std::make_unique<visits::ComplianceModel>(data);
           state.mark = mark;
           // Visits committed between reading the mark and the data are in the model.
           for (const auto& v : data.visits) state.mark.visit_id = std::max(state.mark.visit_id, v.id);
           state.answers.clear();
         }
         const auto key = std::make_tuple(code.number(), cycle ? cycle->ToString() : "", today.ToString());
         if (auto hit = state.answers.find(key); hit != state.answers.end()) {
           Response cached;
           cached.body = hit->second;
           return cached;
         }
         const auto help_days = visits::HelpDaysAround(policy, day.year());
         auto computed =
             visits::ComputeCompliance(*state.model, help_days, code, cycle, today, rules.idle_cycles);
         if (!computed.ok() && computed.status().code() == StatusCode::kNotFound) {
           return NotInScope(code.ToShortString());
         }
         FUPIN_ASSIGN_OR_RETURN(visits::ComplianceReport report, std::move(computed));
         const nlohmann::json j = visits::ComplianceToJson(report, today);
         Response r;
         r.body = DumpJson(j);
         state.answers[key] = r.body;
         return r;
       },
       {"cycle"}});
}

}  // namespace fupin::server
