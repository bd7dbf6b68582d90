// Routes: health, login, logout, me, password change.
#include <fmt/format.h>

#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

nlohmann::json UserJson(const accounts::User& u, const std::string& scope_name, bool must_change) {
  const auto& role = TermOf(u.role);
  return {
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", role.code},
      {"role_name", {{"zh", role.zh}, {"en", role.en}}},
      {"scope",
       {{"code", u.scope.ToString()}, {"name", scope_name}, {"level", RegionLevelName(u.scope.level()).en}}},
      {"must_change_password", must_change}};
}

std::string SessionCookie(const std::string& token, int64_t max_age) {
  return fmt::format("fupin_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}", token, max_age);
}

}  // namespace

void Server::Impl::AddAuthRoutes() {
  routes.push_back(
      {"GET", "/health", "liveness: {ok, version}", Access::kPublic, [](Request&) {
         return Result<Response>(Response::Ok({{"ok", true}, {"version", FUPIN_VERSION_STRING}}));
       }});

  auto scope_name = [this](const accounts::User& u) {
    auto s = pool->Borrow();
    auto region = s->FindRegion(u.scope);
    return region.ok() && *region ? (*region)->name : std::string(u.scope == RegionCode() ? "全国" : "");
  };

  routes.push_back(
      {"POST", "/auth/login", "sign in with {username, password}; sets the session cookie", Access::kPublic,
       [this, scope_name](Request& req) -> Result<Response> {
         if (!login_limiter.Allow(req.ip)) {
           return Status::TooManyRequests("login.throttled", {"登录尝试过于频繁，请稍后再试",
                                                              "too many sign-in attempts; wait a moment"});
         }
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         const std::string username = body.value("username", "");
         const std::string password = body.value("password", "");
         if (username.empty() || password.empty()) {
           return Status::Invalid("username", "login.missing",
                                  {"请输入用户名和密码", "enter a username and a password"});
         }
         Result<accounts::LoginResult> login = [&] {
           auto s = pool->Borrow();
           return auth->Login(*s, username, password, req.ip, NowSeconds());
         }();
         if (!login.ok()) {
           (void)Audit(req, "auth.login.failed", username, login.status().rule());
           return login.status();
         }
         req.user = login->user;
         FUPIN_RETURN_IF_ERROR(Audit(req, "auth.login", username, ""));
         Response r = Response::Ok(
             {{"user", UserJson(login->user, scope_name(login->user), auth->MustChangePassword(login->user))},
              {"csrf_token", login->session.csrf_token}});
         r.headers.emplace_back("Set-Cookie",
                                SessionCookie(login->token, auth->config().session_ttl_seconds));
         return r;
       }});

  routes.push_back({"POST", "/auth/logout", "end the session", Access::kPasswordChange,
                    [this](Request& req) -> Result<Response> {
                      {
                        auto s = pool->Borrow();
                        FUPIN_RETURN_IF_ERROR(s->DeleteSession(req.session.token_hash));
                      }
                      FUPIN_RETURN_IF_ERROR(Audit(req, "auth.logout", req.user->username, ""));
                      Response r = Response::Ok({{"ok", true}});
                      r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
                      return r;
                    }});

  routes.push_back({"GET", "/auth/me", "the signed-in user and the CSRF token", Access::kPasswordChange,
                    [this, scope_name](Request& req) -> Result<Response> {
                      return Response::Ok({{"user", UserJson(*req.user, scope_name(*req.user),
                                                             auth->MustChangePassword(*req.user))},
                                           {"csrf_token", req.session.csrf_token}});
                    }});

  routes.push_back({"POST", "/auth/password", "change the password: {old_password, new_password}",
                    Access::kPasswordChange, [this](Request& req) -> Result<Response> {
                      FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
                      {
                        auto s = pool->Borrow();
                        FUPIN_RETURN_IF_ERROR(auth->ChangePassword(
                            *s, *req.user, body.value("old_password", ""), body.value("new_password", "")));
                      }
                      FUPIN_RETURN_IF_ERROR(Audit(req, "auth.password", req.user->username, ""));
                      return Response::Ok({{"ok", true}});
                    }});
}

}  // namespace fupin::server
