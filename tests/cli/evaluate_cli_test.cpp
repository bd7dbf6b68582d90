// fupin evaluate / explain with the built-in policy and with --policy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/policy_file.hpp"
#include "test_support.hpp"

namespace fupin::testing {
namespace {

class EvaluateCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "fupin.db").string();
    ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db_}).exit_code, 0);
    const RunResult r =
        RunFupin({"households", "import", SourcePath("examples/households.csv").string(), "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  std::string PolicyWith(const std::string& from, const std::string& to) {
    std::string text(policy::DefaultPolicyText());
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos);
    text.replace(at, from.size(), to);
    const auto path = dir_ / "policy.toml";
    WriteFile(path, text);
    return path.string();
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(EvaluateCliTest, ExplainNamesEachCriterionAndPolicyFileChangesTheVerdict) {
  // 王德明's household: (9600+4200+0+2150-1800)/3 = 4,716.67 yuan per person in 2020.
  const RunResult r = RunFupin({"explain", "5110251002030001", "--year", "2020", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("符合退出条件"), std::string::npos) << r.out;
  auto json = nlohmann::json::parse(
      RunFupin({"explain", "5110251002030001", "--year", "2020", "--json", "--db", db_}).out);
  EXPECT_EQ(json["eligible_to_exit"], true);

  const std::string raised = PolicyWith("yuan = 4000", "yuan = 5000");
  const RunResult strict =
      RunFupin({"explain", "5110251002030001", "--year", "2020", "--policy", raised, "--db", db_, "--json"});
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  auto verdict = nlohmann::json::parse(strict.out);
  EXPECT_EQ(verdict["eligible_to_exit"], false);
  bool income_failed = false;
  for (const auto& c : verdict["criteria"]) {
    if (c["rule"] == "household.income_above_line") {
      income_failed = !c["pass"].get<bool>();
      EXPECT_NE(c["reason_zh"].get<std::string>().find("5,000"), std::string::npos) << c.dump();
    }
  }
  EXPECT_TRUE(income_failed);
}

TEST_F(EvaluateCliTest, BadPolicyFileIsRefusedNamingTheLine) {
  const std::string bad = PolicyWith("yuan = 4000", "yuan = -4000");
  const RunResult r = RunFupin({"explain", "5110251002030001", "--policy", bad, "--db", db_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("行"), std::string::npos) << r.err;
  const RunResult en =
      RunFupin({"explain", "5110251002030001", "--policy", bad, "--db", db_, "--lang", "en"});
  EXPECT_NE(en.err.find("line"), std::string::npos) << en.err;
}

TEST_F(EvaluateCliTest, EvaluateCountyAndVillage) {
  const RunResult county =
      RunFupin({"evaluate", "--region", "511025", "--year", "2020", "--json", "--db", db_});
  ASSERT_EQ(county.exit_code, 0) << county.err;
  auto j = nlohmann::json::parse(county.out);
  EXPECT_EQ(j["households"], 3);
  EXPECT_EQ(j["poor_persons"], 2) << "陈桂兰's household is still poor";
  EXPECT_EQ(j["verdict"]["eligible_to_exit"], false);
  const RunResult village = RunFupin({"evaluate", "--region", "511025100203", "--db", db_});
  EXPECT_EQ(village.exit_code, 0);
  EXPECT_NE(village.out.find("贫困村退出"), std::string::npos) << village.out;
  EXPECT_EQ(RunFupin({"evaluate", "--region", "511025999", "--db", db_}).exit_code, 2);
}

}  // namespace
}  // namespace fupin::testing
