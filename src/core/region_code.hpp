// RegionCode 区划代码: the National Bureau of Statistics' 12-digit division code,
// province(2) city(2) county(2) town(3) village(3). The all-zero code is the nation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace fupin {

/// Levels from the nation down to the village; the numeric value is the depth.
enum class RegionLevel : uint8_t {
  kNation = 0,
  kProvince = 1,
  kCity = 2,
  kCounty = 3,
  kTown = 4,
  kVillage = 5
};

/// Chinese and English name of a level, e.g. 县 / county.
Message RegionLevelName(RegionLevel level);

/// A validated division code. Cheap to copy (one integer). Ordered so that a region
/// sorts right before everything within it.
class RegionCode {
 public:
  /// The nation (all zeros).
  constexpr RegionCode() = default;

  /// Parses a 2-, 4-, 6-, 9- or 12-digit code and normalises it to 12 digits.
  /// Rejects: other lengths, non-digits, a zero province, and a non-zero part below a
  /// zero part (e.g. city 00 with county 21). "0" or "000000000000" is the nation.
  static Result<RegionCode> Parse(std::string_view text);

  /// Builds from the 12-digit number without checks; for codes read back from the store.
  static constexpr RegionCode FromNumber(uint64_t value) { return RegionCode(value); }

  uint64_t number() const { return value_; }
  RegionLevel level() const;

  /// The code one level up; the nation's parent is the nation.
  RegionCode parent() const;
  /// This code truncated to `level` (e.g. the county of a village). Requires level <= this->level().
  RegionCode AncestorAt(RegionLevel level) const;
  /// Every ancestor from the nation down to the parent, in that order.
  std::vector<RegionCode> ancestors() const;
  /// True when `other` is this code or one of its ancestors.
  bool IsWithin(RegionCode other) const;

  /// The largest 12-digit number within this code: every code c within this one has
  /// number() <= c.number() <= last_descendant(). Lets a store query a subtree by range.
  uint64_t last_descendant() const;

  /// The 12-digit form, e.g. "510321100001".
  std::string ToString() const;
  /// The short form of the level: 2, 4, 6, 9 or 12 digits ("" for the nation).
  std::string ToShortString() const;

  auto operator<=>(const RegionCode&) const = default;

 private:
  constexpr explicit RegionCode(uint64_t value) : value_(value) {}
  uint64_t value_ = 0;
};

struct RegionCodeHash {
  size_t operator()(RegionCode c) const noexcept { return std::hash<uint64_t>()(c.number()); }
};

}  // namespace fupin
