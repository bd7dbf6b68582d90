#include "accounts/auth_service.hpp"

#include <fmt/format.h>

namespace fupin::accounts {
namespace {

Status LoginFailed() {
  return Status::Unauthenticated("login.failed", {"用户名或密码错误", "wrong username or password"});
}

}  // namespace

Result<LoginResult> AuthService::Login(store::Store& store, std::string_view username,
                                       std::string_view password, std::string_view ip, int64_t now) const {
  FUPIN_ASSIGN_OR_RETURN(auto found, store.FindUserByName(username));
  if (!found) {
    // Spend the same time as a real check so that timing does not reveal usernames.
    (void)VerifyPassword("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
                         password);
    return LoginFailed();
  }
  User user = *found;
  if (user.disabled) {
    return Status::PermissionDenied(
        {fmt::format("账号 {} 已停用，请联系管理员", user.username),
         fmt::format("account {} is disabled; contact the administrator", user.username)});
  }
  if (user.locked_until > now) {
    const int64_t minutes = (user.locked_until - now + 59) / 60;
    Status locked = Status::PermissionDenied(
        {fmt::format("账号 {} 因多次密码错误已锁定，请 {} 分钟后再试", user.username, minutes),
         fmt::format("account {} is locked after repeated failures; try again in {} minutes", user.username,
                     minutes)});
    return Status::FailedPrecondition("username", "login.locked", locked.message());
  }
  if (!VerifyPassword(user.password_hash, password)) {
    user.failed_logins += 1;
    if (user.failed_logins >= config_.max_failed_logins) {
      user.locked_until = now + config_.lockout_seconds;
      user.failed_logins = 0;
    }
    FUPIN_RETURN_IF_ERROR(store.UpdateUser(user));
    return LoginFailed();
  }
  if (user.failed_logins != 0 || user.locked_until != 0) {
    user.failed_logins = 0;
    user.locked_until = 0;
    FUPIN_RETURN_IF_ERROR(store.UpdateUser(user));
    ++user.version;
  }
  LoginResult result;
  result.token = RandomHex(32);
  result.session = {Sha256Hex(result.token),           user.id,        RandomHex(16), now,
                    now + config_.session_ttl_seconds, std::string(ip)};
  FUPIN_RETURN_IF_ERROR(store.CreateSession(result.session));
  result.user = std::move(user);
  return result;
}

Result<User> AuthService::Authenticate(store::Store& store, std::string_view token, int64_t now,
                                       Session* session) const {
  const Status invalid = Status::Unauthenticated(
      "session.invalid", {"未登录或登录已过期，请重新登录", "not signed in or the session expired"});
  if (token.empty()) return invalid;
  FUPIN_ASSIGN_OR_RETURN(auto found, store.FindSession(Sha256Hex(token)));
  if (!found) return invalid;
  if (found->expires_at <= now) {
    FUPIN_RETURN_IF_ERROR(store.DeleteSession(found->token_hash));
    return invalid;
  }
  FUPIN_ASSIGN_OR_RETURN(auto user, store.FindUser(found->user_id));
  if (!user || user->disabled) return invalid;
  if (session != nullptr) *session = *found;
  return *user;
}

Status AuthService::Logout(store::Store& store, std::string_view token) const {
  return store.DeleteSession(Sha256Hex(token));
}

Status AuthService::ChangePassword(store::Store& store, const User& user, std::string_view old_password,
                                   std::string_view new_password) const {
  if (!VerifyPassword(user.password_hash, old_password)) {
    return Status::Invalid("old_password", "password.wrong",
                           {"原密码不正确", "the current password is wrong"});
  }
  FUPIN_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  if (old_password == new_password) {
    return Status::Invalid("new_password", "password.same",
                           {"新密码不能与原密码相同", "the new password must differ"});
  }
  User updated = user;
  FUPIN_ASSIGN_OR_RETURN(updated.password_hash, HashPassword(new_password, config_.hash_cost));
  updated.must_change_password = false;
  return store.UpdateUser(updated);
}

}  // namespace fupin::accounts
