#include "policy/policy_file.hpp"

#include <gtest/gtest.h>

#include "policy/policy_test_support.hpp"
#include "test_support.hpp"

namespace fupin::policy {
namespace {

using test::DefaultWith;
using test::LineOf;
using test::MustLoad;

// Expects `text` to be refused with `rule` at `field`, naming `line` in both languages.
void ExpectRefused(const std::string& text, const std::string& rule, const std::string& field, int line) {
  Result<Policy> loaded = LoadPolicy(text, "bad.toml");
  ASSERT_FALSE(loaded.ok());
  const Status s = loaded.status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.rule(), rule) << s.ToString(Lang::kEn);
  EXPECT_EQ(s.field(), field) << s.ToString(Lang::kEn);
  EXPECT_NE(s.message().zh.find("bad.toml 第 " + std::to_string(line) + " 行"), std::string::npos)
      << s.message().zh;
  EXPECT_NE(s.message().en.find("bad.toml line " + std::to_string(line)), std::string::npos)
      << s.message().en;
}

TEST(PolicyFileTest, DefaultPolicyLoads) {
  const Policy& policy = DefaultPolicy();
  EXPECT_EQ(policy.version, 1);
  EXPECT_EQ(policy.poverty_lines.size(), 7u);
  EXPECT_EQ(policy.profiles.size(), 2u);
  EXPECT_EQ(policy.source_name, "default.toml (built in)");
}

TEST(PolicyFileTest, BuiltInTextIsTheRepositoryFileByteForByte) {
  EXPECT_EQ(DefaultPolicyText(), fupin::testing::ReadFile(fupin::testing::SourcePath("policy/default.toml")));
}

TEST(PolicyFileTest, LoadsTheRepositoryFileFromDisk) {
  Result<Policy> policy = LoadPolicyFile(fupin::testing::SourcePath("policy/default.toml"));
  ASSERT_TRUE(policy.ok()) << policy.status().ToString(Lang::kEn);
  EXPECT_EQ(policy->poverty_lines.size(), DefaultPolicy().poverty_lines.size());
}

TEST(PolicyFileTest, MissingFileIsNotFound) {
  Result<Policy> policy = LoadPolicyFile("/nonexistent/policy.toml");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kNotFound);
  EXPECT_NE(policy.status().message().en.find("/nonexistent/policy.toml"), std::string::npos);
}

TEST(PolicyFileTest, PovertyLineByYear) {
  const Policy& policy = DefaultPolicy();
  ASSERT_NE(policy.PovertyLineFor(2019), nullptr);
  EXPECT_EQ(policy.PovertyLineFor(2019)->per_person_year, Money::FromYuan(3747));
  EXPECT_EQ(policy.PovertyLineFor(2020)->per_person_year, Money::FromYuan(4000));
  EXPECT_EQ(policy.PovertyLineFor(2014)->per_person_year, Money::FromYuan(2800));
  EXPECT_EQ(policy.PovertyLineFor(2013), nullptr);
  EXPECT_EQ(policy.PovertyLineFor(2021), nullptr);
  EXPECT_NE(policy.PovertyLineFor(2015)->source.find("2855"), std::string::npos);
}

TEST(PolicyFileTest, OtherDefaults) {
  const Policy& policy = DefaultPolicy();
  ASSERT_NE(policy.MonitoringThresholdFor(2021), nullptr);
  EXPECT_EQ(policy.MonitoringThresholdFor(2021)->per_person_year, Money::FromYuan(6000));
  EXPECT_EQ(policy.MonitoringThresholdFor(2022), nullptr);
  EXPECT_EQ(policy.RiskEliminationAt(Date::FromYmd(2022, 6, 1).value())->stable_months, 6);
  EXPECT_EQ(policy.PublicNoticeAt(Date::FromYmd(2019, 6, 1).value())->days, 7);
  EXPECT_EQ(policy.CountyExitFor(2019)->recognition_at_least, Percent{9000});
  EXPECT_EQ(policy.CountyExitFor(2019)->missed_assessment_below, Percent{200});
}

TEST(PolicyFileTest, WorkListEscalationDefaults) {
  const WorkListRule* rule = DefaultPolicy().WorkListRuleAt(Date::FromYmd(2020, 10, 20).value());
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->due_soon_days, 3);
  EXPECT_EQ(rule->escalate_after_days, 7);
  EXPECT_NE(rule->source.find("清单制"), std::string::npos);
  const std::string text = DefaultWith("escalate_after_days = 7", "escalate_after_days = 14");
  EXPECT_EQ(MustLoad(text).WorkListRuleAt(Date::FromYmd(2020, 10, 20).value())->escalate_after_days, 14);
}

TEST(PolicyFileTest, BadWorkListValuesAreRefusedWithTheirLine) {
  std::string text = DefaultWith("due_soon_days = 3", "due_soon_days = -1");
  ExpectRefused(text, "policy.range", "work_lists[0].due_soon_days", LineOf(text, "due_soon_days = -1"));
  text = DefaultWith("escalate_after_days = 7", "escalate_after_days = 0");
  ExpectRefused(text, "policy.range", "work_lists[0].escalate_after_days",
                LineOf(text, "escalate_after_days = 0"));
  text = DefaultWith("escalate_after_days = 7", "escalate_after_days = \"七\"");
  ExpectRefused(text, "policy.type", "work_lists[0].escalate_after_days",
                LineOf(text, "escalate_after_days = \"七\""));
  text = DefaultWith("due_soon_days = 3\n", "");
  ExpectRefused(text, "policy.missing", "work_lists[0].due_soon_days", LineOf(text, "[[work_lists]]"));
}

TEST(PolicyFileTest, RegionClassesAndProfiles) {
  const Policy& policy = DefaultPolicy();
  EXPECT_EQ(policy.RegionClassFor(test::Code(test::kSichuanVillage), 2020)->id, "west");
  EXPECT_EQ(policy.RegionClassFor(test::Code(test::kHebeiVillage), 2020)->id, "central_east");
  EXPECT_EQ(policy.RegionClassFor(test::Code("650102"), 2020)->id, "west");
  EXPECT_EQ(policy.ProfileFor(test::Code(test::kSichuanVillage), 2020)->id, "sichuan");
  EXPECT_EQ(policy.ProfileFor(test::Code(test::kHebeiVillage), 2020)->id, "national");
  EXPECT_EQ(policy.VillageExitFor(2020)->incidence_below.at("west"), Percent{300});
  EXPECT_EQ(policy.VillageExitFor(2020)->incidence_below.at("central_east"), Percent{200});
}

TEST(PolicyFileTest, CollectiveEconomyClasses) {
  const Policy& policy = DefaultPolicy();
  const auto class_of = [&](int64_t fen) {
    return policy.ClassifyCollectiveIncome(Money::FromFen(fen), 2020)->id;
  };
  EXPECT_EQ(class_of(0), "empty_shell");
  EXPECT_EQ(class_of(1), "weak");
  EXPECT_EQ(class_of(2999999), "weak");
  EXPECT_EQ(class_of(3000000), "medium");
  EXPECT_EQ(class_of(9999999), "medium");
  EXPECT_EQ(class_of(10000000), "strong");
}

TEST(PolicyFileTest, HelpDaysAreFirstAndThirdMondays) {
  const Policy& policy = DefaultPolicy();
  EXPECT_TRUE(policy.IsHelpDay(Date::FromYmd(2020, 3, 2).value()));    // 1st Monday
  EXPECT_FALSE(policy.IsHelpDay(Date::FromYmd(2020, 3, 9).value()));   // 2nd Monday
  EXPECT_TRUE(policy.IsHelpDay(Date::FromYmd(2020, 3, 16).value()));   // 3rd Monday
  EXPECT_FALSE(policy.IsHelpDay(Date::FromYmd(2020, 3, 17).value()));  // Tuesday
  EXPECT_FALSE(policy.IsHelpDay(Date::FromYmd(2020, 2, 3).value()));   // before the rule
}

TEST(PolicyFileTest, NegativePovertyLineIsRefusedWithItsLine) {
  const std::string text = DefaultWith("yuan = 3747", "yuan = -3747");
  ExpectRefused(text, "policy.range", "poverty_line[5].yuan", LineOf(text, "yuan = -3747"));
  const Status s = LoadPolicy(text, "bad.toml").status();
  EXPECT_NE(s.message().zh.find("须为正数"), std::string::npos) << s.message().zh;
  EXPECT_NE(s.message().en.find("must be positive"), std::string::npos) << s.message().en;
}

TEST(PolicyFileTest, ZeroPovertyLineIsRefused) {
  const std::string text = DefaultWith("yuan = 2800", "yuan = 0");
  ExpectRefused(text, "policy.range", "poverty_line[0].yuan", LineOf(text, "yuan = 0"));
}

TEST(PolicyFileTest, SyntaxErrorNamesTheLine) {
  const std::string text = DefaultWith("yuan = 3335", "yuan = = 3335");
  Result<Policy> loaded = LoadPolicy(text, "bad.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().rule(), "policy.syntax");
  const std::string line = std::to_string(LineOf(text, "yuan = = 3335"));
  EXPECT_NE(loaded.status().message().zh.find("第 " + line + " 行"), std::string::npos)
      << loaded.status().message().zh;
  EXPECT_NE(loaded.status().message().en.find("line " + line + ", column"), std::string::npos)
      << loaded.status().message().en;
}

TEST(PolicyFileTest, OverlappingRangesAreRefused) {
  // The 2016 line made open-ended runs into 2017's.
  const std::string text = DefaultWith("from = 2016-01-01\nto = 2016-12-31\n", "from = 2016-01-01\n");
  const int line_2017 = LineOf(text, "[[poverty_line]]\nfrom = 2017-01-01");
  ExpectRefused(text, "policy.overlap", "poverty_line[3]", line_2017);
  const Status s = LoadPolicy(text, "bad.toml").status();
  const std::string line_2016 = std::to_string(LineOf(text, "[[poverty_line]]\nfrom = 2016-01-01"));
  EXPECT_NE(s.message().en.find("overlaps the entry at line " + line_2016), std::string::npos)
      << s.message().en;
  EXPECT_NE(s.message().zh.find("重叠"), std::string::npos) << s.message().zh;
}

TEST(PolicyFileTest, SamePrefixTwiceIsAnOverlap) {
  const std::string text =
      DefaultWith("[[region_profile]]\nprefix = \"51\"", "[[region_profile]]\nprefix = \"\"");
  ExpectRefused(text, "policy.overlap", "region_profile[1]",
                LineOf(text, "[[region_profile]]\nprefix = \"\"\nprofile = \"sichuan\""));
}

TEST(PolicyFileTest, ToBeforeFromIsRefused) {
  const std::string text =
      DefaultWith("from = 2018-01-01\nto = 2018-12-31", "from = 2018-01-01\nto = 2017-12-31");
  ExpectRefused(text, "policy.range_order", "poverty_line[4].to",
                LineOf(text, "to = 2017-12-31\nyuan = 3535"));
}

TEST(PolicyFileTest, IncidenceThresholdOutsideZeroToHundredIsRefused) {
  const std::string text =
      DefaultWith("incidence_below_percent = { west = 3.0, central_east = 2.0 }\nfrom",
                  "incidence_below_percent = { west = 103.0, central_east = 2.0 }\nfrom");
  ExpectRefused(text, "policy.range", "village_exit[0].incidence_below_percent.west",
                LineOf(text, "west = 103.0"));
}

TEST(PolicyFileTest, NegativeRateIsRefused) {
  const std::string text = DefaultWith("wrong_exit_below_percent = 2.0", "wrong_exit_below_percent = -1");
  ExpectRefused(text, "policy.range", "county_exit[0].wrong_exit_below_percent",
                LineOf(text, "wrong_exit_below_percent = -1"));
}

TEST(PolicyFileTest, ClassBoundsNotIncreasingAreRefused) {
  const std::string text = DefaultWith("below_yuan = 100000", "below_yuan = 20000");
  ExpectRefused(text, "policy.bounds_order", "collective_economy[0].classes[2]",
                LineOf(text, "below_yuan = 20000"));
}

TEST(PolicyFileTest, UnknownProfileInMappingIsRefused) {
  const std::string text = DefaultWith("profile = \"sichuan\"", "profile = \"sichaun\"");
  ExpectRefused(text, "policy.unknown_profile", "region_profile[1].profile",
                LineOf(text, "profile = \"sichaun\""));
}

TEST(PolicyFileTest, UnknownRuleAndItemAreRefused) {
  const std::string rule = DefaultWith("\"household.food\"", "\"household.fod\"");
  ExpectRefused(rule, "policy.unknown_rule", "profile[0].household", LineOf(rule, "\"household.fod\""));
  const std::string item = DefaultWith("  \"village.clinic\",", "  \"village.clinc\",");
  ExpectRefused(item, "policy.unknown_item", "profile[1].village_checklist",
                LineOf(item, "\"village.clinc\""));
}

TEST(PolicyFileTest, UnknownAndMissingRegionClassesAreRefused) {
  const std::string unknown =
      DefaultWith("{ west = 3.0, central_east = 2.0 }\nmissed", "{ west = 3.0, central = 2.0 }\nmissed");
  ExpectRefused(unknown, "policy.unknown_class", "county_exit[0].incidence_below_percent.central",
                LineOf(unknown, "central = 2.0 }\nmissed"));
  const std::string missing = DefaultWith("{ west = 3.0, central_east = 2.0 }\nfrom", "{ west = 3.0 }\nfrom");
  ExpectRefused(missing, "policy.missing_class", "village_exit[0].incidence_below_percent",
                LineOf(missing, "{ west = 3.0 }\nfrom"));
}

TEST(PolicyFileTest, ProvinceInTwoClassesIsRefused) {
  const std::string text =
      DefaultWith("default = true\nprovinces = []", "default = true\nprovinces = [\"51\"]");
  ExpectRefused(text, "policy.duplicate_province", "region_class[1].provinces",
                LineOf(text, "[[region_class]]\nid = \"central_east\""));
}

TEST(PolicyFileTest, MissingKeyIsRefusedAtItsTable) {
  const std::string text = DefaultWith("yuan = 3535\n", "");
  ExpectRefused(text, "policy.missing", "poverty_line[4].yuan",
                LineOf(text, "[[poverty_line]]\nfrom = 2018-01-01"));
}

TEST(PolicyFileTest, MisspeltKeyIsRefused) {
  const std::string text = DefaultWith("to = 2019-12-31", "too = 2019-12-31");
  ExpectRefused(text, "policy.unknown_key", "poverty_line[5].too", LineOf(text, "too = 2019-12-31"));
}

TEST(PolicyFileTest, WrongTypeIsRefused) {
  const std::string text = DefaultWith("from = 2015-01-01", "from = \"2015-01-01\"");
  ExpectRefused(text, "policy.type", "poverty_line[1].from", LineOf(text, "from = \"2015-01-01\""));
}

TEST(PolicyFileTest, UnknownVersionIsRefused) {
  const std::string text = DefaultWith("version = 1", "version = 2");
  ExpectRefused(text, "policy.version", "version", LineOf(text, "version = 2"));
  Result<Policy> none = LoadPolicy("[[poverty_line]]\n", "bad.toml");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().rule(), "policy.version");
}

TEST(PolicyFileTest, MissingSectionIsRefused) {
  Result<Policy> loaded = LoadPolicy("version = 1\n", "bad.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().rule(), "policy.missing");
  EXPECT_EQ(loaded.status().field(), "region_class");
  EXPECT_NE(loaded.status().message().en.find("[[region_class]]"), std::string::npos);
}

TEST(PolicyFileTest, BadAgeDayIsRefused) {
  const std::string text = DefaultWith("age_on = \"08-31\"", "age_on = \"02-29\"");
  ExpectRefused(text, "policy.format", "compulsory_education_age[0].age_on",
                LineOf(text, "age_on = \"02-29\""));
}

TEST(PolicyFileTest, BadPrefixIsRefused) {
  const std::string text = DefaultWith("prefix = \"51\"", "prefix = \"5\"");
  ExpectRefused(text, "policy.format", "region_profile[1].prefix", LineOf(text, "prefix = \"5\""));
}

}  // namespace
}  // namespace fupin::policy
