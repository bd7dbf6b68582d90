// Every role × every route × a record inside and outside the role's scope, against
// the real server. The expectations restate docs/api.md's role table independently
// of the server's code; a route the table does not know fails the test.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

enum class Perm {
  kNone,
  kRead,
  kExport,
  kStart,
  kVillageStep,
  kCountyStep,
  kMonitor,
  kAudit,
  kUsers,
  kReassign,
  kManageTasks,
  kUpdateTask,
  kRecordMeeting,
  kLogVisit,
};

// docs/api.md, "Roles".
bool Has(const std::string& role, Perm p) {
  static const std::map<std::string, std::set<Perm>> table = {
      {"admin",
       {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kCountyStep, Perm::kMonitor,
        Perm::kAudit, Perm::kUsers, Perm::kReassign, Perm::kManageTasks, Perm::kUpdateTask,
        Perm::kRecordMeeting}},
      {"hq",
       {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kCountyStep, Perm::kMonitor,
        Perm::kAudit, Perm::kReassign, Perm::kManageTasks, Perm::kUpdateTask, Perm::kRecordMeeting}},
      {"org", {Perm::kRead, Perm::kReassign, Perm::kUpdateTask}},
      {"town",
       {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kMonitor, Perm::kUpdateTask,
        Perm::kRecordMeeting}},
      {"village", {Perm::kRead, Perm::kStart, Perm::kVillageStep, Perm::kMonitor}},
      {"cadre", {Perm::kRead, Perm::kLogVisit}},
      {"supervisor", {Perm::kRead}},
      {"discipline", {Perm::kRead, Perm::kExport, Perm::kAudit}},
      {"viewer", {Perm::kRead}},
  };
  return p == Perm::kNone || table.at(role).contains(p);
}

struct Targets {
  std::string household_in, household_out;
  std::string region_in, region_out;
  std::string procedure_in, procedure_out;
  std::string cadre_in = {},
              cadre_out = {};  // the responsible cadres of household_in and of a household in another county
  std::string task_in = {}, task_out = {};        // an open task of the town 511025124, one outside the scope
  std::string meeting_in = {}, meeting_out = {};  // a scheduled meeting of that town's war zone, one outside
  std::string visit_in = {}, visit_out = {};  // visits of household_in / household_out, each with the photo
  std::string photo = {};                     // the sha256 of that photo
};

// Tasks and meetings are scoped by a town or the county: a role whose scope is a
// village sees none, even its own town's (docs/api.md, "Roles").
const std::set<std::string> kSeesNoTasks = {"village", "cadre"};

struct Case {
  std::string method;
  std::string path;  // as in the OpenAPI document
  Perm perm;
  bool scoped;
  int allowed_status;  // what an allowed request gets (some send a body that is refused after the checks)
  std::function<std::string(const Targets&, bool inside)> url;
  nlohmann::json body = nlohmann::json::object();
  bool cadre_denied = false;  // a responsible cadre may not read it even in scope
  bool town_scoped = false;   // a task or meeting: outside the scope of village-level roles even "inside"
  std::function<nlohmann::json(const Targets&, bool inside)> body_of = nullptr;  // instead of `body`
};

TEST(AuthorizationMatrixTest, EveryRoleEveryRouteInsideAndOutsideScope) {
  auto& server = DemoServer::Get();
  const std::string db = server.db().string();
  const std::string village = "511025124229";
  // The in-scope household is a poor one of the village; the demo cadre account is made
  // its responsible cadre so that one household serves every role.
  const std::string exit_target =
      server.Household(fmt::format("village = {} AND status IN ('poor','returned')", village));
  ASSERT_FALSE(exit_target.empty());
  const std::string cadre_phone =
      QueryOne(db, fmt::format("SELECT cadre_phone FROM households WHERE id = '{}'", exit_target));
  ExecSql(db, fmt::format("UPDATE users SET cadre_phone = '{}' WHERE username = 'cadre'", cadre_phone));
  const std::string same_village_other_cadre =
      server.Household(fmt::format("village = {} AND cadre_phone <> '{}'", village, cadre_phone));
  const std::string other_village_same_town = server.Household("village = 511025124201");
  const std::string other_town =
      server.Household("village / 1000 <> 511025124 AND village / 1000000 = 511025");
  const std::string other_county = server.Household("village / 1000000 = 510321");
  ASSERT_FALSE(other_county.empty());

  // Procedures for the step routes: one in scope, one in another county.
  RunResult started = RunFupin({"procedure", "start", "exit", exit_target, "--date", "2020-06-01",
                                "--override-reason", "矩阵测试", "--db", db, "--json"});
  ASSERT_EQ(started.exit_code, 0) << started.out << started.err;
  RunResult other =
      RunFupin({"procedure", "start", "return", other_county, "--date", "2020-06-01", "--db", db, "--json"});
  ASSERT_EQ(other.exit_code, 0) << other.out << other.err;
  const std::string pid_in =
      QueryOne(db, fmt::format("SELECT id FROM procedures WHERE subject = '{}'", exit_target));
  const std::string pid_out =
      QueryOne(db, fmt::format("SELECT id FROM procedures WHERE subject = '{}'", other_county));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the server notices the CLI's writes

  // Work lists and meetings: the demo town 511025124's own, another town's, another
  // county's (a task issued from the CLI, a meeting written directly).
  const std::string task_in =
      QueryOne(db,
               "SELECT id FROM tasks WHERE region = 511025124000 AND status = 'open' AND "
               "progress < 90 ORDER BY id LIMIT 1");
  const std::string task_other_town =
      QueryOne(db,
               "SELECT id FROM tasks WHERE region / 1000000 = 511025 AND region % 1000000 <> 0 AND region <> "
               "511025124000 AND status = 'open' AND progress < 90 ORDER BY id LIMIT 1");
  RunResult rong_task = RunFupin({"tasks", "add", "--title", "矩阵测试：荣县任务", "--assignee-type", "town",
                                  "--assignee", "510321100", "--period-kind", "month", "--period", "2020-10",
                                  "--deadline", "2020-10-30", "--db", db, "--json"});
  ASSERT_EQ(rong_task.exit_code, 0) << rong_task.out << rong_task.err;
  const std::string task_other_county =
      std::to_string(nlohmann::json::parse(rong_task.out)["id"].get<int64_t>());
  ExecSql(
      db,
      "INSERT INTO meeting_cadences(kind, name, region, campaign_id, date_from, date_to, weekday, attendees, "
      "version, updated_at) VALUES ('daily', '荣县每日例会', 510321000000, '', '2020-10-30', '2020-10-30', "
      "0, '', "
      "1, '2020-10-01T00:00:00Z')");
  ExecSql(
      db,
      "INSERT INTO meetings(cadence_id, kind, title, date, region, status, agenda, minutes, recorded_by, "
      "version, updated_at) SELECT MAX(id), 'daily', '荣县每日例会（第1次）', '2020-10-30', 510321000000, "
      "'scheduled', '', '', '', 1, '2020-10-01T00:00:00Z' FROM meeting_cadences");
  const std::string meeting_in = QueryOne(db,
                                          "SELECT id FROM meetings WHERE region = 511025124000 AND status = "
                                          "'scheduled' AND date > '2020-10-20' ORDER BY date LIMIT 1");
  const std::string meeting_county =
      QueryOne(db,
               "SELECT id FROM meetings WHERE region = 511025000000 AND status = "
               "'scheduled' AND date > '2020-10-20' ORDER BY date LIMIT 1");
  const std::string meeting_other_county =
      QueryOne(db, "SELECT id FROM meetings WHERE region = 510321000000");
  for (const auto* id : {&task_in, &task_other_town, &meeting_in, &meeting_county, &meeting_other_county}) {
    ASSERT_FALSE(id->empty());
  }

  // Cadres: the one responsible for the in-scope household, and Rong County's one
  // household gets a cadre of a Rong unit, outside every demo account's scope.
  const std::string cadre_in =
      QueryOne(db, fmt::format("SELECT cadre_id FROM assignments WHERE kind = 'household_cadre' AND target = "
                               "'{}' AND date_to = ''",
                               exit_target));
  ExecSql(db,
          "INSERT INTO units VALUES ('510321-MATRIX', '荣县矩阵测试局', 'county_department', 510321000000, "
          "1, '')");
  ExecSql(db,
          "INSERT INTO cadres VALUES ('510321-MATRIX-1', '荣县干部', '510321-MATRIX', '科员', 'other', 0, "
          "'13900000000', '2016-01-01', '', 1, '')");
  ExecSql(db,
          fmt::format(
              "INSERT INTO assignments(kind, target, region, cadre_id, unit_id, date_from, date_to, note, "
              "end_note) SELECT 'household_cadre', id, village, '510321-MATRIX-1', NULL, '2019-01-01', '', "
              "'', '' FROM households WHERE id = '{}'",
              other_county));
  const std::string cadre_out = "510321-MATRIX-1";
  ASSERT_FALSE(cadre_in.empty());
  // Visits: the cadre logs one to the in-scope household and adds a photo; every
  // household outside gets a visit with the same photo (by SQL where the demo made none).
  std::string visit_in, photo_sha;
  std::map<std::string, std::string> visit_out;  // by household
  {
    ApiClient cadre = server.Login("cadre");
    const ApiReply logged = cadre.Post("/visits", {{"client_id", "0a7e1000-0000-4000-8000-000000000001"},
                                                   {"household_id", exit_target},
                                                   {"date", "2020-10-20"},
                                                   {"time", "09:00"},
                                                   {"kind", "home_visit"}});
    ASSERT_TRUE(logged.status == 201 || logged.status == 200) << logged.body;
    const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "matrix";
    const ApiReply photo = cadre.PostBytes(
        fmt::format("/visits/{}/photos", logged.json["visit"]["id"].get<int64_t>()), png, "image/png");
    ASSERT_TRUE(photo.status == 201 || photo.status == 200) << photo.body;
    const std::string sha = photo.json["sha256"];
    const std::string cadre_id = logged.json["visit"]["cadre"]["id"];
    const auto visit_of = [&](const std::string& household) {
      std::string id = QueryOne(
          db, fmt::format("SELECT id FROM visits WHERE household_id = '{}' ORDER BY id LIMIT 1", household));
      if (id.empty()) {
        ExecSql(db, fmt::format(
                        "INSERT INTO visits(client_id, household_id, village, cadre_id, date, time, kind, "
                        "measures, notes, recorded_at, recorded_by) VALUES ('0a7e1000-0000-4000-8000-{}', "
                        "'{}', {}, '{}', '2020-10-19', '10:00', 'other', '[]', '', '2020-10-19T02:00:00Z', "
                        "'test')",
                        household.substr(4, 12), household, household.substr(0, 12), cadre_id));
        id = QueryOne(db, fmt::format("SELECT id FROM visits WHERE household_id = '{}'", household));
      }
      ExecSql(db, fmt::format(
                      "INSERT OR IGNORE INTO visit_photos(visit_id, sha256, type, size, added_at, added_by) "
                      "VALUES ({}, '{}', 'image/png', {}, '2020-10-19T02:00:00Z', 'test')",
                      id, sha, png.size()));
      return id;
    };
    visit_in = logged.json["visit"]["id"].dump();
    photo_sha = sha;
    for (const std::string& h :
         {same_village_other_cadre, other_village_same_town, other_town, other_county}) {
      visit_out[h] = visit_of(h);
    }
  }
  std::map<std::string, Targets> targets = {
      {"admin", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"hq", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"org", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"supervisor", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"discipline", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"viewer", {exit_target, other_county, "511025", "510321", pid_in, pid_out}},
      {"town", {exit_target, other_town, "511025124", "511025100", pid_in, pid_out}},
      {"village", {exit_target, other_village_same_town, village, "511025124201", pid_in, pid_out}},
      {"cadre", {exit_target, same_village_other_cadre, village, "511025124201", pid_in, pid_out}},
  };
  for (auto& [role, t] : targets) t.cadre_in = cadre_in, t.cadre_out = cadre_out;
  for (auto& [role, t] : targets) {
    const bool county = role != "town" && role != "village" && role != "cadre";
    t.task_in = task_in;
    t.task_out = county ? task_other_county : task_other_town;
    t.meeting_in = meeting_in;
    t.meeting_out = county ? meeting_other_county : meeting_county;
    t.visit_in = visit_in;
    t.visit_out = visit_out.at(t.household_out);
    t.photo = photo_sha;
  }
  const int viewer_id = std::stoi(QueryOne(db, "SELECT id FROM users WHERE username = 'viewer'"));
  auto fixed = [](const std::string& url) { return [url](const Targets&, bool) { return url; }; };
  const std::vector<Case> cases = {
      {"GET", "/health", Perm::kNone, false, 200, fixed("/health")},
      {"GET", "/openapi.json", Perm::kNone, false, 200, fixed("/openapi.json")},
      {"POST", "/auth/login", Perm::kNone, false, 400, fixed("/auth/login")},
      {"GET", "/auth/me", Perm::kNone, false, 200, fixed("/auth/me")},
      {"POST",
       "/auth/password",
       Perm::kNone,
       false,
       400,
       fixed("/auth/password"),
       {{"old_password", "wrong"}, {"new_password", "x"}}},
      {"GET", "/regions/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/regions/" + (in ? t.region_in : t.region_out); }},
      {"GET", "/households", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/households?page_size=5&region=" + (in ? t.region_in : t.region_out);
       }},
      {"GET", "/households/export.xlsx", Perm::kExport, true, 200,
       [](const Targets& t, bool in) {
         return "/households/export.xlsx?status=returned&region=" + (in ? t.region_in : t.region_out);
       }},
      {"GET", "/households/{id}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out); }},
      {"PATCH",
       "/households/{id}",
       Perm::kVillageStep,
       true,
       400,
       [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out); },
       {{"phone", "13800000000"}}},
      {"POST",
       "/households/{id}/procedures",
       Perm::kStart,
       true,
       400,
       [](const Targets& t, bool in) {
         return "/households/" + (in ? t.household_in : t.household_out) + "/procedures";
       },
       {{"kind", "no-such-kind"}}},
      {"POST",
       "/households/{id}/monitoring",
       Perm::kMonitor,
       true,
       400,
       [](const Targets& t, bool in) {
         return "/households/" + (in ? t.household_in : t.household_out) + "/monitoring";
       },
       {{"category", "bad"}}},
      {"GET", "/procedures/{pid}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/procedures/" + (in ? t.procedure_in : t.procedure_out); }},
      {"POST",
       "/procedures/{pid}/steps",
       Perm::kVillageStep,
       true,
       400,
       [](const Targets& t, bool in) {
         return "/procedures/" + (in ? t.procedure_in : t.procedure_out) + "/steps";
       },
       {{"step", "democratic_review"}, {"date", "not-a-date"}}},
      {"POST",
       "/procedures/{pid}/reject",
       Perm::kVillageStep,
       true,
       400,
       [](const Targets& t, bool in) {
         return "/procedures/" + (in ? t.procedure_in : t.procedure_out) + "/reject";
       },
       {{"date", "not-a-date"}}},
      {"GET", "/indicators/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/indicators/" + (in ? t.region_in : t.region_out); },
       nlohmann::json::object(), true},
      {"GET", "/indicators/{code}/exits", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/indicators/" + (in ? t.region_in : t.region_out) + "/exits";
       },
       nlohmann::json::object(), true},
      {"GET", "/alerts/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/alerts/" + (in ? t.region_in : t.region_out) + "?kind=eligible";
       }},
      {"GET", "/audit", Perm::kAudit, false, 200, fixed("/audit?page_size=5")},
      {"GET", "/audit/verify", Perm::kAudit, false, 200, fixed("/audit/verify")},
      {"GET", "/users", Perm::kUsers, false, 200, fixed("/users")},
      {"POST", "/users", Perm::kUsers, false, 400, fixed("/users"), {{"username", ""}}},
      {"POST",
       "/users/{id}/disable",
       Perm::kUsers,
       false,
       409,
       fixed(fmt::format("/users/{}/disable", viewer_id)),
       {{"expected_version", -1}}},
      {"GET", "/coverage/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/coverage/" + (in ? t.region_in : t.region_out); },
       nlohmann::json::object(), true},
      {"GET", "/structure/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/structure/" + (in ? t.region_in : t.region_out); },
       nlohmann::json::object(), true},
      {"GET", "/cadres", Perm::kRead, false, 200, fixed("/cadres?page_size=5"), nlohmann::json::object(),
       true},
      {"GET", "/cadres/{id}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/cadres/" + (in ? t.cadre_in : t.cadre_out); },
       nlohmann::json::object(), true},
      {"POST",
       "/cadres/{id}/reassign",
       Perm::kReassign,
       true,
       400,
       [](const Targets& t, bool in) { return "/cadres/" + (in ? t.cadre_in : t.cadre_out) + "/reassign"; },
       {{"date", "not-a-date"}}},
      {"GET", "/campaigns", Perm::kRead, false, 200, fixed("/campaigns")},
      {"POST",
       "/users/{id}/reset-password",
       Perm::kUsers,
       false,
       400,
       fixed(fmt::format("/users/{}/reset-password", viewer_id)),
       {{"password", "weak"}}},
      {"GET", "/tasks", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/tasks?page_size=5&region=" + (in ? t.region_in : t.region_out);
       }},
      {"GET", "/tasks/summary/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/tasks/summary/" + (in ? t.region_in : t.region_out); }},
      {"GET", "/tasks/{id}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/tasks/" + (in ? t.task_in : t.task_out); },
       nlohmann::json::object(), false, true},
      {"POST", "/tasks", Perm::kManageTasks, false, 400, fixed("/tasks"), {{"title", ""}}},
      {"POST",
       "/tasks/{id}/commitment",
       Perm::kUpdateTask,
       true,
       409,
       [](const Targets& t, bool in) { return "/tasks/" + (in ? t.task_in : t.task_out) + "/commitment"; },
       {{"commitment", "矩阵测试"}, {"expected_version", -1}},
       false,
       true},
      {"POST",
       "/tasks/{id}/updates",
       Perm::kUpdateTask,
       true,
       409,
       [](const Targets& t, bool in) { return "/tasks/" + (in ? t.task_in : t.task_out) + "/updates"; },
       {{"date", "2020-10-20"}, {"progress", 95}, {"expected_version", -1}},
       false,
       true},
      {"POST",
       "/tasks/{id}/complete",
       Perm::kUpdateTask,
       true,
       409,
       [](const Targets& t, bool in) { return "/tasks/" + (in ? t.task_in : t.task_out) + "/complete"; },
       {{"date", "2020-10-20"}, {"expected_version", -1}},
       false,
       true},
      {"GET", "/meetings", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/meetings?page_size=5&region=" + (in ? t.region_in : t.region_out);
       }},
      {"GET", "/meetings/{id}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/meetings/" + (in ? t.meeting_in : t.meeting_out); },
       nlohmann::json::object(), false, true},
      {"GET", "/meeting-cadences", Perm::kRead, false, 200, fixed("/meeting-cadences")},
      {"POST",
       "/meetings/{id}/record",
       Perm::kRecordMeeting,
       true,
       422,
       [](const Targets& t, bool in) {
         return "/meetings/" + (in ? t.meeting_in : t.meeting_out) + "/record";
       },
       {{"agenda", "矩阵测试"}, {"expected_version", 1}},
       false,
       true},
      {"POST",
       "/visits",
       Perm::kLogVisit,
       true,
       400,
       fixed("/visits"),
       {},
       false,
       false,
       [](const Targets& t, bool in) {
         return nlohmann::json{{"client_id", "0a7e1000-0000-4000-8000-0000000000ff"},
                               {"household_id", in ? t.household_in : t.household_out},
                               {"date", "2020-10-20"},
                               {"time", "09:00"},
                               {"kind", "no-such-kind"}};
       }},
      {"GET", "/households/{id}/visits", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/households/" + (in ? t.household_in : t.household_out) + "/visits";
       }},
      {"POST", "/visits/{vid}/photos", Perm::kLogVisit, true, 400,
       [](const Targets& t, bool in) { return "/visits/" + (in ? t.visit_in : t.visit_out) + "/photos"; }},
      {"GET", "/visits/{vid}/photos/{sha256}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) {
         return "/visits/" + (in ? t.visit_in : t.visit_out) + "/photos/" + t.photo;
       }},
      {"GET", "/me/households", Perm::kLogVisit, false, 200, fixed("/me/households")},
      {"GET", "/compliance/{code}", Perm::kRead, true, 200,
       [](const Targets& t, bool in) { return "/compliance/" + (in ? t.region_in : t.region_out); },
       nlohmann::json::object(), true},
  };

  // The table covers exactly the documented routes.
  const auto doc = server.RawGet("/openapi.json").json;
  std::set<std::string> documented, tested;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(m + " " + path);
    }
  }
  for (const auto& c : cases) tested.insert(c.method + " " + c.path);
  tested.insert("POST /auth/logout");  // exercised last, below
  EXPECT_EQ(documented, tested) << "every route must be in the matrix";

  for (const auto& [role, t] : targets) {
    ApiClient client = server.Login(role);
    for (const auto& c : cases) {
      for (bool inside : {true, false}) {
        if (!c.scoped && !inside) continue;
        int expected = c.allowed_status;
        if (!Has(role, c.perm))
          expected = 403;
        else if (c.scoped && !inside)
          expected = 404;
        else if (c.cadre_denied && role == "cadre")
          expected = 403;
        if (c.cadre_denied && role == "cadre" && !inside) expected = 404;
        if (c.town_scoped && kSeesNoTasks.contains(role) && Has(role, c.perm)) expected = 404;
        const std::string url = c.url(t, inside);
        const ApiReply r = c.method == "GET" ? client.Get(url)
                           : c.method == "PATCH"
                               ? client.Patch(url, c.body)
                               : client.Post(url, c.body_of ? c.body_of(t, inside) : c.body);
        EXPECT_EQ(r.status, expected)
            << role << " " << c.method << " " << url << (inside ? " (inside)" : " (outside)") << ": "
            << r.body.substr(0, 300);
        if (expected == 404 && r.status == 404) {
          EXPECT_EQ(r.body.find("\"members\""), std::string::npos) << "a 404 carries no record data";
        }
      }
    }
    EXPECT_EQ(client.Post("/auth/logout", nlohmann::json::object()).status, 200) << role;
  }
}

}  // namespace
}  // namespace fupin::testing
