// Cadences with their occurrences, and recording a held meeting whose decisions create
// tasks — all in one transaction, nothing written when any part is refused.
#include "meetings/meeting.hpp"

#include <gtest/gtest.h>

#include "responsibility/responsibility_test_support.hpp"

namespace fupin::meetings {
namespace {

using responsibility::test::D;
using responsibility::test::R;

class MeetingTest : public responsibility::test::SmallCountyTest {
 protected:
  void SetUp() override {
    SmallCountyTest::SetUp();
    const store::CampaignRow campaign{"C100", "百日攻坚行动", R("511025"), "2020-08-01", "2020-11-08", 0};
    const std::vector<store::CommandPostRow> posts = {{"hq", R("511025"), "", "commander_in_chief", "L1"}};
    ASSERT_TRUE(store_->WriteCampaign(campaign, posts, {"test", "test"}).ok());
    Cadence weekly;
    weekly.kind = "weekly_dispatch";
    weekly.name = "县脱贫攻坚每周调度会";
    weekly.region = R("511025");
    weekly.campaign_id = "C100";
    weekly.date_from = "2020-10-01";
    weekly.date_to = "2020-10-31";
    weekly.weekday = 1;
    weekly.attendees = {"L1", "L2", "C1", "L1"};
    Cadence town = weekly;
    town.name = "甲镇战区每周调度会";
    town.region = R("511025100");
    town.weekday = 2;
    town.attendees = {"G1", "C2"};
    const std::vector<Cadence> cadences = {weekly, town};
    auto ids = CreateCadences(*store_, cadences, actor_);
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    ASSERT_EQ(ids->size(), 2u);
    county_cadence_ = (*ids)[0];
    town_cadence_ = (*ids)[1];
  }

  int64_t MeetingOn(int64_t cadence, const char* date) {
    store::MeetingFilter f;
    f.cadence_id = cadence;
    f.from = date;
    f.to = date;
    auto list = store_->ListMeetings(f);
    EXPECT_TRUE(list.ok());
    EXPECT_EQ(list->size(), 1u) << date;
    return list->empty() ? 0 : list->front().id;
  }

  MeetingRecord Record() const {
    MeetingRecord r;
    r.agenda = "1. 通报逾期任务；2. 部署危房改造";
    r.present = {"L1", "C1"};
    r.minutes = "会议要求对照清单倒排工期";
    r.expected_version = 1;
    worklist::TaskDraft task;
    task.title = "调度会交办：危房改造扫尾";
    task.assignee_type = "unit";
    task.assignee_id = "U3";
    task.period_kind = "month";
    task.period = "2020-10";
    task.deadline = "2020-10-25";
    r.decisions = {{"逾期任务由县级领导督办", std::nullopt}, {"危房改造10月25日前扫尾", task}};
    return r;
  }

  const worklist::Actor actor_{"user:hq", "县指挥部值班员", "test", "127.0.0.1", true};
  const Date today_ = D(2020, 10, 20);
  int64_t county_cadence_ = 0;
  int64_t town_cadence_ = 0;
};

TEST_F(MeetingTest, CadencesGenerateTheirOccurrences) {
  store::MeetingFilter f;
  f.cadence_id = county_cadence_;
  auto county = store_->ListMeetings(f);
  ASSERT_TRUE(county.ok());
  ASSERT_EQ(county->size(), 4u);  // Mondays 10-05, 12, 19, 26
  EXPECT_EQ(county->front().date, "2020-10-05");
  EXPECT_EQ(county->front().title, "县脱贫攻坚每周调度会（第1次）");
  EXPECT_EQ(county->front().status, "scheduled");
  auto attendance = store_->MeetingAttendance(county->front().id);
  ASSERT_TRUE(attendance.ok());
  ASSERT_EQ(attendance->size(), 3u) << "L1 once";
  EXPECT_TRUE((*attendance)[0].expected);
  EXPECT_FALSE((*attendance)[0].present);
  f.cadence_id = town_cadence_;
  EXPECT_EQ(store_->ListMeetings(f)->size(), 4u);  // Tuesdays 10-06, 13, 20, 27

  auto items = CadencesJson(*store_, R("511025100"));
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u) << "a town sees its own cadence";
  EXPECT_EQ((*items)[0]["rule_zh"], "每周二");
  EXPECT_EQ((*items)[0]["attendees"][0]["name"], "包组干部");

  Cadence bad;
  bad.kind = "daily";
  bad.name = "例会";
  bad.region = R("511025100201");  // a village
  bad.date_from = "2020-10-01";
  bad.date_to = "2020-10-02";
  std::vector<Cadence> one = {bad};
  EXPECT_EQ(CreateCadences(*store_, one, actor_).status().rule(), "meeting.region");
  one[0].region = R("511025");
  one[0].attendees = {"NOBODY"};
  EXPECT_EQ(CreateCadences(*store_, one, actor_).status().rule(), "meeting.attendee_unknown");
  EXPECT_EQ(store_->ListCadences()->size(), 2u);
}

TEST_F(MeetingTest, RecordingWritesAttendanceDecisionsAndTheirTasks) {
  const int64_t id = MeetingOn(county_cadence_, "2020-10-19");
  auto held = RecordMeeting(*store_, id, Record(), today_, actor_);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(held->status, "held");
  EXPECT_EQ(held->version, 2);
  EXPECT_EQ(held->recorded_by, "县指挥部值班员");

  auto view = FindMeetingView(*store_, id);
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE(view->has_value());
  const MeetingView& v = **view;
  EXPECT_EQ(v.expected.size(), 3u);
  ASSERT_EQ(v.present.size(), 2u);
  ASSERT_EQ(v.absent.size(), 1u);
  EXPECT_EQ(v.absent[0].cadre_id, "L2");
  EXPECT_EQ(v.absent[0].name, "县领导乙");
  ASSERT_EQ(v.decisions.size(), 2u);
  EXPECT_EQ(v.decisions[0].task_id, 0);
  const int64_t task_id = v.decisions[1].task_id;
  ASSERT_NE(task_id, 0);
  auto task = store_->FindTask(task_id);
  ASSERT_TRUE(task.ok() && task->has_value());
  EXPECT_EQ((*task)->source_meeting_id, id);
  EXPECT_EQ((*task)->issued_on, "2020-10-19") << "issued on the meeting's day";
  EXPECT_EQ((*task)->issued_by, "县脱贫攻坚每周调度会（2020-10-19）");
  EXPECT_EQ((*task)->campaign_id, "C100");
  EXPECT_EQ((*task)->description, "危房改造10月25日前扫尾");
  const nlohmann::json j = MeetingToJson(v, true);
  EXPECT_EQ(j["attendance"]["absent"][0]["cadre_id"], "L2");
  EXPECT_EQ(j["decisions"][1]["task_id"], task_id);
  EXPECT_TRUE(j["decisions"][0]["task_id"].is_null());
  EXPECT_EQ(j["kind_zh"], "每周调度会");
  EXPECT_EQ(MeetingToJson(v, false)["attendance"]["present"], 2);

  auto history = store_->History("meeting", std::to_string(id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u) << "scheduled, then held";
  EXPECT_EQ(store_->History("task", std::to_string(task_id))->size(), 1u);
  auto audit = store_->ListAudit(0, 100);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().event.action, "meetings.record");
  EXPECT_EQ(audit->back().event.target, std::to_string(id));

  auto again = RecordMeeting(*store_, id, Record(), today_, actor_);
  EXPECT_EQ(again.status().rule(), "meeting.already_held");
}

TEST_F(MeetingTest, ARefusedDecisionLeavesNothing) {
  const int64_t id = MeetingOn(county_cadence_, "2020-10-19");
  MeetingRecord r = Record();
  r.decisions[1].task->deadline = "2020-11-02";  // outside 2020-10
  auto refused = RecordMeeting(*store_, id, r, today_, actor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "task.deadline_period");
  EXPECT_EQ(refused.status().field(), "decisions[1].task.deadline");
  EXPECT_EQ(store_->FindMeeting(id)->value().status, "scheduled");
  EXPECT_TRUE(store_->ListTasks({})->empty());
  EXPECT_TRUE(store_->MeetingDecisions(id)->empty());

  r = Record();
  r.decisions[0].text = " ";
  EXPECT_EQ(RecordMeeting(*store_, id, r, today_, actor_).status().rule(), "meeting.decision_text");
  r = Record();
  r.agenda = "";
  EXPECT_EQ(RecordMeeting(*store_, id, r, today_, actor_).status().rule(), "meeting.agenda");
  r = Record();
  r.present.push_back("NOBODY");
  EXPECT_EQ(RecordMeeting(*store_, id, r, today_, actor_).status().rule(), "meeting.attendee_unknown");
  EXPECT_EQ(RecordMeeting(*store_, MeetingOn(county_cadence_, "2020-10-26"), Record(), today_, actor_)
                .status()
                .rule(),
            "meeting.future");
  r = Record();
  r.expected_version = 7;
  auto stale = RecordMeeting(*store_, id, r, today_, actor_);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().rule(), "meeting.stale");
  EXPECT_TRUE(store_->ListTasks({})->empty());
  EXPECT_TRUE(store_->ListAudit(0, 100)->empty() ||
              store_->ListAudit(0, 100)->back().event.action != "meetings.record");
}

TEST_F(MeetingTest, ManyRecordsAreOneTransaction) {
  // The second record is stale: the first, valid one, with its task, is not written either.
  const int64_t first = MeetingOn(county_cadence_, "2020-10-05");
  const int64_t second = MeetingOn(county_cadence_, "2020-10-12");
  MeetingRecord stale = Record();
  stale.expected_version = 5;
  const std::vector<std::pair<int64_t, MeetingRecord>> records = {{first, Record()}, {second, stale}};
  auto refused = RecordMeetings(*store_, records, today_, actor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "meeting.stale");
  EXPECT_EQ(store_->FindMeeting(first)->value().status, "scheduled");
  EXPECT_TRUE(store_->ListTasks({})->empty());
  EXPECT_TRUE(store_->MeetingDecisions(first)->empty());
  EXPECT_EQ(store_->History("meeting", std::to_string(first))->size(), 1u);
}

TEST_F(MeetingTest, ATownMeetingAssignsOnlyWithinItsTown) {
  const int64_t id = MeetingOn(town_cadence_, "2020-10-13");
  MeetingRecord r = Record();
  r.present = {"G1"};
  auto refused = RecordMeeting(*store_, id, r, today_, actor_);  // U3 is a county department
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().rule(), "meeting.task_outside");
  EXPECT_EQ(refused.status().field(), "decisions[1].task.assignee_id");
  r.decisions[1].task->assignee_type = "town";
  r.decisions[1].task->assignee_id = "511025100";
  auto held = RecordMeeting(*store_, id, r, today_, actor_);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  auto tasks = store_->ListTasks({});
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ(tasks->front().region, R("511025100"));
}

}  // namespace
}  // namespace fupin::meetings
