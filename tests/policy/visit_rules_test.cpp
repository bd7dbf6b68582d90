// The [[visits]] entry of the policy: its defaults, and each bad value refused naming
// its line in both languages.
#include <gtest/gtest.h>

#include "policy/policy_file.hpp"
#include "policy/policy_test_support.hpp"

namespace fupin::policy {
namespace {

using test::DefaultWith;
using test::LineOf;

void ExpectRefused(const std::string& text, const std::string& needle, const std::string& rule,
                   const std::string& field) {
  Result<Policy> loaded = LoadPolicy(text, "bad.toml");
  ASSERT_FALSE(loaded.ok()) << needle;
  const Status s = loaded.status();
  EXPECT_EQ(s.rule(), rule) << s.ToString(Lang::kEn);
  EXPECT_EQ(s.field(), field) << s.ToString(Lang::kEn);
  const int line = LineOf(text, needle);
  EXPECT_NE(s.message().zh.find("bad.toml 第 " + std::to_string(line) + " 行"), std::string::npos)
      << s.message().zh;
  EXPECT_NE(s.message().en.find("bad.toml line " + std::to_string(line)), std::string::npos)
      << s.message().en;
}

TEST(VisitRulesTest, DefaultsOfTheBuiltInPolicy) {
  const VisitRules* rules = DefaultPolicy().VisitRulesAt(Date::FromYmd(2020, 10, 20).value());
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(rules->idle_cycles, 2);
  EXPECT_EQ(rules->photo_max_bytes, 5242880);
  EXPECT_EQ(rules->photos_per_visit, 6);
  EXPECT_FALSE(rules->source.empty());
  EXPECT_GT(rules->line, 0);
}

TEST(VisitRulesTest, BadValuesAreRefusedNamingTheLine) {
  ExpectRefused(DefaultWith("idle_cycles = 2", "idle_cycles = 0"), "idle_cycles = 0", "policy.range",
                "visits[0].idle_cycles");
  ExpectRefused(DefaultWith("idle_cycles = 2", "idle_cycles = \"two\""), "idle_cycles = \"two\"",
                "policy.type", "visits[0].idle_cycles");
  ExpectRefused(DefaultWith("photo_max_bytes = 5242880", "photo_max_bytes = 100"), "photo_max_bytes = 100",
                "policy.range", "visits[0].photo_max_bytes");
  ExpectRefused(DefaultWith("photo_max_bytes = 5242880", "photo_max_bytes = 104857600"),
                "photo_max_bytes = 104857600", "policy.range", "visits[0].photo_max_bytes");
  ExpectRefused(DefaultWith("photos_per_visit = 6", "photos_per_visit = -1"), "photos_per_visit = -1",
                "policy.range", "visits[0].photos_per_visit");
  ExpectRefused(DefaultWith("photos_per_visit = 6", "photos_per_visit = 6\nphotos = 3"), "photos = 3",
                "policy.unknown_key", "visits[0].photos");
}

TEST(VisitRulesTest, AMissingValueIsNamed) {
  const std::string text = DefaultWith("idle_cycles = 2\n", "");
  Result<Policy> loaded = LoadPolicy(text, "bad.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().rule(), "policy.missing");
  EXPECT_EQ(loaded.status().field(), "visits[0].idle_cycles");
  EXPECT_NE(loaded.status().message().en.find("line " + std::to_string(LineOf(text, "[[visits]]"))),
            std::string::npos)
      << loaded.status().message().en;
}

TEST(VisitRulesTest, TwoEntriesInForceOnOneDayOverlap) {
  const std::string entry =
      "[[visits]]\nidle_cycles = 3\nphoto_max_bytes = 1048576\nphotos_per_visit = 3\n"
      "from = 2020-01-01\nsource = \"test\"\n";
  const std::string text = std::string(DefaultPolicyText()) + "\n" + entry;
  Result<Policy> loaded = LoadPolicy(text, "bad.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().rule(), "policy.overlap");
  const std::string later = DefaultWith("from = 2014-01-01\nsource = \"种子文章：每月",
                                        "from = 2014-01-01\nto = 2019-12-31\nsource = \"种子文章：每月") +
                            "\n" + entry;
  Result<Policy> dated = LoadPolicy(later, "dated.toml");
  ASSERT_TRUE(dated.ok()) << dated.status().ToString(Lang::kEn);
  EXPECT_EQ(dated->VisitRulesAt(Date::FromYmd(2020, 10, 20).value())->idle_cycles, 3);
  EXPECT_EQ(dated->VisitRulesAt(Date::FromYmd(2019, 10, 20).value())->idle_cycles, 2);
}

}  // namespace
}  // namespace fupin::policy
