// AuthService: login with lockout, sessions, password changes. Stateless apart from
// the store, so several server processes can share one database. Thread-safe when
// each call gets its own Store connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "accounts/password.hpp"
#include "accounts/user.hpp"
#include "store/store.hpp"

namespace fupin::accounts {

struct AuthConfig {
  int64_t session_ttl_seconds = 8 * 3600;
  int max_failed_logins = 5;  // then the account locks
  int64_t lockout_seconds = 15 * 60;
  /// `fupin serve --demo`: demo accounts need not change their password first.
  bool demo_mode = false;
  HashCost hash_cost = HashCost::kInteractive;
};

struct LoginResult {
  std::string token;  // the cookie value; only its hash is stored
  Session session;
  User user;
};

class AuthService {
 public:
  explicit AuthService(AuthConfig config) : config_(config) {}

  /// Unauthenticated (rule login.failed) for an unknown user or a wrong password —
  /// the same answer for both; PermissionDenied (login.locked / login.disabled) for a
  /// locked or disabled account. Five failures lock the account for 15 minutes.
  Result<LoginResult> Login(store::Store& store, std::string_view username, std::string_view password,
                            std::string_view ip, int64_t now) const;
  /// The user of a live session; Unauthenticated (session.invalid) otherwise.
  Result<User> Authenticate(store::Store& store, std::string_view token, int64_t now, Session* session) const;
  Status Logout(store::Store& store, std::string_view token) const;
  /// Checks the old password and the new one's strength, clears must_change_password.
  Status ChangePassword(store::Store& store, const User& user, std::string_view old_password,
                        std::string_view new_password) const;
  /// True when the user must change the password before doing anything else.
  bool MustChangePassword(const User& user) const {
    return user.must_change_password && !(config_.demo_mode && user.demo);
  }
  const AuthConfig& config() const { return config_; }

 private:
  AuthConfig config_;
};

}  // namespace fupin::accounts
