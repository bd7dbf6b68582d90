// The real `fupin` binary: a household exit from the example file end to end, the
// refusals and their exit code 2, a monitoring case, a village exit from a facts file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fupin::testing {
namespace {

constexpr char kPoor[] = "5110251002030002";    // 陈桂兰: 未脱贫, income 2,910, housing 否
constexpr char kExited[] = "5110251002030001";  // 王德明: 已脱贫 2018

class ProceduresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "fupin.db").string();
    ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db_}).exit_code, 0);
    const RunResult import =
        RunFupin({"households", "import", SourcePath("examples/households.csv").string(), "--db", db_});
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }

  RunResult Run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunFupin(args);
  }

  nlohmann::json Json(std::vector<std::string> args) {
    args.push_back("--json");
    const RunResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(ProceduresCliTest, HouseholdExitEndToEnd) {
  const RunResult refused = Run({"procedure", "start", "exit", kPoor, "--date", "2020-06-01"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("procedure.verdict_failed"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("住房安全有保障"), std::string::npos) << refused.err;

  const nlohmann::json started = Json({"procedure", "start", "exit", kPoor, "--date", "2020-06-01",
                                       "--override-reason", "危房改造已竣工", "--note", "村两委提名"});
  const int id = started["id"];
  EXPECT_EQ(started["state"], "proposed");
  EXPECT_EQ(started["steps"][0]["actor"].get<std::string>().rfind("cli:", 0), 0u);
  EXPECT_EQ(started["steps"][0]["evidence"]["override_reason"], "危房改造已竣工");
  const std::string sid = std::to_string(id);

  EXPECT_EQ(Run({"procedure", "step", sid, "民主评议", "--date", "2020-06-02"}).exit_code, 0);
  const RunResult skipped = Run({"procedure", "step", sid, "town_review", "--date", "2020-06-02"});
  EXPECT_EQ(skipped.exit_code, 2);
  EXPECT_NE(skipped.err.find("procedure.step_order"), std::string::npos) << skipped.err;
  EXPECT_EQ(Run({"procedure", "step", sid, "household-confirm", "--date", "2020-06-02"}).exit_code, 0);
  const RunResult notice = Run({"procedure", "step", sid, "public_notice", "--date", "2020-06-03"});
  EXPECT_EQ(notice.exit_code, 0);
  EXPECT_NE(notice.out.find("下一步：「乡镇审核」"), std::string::npos) << notice.out;

  const RunResult early = RunFupin(
      {"--lang", "en", "procedure", "step", sid, "town_review", "--date", "2020-06-09", "--db", db_});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("ends on 2020-06-09"), std::string::npos) << early.err;
  const RunResult stale =
      Run({"procedure", "step", sid, "town_review", "--date", "2020-06-10", "--expect-version", "3"});
  EXPECT_EQ(stale.exit_code, 2);
  EXPECT_NE(stale.err.find("procedure.stale"), std::string::npos) << stale.err;
  EXPECT_EQ(Run({"procedure", "step", sid, "town_review", "--date", "2020-06-10", "--expect-version", "4"})
                .exit_code,
            0);
  EXPECT_EQ(Run({"procedure", "step", sid, "county_approval", "--date", "2020-06-12"}).exit_code, 0);
  EXPECT_EQ(Run({"procedure", "step", sid, "announcement", "--date", "2020-06-15"}).exit_code, 0);
  const nlohmann::json done = Json({"procedure", "step", sid, "mark_exited", "--date", "2020-06-20"});
  EXPECT_EQ(done["outcome"], "completed");
  EXPECT_EQ(done["steps"].size(), 8u);

  const nlohmann::json household = Json({"households", "show", kPoor});
  EXPECT_EQ(household["status"], "exited");
  EXPECT_EQ(household["exit_year"], 2020);
  EXPECT_EQ(household["history"].size(), 2u);
  EXPECT_EQ(household["history"][1]["source"], "procedure:" + sid + ":household_exit:mark_exited");

  const RunResult shown = Run({"procedure", "show", sid});
  EXPECT_EQ(shown.exit_code, 0);
  EXPECT_NE(shown.out.find("强制启动理由：危房改造已竣工"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("已标记脱贫"), std::string::npos) << shown.out;
  EXPECT_EQ(Run({"procedure", "step", sid, "announcement", "--date", "2020-06-21"}).exit_code, 2);
  EXPECT_TRUE(Json({"procedure", "list", "--open"}).empty());
  EXPECT_EQ(Json({"procedure", "list", "--subject", kPoor}).size(), 1u);
  EXPECT_EQ(Run({"procedure", "show", "99"}).exit_code, 2);
}

TEST_F(ProceduresCliTest, RejectAndReturnToPoverty) {
  const nlohmann::json started = Json({"procedure", "start", "return", kExited, "--date", "2021-03-01"});
  const std::string sid = std::to_string(started["id"].get<int>());
  EXPECT_EQ(Run({"procedure", "reject", sid, "--date", "2021-03-02"}).exit_code, 1) << "--reason is required";
  const nlohmann::json rejected =
      Json({"procedure", "reject", sid, "--date", "2021-03-02", "--reason", "核实收入未低于标准"});
  EXPECT_EQ(rejected["outcome"], "rejected");
  EXPECT_EQ(Run({"procedure", "step", sid, "democratic_review", "--date", "2021-03-03"}).exit_code, 2);
  EXPECT_EQ(Json({"households", "show", kExited})["status"], "exited");
}

TEST_F(ProceduresCliTest, MonitoringCase) {
  EXPECT_EQ(Run({"monitor", "identify", kExited, "--category", "脱贫不稳定户", "--trigger", "medical_expense",
                 "--date", "2021-01-10"})
                .exit_code,
            0);
  EXPECT_EQ(Run({"monitor", "identify", kExited, "--category", "no-such", "--trigger", "disaster", "--date",
                 "2021-01-10"})
                .exit_code,
            2);
  EXPECT_EQ(Run({"monitor", "measure", kExited, "--kind", "兜底保障", "--date", "2021-01-15"}).exit_code, 0);
  EXPECT_EQ(Run({"monitor", "income", kExited, "--date", "2021-02-01", "--income", "6500"}).exit_code, 0);
  const RunResult early = Run({"monitor", "eliminate", kExited, "--date", "2021-03-01", "--risk-resolved"});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("monitoring.stable_income"), std::string::npos) << early.err;
  EXPECT_EQ(Run({"monitor", "income", kExited, "--date", "2021-08-01", "--income", "6,800"}).exit_code, 0);
  const nlohmann::json conditions = Json({"monitor", "check", kExited, "--date", "2021-08-02"});
  ASSERT_EQ(conditions.size(), 3u);
  EXPECT_EQ(conditions[2]["id"], "monitoring.risk_source");
  EXPECT_EQ(conditions[2]["met"], false);
  const nlohmann::json eliminated =
      Json({"monitor", "eliminate", kExited, "--date", "2021-08-02", "--risk-resolved"});
  EXPECT_EQ(eliminated["outcome"], "completed");
  const nlohmann::json household = Json({"households", "show", kExited});
  EXPECT_EQ(household["status"], "monitoring");
  EXPECT_EQ(household["monitoring_category"], "unstable_exited");
  EXPECT_EQ(household["risk_eliminated"], "yes");
}

TEST_F(ProceduresCliTest, VillageExitFromAFactsFile) {
  // Without poor_not_exited in the file it is counted from the registry: 陈桂兰's
  // household (2 members, 未脱贫) of 40 rural residents is 5%, above the 3% standard.
  WriteFile(
      dir_ / "facts.json",
      R"({"rural_population": 40, "checklist": {"village.collective_income": true, "village.hardened_road": true,
                "village.clinic": true, "village.cultural_room": true, "village.telecom": true}})");
  const std::string facts = (dir_ / "facts.json").string();
  const RunResult refused =
      Run({"procedure", "start", "village-exit", "511025100203", "--date", "2020-10-01", "--facts", facts});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("贫困发生率"), std::string::npos) << refused.err;
  const nlohmann::json started =
      Json({"procedure", "start", "village-exit", "511025100203", "--date", "2020-10-01", "--facts", facts,
            "--override-reason", "两户已达标待审"});
  EXPECT_GT(started["steps"][0]["evidence"]["facts"]["poor_not_exited"].get<int>(), 0);
  EXPECT_EQ(started["steps"][0]["evidence"]["override_reason"], "两户已达标待审");
  const std::string sid = std::to_string(started["id"].get<int>());
  EXPECT_EQ(Run({"procedure", "step", sid, "review", "--date", "2020-10-05"}).exit_code, 0);
  EXPECT_EQ(Json({"procedure", "list", "--subject", "511025100203", "--open"}).size(), 1u);
  EXPECT_EQ(Run({"procedure", "start", "county-exit", "511025", "--date", "2020-10-01"}).exit_code, 2)
      << "the facts file is required";
}

}  // namespace
}  // namespace fupin::testing
