// Every role × every route × a record inside and outside the role's scope, against
// the real server. The expectations restate docs/api.md's role table independently
// of the server's code; a route the table does not know fails the test.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

enum class Perm { kNone, kRead, kExport, kStart, kVillageStep, kCountyStep, kMonitor, kAudit, kUsers, kReassign, kLogVisit };

// docs/api.md, "Roles".
bool Has(const std::string& role, Perm p) {
  static const std::map<std::string, std::set<Perm>> table = {
      {"admin", {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kCountyStep, Perm::kMonitor,
                 Perm::kAudit, Perm::kUsers, Perm::kReassign}},
      {"hq", {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kCountyStep, Perm::kMonitor, Perm::kAudit,
              Perm::kReassign}},
      {"org", {Perm::kRead, Perm::kReassign}},
      {"town", {Perm::kRead, Perm::kExport, Perm::kStart, Perm::kVillageStep, Perm::kMonitor}},
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
  std::string cadre_in = {}, cadre_out = {};  // the responsible cadres of household_in and of a household in another county
  std::string visit_in = {}, visit_out = {};  // visits of household_in / household_out, each with the photo
  std::string photo = {};                     // the sha256 of that photo
};

struct Case {
  std::string method;
  std::string path;  // as in the OpenAPI document
  Perm perm;
  bool scoped;
  int allowed_status;  // what an allowed request gets (some send a body that is refused after the checks)
  std::function<std::string(const Targets&, bool inside)> url;
  nlohmann::json body = nlohmann::json::object();
  bool cadre_denied = false;  // a responsible cadre may not read it even in scope
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
  const std::string other_town = server.Household("village / 1000 <> 511025124 AND village / 1000000 = 511025");
  const std::string other_county = server.Household("village / 1000000 = 510321");
  ASSERT_FALSE(other_county.empty());

  // Procedures for the step routes: one in scope, one in another county.
  RunResult started = RunFupin({"procedure", "start", "exit", exit_target, "--date", "2020-06-01", "--override-reason",
                                "矩阵测试", "--db", db, "--json"});
  ASSERT_EQ(started.exit_code, 0) << started.out << started.err;
  RunResult other = RunFupin({"procedure", "start", "return", other_county, "--date", "2020-06-01", "--db", db, "--json"});
  ASSERT_EQ(other.exit_code, 0) << other.out << other.err;
  const std::string pid_in = QueryOne(db, fmt::format("SELECT id FROM procedures WHERE subject = '{}'", exit_target));
  const std::string pid_out = QueryOne(db, fmt::format("SELECT id FROM procedures WHERE subject = '{}'", other_county));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the server notices the CLI's writes

  // Cadres: the one responsible for the in-scope household, and Rong County's one
  // household gets a cadre of a Rong unit, outside every demo account's scope.
  const std::string cadre_in = QueryOne(
      db, fmt::format("SELECT cadre_id FROM assignments WHERE kind = 'household_cadre' AND target = '{}' AND date_to = ''",
                      exit_target));
  ExecSql(db, "INSERT INTO units VALUES ('510321-MATRIX', '荣县矩阵测试局', 'county_department', 510321000000, 1, '')");
  ExecSql(db, "INSERT INTO cadres VALUES ('510321-MATRIX-1', '荣县干部', '510321-MATRIX', '科员', 'other', 0, "
              "'13900000000', '2016-01-01', '', 1, '')");
  ExecSql(db, fmt::format("INSERT INTO assignments(kind, target, region, cadre_id, unit_id, date_from, date_to, note, "
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
    const ApiReply photo = cadre.PostBytes(fmt::format("/visits/{}/photos", logged.json["visit"]["id"].get<int64_t>()),
                                           png, "image/png");
    ASSERT_TRUE(photo.status == 201 || photo.status == 200) << photo.body;
    const std::string sha = photo.json["sha256"];
    const std::string cadre_id = logged.json["visit"]["cadre"]["id"];
    const auto visit_of = [&](const std::string& household) {
      std::string id = QueryOne(db, fmt::format("SELECT id FROM visits WHERE household_id = '{}' ORDER BY id LIMIT 1",
                                                household));
      if (id.empty()) {
        ExecSql(db, fmt::format("INSERT INTO visits(client_id, household_id, village, cadre_id, date, time, kind, "
                                "measures, notes, recorded_at, recorded_by) VALUES ('0a7e1000-0000-4000-8000-{}', "
                                "'{}', {}, '{}', '2020-10-19', '10:00', 'other', '[]', '', '2020-10-19T02:00:00Z', "
                                "'test')",
                                household.substr(4, 12), household, household.substr(0, 12), cadre_id));
        id = QueryOne(db, fmt::format("SELECT id FROM visits WHERE household_id = '{}'", household));
      }
      ExecSql(db, fmt::format("INSERT OR IGNORE INTO visit_photos(visit_id, sha256, type, size, added_at, added_by) "
                              "VALUES ({}, '{}', 'image/png', {}, '2020-10-19T02:00:00Z', 'test')",
                              id, sha, png.size()));
      return id;
    };
    visit_in = logged.json["visit"]["id"].dump();
    photo_sha = sha;
    for (const std::string& h : {same_village_other_cadre, other_village_same_town, other_town, other_county}) {
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
  for (auto& [role, t] : targets) {
    t.cadre_in = cadre_in, t.cadre_out = cadre_out;
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
      {"POST", "/auth/password", Perm::kNone, false, 400, fixed("/auth/password"), {{"old_password", "wrong"}, {"new_password", "x"}}},
      {"GET", "/regions/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/regions/" + (in ? t.region_in : t.region_out); }},
      {"GET", "/households", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/households?page_size=5&region=" + (in ? t.region_in : t.region_out); }},
      {"GET", "/households/export.xlsx", Perm::kExport, true, 200, [](const Targets& t, bool in) { return "/households/export.xlsx?status=returned&region=" + (in ? t.region_in : t.region_out); }},
      {"GET", "/households/{id}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out); }},
      {"PATCH", "/households/{id}", Perm::kVillageStep, true, 400, [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out); }, {{"phone", "13800000000"}}},
      {"POST", "/households/{id}/procedures", Perm::kStart, true, 400, [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out) + "/procedures"; }, {{"kind", "no-such-kind"}}},
      {"POST", "/households/{id}/monitoring", Perm::kMonitor, true, 400, [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out) + "/monitoring"; }, {{"category", "bad"}}},
      {"GET", "/procedures/{pid}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/procedures/" + (in ? t.procedure_in : t.procedure_out); }},
      {"POST", "/procedures/{pid}/steps", Perm::kVillageStep, true, 400, [](const Targets& t, bool in) { return "/procedures/" + (in ? t.procedure_in : t.procedure_out) + "/steps"; }, {{"step", "democratic_review"}, {"date", "not-a-date"}}},
      {"POST", "/procedures/{pid}/reject", Perm::kVillageStep, true, 400, [](const Targets& t, bool in) { return "/procedures/" + (in ? t.procedure_in : t.procedure_out) + "/reject"; }, {{"date", "not-a-date"}}},
      {"GET", "/indicators/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/indicators/" + (in ? t.region_in : t.region_out); }, nlohmann::json::object(), true},
      {"GET", "/indicators/{code}/exits", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/indicators/" + (in ? t.region_in : t.region_out) + "/exits"; }, nlohmann::json::object(), true},
      {"GET", "/alerts/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/alerts/" + (in ? t.region_in : t.region_out) + "?kind=eligible"; }},
      {"GET", "/audit", Perm::kAudit, false, 200, fixed("/audit?page_size=5")},
      {"GET", "/audit/verify", Perm::kAudit, false, 200, fixed("/audit/verify")},
      {"GET", "/users", Perm::kUsers, false, 200, fixed("/users")},
      {"POST", "/users", Perm::kUsers, false, 400, fixed("/users"), {{"username", ""}}},
      {"POST", "/users/{id}/disable", Perm::kUsers, false, 409, fixed(fmt::format("/users/{}/disable", viewer_id)), {{"expected_version", -1}}},
      {"GET", "/coverage/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/coverage/" + (in ? t.region_in : t.region_out); }, nlohmann::json::object(), true},
      {"GET", "/structure/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/structure/" + (in ? t.region_in : t.region_out); }, nlohmann::json::object(), true},
      {"GET", "/cadres", Perm::kRead, false, 200, fixed("/cadres?page_size=5"), nlohmann::json::object(), true},
      {"GET", "/cadres/{id}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/cadres/" + (in ? t.cadre_in : t.cadre_out); }, nlohmann::json::object(), true},
      {"POST", "/cadres/{id}/reassign", Perm::kReassign, true, 400, [](const Targets& t, bool in) { return "/cadres/" + (in ? t.cadre_in : t.cadre_out) + "/reassign"; }, {{"date", "not-a-date"}}},
      {"GET", "/campaigns", Perm::kRead, false, 200, fixed("/campaigns")},
      {"POST", "/users/{id}/reset-password", Perm::kUsers, false, 400, fixed(fmt::format("/users/{}/reset-password", viewer_id)), {{"password", "weak"}}},
      {"POST", "/visits", Perm::kLogVisit, true, 400, fixed("/visits"), {}, false, [](const Targets& t, bool in) {
         return nlohmann::json{{"client_id", "0a7e1000-0000-4000-8000-0000000000ff"}, {"household_id", in ? t.household_in : t.household_out},
                               {"date", "2020-10-20"}, {"time", "09:00"}, {"kind", "no-such-kind"}}; }},
      {"GET", "/households/{id}/visits", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/households/" + (in ? t.household_in : t.household_out) + "/visits"; }},
      {"POST", "/visits/{vid}/photos", Perm::kLogVisit, true, 400, [](const Targets& t, bool in) { return "/visits/" + (in ? t.visit_in : t.visit_out) + "/photos"; }},
      {"GET", "/visits/{vid}/photos/{sha256}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/visits/" + (in ? t.visit_in : t.visit_out) + "/photos/" + t.photo; }},
      {"GET", "/me/households", Perm::kLogVisit, false, 200, fixed("/me/households")},
      {"GET", "/compliance/{code}", Perm::kRead, true, 200, [](const Targets& t, bool in) { return "/compliance/" + (in ? t.region_in : t.region_out); }, nlohmann::json::object(), true},
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
        if (!Has(role, c.perm)) expected = 403;
        else if (c.scoped && !inside) expected = 404;
        else if (c.cadre_denied && role == "cadre") expected = 403;
        if (c.cadre_denied && role == "cadre" && !inside) expected = 404;
        const std::string url = c.url(t, inside);
        const ApiReply r = c.method == "GET"     ? client.Get(url)
                           : c.method == "PATCH" ? client.Patch(url, c.body)
                                                 : client.Post(url, c.body_of ? c.body_of(t, inside) : c.body);
        EXPECT_EQ(r.status, expected) << role << " " << c.method << " " << url << (inside ? " (inside)" : " (outside)")
                                      << ": " << r.body.substr(0, 300);
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
