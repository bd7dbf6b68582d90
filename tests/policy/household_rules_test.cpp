#include <gtest/gtest.h>

#include "policy/exit_evaluation.hpp"
#include "policy/policy_file.hpp"
#include "policy/policy_test_support.hpp"
#include "policy/rule.hpp"

namespace fupin::policy {
namespace {

using registry::Household;
using registry::Schooling;
using registry::YesNo;
using test::kHebeiVillage;
using test::kSichuanVillage;
using test::SampleHousehold;

const CriterionResult* Find(const HouseholdVerdict& verdict, std::string_view rule_id) {
  for (const CriterionResult& c : verdict.criteria) {
    if (c.rule_id == rule_id) return &c;
  }
  return nullptr;
}

CriterionResult CheckRule(std::string_view rule_id, const Household& h, int year = 2020) {
  const HouseholdRule* rule = FindHouseholdRule(rule_id);
  EXPECT_NE(rule, nullptr) << rule_id;
  return rule->Check(HouseholdSubject{DefaultPolicy(), h, year});
}

TEST(HouseholdRulesTest, IncomeBelowTheLineFailsWithTheFigures) {
  const CriterionResult c = CheckRule("household.income_above_line", SampleHousehold(kSichuanVillage, 3812));
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.zh, "人均纯收入 3,812 元 < 2020 年标准 4,000 元");
  EXPECT_EQ(c.reason.en, "per-capita net income 3,812 < 2020 line 4,000");
  EXPECT_EQ(c.name.zh, "收入超过扶贫标准");
  EXPECT_FALSE(c.basis.empty());
}

TEST(HouseholdRulesTest, IncomeAboveTheLinePasses) {
  const CriterionResult c = CheckRule("household.income_above_line", SampleHousehold(kSichuanVillage, 4500));
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(c.reason.zh, "人均纯收入 4,500 元 > 2020 年标准 4,000 元");
  EXPECT_EQ(c.reason.en, "per-capita net income 4,500 > 2020 line 4,000");
}

TEST(HouseholdRulesTest, IncomeEqualToTheLineIsNotAbove) {
  const CriterionResult c = CheckRule("household.income_above_line", SampleHousehold(kSichuanVillage, 4000));
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.zh, "人均纯收入 4,000 元 = 2020 年标准 4,000 元");
}

TEST(HouseholdRulesTest, TheLineOfTheYearIsUsed) {
  const Household h = SampleHousehold(kSichuanVillage, 3800);
  const CriterionResult in_2019 = CheckRule("household.income_above_line", h, 2019);
  const CriterionResult in_2020 = CheckRule("household.income_above_line", h, 2020);
  EXPECT_TRUE(in_2019.pass);
  EXPECT_EQ(in_2019.reason.en, "per-capita net income 3,800 > 2019 line 3,747");
  EXPECT_FALSE(in_2020.pass);
  EXPECT_EQ(in_2020.reason.en, "per-capita net income 3,800 < 2020 line 4,000");
}

TEST(HouseholdRulesTest, NoLineForTheYearFails) {
  const CriterionResult c =
      CheckRule("household.income_above_line", SampleHousehold(kSichuanVillage, 9000), 2021);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.zh, "政策文件未配置 2021 年的扶贫标准");
  EXPECT_EQ(c.reason.en, "the policy has no poverty line for 2021");
}

TEST(HouseholdRulesTest, HouseholdWithoutMembersFailsIncome) {
  Household h = SampleHousehold(kSichuanVillage, 9000);
  h.members.clear();
  EXPECT_FALSE(CheckRule("household.income_above_line", h).pass);
}

TEST(HouseholdRulesTest, ChildInSchoolPasses) {
  const CriterionResult c =
      CheckRule("household.compulsory_education", SampleHousehold(kSichuanVillage, 4500));
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(c.reason.zh, "1 名义务教育适龄家庭成员均在校");
  EXPECT_EQ(c.reason.en, "all 1 members of compulsory-school age are in school");
}

TEST(HouseholdRulesTest, ChildOutOfSchoolFailsNamingTheChild) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  h.members[2].schooling = Schooling::kNotInSchool;
  CriterionResult c = CheckRule("household.compulsory_education", h);
  EXPECT_FALSE(c.pass);
  // Born 2008-03-01: 12 on 31 August 2020.
  EXPECT_EQ(c.reason.zh, "王小明 12 岁未在校");
  EXPECT_EQ(c.reason.en, "王小明, aged 12, not in school");

  h.members[2].schooling = Schooling::kDroppedOut;
  c = CheckRule("household.compulsory_education", h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.zh, "王小明 12 岁辍学");
  EXPECT_EQ(c.reason.en, "王小明, aged 12, dropped out");
}

TEST(HouseholdRulesTest, OutOfSchoolChildFailsEvenWhenTheGuaranteeIsTicked) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  h.members[2].schooling = Schooling::kDroppedOut;
  ASSERT_EQ(h.guarantees.education, YesNo::kYes);
  EXPECT_FALSE(CheckRule("household.compulsory_education", h).pass);
}

TEST(HouseholdRulesTest, OnlyCompulsorySchoolAgeCounts) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  h.members[2].birth_date = Date::FromYmd(2014, 9, 1).value();  // 5 on 31 August 2020
  h.members[2].schooling = Schooling::kNotInSchool;
  EXPECT_TRUE(CheckRule("household.compulsory_education", h).pass);
  h.members[2].birth_date = Date::FromYmd(2004, 8, 31).value();  // 16 on 31 August 2020
  EXPECT_TRUE(CheckRule("household.compulsory_education", h).pass);
  h.members[2].birth_date = Date::FromYmd(2014, 8, 31).value();  // 6 on 31 August 2020
  EXPECT_FALSE(CheckRule("household.compulsory_education", h).pass);
}

TEST(HouseholdRulesTest, EducationGuaranteeNotRecordedOrNoFails) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  h.guarantees.education = YesNo::kUnknown;
  CriterionResult c = CheckRule("household.compulsory_education", h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason, (Message{"未填报", "not recorded"}));
  h.guarantees.education = YesNo::kNo;
  c = CheckRule("household.compulsory_education", h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.en, "recorded as no");
}

TEST(HouseholdRulesTest, UninsuredMemberFailsBasicMedical) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  EXPECT_TRUE(CheckRule("household.basic_medical", h).pass);
  h.members[1].medical_insurance = YesNo::kNo;
  const CriterionResult c = CheckRule("household.basic_medical", h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason.zh, "李秀英未参加基本医疗保险");
  EXPECT_EQ(c.reason.en, "no basic medical insurance: 李秀英");
  h.members[1].medical_insurance = YesNo::kYes;
  h.guarantees.medical = YesNo::kUnknown;
  EXPECT_EQ(CheckRule("household.basic_medical", h).reason.zh, "未填报");
}

struct GuaranteeCase {
  const char* rule_id;
  YesNo registry::Guarantees::*field;
};

class GuaranteeRuleTest : public ::testing::TestWithParam<GuaranteeCase> {};

TEST_P(GuaranteeRuleTest, PassesOnYesFailsOnNoAndNotRecorded) {
  const GuaranteeCase& param = GetParam();
  Household h = SampleHousehold(kHebeiVillage, 4500);
  CriterionResult c = CheckRule(param.rule_id, h);
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(c.rule_id, param.rule_id);

  h.guarantees.*param.field = YesNo::kNo;
  c = CheckRule(param.rule_id, h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason, (Message{"填报为“否”", "recorded as no"}));

  h.guarantees.*param.field = YesNo::kUnknown;
  c = CheckRule(param.rule_id, h);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.reason, (Message{"未填报", "not recorded"}));
}

INSTANTIATE_TEST_SUITE_P(
    AllGuarantees, GuaranteeRuleTest,
    ::testing::Values(GuaranteeCase{"household.food", &registry::Guarantees::food},
                      GuaranteeCase{"household.clothing", &registry::Guarantees::clothing},
                      GuaranteeCase{"household.basic_medical", &registry::Guarantees::medical},
                      GuaranteeCase{"household.compulsory_education", &registry::Guarantees::education},
                      GuaranteeCase{"household.safe_housing", &registry::Guarantees::housing},
                      GuaranteeCase{"household.safe_water", &registry::Guarantees::water},
                      GuaranteeCase{"household.electricity", &registry::Guarantees::electricity},
                      GuaranteeCase{"household.radio_tv", &registry::Guarantees::radio_tv}),
    [](const ::testing::TestParamInfo<GuaranteeCase>& param_info) {
      std::string name(param_info.param.rule_id);  // "household.food" → "food": stable test names
      return name.substr(name.find('.') + 1);
    });

TEST(HouseholdRulesTest, EveryRuleHasNamesAndAnExplanation) {
  for (const HouseholdRule* rule : HouseholdRules()) {
    EXPECT_FALSE(rule->name().zh.empty()) << rule->id();
    EXPECT_FALSE(rule->name().en.empty()) << rule->id();
    EXPECT_FALSE(rule->explanation().zh.empty()) << rule->id();
    EXPECT_TRUE(rule->effective().Contains(YearDate(2014))) << rule->id();
  }
  EXPECT_EQ(HouseholdRules().size(), 9u);
}

TEST(HouseholdVerdictTest, SichuanVillageGetsTheSichuanProfile) {
  const HouseholdVerdict v = EvaluateHousehold(DefaultPolicy(), SampleHousehold(kSichuanVillage, 4500), 2020);
  EXPECT_EQ(v.profile, "sichuan");
  EXPECT_EQ(v.region_class, "west");
  EXPECT_EQ(v.year, 2020);
  EXPECT_TRUE(v.eligible_to_exit);
  std::vector<std::string> ids;
  for (const CriterionResult& c : v.criteria) ids.push_back(c.rule_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"household.income_above_line", "household.safe_water",
                                           "household.electricity", "household.radio_tv",
                                           "household.compulsory_education", "household.basic_medical",
                                           "household.safe_housing"}));
}

TEST(HouseholdVerdictTest, HebeiVillageGetsTheNationalProfile) {
  const HouseholdVerdict v = EvaluateHousehold(DefaultPolicy(), SampleHousehold(kHebeiVillage, 4500), 2020);
  EXPECT_EQ(v.profile, "national");
  EXPECT_EQ(v.region_class, "central_east");
  EXPECT_TRUE(v.eligible_to_exit);
  EXPECT_NE(Find(v, "household.food"), nullptr);
  EXPECT_NE(Find(v, "household.clothing"), nullptr);
  EXPECT_EQ(Find(v, "household.electricity"), nullptr);
  EXPECT_EQ(v.criteria.size(), 7u);
}

TEST(HouseholdVerdictTest, ProfileDecidesWhichGuaranteesCount) {
  Household h = SampleHousehold(kSichuanVillage, 4500);
  h.guarantees.food = YesNo::kUnknown;  // not a Sichuan criterion
  EXPECT_TRUE(EvaluateHousehold(DefaultPolicy(), h, 2020).eligible_to_exit);
  h.guarantees.radio_tv = YesNo::kNo;  // a Sichuan criterion
  const HouseholdVerdict v = EvaluateHousehold(DefaultPolicy(), h, 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  ASSERT_NE(Find(v, "household.radio_tv"), nullptr);
  EXPECT_FALSE(Find(v, "household.radio_tv")->pass);
}

TEST(HouseholdVerdictTest, ChangedPolicyChangesTheVerdict) {
  const Household h = SampleHousehold(kSichuanVillage, 4500);
  EXPECT_TRUE(EvaluateHousehold(DefaultPolicy(), h, 2020).eligible_to_exit);

  const Policy raised = test::MustLoad(test::DefaultWith("yuan = 4000", "yuan = 5000"));
  const HouseholdVerdict v = EvaluateHousehold(raised, h, 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  ASSERT_NE(Find(v, "household.income_above_line"), nullptr);
  EXPECT_EQ(Find(v, "household.income_above_line")->reason.zh, "人均纯收入 4,500 元 < 2020 年标准 5,000 元");
}

TEST(HouseholdVerdictTest, RegionWithoutProfileFails) {
  const Policy policy = test::MustLoad(test::DefaultWith("prefix = \"\"", "prefix = \"11\""));
  const HouseholdVerdict v = EvaluateHousehold(policy, SampleHousehold(kHebeiVillage, 4500), 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_TRUE(v.profile.empty());
  ASSERT_EQ(v.criteria.size(), 1u);
  EXPECT_EQ(v.criteria[0].rule_id, kNoStandardRuleId);
  EXPECT_EQ(v.criteria[0].reason.en, "the policy has no exit standard for 130123100201 in 2020");
}

TEST(IncomeBelowLineTest, ComparesWithTheYearsLine) {
  EXPECT_TRUE(*IncomeBelowLine(DefaultPolicy(), SampleHousehold(kHebeiVillage, 3812), 2020));
  EXPECT_FALSE(*IncomeBelowLine(DefaultPolicy(), SampleHousehold(kHebeiVillage, 3812), 2019));
  EXPECT_FALSE(*IncomeBelowLine(DefaultPolicy(), SampleHousehold(kHebeiVillage, 4000), 2020));
  const Result<bool> none = IncomeBelowLine(DefaultPolicy(), SampleHousehold(kHebeiVillage, 3812), 2021);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fupin::policy
