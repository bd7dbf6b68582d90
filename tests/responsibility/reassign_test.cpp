// Dated responsibility: who was responsible on a day, before and after a
// reassignment; a reassignment leaves no household uncovered unless a reason is
// recorded, and the load rule refuses too many households per cadre.
#include "responsibility/reassign.hpp"

#include <gtest/gtest.h>

#include "policy/policy_file.hpp"
#include "responsibility/assignment.hpp"
#include "responsibility/coverage.hpp"
#include "responsibility/responsibility_test_support.hpp"

namespace fupin::responsibility::test {
namespace {

std::string WhoOn(store::Store& store, const std::string& household, Date day) {
  auto r = ResponsibleOn(store, household, day);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() && *r ? (*r)->cadre.id : "";
}

TEST_F(SmallCountyTest, ResponsibleOnADay) {
  EXPECT_EQ(WhoOn(*store_, Hh(kA1, 1), D(2020, 5, 4)), "C1");
  EXPECT_EQ(WhoOn(*store_, Hh(kA1, 1), D(2019, 12, 31)), "") << "before the assignment started";
  EXPECT_EQ(WhoOn(*store_, Hh(kA1, 3), D(2020, 5, 4)), "") << "never assigned";
  EXPECT_EQ(ResponsibleOn(*store_, "5110251002019999", D(2020, 5, 4)).status().code(), StatusCode::kNotFound);
}

TEST_F(SmallCountyTest, ReassignmentMovesEveryHouseholdAndKeepsTheHistory) {
  auto before = CoverageAudit(*store_, R(kCounty), D(2020, 7, 1));
  ASSERT_TRUE(before.ok());
  ReassignPlan plan;
  plan.date = D(2020, 7, 1);
  plan.to_cadre = "C3";
  plan.reason = "C1 调离";
  auto result = ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->moved, 3);
  EXPECT_TRUE(result->uncovered.empty());

  for (int n : {1, 2, 4}) {
    EXPECT_EQ(WhoOn(*store_, Hh(kA1, n), D(2020, 6, 30)), "C1");
    EXPECT_EQ(WhoOn(*store_, Hh(kA1, n), D(2020, 7, 1)), "C3");
  }
  auto open = OpenAssignmentsOf(*store_, "C1", D(2020, 7, 1));
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  auto after = CoverageAudit(*store_, R(kCounty), D(2020, 7, 1));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total, before->total) << "no household left uncovered";

  auto history = AssignmentHistory(*store_, Hh(kA1, 1));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].date_to, "2020-06-30");
  EXPECT_NE((*history)[0].end_note.find("C1 调离"), std::string::npos);
  EXPECT_EQ((*history)[1].date_from, "2020-07-01");
  auto rows = store_->History("assignment", std::to_string((*history)[0].id));
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 2u) << "created, then ended";
}

TEST_F(SmallCountyTest, RefusesToLeaveHouseholdsUncoveredWithoutAReason) {
  ReassignPlan plan;
  plan.date = D(2020, 7, 1);
  auto refused = ReassignCadre(*store_, policy::DefaultPolicy(), "C2", plan, "test");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "reassign.uncovered");
  EXPECT_NE(refused.status().message().zh.find(Hh(kA2, 1)), std::string::npos) << "names the household";
  EXPECT_NE(refused.status().message().en.find(Hh(kA2, 2)), std::string::npos);
  EXPECT_EQ(WhoOn(*store_, Hh(kA2, 1), D(2020, 7, 1)), "C2") << "nothing written";

  // One household given to C3, the other left uncovered: still refused without a reason.
  plan.moves[Hh(kA2, 1)] = "C3";
  EXPECT_EQ(ReassignCadre(*store_, policy::DefaultPolicy(), "C2", plan, "test").status().rule(),
            "reassign.uncovered");

  plan.reason = "户已搬迁，待重新落实";
  auto done = ReassignCadre(*store_, policy::DefaultPolicy(), "C2", plan, "test");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->moved, 1);
  EXPECT_EQ(done->uncovered, std::vector<std::string>{Hh(kA2, 2)});
  EXPECT_EQ(WhoOn(*store_, Hh(kA2, 1), D(2020, 7, 1)), "C3");
  EXPECT_EQ(WhoOn(*store_, Hh(kA2, 2), D(2020, 7, 1)), "");
  auto history = AssignmentHistory(*store_, Hh(kA2, 2));
  ASSERT_TRUE(history.ok());
  EXPECT_NE(history->back().end_note.find("户已搬迁"), std::string::npos) << "the reason is recorded";
}

TEST_F(SmallCountyTest, LoadRuleRefusesTooManyHouseholdsButNotForCountyLeaders) {
  ReassignPlan plan;
  plan.date = D(2020, 7, 1);
  plan.to_cadre = "C4";  // holds 3; C1's 3 more make 6 > 5
  auto refused = ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "load.max_households");
  EXPECT_EQ(WhoOn(*store_, Hh(kA1, 1), D(2020, 7, 1)), "C1") << "nothing written";

  plan.to_cadre = "L2";  // county leaders are exempt by default
  ASSERT_TRUE(ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test").ok());
  EXPECT_EQ(WhoOn(*store_, Hh(kA1, 4), D(2020, 7, 1)), "L2");
}

TEST_F(SmallCountyTest, ALeavingCadreLeavesOfficeInTheSameTransaction) {
  ReassignPlan plan;
  plan.date = D(2020, 7, 1);
  plan.to_cadre = "C3";
  plan.cadre_leaves = true;
  ASSERT_TRUE(ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test").ok());
  auto c1 = store_->FindCadre("C1");
  ASSERT_TRUE(c1.ok() && c1->has_value());
  EXPECT_EQ((*c1)->active_to, "2020-06-30");
  EXPECT_EQ((*c1)->version, 2);
  auto history = store_->History("cadre", "C1");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().source, "reassign:C1");
  // A failed reassignment leaves the cadre in office.
  plan.to_cadre = "C4";
  plan.date = D(2020, 8, 1);
  EXPECT_FALSE(ReassignCadre(*store_, policy::DefaultPolicy(), "C3", plan, "test").ok());
  EXPECT_EQ((*store_->FindCadre("C3"))->active_to, "");
}

TEST_F(SmallCountyTest, RefusesACadreNotInOffice) {
  ReassignPlan plan;
  plan.date = D(2020, 7, 1);
  plan.to_cadre = "C5";  // left on 2020-03-31
  EXPECT_EQ(ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test").status().rule(),
            "cadre.inactive");
  plan.to_cadre = "C1";
  EXPECT_EQ(ReassignCadre(*store_, policy::DefaultPolicy(), "C1", plan, "test").status().rule(),
            "reassign.same_cadre");
}

}  // namespace
}  // namespace fupin::responsibility::test
