// Issuing, committing to, updating and completing tasks on a small county in an
// in-memory store: the checks with their messages, versions, history and audit.
#include "worklist/work_list.hpp"

#include <gtest/gtest.h>

#include "policy/policy_file.hpp"
#include "responsibility/responsibility_test_support.hpp"

namespace fupin::worklist {
namespace {

using responsibility::test::D;
using responsibility::test::R;

class WorkListTest : public responsibility::test::SmallCountyTest {
 protected:
  void SetUp() override {
    SmallCountyTest::SetUp();
    const store::CampaignRow campaign{"C100", "百日攻坚行动", R("511025"), "2020-08-01", "2020-11-08", 0};
    const std::vector<store::CommandPostRow> posts = {{"hq", R("511025"), "", "commander_in_chief", "L1"}};
    ASSERT_TRUE(store_->WriteCampaign(campaign, posts, {"test", "test"}).ok());
  }

  TaskDraft Draft() const {
    TaskDraft d;
    d.title = "危房改造清零";
    d.description = "完成C、D级危房改造";
    d.campaign_id = "C100";
    d.issued_by = "县指挥部";
    d.issued_on = "2020-10-01";
    d.assignee_type = "unit";
    d.assignee_id = "U1";
    d.period_kind = "month";
    d.period = "2020-10";
    d.deadline = "2020-10-20";
    return d;
  }

  void ExpectRefused(const TaskDraft& d, const std::string& rule, const std::string& field) {
    auto t = IssueTask(*store_, d, actor_);
    ASSERT_FALSE(t.ok()) << rule;
    EXPECT_EQ(t.status().rule(), rule) << t.status().ToString(Lang::kEn);
    EXPECT_EQ(t.status().field(), field) << rule;
    EXPECT_FALSE(t.status().message().zh.empty());
    EXPECT_FALSE(t.status().message().en.empty());
  }

  size_t HistoryOf(int64_t id) {
    auto h = store_->History("task", std::to_string(id));
    return h.ok() ? h->size() : 0;
  }

  const Actor actor_{"user:hq", "县指挥部值班员", "test", "127.0.0.1", true};
  const Date today_ = D(2020, 10, 20);
};

TEST_F(WorkListTest, IssueToAUnitAndToATown) {
  auto unit = IssueTask(*store_, Draft(), actor_);
  ASSERT_TRUE(unit.ok()) << unit.status().ToString();
  EXPECT_EQ(unit->region, R("511025")) << "a county department's task is scoped by the county";
  EXPECT_EQ(unit->version, 1);
  EXPECT_EQ(unit->status, "open");
  TaskDraft d = Draft();
  d.assignee_type = "乡镇";
  d.assignee_id = "511025100";  // 9 digits
  d.period_kind = "季度";
  d.period = "2020-Q4";
  auto town = IssueTask(*store_, d, actor_);
  ASSERT_TRUE(town.ok()) << town.status().ToString();
  EXPECT_EQ(town->assignee_type, "town");
  EXPECT_EQ(town->assignee_id, "511025100000");
  EXPECT_EQ(town->region, R("511025100"));
  EXPECT_EQ(town->period_kind, "quarter");
  d.assignee_type = "unit";
  d.assignee_id = "U2";  // 甲镇人民政府
  auto town_unit = IssueTask(*store_, d, actor_);
  ASSERT_TRUE(town_unit.ok());
  EXPECT_EQ(town_unit->region, R("511025100")) << "a town government's task is scoped by its town";
  EXPECT_EQ(HistoryOf(unit->id), 1u);
  auto audit = store_->ListAudit(0, 100);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ(audit->front().event.action, "tasks.create");
  EXPECT_EQ(audit->front().event.target, std::to_string(unit->id)) << "the audit entry names the new task";
}

TEST_F(WorkListTest, DraftsAreCheckedNamingFieldAndRule) {
  TaskDraft d = Draft();
  d.title = "  ";
  ExpectRefused(d, "task.title", "title");
  d = Draft();
  d.assignee_type = "village";
  ExpectRefused(d, "task.assignee_type", "assignee_type");
  d = Draft();
  d.assignee_id = "U9";
  ExpectRefused(d, "task.assignee_unknown", "assignee_id");
  d = Draft();
  d.assignee_type = "town";
  d.assignee_id = "511025100201";  // a village
  ExpectRefused(d, "task.assignee_level", "assignee_id");
  d.assignee_id = "511025199";  // a town code that is not stored
  ExpectRefused(d, "task.assignee_unknown", "assignee_id");
  d = Draft();
  d.period_kind = "week";
  ExpectRefused(d, "task.period_kind", "period_kind");
  d = Draft();
  d.period = "2020-Q4";
  ExpectRefused(d, "task.period", "period");
  d = Draft();
  d.deadline = "2020-11-02";
  ExpectRefused(d, "task.deadline_period", "deadline");
  d = Draft();
  d.deadline = "20201032";
  ExpectRefused(d, "task.deadline", "deadline");
  d = Draft();
  d.issued_on = "2020-10-25";
  ExpectRefused(d, "task.deadline_before_issue", "deadline");
  d = Draft();
  d.campaign_id = "C999";
  ExpectRefused(d, "task.campaign_unknown", "campaign_id");
  auto listed = store_->ListTasks({});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty()) << "nothing refused was written";

  d = Draft();
  d.deadline = "2020-11-02";
  auto t = CheckDraft(*store_, d, "decisions[0].task.");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().field(), "decisions[0].task.deadline");
  EXPECT_NE(t.status().message().zh.find("2020年10月"), std::string::npos) << t.status().message().zh;
}

TEST_F(WorkListTest, CommitProgressCompleteWithVersions) {
  auto t = IssueTask(*store_, Draft(), actor_);
  ASSERT_TRUE(t.ok());
  auto committed = SetCommitment(*store_, t->id, 1, "10月20日前全部完成", D(2020, 10, 2), actor_);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_EQ(committed->version, 2);
  EXPECT_EQ(committed->committed_on, "2020-10-02");
  EXPECT_EQ(SetCommitment(*store_, t->id, 2, " ", today_, actor_).status().rule(), "task.commitment");

  store::TaskUpdateRow u{0, 0, "2020-10-10", 60, "完成60户", "验收表", "", ""};
  auto stale = RecordProgress(*store_, t->id, 1, u, today_, actor_);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().rule(), "task.stale");
  auto progressed = RecordProgress(*store_, t->id, 2, u, today_, actor_);
  ASSERT_TRUE(progressed.ok()) << progressed.status().ToString();
  EXPECT_EQ(progressed->progress, 60);

  u.progress = 50;
  EXPECT_EQ(RecordProgress(*store_, t->id, 3, u, today_, actor_).status().rule(), "task.progress_back");
  u.progress = 101;
  EXPECT_EQ(RecordProgress(*store_, t->id, 3, u, today_, actor_).status().rule(), "task.progress");
  u.progress = 80;
  u.date = "2020-10-21";
  EXPECT_EQ(RecordProgress(*store_, t->id, 3, u, today_, actor_).status().rule(), "task.update_date")
      << "not after today";
  u.date = "2020-09-30";
  EXPECT_EQ(RecordProgress(*store_, t->id, 3, u, today_, actor_).status().rule(), "task.update_date")
      << "not before the issue day";

  auto done = CompleteTask(*store_, t->id, 3, D(2020, 10, 18), "全部完成", today_, actor_);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->status, "done");
  EXPECT_EQ(done->progress, 100);
  EXPECT_EQ(done->completed_on, "2020-10-18");
  auto again = CompleteTask(*store_, t->id, 4, today_, "", today_, actor_);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().rule(), "task.done");
  EXPECT_EQ(SetCommitment(*store_, t->id, 4, "x", today_, actor_).status().rule(), "task.done");
  EXPECT_EQ(CompleteTask(*store_, 999, 1, today_, "", today_, actor_).status().code(), StatusCode::kNotFound);

  auto updates = store_->TaskUpdates(t->id);
  ASSERT_TRUE(updates.ok());
  ASSERT_EQ(updates->size(), 2u);
  EXPECT_EQ((*updates)[0].seq, 1);
  EXPECT_EQ((*updates)[0].evidence, "验收表");
  EXPECT_EQ((*updates)[0].by, "县指挥部值班员");
  EXPECT_EQ((*updates)[1].progress, 100);
  EXPECT_EQ(HistoryOf(t->id), 4u) << "created, committed, progress, completed";
  auto audit = store_->ListAudit(0, 100);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 4u) << "refused changes are not audited";
  EXPECT_EQ(audit->back().event.action, "tasks.complete");
  EXPECT_NE(audit->back().event.after_json.find("\"status\":\"done\""), std::string::npos)
      << audit->back().event.after_json;
  EXPECT_EQ(audit->back().event.after_json.find("\"title\""), std::string::npos) << "only changed fields";
}

TEST_F(WorkListTest, ListedMostUrgentFirstWithTheirEscalation) {
  const auto issue = [&](const char* title, const char* deadline) {
    TaskDraft d = Draft();
    d.title = title;
    d.deadline = deadline;
    auto t = IssueTask(*store_, d, actor_);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->id : 0;
  };
  issue("未到期", "2020-10-30");
  issue("即将到期", "2020-10-22");
  issue("逾期", "2020-10-15");
  issue("逾期超一周", "2020-10-05");
  const int64_t done = issue("已完成", "2020-10-10");
  ASSERT_TRUE(CompleteTask(*store_, done, 1, D(2020, 10, 9), "", today_, actor_).ok());
  TaskDraft other = Draft();
  other.assignee_type = "town";
  other.assignee_id = "511025101";
  other.title = "乙镇任务";
  other.deadline = "2020-10-31";
  ASSERT_TRUE(IssueTask(*store_, other, actor_).ok());

  TaskQuery q;
  q.within = R("511025");
  auto views = ListTaskViews(*store_, policy::DefaultPolicy(), q, today_);
  ASSERT_TRUE(views.ok()) << views.status().ToString();
  ASSERT_EQ(views->size(), 6u);
  EXPECT_EQ((*views)[0].task.title, "逾期超一周");
  EXPECT_EQ((*views)[0].escalation, EscalationLevel::kOverdueWeek);
  EXPECT_EQ((*views)[0].days_to_deadline, -15);
  EXPECT_EQ((*views)[1].task.title, "逾期");
  EXPECT_EQ((*views)[2].task.title, "即将到期");
  EXPECT_EQ((*views)[5].task.title, "已完成");
  EXPECT_EQ((*views)[0].assignee_name, "县农业农村局");
  const TaskSummary s = Summarize(*views);
  EXPECT_EQ(s.total, 6);
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.open, 5);
  EXPECT_EQ(s.due_soon, 1);
  EXPECT_EQ(s.overdue, 1);
  EXPECT_EQ(s.overdue_week, 1);

  q.within = R("511025101");
  auto town = ListTaskViews(*store_, policy::DefaultPolicy(), q, today_);
  ASSERT_TRUE(town.ok());
  ASSERT_EQ(town->size(), 1u) << "a town sees its own tasks, not the county's";
  EXPECT_EQ((*town)[0].assignee_name, "乙镇");
  q.within = R("511025");
  q.escalation = EscalationLevel::kOverdue;
  auto overdue = ListTaskViews(*store_, policy::DefaultPolicy(), q, today_);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  const nlohmann::json j = TaskToJson(overdue->front(), false);
  EXPECT_EQ(j["escalation"], "overdue");
  EXPECT_EQ(j["escalation_zh"], "已逾期");
  EXPECT_EQ(j["assignee"]["type"], "unit");
  EXPECT_EQ(j["period"]["label"], "2020-10");
  EXPECT_TRUE(j["source_meeting_id"].is_null());
  EXPECT_FALSE(j.contains("updates"));
}

TEST_F(WorkListTest, ImportChecksEveryTaskAndWritesAllOrNothing) {
  store::NewTask good;
  good.task = CheckDraft(*store_, Draft()).value();
  good.task.commitment = "按期完成";
  good.task.committed_on = "2020-10-02";
  good.updates = {{0, 0, "2020-10-05", 40, "推进中", "照片", "", ""}};
  good.task.progress = 40;
  store::NewTask bad = good;
  bad.updates.push_back({0, 0, "2020-10-06", 30, "倒退", "", "", ""});
  const std::vector<store::NewTask> both = {good, bad};
  auto refused = ImportTasks(*store_, both, actor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "task.progress_back");
  EXPECT_EQ(refused.status().field(), "updates[1].progress");
  EXPECT_TRUE(store_->ListTasks({})->empty());

  store::NewTask done = good;
  done.task.status = "done";
  const std::vector<store::NewTask> inconsistent = {done};
  EXPECT_EQ(ImportTasks(*store_, inconsistent, actor_).status().rule(), "task.status");

  const std::vector<store::NewTask> one = {good};
  auto ids = ImportTasks(*store_, one, actor_);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto updates = store_->TaskUpdates(ids->front());
  ASSERT_TRUE(updates.ok());
  ASSERT_EQ(updates->size(), 1u);
  EXPECT_EQ(updates->front().by, "县指挥部值班员");
}

}  // namespace
}  // namespace fupin::worklist
