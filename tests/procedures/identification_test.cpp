// 识别纳入 and 返贫: legal sequences, refusals, the household afterwards.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "procedures/procedure_test_support.hpp"

namespace fupin::procedures::test {
namespace {

using registry::Household;
using registry::HouseholdStatus;

class IdentificationTest : public ProcedureTest {
 protected:
  /// Takes every step after the application; the notice on 2021-03-05.
  Procedure ToTheEnd(int64_t id) {
    Step(id, "democratic_review", D(2021, 3, 2));
    Step(id, "public_notice", D(2021, 3, 5));
    Step(id, "town_review", D(2021, 3, 12));
    Step(id, "county_approval", D(2021, 3, 20));
    Step(id, "announcement", D(2021, 3, 25));
    return Step(id, "register", D(2021, 4, 1));
  }
};

TEST_F(IdentificationTest, RegistryHouseholdIsRegisteredAsPoor) {
  const Household applicant = Put(MakeHousehold(1, 2500, HouseholdStatus::kNotRegistered));
  auto p = StartIdentification(env(), applicant.id, In(D(2021, 3, 1), "农户书面申请"));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps[0].step, "apply");
  EXPECT_EQ(p->steps[0].evidence["income"]["per_capita_net_income"]["fen"], 250000);
  EXPECT_TRUE(p->steps[0].evidence["income"]["income_below_line"].is_null()) << "the policy has no 2021 line";

  const Procedure done = ToTheEnd(p->id);
  EXPECT_EQ(done.outcome, Outcome::kCompleted);
  EXPECT_EQ(done.state, "registered");
  const Household after = Get(applicant.id);
  EXPECT_EQ(after.status, HouseholdStatus::kPoor);
  EXPECT_EQ(after.registration_year, 2021);
  EXPECT_EQ(after.exit_year, 0);
  EXPECT_EQ(after.attribute, registry::PovertyAttribute::kGeneral);
  EXPECT_EQ(after.version, applicant.version + 1);
  auto history = store_->History("household", applicant.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(history->back().before_json)["status"], "not_registered");
  EXPECT_EQ(nlohmann::json::parse(history->back().after_json)["status"], "poor");
}

TEST_F(IdentificationTest, SuppliedApplicantIsWrittenAsNotRegisteredWithTheApplication) {
  Household applicant = MakeHousehold(2, 2500, HouseholdStatus::kPoor);  // status is overwritten
  auto p = StartIdentification(env(), applicant, In(D(2021, 3, 1)));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps[0].evidence["household_supplied"], true);
  const Household stored = Get(applicant.id);
  EXPECT_EQ(stored.status, HouseholdStatus::kNotRegistered);
  EXPECT_EQ(stored.registration_year, 0);
  EXPECT_EQ(stored.members.size(), 3u);
  ToTheEnd(p->id);
  EXPECT_EQ(Get(applicant.id).status, HouseholdStatus::kPoor);

  const auto again = StartIdentification(env(), applicant, In(D(2021, 5, 1)));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_F(IdentificationTest, SuppliedApplicantIsChecked) {
  Household elsewhere = MakeHousehold(3, 2500);
  elsewhere.village = RegionCode::Parse("511025100299").value();
  Refused(StartIdentification(env(), elsewhere, In(D(2021, 3, 1))), "village.unknown");
  Household headless = MakeHousehold(3, 2500);
  headless.members[0].relation = registry::Relation::kSon;
  Refused(StartIdentification(env(), headless, In(D(2021, 3, 1))), "household.no_head");
  Household bad_id = MakeHousehold(3, 2500);
  bad_id.members[1].id_number[17] = bad_id.members[1].id_number[17] == '1' ? '2' : '1';
  Refused(StartIdentification(env(), bad_id, In(D(2021, 3, 1))), "id.check_char");
  // A member already registered in another household is a conflict; nothing is written.
  const Household registered = Put(MakeHousehold(4, 2500));
  Household copy = MakeHousehold(5, 2500);
  copy.members[2] = registered.members[2];
  const auto taken = StartIdentification(env(), copy, In(D(2021, 3, 1)));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().rule(), "person.two_households");
  auto all = ListProcedures(*store_, {});
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

TEST_F(IdentificationTest, OnlyNotRegisteredHouseholdsMayApply) {
  const Household poor = Put(MakeHousehold(6, 2500));
  const Status s =
      Refused(StartIdentification(env(), poor.id, In(D(2021, 3, 1))), "procedure.subject_status");
  EXPECT_TRUE(Contains(s.message().zh, "非建档立卡户")) << s.message().zh;
  const auto missing = StartIdentification(env(), "5110251002039999", In(D(2021, 3, 1)));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(IdentificationTest, NoticeTimerAndOrder) {
  const Household applicant = Put(MakeHousehold(7, 2500, HouseholdStatus::kNotRegistered));
  auto p = StartIdentification(env(), applicant.id, In(D(2021, 3, 1)));
  ASSERT_TRUE(p.ok());
  Refused(TakeStep(env(), p->id, "household_confirm", In(D(2021, 3, 2))), "procedure.unknown_step");
  Refused(TakeStep(env(), p->id, "public_notice", In(D(2021, 3, 2))), "procedure.step_order");
  Step(p->id, "民主评议", D(2021, 3, 2));
  Step(p->id, "村内公示", D(2021, 3, 5));
  Refused(TakeStep(env(), p->id, "乡镇审核", In(D(2021, 3, 11))), "procedure.notice_period");
  Step(p->id, "乡镇审核", D(2021, 3, 12));
  auto rejected = Reject(env(), p->id, In(D(2021, 3, 15), "县级比对发现有财政供养人员"));
  ASSERT_TRUE(rejected.ok());
  Refused(TakeStep(env(), p->id, "county_approval", In(D(2021, 3, 16))), "procedure.closed");
  EXPECT_EQ(Get(applicant.id), applicant) << "a rejected identification leaves the household as it was";
}

class ReturnToPovertyTest : public ProcedureTest {};

TEST_F(ReturnToPovertyTest, ExitedHouseholdIsMarkedReturned) {
  const Household exited = Put(MakeHousehold(1, 3000, HouseholdStatus::kExited));
  auto p = StartReturnToPoverty(env(), exited.id, In(D(2020, 9, 1), "因病支出大"));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps[0].evidence["verdict"]["eligible_to_exit"], false);
  Step(p->id, "review", D(2020, 9, 2));
  Refused(TakeStep(env(), p->id, "county_approval", In(D(2020, 9, 3))), "procedure.step_order");
  Step(p->id, "town_review", D(2020, 9, 3));
  Step(p->id, "county_approval", D(2020, 9, 10));
  EXPECT_EQ(Get(exited.id).status, HouseholdStatus::kExited);
  const Procedure done = Step(p->id, "标记返贫", D(2020, 9, 11));
  EXPECT_EQ(done.outcome, Outcome::kCompleted);
  EXPECT_EQ(done.steps.size(), 5u);
  const Household after = Get(exited.id);
  EXPECT_EQ(after.status, HouseholdStatus::kReturned);
  EXPECT_EQ(after.exit_year, 2018) << "the exit year stays on record";
  EXPECT_EQ(after.version, exited.version + 1);
  auto history = store_->History("household", exited.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(nlohmann::json::parse(history->back().after_json)["status"], "returned");
}

TEST_F(ReturnToPovertyTest, OnlyHouseholdsThatExitedMayReturn) {
  const Household poor = Put(MakeHousehold(2, 3000));
  const Status s =
      Refused(StartReturnToPoverty(env(), poor.id, In(D(2020, 9, 1))), "procedure.subject_status");
  EXPECT_TRUE(Contains(s.message().zh, "「未脱贫」")) << s.message().zh;
  Household monitored = MakeHousehold(3, 3000, HouseholdStatus::kMonitoring);
  monitored.exit_year = 2019;
  monitored.monitoring_category = registry::MonitoringCategory::kUnstableExited;
  EXPECT_TRUE(StartReturnToPoverty(env(), Put(monitored).id, In(D(2020, 9, 1))).ok());
  Household marginal = MakeHousehold(4, 3000, HouseholdStatus::kMonitoring);
  marginal.monitoring_category = registry::MonitoringCategory::kMarginal;
  Refused(StartReturnToPoverty(env(), Put(marginal).id, In(D(2020, 9, 1))), "procedure.subject_status");
}

}  // namespace
}  // namespace fupin::procedures::test
