// The real `fupin` binary on the demo county (seed 1): the visits the demo generator
// wrote, `fupin compliance` (JSON, Chinese and English text, errors) and
// `fupin visits list`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fupin::testing {
namespace {

class VisitsCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = new std::string((*dir_ / "demo.db").string());
    CopyDemoDatabase(*db_);  // the demo county (seed 1), built once per build
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string* db_;
};
TempDir* VisitsCliTest::dir_ = nullptr;
std::string* VisitsCliTest::db_ = nullptr;

TEST_F(VisitsCliTest, TheDemoCountyHasVisitsInEveryCycleOfTheCampaign) {
  // Stable for seed 1: six cycles from 2020-08-03 to the as-of date 2020-10-20.
  EXPECT_EQ(QueryOne(*db_, "SELECT COUNT(*) FROM visits"), "123737");
  EXPECT_EQ(QueryOne(*db_, "SELECT COUNT(*) FROM problems WHERE status = 'open'"), "6149");
  EXPECT_EQ(QueryOne(*db_, "SELECT MIN(date) || ' ' || MAX(date) FROM visits"), "2020-08-03 2020-10-20");
  EXPECT_EQ(
      QueryOne(*db_, "SELECT COUNT(*) FROM visits WHERE kind NOT IN ('home_visit','phone_call','other')"),
      "0");
  EXPECT_EQ(
      QueryOne(*db_,
               "SELECT COUNT(*) FROM (SELECT client_id FROM visits GROUP BY client_id HAVING COUNT(*) > 1)"),
      "0");
  // Every visit is by the household's responsible cadre on its date.
  EXPECT_EQ(
      QueryOne(*db_,
               "SELECT COUNT(*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE "
               "a.kind = 'household_cadre' AND a.target = v.household_id AND a.cadre_id = v.cadre_id AND "
               "a.date_from <= v.date AND (a.date_to = '' OR a.date_to >= v.date))"),
      "0");
  // The demo account's cadre: one household visited in the current cycle, others still due.
  const std::string cadre = QueryOne(*db_,
                                     "SELECT c.id FROM cadres c JOIN users u ON u.cadre_phone = c.phone "
                                     "WHERE u.username = 'cadre'");
  ASSERT_FALSE(cadre.empty());
  const std::string own = QueryOne(*db_,
                                   "SELECT COUNT(*) FROM assignments WHERE kind = 'household_cadre' AND "
                                   "date_to = '' AND cadre_id = '" +
                                       cadre + "'");
  EXPECT_GE(std::stoi(own), 2);
  EXPECT_EQ(QueryOne(*db_,
                     "SELECT COUNT(DISTINCT household_id) FROM visits WHERE date >= '2020-10-19' AND "
                     "cadre_id = '" +
                         cadre + "'"),
            "1");
}

TEST_F(VisitsCliTest, ComplianceOfTheDemoCountyAsJson) {
  const RunResult r = RunFupin({"compliance", "--region", "511025", "--json", "--db", *db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["today"], "2020-10-20") << "the database's as-of date";
  EXPECT_EQ(j["cycle"]["help_day"], "2020-10-19");
  EXPECT_EQ(j["cycle"]["end"], "2020-10-20");
  const nlohmann::json cycles = {"2020-03-02", "2020-03-16", "2020-04-06", "2020-04-20",
                                 "2020-05-04", "2020-05-18", "2020-06-01", "2020-06-15",
                                 "2020-07-06", "2020-07-20", "2020-08-03", "2020-08-17",
                                 "2020-09-07", "2020-09-21", "2020-10-05", "2020-10-19"};
  EXPECT_EQ(j["cycles"], cycles);
  EXPECT_EQ(j["summary"]["households_due"], 22760);
  EXPECT_EQ(j["summary"]["households_visited"], 18841);
  EXPECT_EQ(j["summary"]["cadres"], 5774);
  EXPECT_EQ(j["idle"].size(), 293u) << "the cadres the demo made idle, and no other";
  EXPECT_EQ(j["idle_cycles"], 2);
  EXPECT_EQ(j["children"].size(), 22u) << "the county's towns";
  int64_t due = 0, idle = 0;
  for (const auto& c : j["children"]) {
    due += c["households_due"].get<int64_t>();
    idle += c["idle_cadres"].get<int64_t>();
  }
  EXPECT_EQ(due, 22760);
  EXPECT_EQ(idle, 293);
  for (const auto& i : j["idle"]) {
    EXPECT_GE(i["cycles_without_visit"].get<int>(), 2);
    EXPECT_TRUE(i["last_visit_date"].is_null() || i["last_visit_date"] < "2020-09-21") << i.dump();
  }
  // A completed cycle: nobody is late any more, only the idle cadres are missing.
  const RunResult earlier =
      RunFupin({"compliance", "--region", "511025", "--cycle", "2020-10-05", "--json", "--db", *db_});
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  const auto e = nlohmann::json::parse(earlier.out);
  EXPECT_EQ(e["cycle"]["end"], "2020-10-18");
  EXPECT_GT(e["summary"]["rate"].get<double>(), j["summary"]["rate"].get<double>());
}

TEST_F(VisitsCliTest, ComplianceAsTextInBothLanguages) {
  const RunResult zh = RunFupin({"compliance", "--region", "511025124", "--db", *db_, "--limit", "3"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("帮扶周期 2020-10-19 至 2020-10-20（进行中）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("挂名不出工："), std::string::npos);
  EXPECT_NE(zh.out.find("集中村委会"), std::string::npos) << "the town's villages";
  const RunResult en = RunFupin({"compliance", "--region", "511025124", "--db", *db_, "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_NE(en.out.find("help-day cycle 2020-10-19 to 2020-10-20 (running)"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("listed but not working"), std::string::npos);
}

TEST_F(VisitsCliTest, ComplianceErrorsNameTheRule) {
  const RunResult not_help_day =
      RunFupin({"compliance", "--region", "511025", "--cycle", "2020-10-06", "--db", *db_});
  EXPECT_EQ(not_help_day.exit_code, 2);
  EXPECT_NE(not_help_day.err.find("2020-10-06 不是帮扶日"), std::string::npos) << not_help_day.err;
  EXPECT_NE(not_help_day.err.find("compliance.not_help_day"), std::string::npos);
  const RunResult future =
      RunFupin({"compliance", "--region", "511025", "--cycle", "2020-11-02", "--db", *db_, "--lang", "en"});
  EXPECT_EQ(future.exit_code, 2);
  EXPECT_NE(future.err.find("has not begun"), std::string::npos) << future.err;
  const RunResult unknown = RunFupin({"compliance", "--region", "511025199", "--db", *db_});
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST_F(VisitsCliTest, VisitsOfAHousehold) {
  const std::string household = QueryOne(*db_, "SELECT household_id FROM visits ORDER BY id LIMIT 1");
  const RunResult json = RunFupin({"visits", "list", "--household", household, "--json", "--db", *db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["total"], std::stoi(QueryOne(
                            *db_, "SELECT COUNT(*) FROM visits WHERE household_id = '" + household + "'")));
  ASSERT_FALSE(j["items"].empty());
  EXPECT_GE(j["items"][0]["date"], j["items"][j["items"].size() - 1]["date"]) << "newest first";
  const RunResult text = RunFupin({"visits", "list", "--household", household, "--db", *db_});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("日期\t时间\t方式"), std::string::npos);
  EXPECT_NE(text.out.find("次走访"), std::string::npos);
  const RunResult missing = RunFupin({"visits", "list", "--household", "5110259999999999", "--db", *db_});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("没有户编号为 5110259999999999 的户"), std::string::npos);
}

}  // namespace
}  // namespace fupin::testing
