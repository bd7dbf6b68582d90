#include "core/region_code.hpp"

#include <fmt/format.h>

#include <array>

namespace fupin {
namespace {

// Digit positions of each level's part within the 12-digit code: [begin, end).
constexpr std::array<std::pair<int, int>, 6> kParts = {{{0, 0}, {0, 2}, {2, 4}, {4, 6}, {6, 9}, {9, 12}}};
// 10^(12 - end) for each level: dividing by it keeps the digits up to that level.
constexpr std::array<uint64_t, 6> kScale = {1000000000000ULL, 10000000000ULL, 100000000ULL,
                                            1000000ULL,       1000ULL,        1ULL};

uint64_t PartValue(uint64_t code, int level) {
  // (code / kScale[level]) % 10^(width of the part), with constant divisors.
  switch (level) {
    case 1:
      return (code / 10000000000ULL) % 100;
    case 2:
      return (code / 100000000ULL) % 100;
    case 3:
      return (code / 1000000ULL) % 100;
    case 4:
      return (code / 1000ULL) % 1000;
    case 5:
      return code % 1000;
    default:
      return 0;
  }
}

Status Reject(std::string_view text, std::string rule, std::string zh, std::string en) {
  return Status::Invalid("region_code", std::move(rule),
                         {fmt::format("区划代码“{}”无效：{}", text, zh),
                          fmt::format("region code \"{}\" is invalid: {}", text, en)});
}

}  // namespace

Message RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kNation:
      return {"全国", "nation"};
    case RegionLevel::kProvince:
      return {"省", "province"};
    case RegionLevel::kCity:
      return {"市", "city"};
    case RegionLevel::kCounty:
      return {"县", "county"};
    case RegionLevel::kTown:
      return {"乡镇", "town"};
    case RegionLevel::kVillage:
      return {"村", "village"};
  }
  return {"?", "?"};
}

Result<RegionCode> RegionCode::Parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return Reject(text, "region.empty", "为空", "it is empty");
  for (char c : text) {
    if (c < '0' || c > '9') {
      return Reject(text, "region.characters", "只能包含数字", "it may contain digits only");
    }
  }
  const size_t n = text.size();
  if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12 && !(n == 1 && text == "0")) {
    return Reject(text, "region.length", fmt::format("应为 2、4、6、9 或 12 位数字，实际 {} 位", n),
                  fmt::format("it must have 2, 4, 6, 9 or 12 digits, not {}", n));
  }
  uint64_t value = 0;
  for (char c : text) value = value * 10 + static_cast<uint64_t>(c - '0');
  for (size_t i = n; i < 12 && n > 1; ++i) value *= 10;
  if (n == 1) value = 0;
  // Only "0" and the 12-digit form spell the nation; "00", "0000"… are a zero province.
  if (value == 0 && (n == 1 || n == 12)) return RegionCode();
  // A zero part may only be followed by zero parts.
  bool seen_zero = false;
  for (int level = 1; level <= 5; ++level) {
    const bool zero = PartValue(value, level) == 0;
    if (level == 1 && zero) {
      return Reject(text, "region.province", "省级代码不能为 00", "the province part cannot be 00");
    }
    if (!zero && seen_zero) {
      return Reject(text, "region.hierarchy", "上级部分为零而下级部分非零",
                    "a lower part is non-zero below a zero part");
    }
    seen_zero = seen_zero || zero;
  }
  return RegionCode(value);
}

RegionLevel RegionCode::level() const {
  for (int level = 5; level >= 1; --level) {
    if (PartValue(value_, level) != 0) return static_cast<RegionLevel>(level);
  }
  return RegionLevel::kNation;
}

RegionCode RegionCode::AncestorAt(RegionLevel level) const {
  const int l = static_cast<int>(level);
  if (l == 0) return RegionCode();
  return RegionCode((value_ / kScale[l]) * kScale[l]);
}

RegionCode RegionCode::parent() const {
  const int l = static_cast<int>(level());
  if (l == 0) return *this;
  return AncestorAt(static_cast<RegionLevel>(l - 1));
}

std::vector<RegionCode> RegionCode::ancestors() const {
  std::vector<RegionCode> out;
  const int l = static_cast<int>(level());
  for (int i = 0; i < l; ++i) out.push_back(AncestorAt(static_cast<RegionLevel>(i)));
  return out;
}

bool RegionCode::IsWithin(RegionCode other) const {
  const RegionLevel other_level = other.level();
  if (static_cast<int>(other_level) > static_cast<int>(level())) return false;
  return AncestorAt(other_level) == other;
}

uint64_t RegionCode::last_descendant() const {
  return value_ + kScale[static_cast<int>(level())] - 1;
}

std::string RegionCode::ToString() const {
  return fmt::format("{:012d}", value_);
}

std::string RegionCode::ToShortString() const {
  const int l = static_cast<int>(level());
  return ToString().substr(0, static_cast<size_t>(kParts[l].second));
}

}  // namespace fupin
