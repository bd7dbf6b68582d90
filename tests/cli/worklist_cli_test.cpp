// The real `fupin` binary on the demo county: its work lists on the as-of date
// 2020-10-20 have tasks in every escalation state, its meetings are held before that
// day and scheduled after it; tasks are issued, updated and completed from the CLI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_support.hpp"

namespace fupin::testing {
namespace {

class WorkListCliTest : public ::testing::Test {
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
  static nlohmann::json Json(const std::vector<std::string>& args) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--json", "--db", *db_});
    const RunResult r = RunFupin(all);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  static TempDir* dir_;
  static std::string* db_;
};
TempDir* WorkListCliTest::dir_ = nullptr;
std::string* WorkListCliTest::db_ = nullptr;

TEST_F(WorkListCliTest, TheDemoHasTasksInEveryEscalationState) {
  const auto j = Json({"tasks", "list"});
  EXPECT_EQ(j["today"], "2020-10-20") << "the demo's as-of date";
  const auto& s = j["summary"];
  EXPECT_GE(s["total"].get<int>(), 40);
  EXPECT_LE(s["total"].get<int>(), 70);
  for (const char* key : {"done", "due_soon", "overdue", "overdue_week"}) {
    EXPECT_GE(s[key].get<int>(), 3) << key;
  }
  std::map<std::string, int> by_escalation;
  std::set<std::string> kinds, types;
  int from_meetings = 0, committed = 0;
  for (const auto& t : j["items"]) {
    ++by_escalation[t["escalation"]];
    kinds.insert(t["period"]["kind"]);
    types.insert(t["assignee"]["type"]);
    from_meetings += t["source_meeting_id"].is_null() ? 0 : 1;
    committed += t["commitment"].get<std::string>().empty() ? 0 : 1;
    const std::string deadline = t["deadline"];
    const std::string e = t["escalation"];
    if (e == "due_soon") {
      EXPECT_TRUE(deadline >= "2020-10-20" && deadline <= "2020-10-23") << deadline;
    } else if (e == "overdue") {
      EXPECT_TRUE(deadline >= "2020-10-13" && deadline <= "2020-10-19") << deadline;
    } else if (e == "overdue_week") {
      EXPECT_LT(deadline, "2020-10-13");
    } else if (e == "none") {
      EXPECT_GT(deadline, "2020-10-23");
    }
    EXPECT_EQ(t["campaign_id"], "511025-2020-100d");
  }
  EXPECT_EQ(by_escalation.size(), 5u) << "none, due_soon, overdue, overdue_week, done";
  EXPECT_EQ(kinds, (std::set<std::string>{"year", "quarter", "month"}));
  EXPECT_EQ(types, (std::set<std::string>{"unit", "town"}));
  EXPECT_GE(from_meetings, 3) << "decisions that became tasks";
  EXPECT_GT(committed, s["total"].get<int>() / 2);

  const auto overdue = Json({"tasks", "list", "--escalation", "overdue_week"});
  EXPECT_EQ(overdue["items"].size(), static_cast<size_t>(s["overdue_week"].get<int>()));
  const auto town = Json({"tasks", "list", "--region", "511025124"});
  ASSERT_FALSE(town["items"].empty());
  for (const auto& t : town["items"]) {
    EXPECT_EQ(t["region"].get<std::string>().substr(0, 9), "511025124");
  }
  // Later, more is overdue: the escalation is computed on the day asked.
  const auto later = Json({"tasks", "list", "--date", "2020-11-30"});
  EXPECT_EQ(later["summary"]["due_soon"], 0);
  EXPECT_GT(later["summary"]["overdue_week"].get<int>(), s["overdue_week"].get<int>());
}

TEST_F(WorkListCliTest, TheDemoHasHeldAndScheduledMeetings) {
  const auto j = Json({"meetings", "list"});
  std::set<std::string> kinds, regions;
  int held = 0, scheduled = 0, absences = 0, decisions = 0;
  for (const auto& m : j["items"]) {
    kinds.insert(m["kind"]);
    regions.insert(m["region"]["code"]);
    const bool is_held = m["status"] == "held";
    EXPECT_EQ(is_held, m["date"].get<std::string>() < "2020-10-20") << m.dump();
    held += is_held ? 1 : 0;
    scheduled += is_held ? 0 : 1;
    if (is_held) {
      EXPECT_FALSE(m["agenda"].get<std::string>().empty());
      EXPECT_FALSE(m["minutes"].get<std::string>().empty());
      absences += m["attendance"]["expected"].get<int>() - m["attendance"]["present"].get<int>();
      decisions += static_cast<int>(m["decisions"].size());
    }
  }
  EXPECT_EQ(kinds.size(), 4u);
  EXPECT_EQ(regions.size(), 4u) << "the county and three war zones";
  EXPECT_GT(held, 80);
  EXPECT_GT(scheduled, 20);
  EXPECT_GT(absences, 0);
  EXPECT_GT(decisions, held / 2);
  const auto week =
      Json({"meetings", "list", "--from", "2020-10-19", "--to", "2020-10-23", "--kind", "daily"});
  EXPECT_EQ(week["items"].size(), 5u);

  const RunResult text =
      RunFupin({"meetings", "list", "--from", "2020-10-16", "--to", "2020-10-16", "--db", *db_});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("半月专题会"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("已召开"), std::string::npos) << text.out;
  const RunResult bad = RunFupin({"meetings", "list", "--from", "10/16", "--db", *db_});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(WorkListCliTest, ListTextInChineseAndEnglish) {
  const RunResult zh = RunFupin({"tasks", "list", "--db", *db_});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("逾期超过一周"), std::string::npos);
  EXPECT_NE(zh.out.find("已完成"), std::string::npos);
  EXPECT_NE(zh.out.find("2020-10-20 共"), std::string::npos) << zh.out.substr(zh.out.size() - 300);
  const RunResult en = RunFupin({"tasks", "list", "--lang", "en", "--db", *db_});
  ASSERT_EQ(en.exit_code, 0);
  EXPECT_NE(en.out.find("overdue by more than a week"), std::string::npos);
  const RunResult bad = RunFupin({"tasks", "list", "--escalation", "late", "--db", *db_});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("escalation"), std::string::npos) << bad.err;
}

TEST_F(WorkListCliTest, AddProgressComplete) {
  const auto added =
      Json({"tasks", "add", "--title", "命令行测试任务", "--assignee-type", "town", "--assignee", "511025124",
            "--period-kind", "month", "--period", "2020-10", "--deadline", "2020-10-22"});
  ASSERT_TRUE(added.is_object());
  const std::string id = std::to_string(added["id"].get<int64_t>());
  EXPECT_EQ(added["escalation"], "due_soon");
  EXPECT_EQ(added["issued_on"], "2020-10-20");
  const RunResult refused =
      RunFupin({"tasks", "add", "--title", "x", "--assignee-type", "town", "--assignee", "511025124",
                "--period-kind", "month", "--period", "2020-10", "--deadline", "2020-11-22", "--db", *db_});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("task.deadline_period"), std::string::npos) << refused.err;

  const auto progressed = Json({"tasks", "progress", id, "--progress", "40", "--note", "已排查", "--evidence",
                                "台账", "--by", "镇联络员"});
  EXPECT_EQ(progressed["progress"], 40);
  EXPECT_EQ(progressed["updates"][0]["by"], "镇联络员");
  const RunResult back = RunFupin({"tasks", "progress", id, "--progress", "20", "--db", *db_});
  EXPECT_EQ(back.exit_code, 2);
  EXPECT_NE(back.err.find("task.progress_back"), std::string::npos) << back.err;
  const RunResult stale =
      RunFupin({"tasks", "progress", id, "--progress", "60", "--version", "1", "--db", *db_});
  EXPECT_EQ(stale.exit_code, 2);
  EXPECT_NE(stale.err.find("task.stale"), std::string::npos) << stale.err;
  const auto done = Json({"tasks", "complete", id, "--note", "完成"});
  EXPECT_EQ(done["status"], "done");
  const RunResult text = RunFupin({"tasks", "complete", id, "--db", *db_});
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_NE(text.err.find("已于 2020-10-20 完成销号"), std::string::npos) << text.err;
}

}  // namespace
}  // namespace fupin::testing
