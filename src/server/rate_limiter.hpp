// Token-bucket rate limits per client key (a session or an IP address). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fupin::server {

class RateLimiter {
 public:
  /// `per_second` tokens refill each second up to `burst`; 0 disables the limit.
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}

  /// Changes the rates (before the server starts).
  void Configure(double per_second, double burst) {
    per_second_ = per_second;
    burst_ = burst;
  }

  /// Takes one token for `key`; false when the bucket is empty.
  bool Allow(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  double per_second_;
  double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace fupin::server
