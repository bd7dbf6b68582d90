// fupin indicators on the demo county 资中县: the generator's exact targets come back
// out of the engine, and a county's figures are the sums of its towns'.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "io/row_source.hpp"
#include "policy/policy_test_support.hpp"
#include "test_support.hpp"

namespace fupin::testing {
namespace {

class IndicatorsCliTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (*dir_ / "demo.db").string();
    CopyDemoDatabase(db_);  // the demo county, built once per build
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static nlohmann::json Json(std::vector<std::string> args) {
    args.insert(args.begin(), "indicators");
    args.insert(args.end(), {"--db", db_});
    const RunResult r = RunFupin(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* IndicatorsCliTest::dir_ = nullptr;
std::string IndicatorsCliTest::db_;

// The county shows the generator's exact targets, and its figures are its towns' sums.
void ExpectTargetsAndChildrenSumUp() {
  const nlohmann::json report = IndicatorsCliTest::Json({"--region", "511025", "--format", "json"});
  EXPECT_EQ(report["year"], 2020);  // the built-in policy's last poverty line
  const nlohmann::json& county = report["region"];
  EXPECT_EQ(county["code"], "511025000000");
  EXPECT_EQ(county["name"], "资中县");
  EXPECT_EQ(county["level"], "county");
  const nlohmann::json& i = county["indicators"];
  EXPECT_EQ(i["poor_villages"], 102);
  EXPECT_EQ(i["registered"]["households"], 23098);
  EXPECT_EQ(i["registered"]["persons"], 65465);
  EXPECT_EQ(i["all"]["persons"], 65465);
  EXPECT_EQ(i["incidence"]["denominator"], 65465);
  EXPECT_EQ(i["incidence"]["numerator"], i["poor"]["persons"]);

  ASSERT_TRUE(county["children"].is_array());
  ASSERT_GT(county["children"].size(), 10U);
  int64_t numerator = 0, denominator = 0, households = 0, poor_villages = 0, wrong_exits = 0, exited_2016 = 0;
  for (const nlohmann::json& town : county["children"]) {
    EXPECT_EQ(town["level"], "town");
    EXPECT_EQ(town["code"].get<std::string>().substr(0, 6), "511025");
    EXPECT_FALSE(town.contains("children"));
    const nlohmann::json& t = town["indicators"];
    numerator += t["incidence"]["numerator"].get<int64_t>();
    denominator += t["incidence"]["denominator"].get<int64_t>();
    households += t["registered"]["households"].get<int64_t>();
    poor_villages += t["poor_villages"].get<int64_t>();
    wrong_exits += t["wrong_exit"]["households"].get<int64_t>();
    exited_2016 += t["exited"]["by_year"]["2016"]["households"].get<int64_t>();
  }
  EXPECT_EQ(numerator, i["incidence"]["numerator"]);
  EXPECT_EQ(denominator, i["incidence"]["denominator"]);
  EXPECT_EQ(households, 23098);
  EXPECT_EQ(poor_villages, 102);
  EXPECT_EQ(wrong_exits, i["wrong_exit"]["households"]);
  EXPECT_EQ(exited_2016, i["exited"]["by_year"]["2016"]["households"]);
  // The demo registry has poor households, exits, exit-eligible and wrong exits.
  EXPECT_GT(i["poor"]["households"].get<int64_t>(), 0);
  EXPECT_GT(i["exited"]["households"].get<int64_t>(), 0);
  EXPECT_GT(i["eligible_not_exited"]["households"].get<int64_t>(), 0);
  EXPECT_GT(i["wrong_exit"]["households"].get<int64_t>(), 0);
  EXPECT_GT(i["monitoring"]["households"].get<int64_t>(), 0);
}

// The province above and the villages two levels below.
void ExpectAncestorsAndDeeperLevels() {
  const nlohmann::json province = IndicatorsCliTest::Json({"--region", "51", "--depth", "0"});
  EXPECT_EQ(province["region"]["indicators"]["registered"]["households"], 23098);
  EXPECT_FALSE(province["region"].contains("children"));
  const nlohmann::json villages =
      IndicatorsCliTest::Json({"--region", "511025", "--depth", "2", "--year", "2019"});
  EXPECT_EQ(villages["year"], 2019);
  int64_t poor = 0;
  for (const auto& town : villages["region"]["children"]) {
    for (const auto& village : town["children"]) {
      EXPECT_EQ(village["level"], "village");
      poor += village["indicators"]["poor_villages"].get<int64_t>();
    }
  }
  EXPECT_EQ(poor, 102);
}

TEST_F(IndicatorsCliTest, CsvAndXlsxHaveOneRowPerRegionWithChineseHeaders) {
  const std::string csv_path = (*IndicatorsCliTest::dir_ / "ind.csv").string();
  const RunResult csv = RunFupin({"indicators", "--region", "511025", "--format", "csv", "-o", csv_path,
                                  "--db", IndicatorsCliTest::db_});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string text = ReadFile(csv_path);
  io::CsvReader reader(text);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields));
  EXPECT_EQ(fields[0], "区划代码");
  EXPECT_EQ(fields[1], "名称");
  const size_t columns = fields.size();
  const auto column = std::find(fields.begin(), fields.end(), "建档立卡户数") - fields.begin();
  const auto poor_villages = std::find(fields.begin(), fields.end(), "贫困村数") - fields.begin();
  ASSERT_LT(static_cast<size_t>(column), columns);
  ASSERT_TRUE(reader.Next(&fields));
  EXPECT_EQ(fields[0], "511025000000");
  EXPECT_EQ(fields[1], "资中县");
  EXPECT_EQ(fields[static_cast<size_t>(column)], "23098");
  EXPECT_EQ(fields[static_cast<size_t>(poor_villages)], "102");
  size_t towns = 0;
  while (reader.Next(&fields)) {
    EXPECT_EQ(fields.size(), columns);
    EXPECT_EQ(fields[2], "乡镇");
    ++towns;
  }
  EXPECT_GT(towns, 10U);

  const std::string xlsx_path = (*IndicatorsCliTest::dir_ / "ind.xlsx").string();
  const RunResult xlsx = RunFupin({"indicators", "--region", "511025", "--format", "xlsx", "-o", xlsx_path,
                                   "--db", IndicatorsCliTest::db_});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  auto rows = io::OpenRowSource(xlsx_path, io::RowSourceOptions{});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString(Lang::kEn);
  std::vector<std::string_view> cells;
  size_t count = 0;
  while ((*rows)->Next(&cells)) {
    if (count == 0) {
      EXPECT_EQ(cells[0], "区划代码");
    } else if (count == 1) {
      EXPECT_EQ(cells[static_cast<size_t>(column)], "23098");
    }
    ++count;
  }
  EXPECT_EQ(count, towns + 2);
}

// --policy FILE: a higher line changes the verdict-based figures only.
void ExpectAPolicyFileChangesTheVerdicts() {
  const std::string policy = (*IndicatorsCliTest::dir_ / "high-line.toml").string();
  WriteFile(policy, policy::test::DefaultWith("yuan = 4000", "yuan = 9000"));
  const nlohmann::json base = IndicatorsCliTest::Json({"--region", "511025", "--depth", "0"});
  const nlohmann::json high =
      IndicatorsCliTest::Json({"--region", "511025", "--depth", "0", "--policy", policy});
  const nlohmann::json& b = base["region"]["indicators"];
  const nlohmann::json& h = high["region"]["indicators"];
  EXPECT_EQ(high["policy"], policy);
  // A line of 9,000 yuan: nobody poor is ready to exit, far more exits look wrong.
  EXPECT_EQ(h["eligible_not_exited"]["households"], 0);
  EXPECT_GT(h["wrong_exit"]["households"].get<int64_t>(), 5 * b["wrong_exit"]["households"].get<int64_t>());
  // Counts that do not depend on the verdict stay the same.
  EXPECT_EQ(h["poor"], b["poor"]);
  EXPECT_EQ(h["incidence"], b["incidence"]);
}

TEST_F(IndicatorsCliTest, JsonReportOfTheDemoCounty) {
  ExpectTargetsAndChildrenSumUp();
  ExpectAncestorsAndDeeperLevels();
  ExpectAPolicyFileChangesTheVerdicts();
}

TEST(IndicatorsCliUsageTest, BadInputsExitWithTheirCodes) {
  TempDir dir;
  const std::string db = (dir / "regions.db").string();
  ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db}).exit_code, 0);
  // Regions without households: zero counts, no incidence.
  const RunResult empty = RunFupin({"indicators", "--region", "511025", "--depth", "0", "--db", db});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  const nlohmann::json j = nlohmann::json::parse(empty.out);
  EXPECT_EQ(j["region"]["indicators"]["registered"]["households"], 0);
  EXPECT_TRUE(j["region"]["indicators"]["incidence"]["percent"].is_null());
  EXPECT_GT(j["region"]["indicators"]["villages"].get<int64_t>(), 300);

  const RunResult unknown = RunFupin({"indicators", "--region", "520102", "--db", db});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("没有区划 520102"), std::string::npos) << unknown.err;
  const RunResult english = RunFupin({"--lang", "en", "indicators", "--region", "520102", "--db", db});
  EXPECT_NE(english.err.find("no region 520102"), std::string::npos) << english.err;
  EXPECT_EQ(RunFupin({"indicators", "--region", "5110x", "--db", db}).exit_code, 2);
  const RunResult depth = RunFupin({"indicators", "--region", "511025", "--depth", "9", "--db", db});
  EXPECT_EQ(depth.exit_code, 2);
  EXPECT_NE(depth.err.find("--depth"), std::string::npos) << depth.err;
  EXPECT_EQ(RunFupin({"indicators", "--region", "511025", "--format", "pdf", "--db", db}).exit_code, 1);
  EXPECT_EQ(RunFupin({"indicators", "--db", db}).exit_code, 1);
  const RunResult no_db = RunFupin({"indicators", "--region", "511025", "--db", (dir / "none.db").string()});
  EXPECT_EQ(no_db.exit_code, 3) << no_db.err;
}

}  // namespace
}  // namespace fupin::testing
