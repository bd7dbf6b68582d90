// Deterministic randomness for generators (the demo county, benchmark data):
// xoshiro256** seeded by splitmix64 and integer-only distributions, so a seed gives the
// same data with every compiler and standard library (std:: distributions do not).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace fupin {

/// splitmix64 step: advances `state` and returns the next value.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t sm = seed;
    for (uint64_t& s : s_) s = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, n); n > 0. Rejection sampling, no modulo bias.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t r = Next();
      if (r >= threshold) return r % n;
    }
  }
  size_t Index(size_t n) { return static_cast<size_t>(Below(n)); }
  /// Uniform in [lo, hi], both inclusive; lo <= hi.
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1)); }
  /// True with probability per_10000 / 10000.
  bool Chance(int per_10000) { return static_cast<int>(Below(10000)) < per_10000; }
  /// True with probability percent / 100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }

  /// An index drawn with the given non-negative integer weights (not all zero).
  template <typename W>
  size_t Weighted(const W& weights) {
    uint64_t total = 0;
    for (const auto& w : weights) total += static_cast<uint64_t>(w);
    uint64_t r = Below(total);
    size_t i = 0;
    for (const auto& w : weights) {
      if (r < static_cast<uint64_t>(w)) return i;
      r -= static_cast<uint64_t>(w);
      ++i;
    }
    return i - 1;  // unreachable
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

}  // namespace fupin
