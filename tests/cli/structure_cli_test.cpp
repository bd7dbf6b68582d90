// The real `fupin` binary on the demo county: coverage, responsible, reassign,
// calendar help-days, units/cadres import and the structure listings.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fupin::testing {
namespace {

class StructureCliTest : public ::testing::Test {
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
TempDir* StructureCliTest::dir_ = nullptr;
std::string* StructureCliTest::db_ = nullptr;

TEST_F(StructureCliTest, CoverageFindsTheDemoGaps) {
  const RunResult r =
      RunFupin({"coverage", "--region", "511025", "--date", "2020-06-01", "--json", "--db", *db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"]["villages_without_first_secretary"], 2);
  EXPECT_EQ(j["total"]["poor_villages"], 102);
  EXPECT_EQ(j["gaps"]["village_without_first_secretary"].size(), 2u);
  const int64_t households = j["total"]["households"];
  const int64_t uncovered = j["total"]["households_without_cadre"];
  EXPECT_GT(uncovered, households / 200);
  EXPECT_LT(uncovered, households / 50) << "about 1%";
  EXPECT_EQ(j["total"]["towns_without_leader"], 0);
  EXPECT_EQ(j["total"]["villages_without_unit"], 0);
  const RunResult text = RunFupin({"coverage", "--region", "511025", "--db", *db_, "--date", "2020-06-01"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("无第一书记的贫困村（2）"), std::string::npos) << text.out;
  EXPECT_EQ(RunFupin({"coverage", "--region", "511099", "--db", *db_}).exit_code, 2) << "region not stored";
}

TEST_F(StructureCliTest, ResponsibleBeforeAndAfterTheDemoHandover) {
  const RunResult list = RunFupin({"assignments", "list", "--cadre", "511025-X01", "--json", "--db", *db_});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto rows = nlohmann::json::parse(list.out);
  ASSERT_EQ(rows.size(), 1u);
  const std::string household = rows[0]["target"];
  const auto who = [&](const char* day) {
    const RunResult r =
        RunFupin({"responsible", "--household", household, "--date", day, "--json", "--db", *db_});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["responsible"]["cadre_id"].get<std::string>();
  };
  EXPECT_EQ(who("2020-04-15"), "511025-X01");
  EXPECT_NE(who("2020-05-04"), "511025-X01");
  EXPECT_EQ(RunFupin({"responsible", "--household", "0000", "--db", *db_}).exit_code, 2);
}

TEST_F(StructureCliTest, ReassignRefusesWithoutReasonThenMoves) {
  const RunResult list = RunFupin({"assignments", "list", "--cadre", "511025-R00001", "--date", "2020-12-01",
                                   "--kind", "household_cadre", "--json", "--db", *db_});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto rows = nlohmann::json::parse(list.out);
  ASSERT_FALSE(rows.empty());
  const RunResult refused =
      RunFupin({"reassign", "--from", "511025-R00001", "--date", "2020-12-01", "--db", *db_});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("reassign.uncovered"), std::string::npos) << refused.err;
  const RunResult moved = RunFupin({"reassign", "--from", "511025-R00001", "--to", "511025-L05", "--date",
                                    "2020-12-01", "--reason", "调离", "--json", "--db", *db_});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_EQ(nlohmann::json::parse(moved.out)["uncovered"].size(), 0u);
  const RunResult after = RunFupin(
      {"responsible", "--household", rows[0]["target"], "--date", "2020-12-01", "--json", "--db", *db_});
  EXPECT_EQ(nlohmann::json::parse(after.out)["responsible"]["cadre_id"], "511025-L05");
}

TEST_F(StructureCliTest, StructureListings) {
  const RunResult campaigns = RunFupin({"campaigns", "list", "--date", "2020-09-01", "--json", "--db", *db_});
  ASSERT_EQ(campaigns.exit_code, 0) << campaigns.err;
  const auto c = nlohmann::json::parse(campaigns.out);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["name"], "百日攻坚行动");
  EXPECT_EQ(c[0]["days_left"], 68);
  EXPECT_EQ(c[0]["battlefields"], 102);
  const RunResult orgs = RunFupin({"party-orgs", "list", "--weak", "--json", "--db", *db_});
  ASSERT_EQ(orgs.exit_code, 0);
  const auto o = nlohmann::json::parse(orgs.out);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[2]["state"], "rectified");
  const RunResult roster =
      RunFupin({"roster", "stats", "--region", "511025", "--year", "2020", "--json", "--db", *db_});
  ASSERT_EQ(roster.exit_code, 0);
  const auto s = nlohmann::json::parse(roster.out);
  EXPECT_GT(s["current"]["one_shoulder_percent"].get<double>(), 85.0);
  EXPECT_LT(s["change"]["average_age"].get<double>(), 0.0);
  const RunResult cadres = RunFupin({"cadres", "list", "--level", "county_leader", "--json", "--db", *db_});
  ASSERT_EQ(cadres.exit_code, 0);
  const auto leaders = nlohmann::json::parse(cadres.out);
  EXPECT_EQ(leaders.size(), 33u);
  EXPECT_NE(leaders[0]["phone"].get<std::string>().find("****"), std::string::npos) << "masked";
}

TEST(CalendarCliTest, HelpDaysAsIsoStrings) {
  const RunResult r = RunFupin({"calendar", "help-days", "--year", "2021", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto days = nlohmann::json::parse(r.out);
  ASSERT_EQ(days.size(), 24u);
  EXPECT_EQ(days[0], "2021-01-04");
  EXPECT_EQ(RunFupin({"calendar", "help-days"}).exit_code, 1) << "--year is required";
}

TEST(TableImportCliTest, BadUnitRowExitsTwoAndWritesNothing) {
  TempDir dir;
  const std::string db = (dir / "f.db").string();
  ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db}).exit_code, 0);
  WriteFile(
      dir / "units.csv",
      "单位编码,单位名称,单位类别,所属区划\nD01,资中县农业农村局,县级部门,511025\nD02,某局,部委,511025\n");
  const RunResult bad = RunFupin({"units", "import", (dir / "units.csv").string(), "--db", db});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("3\t单位类别\t部委\tunit.kind"), std::string::npos) << bad.out;
  EXPECT_EQ(QueryOne(dir / "f.db", "SELECT COUNT(*) FROM units"), "0");
  const RunResult example =
      RunFupin({"units", "import", SourcePath("examples/units.csv").string(), "--db", db});
  ASSERT_EQ(example.exit_code, 0) << example.out << example.err;
  const RunResult cadres =
      RunFupin({"cadres", "import", SourcePath("examples/cadres.csv").string(), "--db", db});
  ASSERT_EQ(cadres.exit_code, 0) << cadres.out << cadres.err;
  EXPECT_NE(QueryOne(dir / "f.db", "SELECT COUNT(*) FROM cadres"), "0");
  ASSERT_EQ(RunFupin({"households", "import", SourcePath("examples/households.csv").string(), "--db", db})
                .exit_code,
            0);
  const RunResult assignments = RunFupin(
      {"assignments", "import", SourcePath("examples/assignments.csv").string(), "--db", db, "--json"});
  ASSERT_EQ(assignments.exit_code, 0) << assignments.out << assignments.err;
  EXPECT_EQ(nlohmann::json::parse(assignments.out)["inserted"], 6);
  const RunResult who =
      RunFupin({"responsible", "--household", "5110251002030001", "--date", "2020-05-04", "--db", db});
  EXPECT_NE(who.out.find("王志强"), std::string::npos) << who.out;
}

}  // namespace
}  // namespace fupin::testing
