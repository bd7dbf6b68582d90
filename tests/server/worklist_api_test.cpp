// Work lists and meetings over real HTTP on the demo county (today 2020-10-20): the
// dashboard counts, issuing and updating tasks with stale versions, the scope of a
// town commander, and recording meetings whose decisions become tasks.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

void ExpectError(const ApiReply& r, int status, const std::string& rule) {
  EXPECT_EQ(r.status, status) << r.body;
  ASSERT_TRUE(r.json.contains("error")) << r.body;
  EXPECT_EQ(r.json["error"]["rule"], rule) << r.body;
  EXPECT_FALSE(r.json["error"]["message"]["zh"].get<std::string>().empty());
  EXPECT_FALSE(r.json["error"]["message"]["en"].get<std::string>().empty());
}

nlohmann::json NewTask(const std::string& title, const std::string& type, const std::string& assignee) {
  return {{"title", title},           {"description", "接口测试"},        {"assignee_type", type},
          {"assignee_id", assignee},  {"period_kind", "month"},           {"period", "2020-10"},
          {"deadline", "2020-10-30"}, {"campaign_id", "511025-2020-100d"}};
}

int Rank(const std::string& escalation) {
  const std::vector<std::string> order = {"overdue_week", "overdue", "due_soon", "none", "done"};
  return static_cast<int>(std::find(order.begin(), order.end(), escalation) - order.begin());
}

TEST(WorkListApiTest, TheDemoDashboardHasEveryEscalation) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const ApiReply summary = hq.Get("/tasks/summary/511025");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json["today"], "2020-10-20");
  for (const char* key : {"done", "open", "due_soon", "overdue", "overdue_week"}) {
    EXPECT_GT(summary.json[key].get<int>(), 0) << key;
  }
  EXPECT_EQ(summary.json["total"].get<int>(),
            summary.json["done"].get<int>() + summary.json["open"].get<int>());
  EXPECT_GE(summary.json["total"].get<int>(), 40);

  const ApiReply all = hq.Get("/tasks?page_size=500");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json["total"], summary.json["total"]);
  int last = -1;
  for (const auto& t : all.json["items"]) {
    const int rank = Rank(t["escalation"]);
    EXPECT_GE(rank, last) << "most urgent first: " << t.dump();
    last = rank;
    EXPECT_FALSE(t.contains("updates")) << "the list carries no updates";
    EXPECT_FALSE(t["escalation_zh"].get<std::string>().empty());
  }
  const ApiReply week = hq.Get("/tasks?escalation=overdue_week");
  ASSERT_EQ(week.status, 200);
  ASSERT_FALSE(week.json["items"].empty());
  for (const auto& t : week.json["items"]) {
    EXPECT_EQ(t["escalation"], "overdue_week");
    EXPECT_LT(t["days_to_deadline"].get<int>(), -7);
    EXPECT_EQ(t["status"], "open");
  }
  const ApiReply soon = hq.Get("/tasks?escalation=due_soon&page_size=500");
  for (const auto& t : soon.json["items"]) {
    EXPECT_GE(t["deadline"].get<std::string>(), "2020-10-20");
    EXPECT_LE(t["deadline"].get<std::string>(), "2020-10-23");
  }
  const int64_t id = week.json["items"][0]["id"];
  const ApiReply one = hq.Get(fmt::format("/tasks/{}", id));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_TRUE(one.json["updates"].is_array());
  ExpectError(hq.Get("/tasks?escalation=late"), 400, "query.term");
  ExpectError(hq.Get("/tasks/99999999"), 404, "not_found");
  ExpectError(hq.Get("/tasks/abc"), 404, "not_found");

  const ApiReply cadences = hq.Get("/meeting-cadences");
  ASSERT_EQ(cadences.status, 200) << cadences.body;
  std::set<std::string> kinds;
  for (const auto& c : cadences.json["items"]) kinds.insert(c["kind"]);
  EXPECT_EQ(kinds.size(), 4u);
  const ApiReply meetings = hq.Get("/meetings?from=2020-10-12&to=2020-10-23&page_size=500");
  ASSERT_EQ(meetings.status, 200) << meetings.body;
  bool held = false, scheduled = false;
  std::string previous;
  for (const auto& m : meetings.json["items"]) {
    EXPECT_GE(m["date"].get<std::string>(), previous) << "date ascending";
    previous = m["date"];
    held = held || m["status"] == "held";
    scheduled = scheduled || m["status"] == "scheduled";
    EXPECT_TRUE(m["attendance"]["expected"].is_number()) << "counts only in the list";
    const std::string date = m["date"];
    if (date != "2020-10-20") {
      EXPECT_EQ(m["status"] == "held", date < "2020-10-20") << m.dump();
    }
  }
  EXPECT_TRUE(held && scheduled);
  ExpectError(hq.Get("/meetings?from=yesterday"), 400, "query.date");
}

TEST(WorkListApiTest, IssueCommitUpdateCompleteAndStaleVersions) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  ExpectError(hq.Post("/tasks", NewTask("", "unit", "511025-D17")), 400, "task.title");
  nlohmann::json outside = NewTask("时限越界", "unit", "511025-D17");
  outside["deadline"] = "2020-11-02";
  ExpectError(hq.Post("/tasks", outside), 400, "task.deadline_period");
  ExpectError(hq.Post("/tasks", NewTask("别县", "town", "510321100")), 404, "not_found");

  const ApiReply created = hq.Post("/tasks", NewTask("接口测试：危房复核", "unit", "511025-D17"));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  EXPECT_EQ(created.json["version"], 1);
  EXPECT_EQ(created.json["issued_on"], "2020-10-20");
  EXPECT_EQ(created.json["escalation"], "none");
  EXPECT_EQ(created.json["days_to_deadline"], 10);
  EXPECT_EQ(created.json["assignee"]["name"], "资中县住房和城乡建设局");
  EXPECT_TRUE(created.json["updates"].empty());

  const std::string base = fmt::format("/tasks/{}", id);
  ExpectError(hq.Post(base + "/commitment", {{"commitment", "按期完成"}}), 400, "request.expected_version");
  const ApiReply committed =
      hq.Post(base + "/commitment", {{"commitment", "10月30日前完成"}, {"expected_version", 1}});
  ASSERT_EQ(committed.status, 200) << committed.body;
  EXPECT_EQ(committed.json["version"], 2);
  EXPECT_EQ(committed.json["committed_on"], "2020-10-20");
  const ApiReply stale = hq.Post(base + "/commitment", {{"commitment", "改口"}, {"expected_version", 1}});
  ExpectError(stale, 409, "task.stale");
  EXPECT_EQ(hq.Get(base).json["commitment"], "10月30日前完成") << "a stale write changes nothing";

  const ApiReply progressed = hq.Post(base + "/updates", {{"date", "2020-10-20"},
                                                          {"progress", 50},
                                                          {"note", "复核过半"},
                                                          {"evidence", "复核表"},
                                                          {"expected_version", 2}});
  ASSERT_EQ(progressed.status, 200) << progressed.body;
  EXPECT_EQ(progressed.json["progress"], 50);
  ASSERT_EQ(progressed.json["updates"].size(), 1u);
  EXPECT_EQ(progressed.json["updates"][0]["by"], "县指挥部值班员");
  ExpectError(hq.Post(base + "/updates", {{"progress", 40}, {"expected_version", 3}}), 400,
              "task.progress_back");
  ExpectError(hq.Post(base + "/updates", {{"progress", 60}, {"date", "2020-10-21"}, {"expected_version", 3}}),
              400, "task.update_date");
  ExpectError(hq.Post(base + "/updates", {{"progress", "六十"}, {"expected_version", 3}}), 400,
              "task.progress");
  ExpectError(hq.Post(base + "/complete", {{"date", "2020-10-20"}, {"expected_version", 2}}), 409,
              "task.stale");
  const ApiReply done =
      hq.Post(base + "/complete", {{"date", "2020-10-20"}, {"note", "完成"}, {"expected_version", 3}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json["status"], "done");
  EXPECT_EQ(done.json["escalation"], "done");
  EXPECT_EQ(done.json["progress"], 100);
  ExpectError(hq.Post(base + "/complete", {{"expected_version", 4}}), 422, "task.done");

  // Every write is in the audit log.
  const ApiReply audit = hq.Get("/audit?page_size=20");
  ASSERT_EQ(audit.status, 200);
  std::set<std::string> actions;
  for (const auto& e : audit.json["items"]) {
    if (e["target"] == std::to_string(id)) actions.insert(e["action"]);
  }
  EXPECT_EQ(actions,
            (std::set<std::string>{"tasks.create", "tasks.commitment", "tasks.progress", "tasks.complete"}));
}

TEST(WorkListApiTest, ATownCommanderSeesAndUpdatesOnlyTheTownsTasks) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  ApiClient town = server.Login("town");
  const ApiReply mine = hq.Post("/tasks", NewTask("接口测试：高楼镇查漏补缺", "town", "511025124"));
  ASSERT_EQ(mine.status, 201) << mine.body;
  const ApiReply county = hq.Post("/tasks", NewTask("接口测试：县级部门任务", "unit", "511025-D10"));
  ASSERT_EQ(county.status, 201) << county.body;

  const ApiReply list = town.Get("/tasks?page_size=500");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_FALSE(list.json["items"].empty());
  for (const auto& t : list.json["items"]) {
    EXPECT_EQ(t["region"].get<std::string>().substr(0, 9), "511025124") << t.dump();
  }
  const ApiReply summary = town.Get("/tasks/summary/511025124");
  ASSERT_EQ(summary.status, 200);
  EXPECT_EQ(summary.json["total"], list.json["total"]);
  ExpectError(town.Get("/tasks/summary/511025"), 404, "not_found");
  ExpectError(town.Get("/tasks?region=511025100"), 404, "not_found");
  ExpectError(town.Get(fmt::format("/tasks/{}", county.json["id"].get<int64_t>())), 404, "not_found");
  ExpectError(town.Post(fmt::format("/tasks/{}/updates", county.json["id"].get<int64_t>()),
                        {{"progress", 10}, {"expected_version", 1}}),
              404, "not_found");
  ExpectError(town.Post("/tasks", NewTask("镇自己下达", "town", "511025124")), 403, "permission");

  const ApiReply updated = town.Post(fmt::format("/tasks/{}/updates", mine.json["id"].get<int64_t>()),
                                     {{"progress", 30}, {"note", "已排查3个村"}, {"expected_version", 1}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["updates"][0]["by"], "战区指挥员");
  ApiClient org = server.Login("org");
  EXPECT_EQ(org.Post(fmt::format("/tasks/{}/commitment", county.json["id"].get<int64_t>()),
                     {{"commitment", "组织部督促"}, {"expected_version", 1}})
                .status,
            200);
  ApiClient viewer = server.Login("viewer");
  ExpectError(viewer.Post(fmt::format("/tasks/{}/updates", mine.json["id"].get<int64_t>()),
                          {{"progress", 40}, {"expected_version", 2}}),
              403, "permission");
  ApiClient cadre = server.Login("cadre");
  ExpectError(cadre.Get(fmt::format("/tasks/{}", mine.json["id"].get<int64_t>())), 404, "not_found");

  const ApiReply meetings = town.Get("/meetings?page_size=500");
  ASSERT_EQ(meetings.status, 200);
  ASSERT_FALSE(meetings.json["items"].empty());
  for (const auto& m : meetings.json["items"]) {
    EXPECT_EQ(m["region"]["code"], "511025124000") << "only the town's war zone meetings";
  }
  const std::string county_meeting =
      QueryOne(server.db(), "SELECT id FROM meetings WHERE region = 511025000000 ORDER BY id LIMIT 1");
  ExpectError(town.Get("/meetings/" + county_meeting), 404, "not_found");
  EXPECT_EQ(hq.Get("/meetings/" + county_meeting).status, 200);
}

TEST(WorkListApiTest, RecordingAMeetingCreatesItsTasksInOneTransaction) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const std::string id = QueryOne(
      server.db(),
      "SELECT id FROM meetings WHERE kind = 'daily' AND date = '2020-10-20' AND status = 'scheduled'");
  ASSERT_FALSE(id.empty());
  const ApiReply before = hq.Get("/meetings/" + id);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json["status"], "scheduled");
  const nlohmann::json expected = before.json["attendance"]["expected"];
  ASSERT_GE(expected.size(), 3u);
  nlohmann::json present = nlohmann::json::array();
  for (size_t i = 1; i < expected.size(); ++i) present.push_back(expected[i]["cadre_id"]);
  const nlohmann::json task = {
      {"title", "例会交办：饮水安全复查"}, {"assignee_type", "unit"}, {"assignee_id", "511025-D19"},
      {"deadline", "2020-10-27"},          {"period_kind", "month"},  {"period", "2020-10"}};
  nlohmann::json bad_task = task;
  bad_task["assignee_id"] = "511025-NONE";
  nlohmann::json body = {
      {"agenda", "通报进展；研究饮水安全"},
      {"present", present},
      {"minutes", "会议要求逐户复查"},
      {"decisions", {{{"text", "各战区本周完成复查"}}, {{"text", "水利局牵头复查"}, {"task", bad_task}}}},
      {"expected_version", 1}};
  ExpectError(hq.Post("/meetings/" + id + "/record", body), 400, "task.assignee_unknown");
  EXPECT_EQ(hq.Get("/meetings/" + id).json["status"], "scheduled") << "a refused decision leaves nothing";
  EXPECT_EQ(QueryOne(server.db(), "SELECT COUNT(*) FROM tasks WHERE source_meeting_id = " + id), "0");

  body["decisions"][1]["task"] = task;
  body["expected_version"] = 0;
  ExpectError(hq.Post("/meetings/" + id + "/record", body), 409, "meeting.stale");
  body["expected_version"] = 1;
  const ApiReply held = hq.Post("/meetings/" + id + "/record", body);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.json["status"], "held");
  EXPECT_EQ(held.json["version"], 2);
  ASSERT_EQ(held.json["attendance"]["absent"].size(), 1u);
  EXPECT_EQ(held.json["attendance"]["absent"][0]["cadre_id"], expected[0]["cadre_id"]);
  ASSERT_EQ(held.json["decisions"].size(), 2u);
  EXPECT_TRUE(held.json["decisions"][0]["task_id"].is_null());
  const int64_t task_id = held.json["decisions"][1]["task_id"];
  const ApiReply created = hq.Get(fmt::format("/tasks/{}", task_id));
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["source_meeting_id"], std::stoll(id));
  EXPECT_EQ(created.json["issued_on"], "2020-10-20");
  EXPECT_EQ(created.json["campaign_id"], "511025-2020-100d");
  ExpectError(hq.Post("/meetings/" + id + "/record", body), 422, "meeting.already_held");

  const std::string future =
      QueryOne(server.db(), "SELECT id FROM meetings WHERE kind = 'daily' AND date = '2020-10-21'");
  body["decisions"] = nlohmann::json::array();
  ExpectError(hq.Post("/meetings/" + future + "/record", body), 422, "meeting.future");

  // A town commander records the town's meeting and may assign only within the town.
  ApiClient town = server.Login("town");
  const std::string zone =
      QueryOne(server.db(),
               "SELECT id FROM meetings WHERE region = 511025124000 AND status = 'scheduled' AND "
               "date <= '2020-10-20' ORDER BY date DESC LIMIT 1");
  ASSERT_FALSE(zone.empty());
  nlohmann::json town_body = {{"agenda", "各村汇报"},
                              {"present", nlohmann::json::array()},
                              {"minutes", ""},
                              {"decisions", {{{"text", "交县水利局"}, {"task", task}}}},
                              {"expected_version", 1}};
  ExpectError(town.Post("/meetings/" + zone + "/record", town_body), 400, "meeting.task_outside");
  town_body["decisions"][0]["task"]["assignee_type"] = "town";
  town_body["decisions"][0]["task"]["assignee_id"] = "511025124";
  const ApiReply zone_held = town.Post("/meetings/" + zone + "/record", town_body);
  ASSERT_EQ(zone_held.status, 200) << zone_held.body;
  EXPECT_EQ(zone_held.json["recorded_by"], "战区指挥员");
  ExpectError(town.Post("/meetings/" + future + "/record", town_body), 404, "not_found");
  ApiClient org = server.Login("org");
  ExpectError(org.Post("/meetings/" + future + "/record", body), 403, "permission");
}

}  // namespace
}  // namespace fupin::testing
