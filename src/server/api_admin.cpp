// Routes: the audit log and user administration.
#include <fmt/format.h>

#include "accounts/password.hpp"
#include "audit/audit_chain.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

nlohmann::json AdminUserJson(const accounts::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", TermOf(u.role).code},
          {"scope", u.scope.ToString()},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"locked", u.locked_until > NowSeconds()},
          {"version", u.version}};
}

}  // namespace

void Server::Impl::AddAdminRoutes() {
  routes.push_back({"GET", "/audit", "the audit log, newest first", Access::kSession,
                    [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadAudit));
                      const int page = std::max(1, req.QueryInt("page", 1));
                      const int size = std::clamp(req.QueryInt("page_size", 50), 1, 500);
                      auto s = pool->Borrow();
                      int64_t total = 0;
                      FUPIN_ASSIGN_OR_RETURN(auto entries, s->ListAuditPage((page - 1) * size, size, &total));
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& e : entries) {
                        items.push_back({{"id", e.id},
                                         {"at", e.at},
                                         {"actor", e.event.actor},
                                         {"action", e.event.action},
                                         {"target", e.event.target},
                                         {"detail", e.event.detail},
                                         {"ip", e.event.ip},
                                         {"hash", e.hash}});
                      }
                      return Response::Ok({{"items", items}, {"total", total}, {"page", page}, {"page_size", size}});
                    },
                    {"page", "page_size"}});

  routes.push_back({"GET", "/audit/verify", "check the audit hash chain; names the first broken entry",
                    Access::kSession, [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadAudit));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto report, audit::VerifyAuditChain(*s));
                      return Response::Ok({{"ok", report.ok},
                                           {"entries", report.entries},
                                           {"first_bad_id", report.first_bad_id},
                                           {"problem", {{"zh", report.problem.zh}, {"en", report.problem.en}}}});
                    }});

  routes.push_back({"GET", "/users", "all users (admin)", Access::kSession, [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kManageUsers));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto users, s->ListUsers());
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& u : users) {
                        if (u.scope.IsWithin(req.user->scope)) items.push_back(AdminUserJson(u));
                      }
                      return Response::Ok({{"items", items}, {"total", items.size()}, {"page", 1}, {"page_size", items.size()}});
                    }});

  routes.push_back(
      {"POST", "/users", "add a user: {username, display_name, role, scope, password, cadre_phone}", Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kManageUsers));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         accounts::User u;
         u.username = body.value("username", "");
         u.display_name = body.value("display_name", u.username);
         auto role = ParseTerm<accounts::Role>(body.value("role", ""));
         if (u.username.empty() || !role) {
           return Status::Invalid("role", "user.fields", {"需要用户名和有效的角色", "a username and a valid role are needed"});
         }
         u.role = *role;
         FUPIN_ASSIGN_OR_RETURN(u.scope, RegionCode::Parse(body.value("scope", "")));
         FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, u.scope));
         u.cadre_phone = body.value("cadre_phone", "");
         const std::string password = body.value("password", "");
         FUPIN_RETURN_IF_ERROR(accounts::CheckPasswordStrength(password));
         FUPIN_ASSIGN_OR_RETURN(u.password_hash, accounts::HashPassword(password));
         u.must_change_password = true;
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(u.id, s->CreateUser(u));
         FUPIN_RETURN_IF_ERROR(s->RecordAudit({"user:" + req.user->username, "users.add", u.username, "", req.ip, "",
                                               DumpJson(AdminUserJson(u))}));
         return Response::Ok(AdminUserJson(u));
       }});

  auto change_user = [this](Request& req, const char* action,
                            const std::function<Status(accounts::User&, const nlohmann::json&)>& change) -> Result<Response> {
    FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kManageUsers));
    FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
    auto s = pool->Borrow();
    int64_t id = 0;
    try {
      id = std::stoll(req.path_params["id"]);
    } catch (const std::exception&) {
      return NotInScope("user " + req.path_params["id"]);
    }
    FUPIN_ASSIGN_OR_RETURN(auto found, s->FindUser(id));
    if (!found || !found->scope.IsWithin(req.user->scope)) return NotInScope("user " + req.path_params["id"]);
    accounts::User u = *found;
    if (body.contains("expected_version") && body["expected_version"].get<int64_t>() != u.version) {
      return Status::Conflict("expected_version", "user.stale", {"用户已被他人修改，请刷新", "the user was changed; reload"});
    }
    const std::string before = DumpJson(AdminUserJson(u));
    FUPIN_RETURN_IF_ERROR(change(u, body));
    FUPIN_RETURN_IF_ERROR(s->UpdateUser(u));
    ++u.version;
    FUPIN_RETURN_IF_ERROR(s->DeleteUserSessions(u.id));
    FUPIN_RETURN_IF_ERROR(
        s->RecordAudit({"user:" + req.user->username, action, u.username, "", req.ip, before, DumpJson(AdminUserJson(u))}));
    return Response::Ok(AdminUserJson(u));
  };

  routes.push_back({"POST", "/users/{id}/disable", "disable a user (admin)", Access::kSession,
                    [change_user](Request& req) {
                      return change_user(req, "users.disable", [](accounts::User& u, const nlohmann::json&) {
                        u.disabled = true;
                        return Status::Ok();
                      });
                    }});

  routes.push_back({"POST", "/users/{id}/reset-password", "set a new password, to be changed at next login (admin)",
                    Access::kSession, [change_user](Request& req) {
                      return change_user(req, "users.reset_password", [](accounts::User& u, const nlohmann::json& body) {
                        const std::string password = body.value("password", "");
                        FUPIN_RETURN_IF_ERROR(accounts::CheckPasswordStrength(password));
                        FUPIN_ASSIGN_OR_RETURN(u.password_hash, accounts::HashPassword(password));
                        u.must_change_password = true;
                        u.failed_logins = 0;
                        u.locked_until = 0;
                        return Status::Ok();
                      });
                    }});
}

}  // namespace fupin::server
