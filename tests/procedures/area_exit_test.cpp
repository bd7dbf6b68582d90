// 贫困村退出 and 贫困县退出: the verdict as evidence, refusal unless overridden, the steps.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "procedures/procedure_test_support.hpp"

namespace fupin::procedures::test {
namespace {

RegionCode Code(const char* text) {
  return RegionCode::Parse(text).value();
}

policy::VillageFacts Village(int64_t poor, int64_t population) {
  policy::VillageFacts facts{poor, population, {}};
  for (const char* item : {"village.collective_income", "village.hardened_road", "village.clinic",
                           "village.cultural_room", "village.telecom"}) {
    facts.checklist[item] = true;
  }
  return facts;
}

policy::CountyFacts County() {
  policy::CountyFacts facts;
  facts.poor_not_exited = 100;
  facts.rural_population = 10000;
  facts.missed_assessment = policy::Ratio{7, 400};
  facts.wrong_exit = policy::Ratio{3, 300};
  facts.recognition = policy::Ratio{180, 200};
  for (const char* item : {"county.central_school", "county.township_hospital", "county.service_centre"}) {
    facts.checklist[item] = true;
  }
  return facts;
}

class AreaExitTest : public ProcedureTest {};

TEST_F(AreaExitTest, EligibleVillageGoesThroughEveryStep) {
  auto p = StartVillageExit(env(), Code(kVillage), Village(11, 400), In(D(2020, 10, 1), "村申请"));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->subject, kVillage);
  const nlohmann::json& evidence = p->steps[0].evidence;
  EXPECT_EQ(evidence["verdict"]["eligible_to_exit"], true);
  EXPECT_EQ(evidence["verdict"]["profile"], "sichuan");
  EXPECT_EQ(evidence["facts"]["poor_not_exited"], 11);
  EXPECT_EQ(evidence["facts"]["checklist"]["village.clinic"], true);
  Refused(TakeStep(env(), p->id, "province_approval", In(D(2020, 10, 2))), "procedure.step_order");
  Refused(TakeStep(env(), p->id, "city_review", In(D(2020, 10, 2))), "procedure.unknown_step");
  Step(p->id, "review", D(2020, 10, 10));
  Step(p->id, "省级审批", D(2020, 11, 1));
  const Procedure done = Step(p->id, "announcement", D(2020, 11, 5));
  EXPECT_EQ(done.outcome, Outcome::kCompleted);
  EXPECT_EQ(done.state, "announced");
  EXPECT_EQ(done.steps[1].step, "county_review");
}

TEST_F(AreaExitTest, VillageWhoseVerdictFailsIsRefusedUnlessOverridden) {
  policy::VillageFacts facts = Village(12, 400);  // 3.00%: not below 3%
  facts.checklist["village.clinic"] = false;
  const Status s =
      Refused(StartVillageExit(env(), Code(kVillage), facts, In(D(2020, 10, 1))), "procedure.verdict_failed");
  EXPECT_TRUE(Contains(s.message().zh, "村 511025100203 不符合 2020 年退出标准")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().zh, "贫困发生率 3.00%")) << s.message().zh;
  auto none = ListProcedures(*store_, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  auto p = StartVillageExit(env(), Code(kVillage), facts, In(D(2020, 10, 1)), "卫生室已建成，待验收");
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps[0].evidence["override_reason"], "卫生室已建成，待验收");
  EXPECT_EQ(p->steps[0].evidence["verdict"]["eligible_to_exit"], false);
  Refused(StartVillageExit(env(), Code(kVillage), Village(1, 400), In(D(2020, 10, 2))),
          "procedure.open_exists");
}

TEST_F(AreaExitTest, SubjectMustBeAKnownRegionOfTheRightLevel) {
  Refused(StartVillageExit(env(), Code(kCounty), Village(1, 400), In(D(2020, 10, 1))),
          "procedure.region_level");
  const auto unknown = StartVillageExit(env(), Code("511025100299"), Village(1, 400), In(D(2020, 10, 1)));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  Refused(StartCountyExit(env(), Code(kVillage), County(), In(D(2020, 10, 1))), "procedure.region_level");
}

TEST_F(AreaExitTest, CountyExitRefusedWhenARateFailsAndAllowedWithOverride) {
  policy::CountyFacts facts = County();
  facts.wrong_exit = policy::Ratio{7, 300};
  const Status s =
      Refused(StartCountyExit(env(), Code(kCounty), facts, In(D(2019, 12, 1))), "procedure.verdict_failed");
  EXPECT_TRUE(Contains(s.message().zh, "错退率 2.33%（7/300）≥ 标准 2.00%")) << s.message().zh;
  auto p = StartCountyExit(env(), Code(kCounty), facts, In(D(2019, 12, 1)), "第三方评估复核后错退已纠正");
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->subject, "511025000000");
  EXPECT_EQ(p->steps[0].evidence["facts"]["wrong_exit"]["numerator"], 7);
  Step(p->id, "市级审核", D(2020, 1, 10));
  Step(p->id, "province_approval", D(2020, 2, 1));
  EXPECT_EQ(Step(p->id, "公告", D(2020, 2, 5)).outcome, Outcome::kCompleted);
}

TEST_F(AreaExitTest, EligibleCountyStartsWithoutOverride) {
  auto p = StartCountyExit(env(), Code(kCounty), County(), In(D(2019, 12, 1)));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps[0].evidence["verdict"]["eligible_to_exit"], true);
  EXPECT_FALSE(p->steps[0].evidence.contains("override_reason"));
  auto rejected = Reject(env(), p->id, In(D(2019, 12, 5), "省级抽查发现问题"));
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->outcome, Outcome::kRejected);
}

}  // namespace
}  // namespace fupin::procedures::test
