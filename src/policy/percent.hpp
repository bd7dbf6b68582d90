// Percentages without floating point: thresholds in hundredths of a percent and
// measured rates as exact ratios of counts, so that "below 3%" never depends on
// rounding.
#pragma once

#include <cstdint>
#include <string>

namespace fupin::policy {

/// A percentage in hundredths of a percent: 3.00% is {300}.
struct Percent {
  int32_t hundredths = 0;

  /// "3.00%".
  std::string ToString() const;
  auto operator<=>(const Percent&) const = default;
};

/// A measured rate as counts, e.g. 12 poor persons not exited of 480 registered.
/// The denominator must be positive for the ratio to be a rate.
struct Ratio {
  int64_t numerator = 0;
  int64_t denominator = 0;

  bool valid() const { return denominator > 0 && numerator >= 0; }
  /// Exact comparisons with a percentage; require valid().
  bool Below(Percent p) const;
  bool AtLeast(Percent p) const { return !Below(p); }

  /// The ratio as a percentage with `decimals` decimals (rounded half up), e.g. "2.50%".
  std::string ToPercentString(int decimals = 2) const;
  /// As ToPercentString(2), but with up to four decimals when two would print the same
  /// text as `threshold` although the ratio differs from it (so a reason never reads
  /// "3.00% < 3.00%").
  std::string ToPercentStringBeside(Percent threshold) const;

  bool operator==(const Ratio&) const = default;
};

}  // namespace fupin::policy
