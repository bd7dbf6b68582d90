#include <gtest/gtest.h>

#include "policy/exit_evaluation.hpp"
#include "policy/policy_file.hpp"
#include "policy/policy_test_support.hpp"

namespace fupin::policy {
namespace {

using test::Code;
using test::kHebeiVillage;
using test::kSichuanVillage;

const CriterionResult& Criterion(const ExitVerdict& verdict, std::string_view rule_id) {
  for (const CriterionResult& c : verdict.criteria) {
    if (c.rule_id == rule_id) return c;
  }
  static const CriterionResult kMissing{"missing", {}, false, {}, {}};
  ADD_FAILURE() << "no criterion " << rule_id;
  return kMissing;
}

VillageFacts SichuanVillageFacts(int64_t poor, int64_t population) {
  VillageFacts facts{poor, population, {}};
  for (const char* item : {"village.collective_income", "village.hardened_road", "village.clinic",
                           "village.cultural_room", "village.telecom"}) {
    facts.checklist[item] = true;
  }
  return facts;
}

TEST(VillageVerdictTest, WesternVillageBelowThreePercentPasses) {
  const VillageVerdict v =
      EvaluateVillage(DefaultPolicy(), Code(kSichuanVillage), SichuanVillageFacts(11, 400), 2020);
  EXPECT_TRUE(v.eligible_to_exit);
  EXPECT_EQ(v.profile, "sichuan");
  EXPECT_EQ(v.region_class, "west");
  EXPECT_EQ(v.criteria.size(), 6u);
  const CriterionResult& c = Criterion(v, "village.incidence");
  EXPECT_TRUE(c.pass);
  EXPECT_EQ(c.reason.zh, "贫困发生率 2.75%（未脱贫 11 人 ÷ 农村户籍人口 400 人）< 西部地区标准 3.00%");
  EXPECT_EQ(
      c.reason.en,
      "poverty incidence 2.75% (11 poor not exited ÷ 400 rural registered) < western region threshold 3.00%");
}

TEST(VillageVerdictTest, WesternVillageAtThreePercentFails) {
  const VillageVerdict v =
      EvaluateVillage(DefaultPolicy(), Code(kSichuanVillage), SichuanVillageFacts(12, 400), 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  const CriterionResult& c = Criterion(v, "village.incidence");
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(
      c.reason.en,
      "poverty incidence 3.00% (12 poor not exited ÷ 400 rural registered) ≥ western region threshold 3.00%");
}

TEST(VillageVerdictTest, CentralEastVillageNeedsBelowTwoPercent) {
  VillageFacts facts{11, 400, {}};
  VillageVerdict v = EvaluateVillage(DefaultPolicy(), Code(kHebeiVillage), facts, 2020);
  EXPECT_EQ(v.profile, "national");
  EXPECT_EQ(v.region_class, "central_east");
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "village.incidence").reason.zh,
            "贫困发生率 2.75%（未脱贫 11 人 ÷ 农村户籍人口 400 人）≥ 中东部地区标准 2.00%");
  facts.poor_not_exited = 7;
  v = EvaluateVillage(DefaultPolicy(), Code(kHebeiVillage), facts, 2020);
  EXPECT_TRUE(v.eligible_to_exit);
  EXPECT_EQ(v.criteria.size(), 1u);  // the national profile has no village checklist
}

TEST(VillageVerdictTest, ChecklistItemNotInPlaceOrNotRecordedFails) {
  VillageFacts facts = SichuanVillageFacts(0, 400);
  facts.checklist["village.clinic"] = false;
  facts.checklist.erase("village.telecom");
  const VillageVerdict v = EvaluateVillage(DefaultPolicy(), Code(kSichuanVillage), facts, 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_TRUE(Criterion(v, "village.incidence").pass);
  EXPECT_TRUE(Criterion(v, "village.hardened_road").pass);
  EXPECT_EQ(Criterion(v, "village.hardened_road").reason.zh, "已具备");
  const CriterionResult& clinic = Criterion(v, "village.clinic");
  EXPECT_FALSE(clinic.pass);
  EXPECT_EQ(clinic.name, (Message{"有卫生室", "has a village clinic"}));
  EXPECT_EQ(clinic.reason, (Message{"不具备", "not in place"}));
  EXPECT_EQ(Criterion(v, "village.telecom").reason, (Message{"未填报", "not recorded"}));
}

TEST(VillageVerdictTest, NoPopulationCannotBeEvaluated) {
  const VillageVerdict v =
      EvaluateVillage(DefaultPolicy(), Code(kSichuanVillage), SichuanVillageFacts(0, 0), 2020);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "village.incidence").reason.en,
            "rural registered population is 0; incidence cannot be computed");
}

CountyFacts PassingSichuanCounty() {
  CountyFacts facts;
  facts.poor_not_exited = 100;
  facts.rural_population = 10000;           // 1.00%
  facts.missed_assessment = Ratio{7, 400};  // 1.75%
  facts.wrong_exit = Ratio{3, 300};         // 1.00%
  facts.recognition = Ratio{180, 200};      // 90.00%
  for (const char* item : {"county.central_school", "county.township_hospital", "county.service_centre"}) {
    facts.checklist[item] = true;
  }
  return facts;
}

TEST(CountyVerdictTest, PassingCounty) {
  const CountyVerdict v = EvaluateCounty(DefaultPolicy(), Code("510321"), PassingSichuanCounty(), 2019);
  EXPECT_TRUE(v.eligible_to_exit);
  EXPECT_EQ(v.profile, "sichuan");
  EXPECT_EQ(v.criteria.size(), 7u);
  EXPECT_EQ(Criterion(v, "county.missed_assessment").reason.zh, "漏评率 1.75%（7/400）< 标准 2.00%");
  EXPECT_EQ(Criterion(v, "county.recognition").reason.en,
            "public recognition 90.00% (180/200) ≥ threshold 90.00%");
}

TEST(CountyVerdictTest, EachThresholdFailsOnItsOwn) {
  CountyFacts facts = PassingSichuanCounty();
  facts.rural_population = 3000;  // 100/3000 = 3.33%
  CountyVerdict v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_FALSE(Criterion(v, "county.incidence").pass);
  EXPECT_TRUE(Criterion(v, "county.missed_assessment").pass);

  facts = PassingSichuanCounty();
  facts.missed_assessment = Ratio{8, 400};  // exactly 2%: not below
  v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "county.missed_assessment").reason.en,
            "missed-assessment rate 2.00% (8/400) ≥ threshold 2.00%");

  facts = PassingSichuanCounty();
  facts.wrong_exit = Ratio{7, 300};  // 2.33%
  v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "county.wrong_exit").reason.zh, "错退率 2.33%（7/300）≥ 标准 2.00%");

  facts = PassingSichuanCounty();
  facts.recognition = Ratio{179, 200};  // 89.50%
  v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "county.recognition").reason.zh, "群众认可度 89.50%（179/200）< 标准 90.00%");

  facts = PassingSichuanCounty();
  facts.checklist["county.township_hospital"] = false;
  v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_FALSE(Criterion(v, "county.township_hospital").pass);
}

TEST(CountyVerdictTest, UnrecordedRateFails) {
  CountyFacts facts = PassingSichuanCounty();
  facts.wrong_exit.reset();
  const CountyVerdict v = EvaluateCounty(DefaultPolicy(), Code("510321"), facts, 2019);
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(Criterion(v, "county.wrong_exit").reason, (Message{"未填报", "not recorded"}));
}

TEST(CountyVerdictTest, CentralEastCountyUsesTwoPercent) {
  CountyFacts facts = PassingSichuanCounty();
  facts.checklist.clear();
  facts.poor_not_exited = 250;  // 2.50%
  const CountyVerdict v = EvaluateCounty(DefaultPolicy(), Code("130123"), facts, 2019);
  EXPECT_EQ(v.profile, "national");
  EXPECT_FALSE(v.eligible_to_exit);
  EXPECT_EQ(
      Criterion(v, "county.incidence").reason.en,
      "poverty incidence 2.50% (250 poor not exited ÷ 10000 rural registered) ≥ central and eastern region "
      "threshold 2.00%");
  EXPECT_EQ(v.criteria.size(), 4u);
}

}  // namespace
}  // namespace fupin::policy
