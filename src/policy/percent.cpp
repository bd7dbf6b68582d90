#include "policy/percent.hpp"

#include <fmt/format.h>

namespace fupin::policy {
namespace {

// Counts times 10^6 can exceed 64 bits for absurd inputs; 128 bits keeps every
// comparison exact.
__extension__ typedef __int128 Wide;

std::string FormatScaled(int64_t scaled, int decimals) {
  int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  if (decimals == 0) return fmt::format("{}%", scaled);
  return fmt::format("{}.{:0{}d}%", scaled / unit, scaled % unit, decimals);
}

}  // namespace

std::string Percent::ToString() const {
  const int32_t sign = hundredths < 0 ? -1 : 1;
  const std::string body = FormatScaled(sign * hundredths, 2);
  return sign < 0 ? "-" + body : body;
}

bool Ratio::Below(Percent p) const {
  // n/d < h/10000  <=>  n*10000 < h*d, exact in 128 bits for any int64 counts.
  return static_cast<Wide>(numerator) * 10000 < static_cast<Wide>(p.hundredths) * denominator;
}

std::string Ratio::ToPercentString(int decimals) const {
  Wide scale = 100;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const Wide scaled = (static_cast<Wide>(numerator) * scale * 2 + denominator) / (2 * denominator);
  return FormatScaled(static_cast<int64_t>(scaled), decimals);
}

std::string Ratio::ToPercentStringBeside(Percent threshold) const {
  const bool equal =
      static_cast<Wide>(numerator) * 10000 == static_cast<Wide>(threshold.hundredths) * denominator;
  std::string text = ToPercentString(2);
  int64_t threshold_scaled = threshold.hundredths;
  for (int decimals = 3; decimals <= 4 && !equal && text == FormatScaled(threshold_scaled, decimals - 1);
       ++decimals) {
    threshold_scaled *= 10;
    text = ToPercentString(decimals);
  }
  return text;
}

}  // namespace fupin::policy
