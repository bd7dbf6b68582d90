// 防返贫监测: identification rules, measures and income checks, and risk elimination
// refused for each unmet condition and accepted when all hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/policy_test_support.hpp"
#include "procedures/procedure_test_support.hpp"

namespace fupin::procedures::test {
namespace {

using registry::Household;
using registry::HouseholdStatus;
using registry::LabourAbility;
using registry::MonitoringCategory;
using registry::YesNo;

class MonitoringTest : public ProcedureTest {
 protected:
  /// An exited household (2018) identified on 2021-01-10 as 脱贫不稳定户.
  Household Identified(int n, Household h) {
    h = Put(h);
    auto p =
        IdentifyMonitoringObject(env(), h.id, MonitoringCategory::kUnstableExited,
                                 MonitoringTrigger::kMedicalExpense, In(D(2021, 1, 10), "住院自付 3 万元"));
    EXPECT_TRUE(p.ok()) << n << ": " << p.status().ToString(Lang::kEn);
    return Get(h.id);
  }
  Household Identified(int n) { return Identified(n, MakeHousehold(n, 7000, HouseholdStatus::kExited)); }

  void Income(const std::string& id, Date date, int64_t yuan) {
    auto p = RecordIncomeCheck(env(), id, Money::FromYuan(yuan), In(date));
    EXPECT_TRUE(p.ok()) << date.ToString() << ": " << p.status().ToString(Lang::kEn);
  }

  /// A check below the threshold at identification, then monthly checks of `yuan` on
  /// the 1st of months `from`..`to` of 2021.
  void MonthlyIncome(const std::string& id, int from, int to, int64_t yuan = 6500) {
    Income(id, D(2021, 1, 10), 5000);
    for (int m = from; m <= to; ++m) Income(id, D(2021, m, 1), yuan);
  }

  /// Expects elimination on `date` refused with `rule` and returns the message.
  Message RefusedElimination(const std::string& id, Date date, bool resolved, std::string_view rule) {
    const Status s = Refused(EliminateRisk(env(), id, resolved, In(date)), rule);
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(Get(id).risk_eliminated, YesNo::kNo) << "a refusal changes nothing";
    return s.message();
  }
};

TEST_F(MonitoringTest, IdentificationMakesTheHouseholdAMonitoringObject) {
  const Household before = Put(MakeHousehold(1, 7000, HouseholdStatus::kExited));
  auto p = IdentifyMonitoringObject(env(), before.id, MonitoringCategory::kUnstableExited,
                                    MonitoringTrigger::kMedicalExpense, In(D(2021, 1, 10)));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->kind, ProcedureKind::kMonitoring);
  EXPECT_EQ(p->state, "identified");
  EXPECT_EQ(p->steps[0].evidence["category"], "unstable_exited");
  EXPECT_EQ(p->steps[0].evidence["trigger"], "medical_expense");
  EXPECT_EQ(p->steps[0].evidence["threshold"]["fen"], 600000);
  const Household after = Get(before.id);
  EXPECT_EQ(after.status, HouseholdStatus::kMonitoring);
  EXPECT_EQ(after.monitoring_category, MonitoringCategory::kUnstableExited);
  EXPECT_EQ(after.risk_eliminated, YesNo::kNo);
  EXPECT_EQ(after.exit_year, 2018);
  EXPECT_EQ(after.version, before.version + 1);
  auto history = store_->History("household", before.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->back().source, fmt::format("procedure:new:monitoring:identify"));
  EXPECT_EQ(nlohmann::json::parse(history->back().after_json)["status"], "monitoring");
}

TEST_F(MonitoringTest, CategoryMustFitTheHousehold) {
  const Household exited = Put(MakeHousehold(1, 7000, HouseholdStatus::kExited));
  const Status marginal = Refused(IdentifyMonitoringObject(env(), exited.id, MonitoringCategory::kMarginal,
                                                           MonitoringTrigger::kDisaster, In(D(2021, 2, 1))),
                                  "monitoring.category");
  EXPECT_TRUE(Contains(marginal.message().zh, "已于 2018 年脱贫")) << marginal.message().zh;
  const Household outside = Put(MakeHousehold(2, 5000, HouseholdStatus::kNotRegistered));
  Refused(IdentifyMonitoringObject(env(), outside.id, MonitoringCategory::kUnstableExited,
                                   MonitoringTrigger::kDisaster, In(D(2021, 2, 1))),
          "monitoring.category");
  EXPECT_TRUE(IdentifyMonitoringObject(env(), outside.id, MonitoringCategory::kMarginal,
                                       MonitoringTrigger::kIncomeBelowThreshold, In(D(2021, 2, 1)))
                  .ok());
  const Household poor = Put(MakeHousehold(3, 3000));
  Refused(IdentifyMonitoringObject(env(), poor.id, MonitoringCategory::kSuddenHardship,
                                   MonitoringTrigger::kDisaster, In(D(2021, 2, 1))),
          "procedure.subject_status");
  Refused(IdentifyMonitoringObject(env(), exited.id, MonitoringCategory::kNone, MonitoringTrigger::kDisaster,
                                   In(D(2021, 2, 1))),
          "monitoring.category");
  EXPECT_TRUE(IdentifyMonitoringObject(env(), exited.id, MonitoringCategory::kSuddenHardship,
                                       MonitoringTrigger::kSuddenLoss, In(D(2021, 2, 1)))
                  .ok());
  Refused(IdentifyMonitoringObject(env(), exited.id, MonitoringCategory::kSuddenHardship,
                                   MonitoringTrigger::kSuddenLoss, In(D(2021, 2, 2))),
          "procedure.open_exists");
}

TEST_F(MonitoringTest, MeasuresAndIncomeChecksAreRecordedStepsAndRows) {
  const Household h = Identified(1);
  ASSERT_TRUE(RecordMeasure(env(), h.id, MeasureKind::kHealth, In(D(2021, 1, 15), "大病救助")).ok());
  Income(h.id, D(2021, 2, 1), 6500);
  Income(h.id, D(2021, 3, 1), 5900);
  auto p = OpenMonitoringCase(*store_, h.id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->state, "identified");
  ASSERT_EQ(p->steps.size(), 4u);
  EXPECT_EQ(p->steps[1].step, "measure");
  EXPECT_EQ(p->steps[1].evidence["kind"], "health");
  EXPECT_EQ(p->steps[3].evidence["above_threshold"], false);
  EXPECT_EQ(p->steps[3].state_before, "identified");
  auto measures = store_->MonitoringMeasures(p->id);
  ASSERT_TRUE(measures.ok());
  ASSERT_EQ(measures->size(), 1u);
  EXPECT_EQ(measures->front().kind, "health");
  EXPECT_EQ(measures->front().note, "大病救助");
  auto checks = store_->IncomeChecks(p->id);
  ASSERT_TRUE(checks.ok());
  ASSERT_EQ(checks->size(), 2u);
  EXPECT_EQ(checks->back().per_capita_fen, 590000);

  Refused(TakeStep(env(), p->id, "measure", In(D(2021, 3, 2))), "procedure.dedicated_step");
  Refused(RecordIncomeCheck(env(), h.id, Money::FromYuan(7000), In(D(2021, 2, 15))), "procedure.date_order");
  const Household other = Put(MakeHousehold(2, 7000, HouseholdStatus::kExited));
  Refused(RecordMeasure(env(), other.id, MeasureKind::kIndustry, In(D(2021, 3, 2))),
          "monitoring.not_identified");
}

TEST_F(MonitoringTest, EliminationWhenEveryConditionHolds) {
  const Household h = Identified(1);
  MonthlyIncome(h.id, 2, 8);
  auto conditions = CheckRiskElimination(env(), h.id, D(2021, 8, 2), true);
  ASSERT_TRUE(conditions.ok());
  ASSERT_EQ(conditions->size(), 3u) << "social assistance only for households unable to work";
  for (const auto& c : *conditions) EXPECT_TRUE(c.met) << c.id << ": " << c.reason.en;
  EXPECT_EQ(conditions->front().reason.zh,
            "自 2021-02-01 至 2021-08-01 的收入核查均超过监测标准，覆盖 6 个月");

  auto p = EliminateRisk(env(), h.id, true, In(D(2021, 8, 2), "务工收入稳定"));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->outcome, Outcome::kCompleted);
  EXPECT_EQ(p->state, "eliminated");
  EXPECT_EQ(p->steps.back().evidence["conditions"].size(), 3u);
  const Household after = Get(h.id);
  EXPECT_EQ(after.risk_eliminated, YesNo::kYes);
  EXPECT_EQ(after.status, HouseholdStatus::kMonitoring);
  EXPECT_EQ(after.monitoring_category, MonitoringCategory::kUnstableExited);
  EXPECT_EQ(after.version, h.version + 1);
  auto history = store_->History("household", h.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(nlohmann::json::parse(history->back().before_json)["risk_eliminated"], "no");
  EXPECT_EQ(nlohmann::json::parse(history->back().after_json)["risk_eliminated"], "yes");
  Refused(EliminateRisk(env(), h.id, true, In(D(2021, 8, 3))), "monitoring.not_identified");
}

TEST_F(MonitoringTest, RefusedWithoutIncomeChecks) {
  const Household h = Identified(1);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.stable_income");
  EXPECT_TRUE(Contains(m.zh, "收入连续 6 个月超过监测标准：2021-08-02 前没有收入核查记录")) << m.zh;
}

TEST_F(MonitoringTest, RefusedWhenTheLatestCheckIsNotAboveTheThreshold) {
  const Household h = Identified(1);
  MonthlyIncome(h.id, 2, 7);
  Income(h.id, D(2021, 8, 1), 6000);  // equal is not above
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.stable_income");
  EXPECT_TRUE(Contains(m.zh, "2021-08-01 的收入核查人均 6,000 元，未超过 2021 年监测标准 6,000 元")) << m.zh;
}

TEST_F(MonitoringTest, RefusedWhenStableIncomeIsShorterThanThePolicyMonths) {
  const Household h = Identified(1);
  MonthlyIncome(h.id, 3, 8);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.stable_income");
  EXPECT_TRUE(Contains(m.zh, "收入自 2021-03-01 起的核查才均超过监测标准")) << m.zh;
  EXPECT_TRUE(Contains(m.zh, "最早可于 2021-09-01 消除")) << m.zh;
  EXPECT_TRUE(Contains(m.en, "the earliest day is 2021-09-01")) << m.en;
}

TEST_F(MonitoringTest, RefusedWhenNoCheckCoversTheRecentMonths) {
  const Household h = Identified(1);
  MonthlyIncome(h.id, 2, 2);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.stable_income");
  EXPECT_TRUE(Contains(m.zh, "2021-02-02 之后没有收入核查记录")) << m.zh;
}

TEST_F(MonitoringTest, StableMonthsComeFromThePolicy) {
  const policy::Policy three =
      policy::test::MustLoad(policy::test::DefaultWith("stable_months = 6", "stable_months = 3"));
  policy_ = &three;
  const Household h = Identified(1);
  MonthlyIncome(h.id, 5, 8);
  EXPECT_TRUE(EliminateRisk(env(), h.id, true, In(D(2021, 8, 1))).ok());
}

TEST_F(MonitoringTest, RefusedWhileAGuaranteeIsNotSecure) {
  Household h = MakeHousehold(1, 7000, HouseholdStatus::kExited);
  h.guarantees.housing = YesNo::kNo;
  h.guarantees.water = YesNo::kUnknown;
  h = Identified(1, h);
  MonthlyIncome(h.id, 2, 8);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.guarantees");
  EXPECT_TRUE(Contains(m.zh, "住房安全有保障为「否」")) << m.zh;
  EXPECT_TRUE(Contains(m.zh, "饮水安全有保障为「未填」")) << m.zh;
  EXPECT_FALSE(Contains(m.zh, "收入连续")) << "only unmet conditions are named";
}

TEST_F(MonitoringTest, RefusedUntilTheRiskSourceIsResolved) {
  const Household h = Identified(1);
  MonthlyIncome(h.id, 2, 8);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), false, "monitoring.risk_source");
  EXPECT_TRUE(Contains(m.en, "risk source resolved: the risk source is not marked resolved")) << m.en;
}

TEST_F(MonitoringTest, EveryUnmetConditionIsNamed) {
  Household h = MakeHousehold(1, 7000, HouseholdStatus::kExited);
  h.guarantees.medical = YesNo::kNo;
  h = Identified(1, h);
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), false, "monitoring.stable_income");
  EXPECT_TRUE(Contains(m.zh, "收入连续 6 个月超过监测标准")) << m.zh;
  EXPECT_TRUE(Contains(m.zh, "基本医疗有保障为「否」")) << m.zh;
  EXPECT_TRUE(Contains(m.zh, "风险源已消除")) << m.zh;
}

TEST_F(MonitoringTest, HouseholdUnableToWorkNeedsSocialAssistanceBesidesIncome) {
  Household h = MakeHousehold(1, 7000, HouseholdStatus::kExited);
  h.members[0].labour = LabourAbility::kLost;
  h.members[1].labour = LabourAbility::kNone;
  h.members[2].labour = LabourAbility::kNone;
  h = Identified(1, h);
  MonthlyIncome(h.id, 2, 8);
  ASSERT_TRUE(RecordMeasure(env(), h.id, MeasureKind::kEmployment, In(D(2021, 8, 1))).ok());
  const Message m = RefusedElimination(h.id, D(2021, 8, 2), true, "monitoring.social_assistance");
  EXPECT_TRUE(Contains(m.zh, "仅凭收入不能消除风险")) << m.zh;
  ASSERT_TRUE(RecordMeasure(env(), h.id, MeasureKind::kSocialAssistance, In(D(2021, 8, 2), "纳入低保")).ok());
  auto p = EliminateRisk(env(), h.id, true, In(D(2021, 8, 2)));
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  EXPECT_EQ(p->steps.back().evidence["conditions"].size(), 4u);
  EXPECT_EQ(Get(h.id).risk_eliminated, YesNo::kYes);
}

TEST_F(MonitoringTest, OneMemberAbleToWorkIsEnough) {
  Household h = MakeHousehold(1, 7000, HouseholdStatus::kExited);
  h.members[0].labour = LabourAbility::kWeak;
  h.members[1].labour = LabourAbility::kLost;
  h.members[2].labour = LabourAbility::kNone;
  h = Identified(1, h);
  MonthlyIncome(h.id, 2, 8);
  EXPECT_TRUE(EliminateRisk(env(), h.id, true, In(D(2021, 8, 2))).ok());
}

TEST_F(MonitoringTest, ACaseMayBeRejectedAndTheHouseholdIdentifiedAgain) {
  const Household h = Identified(1);
  auto p = OpenMonitoringCase(*store_, h.id);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(Reject(env(), p->id, In(D(2021, 2, 1), "核实后不属于监测范围")).ok());
  EXPECT_EQ(Get(h.id).status, HouseholdStatus::kMonitoring) << "rejection leaves the household as it is";
  EXPECT_TRUE(IdentifyMonitoringObject(env(), h.id, MonitoringCategory::kSuddenHardship,
                                       MonitoringTrigger::kDisaster, In(D(2021, 6, 1)))
                  .ok());
}

}  // namespace
}  // namespace fupin::procedures::test
