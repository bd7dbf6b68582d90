// User 用户 and Session 会话 records. Plain values; the store keeps them, the
// AuthService (accounts/auth_service.hpp) applies the rules.
#pragma once

#include <cstdint>
#include <string>

#include "accounts/role.hpp"
#include "core/region_code.hpp"

namespace fupin::accounts {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kViewer;
  RegionCode scope;         // the subtree this user may see
  std::string cadre_phone;  // a responsible cadre's phone: their households carry it
  std::string password_hash;
  bool must_change_password = true;
  bool disabled = false;
  bool demo = false;  // created by `fupin demo`
  int failed_logins = 0;
  int64_t locked_until = 0;  // unix seconds; 0 when not locked
  int64_t version = 0;

  bool operator==(const User&) const = default;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie value; the value itself is never stored
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;  // unix seconds
  int64_t expires_at = 0;
  std::string ip;
};

}  // namespace fupin::accounts
