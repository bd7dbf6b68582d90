// Password hashing with argon2id (libsodium). Hashes are self-describing strings
// ("$argon2id$v=19$m=65536,t=2,p=1$…") so the cost can rise without a migration.
// Thread-safe; each call costs about 150 ms and 64 MiB at the interactive preset,
// so callers bound how many run at once.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace fupin::accounts {

enum class HashCost { kInteractive, kModerate };

Result<std::string> HashPassword(std::string_view password, HashCost cost = HashCost::kInteractive);
bool VerifyPassword(std::string_view hash, std::string_view password);

/// At least 8 characters with letters and digits; named rule password.weak.
Status CheckPasswordStrength(std::string_view password);

/// `bytes` random bytes as lowercase hex (session tokens, CSRF tokens).
std::string RandomHex(size_t bytes);
/// SHA-256 of `text` as lowercase hex.
std::string Sha256Hex(std::string_view text);

}  // namespace fupin::accounts
