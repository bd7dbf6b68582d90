// Builders shared by the policy tests (header-only, so that tests/CMakeLists.txt
// needs no change): households, the default policy text with one value changed, and
// the line of a snippet in a text.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "core/region_code.hpp"
#include "policy/policy.hpp"
#include "policy/policy_file.hpp"
#include "registry/household.hpp"

namespace fupin::policy::test {

/// 荣县 (Sichuan, west) and a village in 河北 (central/east).
inline constexpr char kSichuanVillage[] = "510321100201";
inline constexpr char kHebeiVillage[] = "130123100201";

inline RegionCode Code(const char* text) {
  return RegionCode::Parse(text).value();
}

/// A three-person household (head, spouse, a son born 2008-03-01) in `village`
/// with every guarantee recorded yes, everyone insured, the son in primary school and
/// `per_capita_yuan` per-capita net income.
inline registry::Household SampleHousehold(const char* village, int64_t per_capita_yuan) {
  using namespace registry;
  Household h;
  h.id = "H001";
  h.village = Code(village);
  h.income.wages = Money::FromYuan(per_capita_yuan * 3);
  h.guarantees = {YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes,
                  YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes};
  Person head;
  head.name = "王建国";
  head.relation = Relation::kHead;
  head.birth_date = Date::FromYmd(1975, 5, 1).value();
  head.medical_insurance = YesNo::kYes;
  Person spouse = head;
  spouse.name = "李秀英";
  spouse.relation = Relation::kSpouse;
  Person son = head;
  son.name = "王小明";
  son.relation = Relation::kSon;
  son.birth_date = Date::FromYmd(2008, 3, 1).value();
  son.schooling = Schooling::kPrimary;
  h.members = {head, spouse, son};
  return h;
}

/// The built-in policy text with the first `from` replaced by `to` (which must exist).
inline std::string DefaultWith(std::string_view from, std::string_view to) {
  std::string text(DefaultPolicyText());
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the default policy: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

/// The 1-based line of the first occurrence of `needle` in `text`.
inline int LineOf(std::string_view text, std::string_view needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << "not found: " << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

/// Loads text that must be valid; fails the test otherwise.
inline Policy MustLoad(const std::string& text) {
  Result<Policy> policy = LoadPolicy(text, "test.toml");
  EXPECT_TRUE(policy.ok()) << policy.status().ToString(Lang::kEn);
  return policy.ok() ? std::move(policy).value() : Policy();
}

}  // namespace fupin::policy::test
