// 贫困户退出: the legal sequence, every kind of illegal one, the public-notice timer,
// the verdict and its override, the household after exit, stale versions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/policy_test_support.hpp"
#include "procedures/procedure_test_support.hpp"

namespace fupin::procedures::test {
namespace {

using registry::Household;
using registry::HouseholdStatus;

class HouseholdExitTest : public ProcedureTest {
 protected:
  void SetUp() override {
    ProcedureTest::SetUp();
    household_ = Put(MakeHousehold(1, 4500));
  }

  /// Opens an exit on 2020-06-01 and takes the steps up to the public notice on `notice`.
  Procedure UpToNotice(const std::string& household_id, Date notice) {
    auto p = StartHouseholdExit(env(), household_id, In(D(2020, 6, 1), "村两委提名"));
    EXPECT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
    if (!p.ok()) return Procedure();
    Step(p->id, "democratic_review", D(2020, 6, 2));
    Step(p->id, "household_confirm", D(2020, 6, 2));
    return Step(p->id, "public_notice", notice);
  }

  Household household_;
};

TEST_F(HouseholdExitTest, LegalSequenceMarksTheHouseholdExitedWithHistory) {
  auto opened = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1), "村两委提名"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString(Lang::kEn);
  EXPECT_EQ(opened->kind, ProcedureKind::kHouseholdExit);
  EXPECT_EQ(opened->state, "proposed");
  EXPECT_EQ(opened->version, 1);
  ASSERT_EQ(opened->steps.size(), 1u);
  EXPECT_EQ(opened->steps[0].step, "propose");
  EXPECT_EQ(opened->steps[0].evidence["verdict"]["eligible_to_exit"], true);
  EXPECT_EQ(opened->steps[0].evidence["verdict"]["year"], 2020);
  EXPECT_FALSE(opened->steps[0].evidence.contains("override_reason"));

  const int64_t id = opened->id;
  Step(id, "democratic_review", D(2020, 6, 2), "评议通过");
  Step(id, "household_confirm", D(2020, 6, 3));
  Step(id, "public_notice", D(2020, 6, 3));
  Step(id, "town_review", D(2020, 6, 10));
  Step(id, "county_approval", D(2020, 6, 15));
  const Procedure announced = Step(id, "announcement", D(2020, 6, 16));
  EXPECT_TRUE(announced.open());
  EXPECT_EQ(Get(household_.id).status, HouseholdStatus::kPoor) << "nothing changes before the last step";

  const Procedure done = Step(id, "mark_exited", D(2020, 6, 20));
  EXPECT_EQ(done.outcome, Outcome::kCompleted);
  EXPECT_EQ(done.state, "exited");
  EXPECT_EQ(done.closed_at, D(2020, 6, 20));
  EXPECT_EQ(done.version, 8);
  ASSERT_EQ(done.steps.size(), 8u);
  const std::vector<std::string> codes = {"propose",       "democratic_review", "household_confirm",
                                          "public_notice", "town_review",       "county_approval",
                                          "announcement",  "mark_exited"};
  for (size_t i = 0; i < codes.size(); ++i) {
    const StepRecord& s = done.steps[i];
    EXPECT_EQ(s.seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(s.step, codes[i]);
    EXPECT_EQ(s.actor, "test:cadre");
    EXPECT_FALSE(s.recorded_at.empty());
    if (i > 0) {
      EXPECT_EQ(s.state_before, done.steps[i - 1].state_after) << "steps chain their states";
    }
  }
  EXPECT_EQ(done.steps[0].state_before, "");
  EXPECT_EQ(done.steps[1].note, "评议通过");
  EXPECT_EQ(done.steps[4].evidence["public_notice"]["last_day"], "2020-06-09");

  const Household after = Get(household_.id);
  EXPECT_EQ(after.status, HouseholdStatus::kExited);
  EXPECT_EQ(after.exit_year, 2020);
  EXPECT_EQ(after.version, household_.version + 1);
  EXPECT_EQ(after.members, household_.members);

  auto history = store_->History("household", household_.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  const store::HistoryEntry& row = history->back();
  EXPECT_EQ(row.version, after.version);
  EXPECT_EQ(row.actor, "test:cadre");
  EXPECT_EQ(row.source, fmt::format("procedure:{}:household_exit:mark_exited", id));
  EXPECT_EQ(nlohmann::json::parse(row.before_json)["status"], "poor");
  EXPECT_EQ(nlohmann::json::parse(row.after_json)["status"], "exited");
  EXPECT_EQ(nlohmann::json::parse(row.after_json)["exit_year"], 2020);
}

TEST_F(HouseholdExitTest, FailingVerdictIsRefusedNamingTheCriteria) {
  Household poor = MakeHousehold(2, 3812);
  poor.guarantees.housing = registry::YesNo::kNo;
  Put(poor);
  const Status s = Refused(StartHouseholdExit(env(), poor.id, In(D(2020, 6, 1))), "procedure.verdict_failed");
  EXPECT_TRUE(Contains(s.message().zh, "收入超过扶贫标准（人均纯收入 3,812 元 < 2020 年标准 4,000 元）"))
      << s.message().zh;
  EXPECT_TRUE(Contains(s.message().zh, "住房安全有保障")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().zh, poor.id));
  EXPECT_TRUE(Contains(s.message().en, "--override-reason"));
  EXPECT_EQ(s.field(), "verdict");
  auto none = ListProcedures(*store_, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "a refused start writes nothing";
}

TEST_F(HouseholdExitTest, FailingVerdictWithOverrideReasonOpensAndRecordsIt) {
  Put(MakeHousehold(2, 3812));
  auto p = StartHouseholdExit(env(), MakeHousehold(2, 0).id, In(D(2020, 6, 1)), "年底分红到账后收入超过标准");
  ASSERT_TRUE(p.ok()) << p.status().ToString(Lang::kEn);
  const nlohmann::json& evidence = p->steps[0].evidence;
  EXPECT_EQ(evidence["override_reason"], "年底分红到账后收入超过标准");
  EXPECT_EQ(evidence["verdict"]["eligible_to_exit"], false);
  EXPECT_EQ(evidence["per_capita_net_income"]["fen"], 381200);
  bool income_failed = false;
  for (const auto& c : evidence["verdict"]["criteria"]) {
    if (c["rule_id"] == "household.income_above_line") income_failed = c["pass"] == false;
  }
  EXPECT_TRUE(income_failed);
}

TEST_F(HouseholdExitTest, OnlyPoorOrReturnedHouseholdsMayStart) {
  const Household exited = Put(MakeHousehold(3, 9000, HouseholdStatus::kExited));
  const Status s =
      Refused(StartHouseholdExit(env(), exited.id, In(D(2020, 6, 1))), "procedure.subject_status");
  EXPECT_TRUE(Contains(s.message().zh, "已脱贫")) << s.message().zh;
  Refused(StartHouseholdExit(env(), Put(MakeHousehold(4, 9000, HouseholdStatus::kMonitoring)).id,
                             In(D(2020, 6, 1))),
          "procedure.subject_status");
  EXPECT_TRUE(
      StartHouseholdExit(env(), Put(MakeHousehold(5, 4500, HouseholdStatus::kReturned)).id, In(D(2020, 6, 1)))
          .ok());
  const auto missing = StartHouseholdExit(env(), "511025100203999", In(D(2020, 6, 1)));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(HouseholdExitTest, SecondOpenExitIsRefusedUntilTheFirstIsClosed) {
  auto first = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(first.ok());
  const Status s =
      Refused(StartHouseholdExit(env(), household_.id, In(D(2020, 6, 2))), "procedure.open_exists");
  EXPECT_TRUE(Contains(s.message().zh, fmt::format("#{}", first->id))) << s.message().zh;
  ASSERT_TRUE(Reject(env(), first->id, In(D(2020, 6, 2), "材料不全")).ok());
  EXPECT_TRUE(StartHouseholdExit(env(), household_.id, In(D(2020, 6, 3))).ok());
}

TEST_F(HouseholdExitTest, SkippingAStepIsRefusedNamingTheNextOne) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  const Status s =
      Refused(TakeStep(env(), p->id, "public_notice", In(D(2020, 6, 2))), "procedure.step_order");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(s.message().zh, "当前状态为「已提名」")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().zh, "下一步应为「民主评议」")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().en, "the next step is 'democratic review'")) << s.message().en;
  Refused(TakeStep(env(), p->id, "mark_exited", In(D(2020, 6, 2))), "procedure.step_order");
  EXPECT_EQ(Get(household_.id).status, HouseholdStatus::kPoor);
}

TEST_F(HouseholdExitTest, RepeatingAStepIsRefused) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  Step(p->id, "democratic_review", D(2020, 6, 2));
  const Status s =
      Refused(TakeStep(env(), p->id, "democratic_review", In(D(2020, 6, 3))), "procedure.step_order");
  EXPECT_TRUE(Contains(s.message().zh, "「民主评议」已于 2020-06-02 办理")) << s.message().zh;
  Refused(TakeStep(env(), p->id, "propose", In(D(2020, 6, 3))), "procedure.unknown_step");
}

TEST_F(HouseholdExitTest, ClosedProceduresTakeNoMoreSteps) {
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  Step(p.id, "town_review", D(2020, 6, 10));
  Step(p.id, "county_approval", D(2020, 6, 11));
  Step(p.id, "announcement", D(2020, 6, 12));
  Step(p.id, "mark_exited", D(2020, 6, 13));
  const Status s = Refused(TakeStep(env(), p.id, "mark_exited", In(D(2020, 6, 14))), "procedure.closed");
  EXPECT_TRUE(Contains(s.message().zh, "已于 2020-06-13 办结")) << s.message().zh;
  Refused(Reject(env(), p.id, In(D(2020, 6, 14), "迟到的否决")), "procedure.closed");
}

TEST_F(HouseholdExitTest, RejectionEndsTheProcedureAndLeavesTheHouseholdUntouched) {
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  Refused(Reject(env(), p.id, In(D(2020, 6, 4), "  ")), "procedure.reason_missing");
  auto rejected = Reject(env(), p.id, In(D(2020, 6, 5), "公示期间群众反映收入不实"));
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString(Lang::kEn);
  EXPECT_EQ(rejected->outcome, Outcome::kRejected);
  EXPECT_EQ(rejected->state, "rejected");
  EXPECT_EQ(rejected->closed_at, D(2020, 6, 5));
  EXPECT_EQ(rejected->steps.back().step, "reject");
  EXPECT_EQ(rejected->steps.back().state_before, "in_public_notice");
  EXPECT_EQ(rejected->steps.back().note, "公示期间群众反映收入不实");

  Refused(TakeStep(env(), p.id, "town_review", In(D(2020, 6, 12))), "procedure.closed");
  const Household after = Get(household_.id);
  EXPECT_EQ(after, household_);
  auto history = store_->History("household", household_.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u) << "only the creation";
}

// The notice from day D lasts N days (D .. D+N-1); the next step may be dated D+N or
// later. With the default N = 7 and D = 2020-06-03: day 6 (06-09) refused, day 7
// (06-10) accepted.
TEST_F(HouseholdExitTest, TownReviewOnDaySixOfTheNoticeIsRefusedNamingTheEndDate) {
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  const Status s =
      Refused(TakeStep(env(), p.id, "town_review", In(D(2020, 6, 9))), "procedure.notice_period");
  EXPECT_EQ(s.field(), "date");
  EXPECT_TRUE(Contains(s.message().zh, "公示自 2020-06-03 起共 7 天，至 2020-06-09 结束")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().zh, "最早可于 2020-06-10 办理")) << s.message().zh;
  EXPECT_TRUE(Contains(s.message().en, "ends on 2020-06-09")) << s.message().en;
  const Procedure reviewed = Step(p.id, "town_review", D(2020, 6, 10));
  EXPECT_EQ(reviewed.state, "town_reviewed");
}

TEST_F(HouseholdExitTest, TownReviewOnDayEightIsAccepted) {
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  EXPECT_EQ(Step(p.id, "town_review", D(2020, 6, 11)).state, "town_reviewed");
}

TEST_F(HouseholdExitTest, NoticeDaysComeFromThePolicy) {
  const policy::Policy ten_days = policy::test::MustLoad(
      policy::test::DefaultWith("[[public_notice]]\ndays = 7", "[[public_notice]]\ndays = 10"));
  policy_ = &ten_days;
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  const Status s =
      Refused(TakeStep(env(), p.id, "town_review", In(D(2020, 6, 12))), "procedure.notice_period");
  EXPECT_TRUE(Contains(s.message().zh, "共 10 天，至 2020-06-12 结束")) << s.message().zh;
  EXPECT_EQ(Step(p.id, "town_review", D(2020, 6, 13)).steps.back().evidence["public_notice"]["days"], 10);
}

TEST_F(HouseholdExitTest, StaleExpectedVersionIsAConflict) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  // Two clerks read version 1; the first records the review, the second's step is stale.
  StepInput first = In(D(2020, 6, 2));
  first.expected_version = 1;
  ASSERT_TRUE(TakeStep(env(), p->id, "democratic_review", first).ok());
  StepInput second = In(D(2020, 6, 2));
  second.expected_version = 1;
  const Status s = Refused(TakeStep(env(), p->id, "household_confirm", second), "procedure.stale");
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_TRUE(Contains(s.message().zh, "期望版本 1，当前版本 2")) << s.message().zh;
  second.expected_version = 2;
  EXPECT_TRUE(TakeStep(env(), p->id, "household_confirm", second).ok());
}

TEST_F(HouseholdExitTest, StoreRefusesAStaleChangeAndWritesNothing) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  Step(p->id, "democratic_review", D(2020, 6, 2));
  // A change computed from version 1 (another process) while the store is at 2.
  store::ProcedureChange change;
  change.procedure = {
      p->id, "household_exit", "household", household_.id, "household_confirmed", "2020-06-01", "", "open",
      0};
  change.expected_version = 1;
  change.step = {p->id, 2,          "household_confirm",   "x", "2020-06-02",
                 "",    "proposed", "household_confirmed", "",  ""};
  const auto stale = store_->WriteProcedureChange(change, {"x", "x"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().rule(), "procedure.stale");
  auto reloaded = LoadProcedure(*store_, p->id);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->version, 2);
  EXPECT_EQ(reloaded->steps.size(), 2u);
}

TEST_F(HouseholdExitTest, HouseholdChangedMeanwhileRollsBackTheWholeStep) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  // The step and the household are written together; a stale household read (version
  // 1 while the store holds 2) must leave neither written.
  Household changed = household_;
  changed.phone = "13900000000";
  const store::HouseholdWrite write{&household_, &changed};
  ASSERT_TRUE(store_->WriteHouseholds(std::span(&write, 1), {"test", "test"}, {}).ok());
  Household exited = household_;
  exited.status = HouseholdStatus::kExited;
  store::ProcedureChange change;
  change.procedure = {
      p->id, "household_exit", "household", household_.id, "democratic_reviewed", "2020-06-01", "", "open",
      0};
  change.expected_version = 1;
  change.step = {p->id, 2,          "democratic_review",   "x", "2020-06-02",
                 "",    "proposed", "democratic_reviewed", "",  ""};
  change.household_before = &household_;
  change.household_after = &exited;
  const auto result = store_->WriteProcedureChange(change, {"x", "x"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "household.stale");
  auto reloaded = LoadProcedure(*store_, p->id);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->version, 1);
  EXPECT_EQ(reloaded->steps.size(), 1u);
  EXPECT_EQ(Get(household_.id).status, HouseholdStatus::kPoor);
}

TEST_F(HouseholdExitTest, MarkExitedChecksTheHouseholdAgain) {
  Procedure p = UpToNotice(household_.id, D(2020, 6, 3));
  Step(p.id, "town_review", D(2020, 6, 10));
  Step(p.id, "county_approval", D(2020, 6, 11));
  Step(p.id, "announcement", D(2020, 6, 12));
  // Meanwhile an import marked the household exited.
  Household exited = Get(household_.id);
  Household imported = exited;
  imported.status = HouseholdStatus::kExited;
  imported.exit_year = 2019;
  const store::HouseholdWrite write{&exited, &imported};
  ASSERT_TRUE(store_->WriteHouseholds(std::span(&write, 1), {"test", "test"}, {}).ok());
  Refused(TakeStep(env(), p.id, "mark_exited", In(D(2020, 6, 13))), "procedure.subject_status");
  auto reloaded = LoadProcedure(*store_, p.id);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->state, "announced");
}

TEST_F(HouseholdExitTest, DatesMayNotGoBackNorBeInTheFuture) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 10)));
  ASSERT_TRUE(p.ok());
  const Status back =
      Refused(TakeStep(env(), p->id, "democratic_review", In(D(2020, 6, 9))), "procedure.date_order");
  EXPECT_TRUE(Contains(back.message().zh, "早于上一步「村提名」的日期 2020-06-10")) << back.message().zh;
  today_ = D(2020, 6, 12);
  const Status future =
      Refused(TakeStep(env(), p->id, "democratic_review", In(D(2020, 6, 13))), "procedure.date_in_future");
  EXPECT_TRUE(Contains(future.message().en, "after today (2020-06-12)")) << future.message().en;
  EXPECT_TRUE(TakeStep(env(), p->id, "democratic_review", In(D(2020, 6, 10))).ok()) << "the same day is fine";
  StepInput nobody = In(D(2020, 6, 11));
  nobody.actor = "";
  Refused(TakeStep(env(), p->id, "household_confirm", nobody), "procedure.actor_missing");
}

TEST_F(HouseholdExitTest, StepNamesInChineseOrEnglish) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Step(p->id, "民主评议", D(2020, 6, 2)).state, "democratic_reviewed");
  EXPECT_EQ(Step(p->id, "Household Confirms", D(2020, 6, 2)).state, "household_confirmed");
  EXPECT_EQ(Step(p->id, "公示", D(2020, 6, 2)).state, "in_public_notice");
  EXPECT_EQ(Step(p->id, "town-review", D(2020, 6, 9)).state, "town_reviewed");
  EXPECT_EQ(Step(p->id, "县审定", D(2020, 6, 9)).state, "county_approved");
  const Status s = Refused(TakeStep(env(), p->id, "盖章", In(D(2020, 6, 9))), "procedure.unknown_step");
  EXPECT_TRUE(Contains(s.message().zh, "「公告」")) << s.message().zh;
  const auto missing = TakeStep(env(), 999, "公告", In(D(2020, 6, 9)));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(HouseholdExitTest, ListAndJson) {
  auto p = StartHouseholdExit(env(), household_.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(p.ok());
  const Household other = Put(MakeHousehold(7, 4500));
  auto q = StartHouseholdExit(env(), other.id, In(D(2020, 6, 1)));
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(Reject(env(), q->id, In(D(2020, 6, 2), "重复提名")).ok());
  store::ProcedureFilter open;
  open.open_only = true;
  auto listed = ListProcedures(*store_, open);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, p->id);
  store::ProcedureFilter by_subject;
  by_subject.subject = other.id;
  auto mine = ListProcedures(*store_, by_subject);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().outcome, Outcome::kRejected);

  const nlohmann::json j = ProcedureToJson(*p);
  EXPECT_EQ(j["kind"], "household_exit");
  EXPECT_EQ(j["state_zh"], "已提名");
  EXPECT_EQ(j["outcome"], "open");
  EXPECT_TRUE(j["closed_at"].is_null());
  EXPECT_EQ(j["next_steps"][0]["step"], "democratic_review");
  EXPECT_EQ(j["steps"][0]["name_zh"], "村提名");
}

}  // namespace
}  // namespace fupin::procedures::test
