#include "accounts/password.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace fupin::accounts {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, HashCost cost) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  const auto ops =
      cost == HashCost::kModerate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const auto mem =
      cost == HashCost::kModerate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) !=
      0) {
    return Status::Internal({"密码哈希失败（内存不足）", "password hashing failed (out of memory)"});
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  const std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(std::string_view password) {
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    letter |= std::isalpha(c) != 0 || c >= 0x80;
    digit |= std::isdigit(c) != 0;
  }
  if (password.size() < 8 || !letter || !digit) {
    return Status::Invalid("new_password", "password.weak",
                           {"密码至少 8 位，且须同时包含字母和数字",
                            "a password needs at least 8 characters with letters and digits"});
  }
  return Status::Ok();
}

std::string RandomHex(size_t bytes) {
  EnsureSodium();
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return Hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string Sha256Hex(std::string_view text) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return Hex(digest, sizeof digest);
}

}  // namespace fupin::accounts
