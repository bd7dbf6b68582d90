// Routes: procedures (exit, identification, return to poverty) and monitoring flags.
// Who may take which step follows the level of the step: village steps need
// kVillageSteps, the town review kTownSteps, county approval and after kCountySteps.
#include <fmt/format.h>

#include "procedures/monitoring.hpp"
#include "procedures/procedure.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

accounts::Permission PermissionForStep(std::string_view step) {
  if (step.find("town") != std::string_view::npos) return accounts::Permission::kTownSteps;
  if (step.find("county") != std::string_view::npos || step.find("announce") != std::string_view::npos ||
      step.rfind("mark_", 0) == 0 || step == "register" || step.find("province") != std::string_view::npos) {
    return accounts::Permission::kCountySteps;
  }
  return accounts::Permission::kVillageSteps;
}

Result<procedures::StepInput> InputOf(const Request& req, const nlohmann::json& body, const char* note_key) {
  procedures::StepInput in;
  in.actor = "user:" + req.user->username;
  FUPIN_ASSIGN_OR_RETURN(in.date, Date::Parse(body.value("date", Date::Today().ToString())));
  in.note = body.value(note_key, "");
  if (body.contains("expected_version") && body["expected_version"].is_number_integer()) {
    in.expected_version = body["expected_version"].get<int64_t>();
  }
  return in;
}

}  // namespace

nlohmann::json Server::Impl::ProceduresOf(store::Store& s, const accounts::User& user, const std::string& household_id,
                                          nlohmann::json* actions) {
  nlohmann::json out = nlohmann::json::array();
  auto list = procedures::ListProcedures(s, {household_id, "", false});
  if (!list.ok()) return out;
  for (const auto& p : *list) {
    nlohmann::json j = procedures::ProcedureToJson(p);
    nlohmann::json next = nlohmann::json::array();
    for (const auto& n : procedures::NextSteps(p)) {
      next.push_back({{"code", n.code}, {"name", {{"zh", n.name.zh}, {"en", n.name.en}}}});
      if (accounts::RoleHas(user.role, PermissionForStep(n.code))) {
        actions->push_back({{"name", "record_step"}, {"procedure_id", p.id}, {"step", n.code}});
      }
    }
    if (p.outcome == procedures::Outcome::kOpen && accounts::RoleHas(user.role, accounts::Permission::kVillageSteps)) {
      actions->push_back({{"name", "reject"}, {"procedure_id", p.id}});
    }
    j["next_steps"] = next;
    out.push_back(j);
  }
  return out;
}

Status Server::Impl::ReloadHousehold(store::Store& s, const std::string& id) {
  const std::vector<std::string> ids = {id};
  FUPIN_ASSIGN_OR_RETURN(auto found, s.FindHouseholds(ids));
  if (!found.empty()) {
    households->Upsert(found.begin()->second);
    UpdateIndicators(found.begin()->second);
  }
  return Status::Ok();
}

void Server::Impl::AddProcedureRoutes() {
  routes.push_back(
      {"POST", "/households/{id}/procedures", "start a procedure: {kind: exit|identify|return, date, note}",
       Access::kSession, [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kStartProcedure));
         const std::string id = req.path_params["id"];
         FUPIN_RETURN_IF_ERROR(VisibleHousehold(*req.user, id).status());
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         FUPIN_ASSIGN_OR_RETURN(procedures::StepInput in, InputOf(req, body, "note"));
         auto s = pool->Borrow();
         const procedures::Env env{*s, policy};
         const std::string kind = body.value("kind", "exit");
         Result<procedures::Procedure> p = Status::Invalid(
             "kind", "procedure.kind", {fmt::format("未知的程序类型“{}”", kind), fmt::format("unknown procedure kind \"{}\"", kind)});
         if (kind == "exit") p = procedures::StartHouseholdExit(env, id, in, body.value("override_reason", ""));
         if (kind == "identify") p = procedures::StartIdentification(env, id, in);
         if (kind == "return") p = procedures::StartReturnToPoverty(env, id, in);
         FUPIN_RETURN_IF_ERROR(p.status());
         const nlohmann::json j = procedures::ProcedureToJson(*p);
         FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "procedures.start", id, kind, req.ip, "",
                                               DumpJson(j)}));
         FUPIN_RETURN_IF_ERROR(ReloadHousehold(*s, id));
         return Response::Ok(j);
       }});

  auto load_visible = [this](const Request& req, store::Store& s, int64_t* id) -> Result<procedures::Procedure> {
    try {
      *id = std::stoll(req.path_params.at("pid"));
    } catch (const std::exception&) {
      return NotInScope("procedure " + req.path_params.at("pid"));
    }
    auto p = procedures::LoadProcedure(s, *id);
    if (!p.ok()) return NotInScope("procedure " + req.path_params.at("pid"));
    if (procedures::SubjectTypeOf(p->kind) == procedures::SubjectType::kHousehold) {
      if (!VisibleHousehold(*req.user, p->subject).ok()) return NotInScope("procedure " + req.path_params.at("pid"));
    } else {
      auto code = RegionCode::Parse(p->subject);
      if (!code.ok() || !RequireRegion(*req.user, *code).ok()) return NotInScope("procedure " + req.path_params.at("pid"));
    }
    return p;
  };

  routes.push_back({"GET", "/procedures/{pid}", "one procedure with its steps", Access::kSession,
                    [this, load_visible](Request& req) -> Result<Response> {
                      auto s = pool->Borrow();
                      int64_t id = 0;
                      FUPIN_ASSIGN_OR_RETURN(auto p, load_visible(req, *s, &id));
                      return Response::Ok(procedures::ProcedureToJson(p));
                    }});

  routes.push_back({"POST", "/procedures/{pid}/steps", "record the next step: {step, date, note, expected_version}",
                    Access::kSession, [this, load_visible](Request& req) -> Result<Response> {
                      FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
                      const std::string step = body.value("step", "");
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, PermissionForStep(step)));
                      auto s = pool->Borrow();
                      int64_t id = 0;
                      FUPIN_ASSIGN_OR_RETURN(auto before, load_visible(req, *s, &id));
                      FUPIN_ASSIGN_OR_RETURN(procedures::StepInput in, InputOf(req, body, "note"));
                      FUPIN_ASSIGN_OR_RETURN(auto after, procedures::TakeStep({*s, policy}, id, step, in));
                      const nlohmann::json j = procedures::ProcedureToJson(after);
                      FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "procedures.step",
                                                            std::to_string(id), step, req.ip,
                                                            DumpJson(procedures::ProcedureToJson(before)), DumpJson(j)}));
                      if (procedures::SubjectTypeOf(after.kind) == procedures::SubjectType::kHousehold) {
                        FUPIN_RETURN_IF_ERROR(ReloadHousehold(*s, after.subject));
                      }
                      return Response::Ok(j);
                    }});

  routes.push_back({"POST", "/procedures/{pid}/reject", "reject: {date, reason, expected_version}", Access::kSession,
                    [this, load_visible](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kVillageSteps));
                      FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
                      auto s = pool->Borrow();
                      int64_t id = 0;
                      FUPIN_ASSIGN_OR_RETURN(auto before, load_visible(req, *s, &id));
                      FUPIN_ASSIGN_OR_RETURN(procedures::StepInput in, InputOf(req, body, "reason"));
                      FUPIN_ASSIGN_OR_RETURN(auto after, procedures::Reject({*s, policy}, id, in));
                      const nlohmann::json j = procedures::ProcedureToJson(after);
                      FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "procedures.reject",
                                                            std::to_string(id), in.note, req.ip,
                                                            DumpJson(procedures::ProcedureToJson(before)), DumpJson(j)}));
                      return Response::Ok(j);
                    }});

  routes.push_back(
      {"POST", "/households/{id}/monitoring", "flag a monitoring object: {category, trigger, date, note}",
       Access::kSession, [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kFlagMonitoring));
         const std::string id = req.path_params["id"];
         FUPIN_RETURN_IF_ERROR(VisibleHousehold(*req.user, id).status());
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         auto category = ParseTerm<registry::MonitoringCategory>(body.value("category", ""));
         auto trigger = ParseTerm<procedures::MonitoringTrigger>(body.value("trigger", ""));
         if (!category || *category == registry::MonitoringCategory::kNone || !trigger) {
           return Status::Invalid("category", "monitoring.fields",
                                  {"需要有效的监测对象类别和风险类型", "a valid monitoring category and trigger are needed"});
         }
         FUPIN_ASSIGN_OR_RETURN(procedures::StepInput in, InputOf(req, body, "note"));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto p, procedures::IdentifyMonitoringObject({*s, policy}, id, *category, *trigger, in));
         const nlohmann::json j = procedures::ProcedureToJson(p);
         FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "monitoring.identify", id,
                                               std::string(TermOf(*category).code), req.ip, "", DumpJson(j)}));
         FUPIN_RETURN_IF_ERROR(ReloadHousehold(*s, id));
         return Response::Ok(j);
       }});
}

}  // namespace fupin::server
