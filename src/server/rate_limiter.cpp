#include "server/rate_limiter.hpp"

#include <algorithm>

namespace fupin::server {

bool RateLimiter::Allow(const std::string& key) {
  if (per_second_ <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under a flood of keys
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
  b.last = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace fupin::server
