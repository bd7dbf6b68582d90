// The visit routes over real HTTP on the demo county: a responsible cadre's own
// households, logging a visit (idempotent by client_id, also across a server
// restart), who may log for which household, photos (type by content, size and
// count limits, stored once, served back), a household's visits and compliance
// changing with a new visit.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <set>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

constexpr char kVillage[] = "511025124229";  // the demo cadre's village
constexpr char kTown[] = "511025124";

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR: a small test image";

std::string Uuid(int n) {
  return fmt::format("7e57a000-0000-4000-8000-{:012d}", n);
}

class ApiVisitsTest : public ::testing::Test {
 protected:
  // The demo cadre account is linked to a cadre of the village with at least three
  // households not yet visited this cycle (so the tests below have some to visit).
  static void SetUpTestSuite() {
    auto& server = DemoServer::Get();
    const std::string db = server.db().string();
    cadre_ = new std::string(QueryOne(
        db, fmt::format(
                "SELECT a.cadre_id FROM assignments a WHERE a.kind = 'household_cadre' AND a.date_to = '' "
                "AND a.region = {} AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = a.target "
                "AND v.date >= '2020-10-19') GROUP BY a.cadre_id HAVING COUNT(*) >= 3 ORDER BY a.cadre_id "
                "LIMIT 1",
                kVillage)));
    ASSERT_FALSE(cadre_->empty());
    phone_ = new std::string(QueryOne(db, "SELECT phone FROM cadres WHERE id = '" + *cadre_ + "'"));
    ExecSql(db, "UPDATE users SET cadre_phone = '" + *phone_ + "' WHERE username = 'cadre'");
  }
  static void TearDownTestSuite() {
    delete cadre_;
    delete phone_;
  }

  static std::string Db() { return DemoServer::Get().db().string(); }
  // The cadre's households not yet visited since the current cycle began, by id.
  static std::vector<std::string> Unvisited() {
    std::vector<std::string> out;
    for (int i = 0;; ++i) {
      const std::string id = QueryOne(
          Db(), fmt::format(
                    "SELECT target FROM assignments a WHERE kind = 'household_cadre' AND date_to = '' AND "
                    "cadre_id = '{}' AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = a.target "
                    "AND v.date >= '2020-10-19') ORDER BY target LIMIT 1 OFFSET {}",
                    *cadre_, i));
      if (id.empty()) return out;
      out.push_back(id);
    }
  }
  static nlohmann::json Body(const std::string& client_id, const std::string& household,
                             const std::string& date) {
    return {{"client_id", client_id},
            {"household_id", household},
            {"date", date},
            {"time", "09:30"},
            {"kind", "home_visit"},
            {"measures", {"policy_explanation", "industry"}},
            {"problems", {{{"description", "厨房屋顶漏雨"}, {"category", "住房"}}}},
            {"notes", "宣讲政策，查看产业"},
            {"location", {{"lat", 29.7751}, {"lng", 104.8523}}}};
  }

  static std::string* cadre_;
  static std::string* phone_;
};
std::string* ApiVisitsTest::cadre_ = nullptr;
std::string* ApiVisitsTest::phone_ = nullptr;

TEST_F(ApiVisitsTest, MyHouseholdsAreExactlyTheCadresOwn) {
  auto& server = DemoServer::Get();
  const ApiReply r = server.Login("cadre").Get("/me/households");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["cadre"]["id"], *cadre_);
  EXPECT_NE(r.json["cadre"]["phone"].get<std::string>().find("****"), std::string::npos) << "masked";
  EXPECT_FALSE(r.json["cadre"]["unit"]["name"].get<std::string>().empty());
  EXPECT_EQ(r.json["today"], "2020-10-20");
  EXPECT_EQ(r.json["cycle"]["help_day"], "2020-10-19");
  EXPECT_EQ(r.json["cycle"]["end"], "2020-10-20");
  EXPECT_EQ(r.json["cycle"]["next_help_day"], "2020-11-02");
  std::set<std::string> listed, own;
  int64_t due = 0;
  for (const auto& h : r.json["items"]) {
    listed.insert(h["id"]);
    EXPECT_FALSE(h["head_name"].get<std::string>().empty());
    EXPECT_EQ(h["village"]["code"], kVillage);
    EXPECT_FALSE(h["status_zh"].get<std::string>().empty());
    EXPECT_GE(h["persons"].get<int>(), 1);
    const std::string visited = QueryOne(
        Db(),
        fmt::format("SELECT COUNT(*) FROM visits WHERE household_id = '{}' AND cadre_id = '{}' AND date >= "
                    "'2020-10-19'",
                    h["id"].get<std::string>(), *cadre_));
    EXPECT_EQ(h["visited_this_cycle"], visited != "0") << h.dump();
    due += h["visited_this_cycle"] ? 0 : 1;
  }
  for (int i = 0;; ++i) {
    const std::string id = QueryOne(
        Db(),
        fmt::format("SELECT target FROM assignments WHERE kind = 'household_cadre' AND cadre_id = '{}' AND "
                    "date_from <= '2020-10-20' AND (date_to = '' OR date_to >= '2020-10-20') ORDER BY target "
                    "LIMIT 1 OFFSET {}",
                    *cadre_, i));
    if (id.empty()) break;
    own.insert(id);
  }
  EXPECT_EQ(listed, own);
  EXPECT_EQ(r.json["due"], due);
  EXPECT_GE(due, 1);
  for (const char* role : {"hq", "town", "village", "admin"}) {
    EXPECT_EQ(server.Login(role).Get("/me/households").status, 403) << role;
  }
}

TEST_F(ApiVisitsTest, TheSameClientIdTwiceIsOneVisit) {
  auto& server = DemoServer::Get();
  const ApiClient cadre = server.Login("cadre");
  const auto households = Unvisited();
  ASSERT_FALSE(households.empty());
  const nlohmann::json body = Body(Uuid(1), households.back(), "2020-10-06");
  const ApiReply first = cadre.Post("/visits", body);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.json["duplicate"]);
  const nlohmann::json& v = first.json["visit"];
  EXPECT_EQ(v["client_id"], Uuid(1));
  EXPECT_EQ(v["household_id"], households.back());
  EXPECT_EQ(v["cadre"]["id"], *cadre_);
  EXPECT_EQ(v["kind_zh"], "入户走访");
  ASSERT_EQ(v["problems"].size(), 1u);
  EXPECT_EQ(v["problems"][0]["status"], "open");
  EXPECT_EQ(v["problems"][0]["status_zh"], "待解决");
  EXPECT_EQ(v["recorded_by"], "user:cadre");

  nlohmann::json replay = body;
  replay["notes"] = "the queue sends it again";
  const ApiReply second = cadre.Post("/visits", replay);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(second.json["duplicate"]);
  EXPECT_EQ(second.json["visit"]["id"], v["id"]);
  EXPECT_EQ(second.json["visit"]["notes"], "宣讲政策，查看产业") << "as stored";
  EXPECT_EQ(QueryOne(Db(), "SELECT COUNT(*) FROM visits WHERE client_id = '" + Uuid(1) + "'"), "1");
  EXPECT_EQ(QueryOne(Db(), fmt::format("SELECT COUNT(*) FROM problems WHERE visit_id = {}",
                                       v["id"].get<int64_t>())),
            "1");
  EXPECT_EQ(QueryOne(Db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'visits.log' AND detail LIKE '%" +
                               Uuid(1) + "%'"),
            "1")
      << "one audit entry, written with the visit";
}

// A server on its own copy of the demo database, for the restart test.
struct OwnServer {
  explicit OwnServer(const std::filesystem::path& db) {
    process = std::make_unique<FupinProcess>(
        std::vector<std::string>{"serve", "--db", db.string(), "--listen", "127.0.0.1:0", "--demo",
                                 "--rate-limit", "0", "--no-access-log"});
    if (!process->WaitForStderr("http://127.0.0.1:")) throw std::runtime_error("server did not start");
    process->WaitForStderr("/\n");
    std::smatch m;
    const std::string out = process->output();
    if (!std::regex_search(out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)")))
      throw std::runtime_error("no port");
    port = std::stoi(m[1]);
  }
  ApiReply PostAsCadre(const nlohmann::json& body) const {
    httplib::Client c("127.0.0.1", port);
    auto login =
        c.Post("/api/v1/auth/login", nlohmann::json{{"username", "cadre"}, {"password", "Demo2020"}}.dump(),
               "application/json");
    if (!login || login->status != 200) return {};
    const std::string cookie =
        login->get_header_value("Set-Cookie").substr(0, login->get_header_value("Set-Cookie").find(';'));
    const std::string csrf = nlohmann::json::parse(login->body)["csrf_token"];
    return ToReply(c.Post("/api/v1/visits", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, body.dump(),
                          "application/json"));
  }
  std::unique_ptr<FupinProcess> process;
  int port = 0;
};

TEST_F(ApiVisitsTest, AReplayAfterTheServerRestartedFindsTheStoredVisit) {
  TempDir dir;
  const auto db = dir / "restart.db";
  CopyDemoDatabase(db);
  ExecSql(db, "UPDATE users SET cadre_phone = '" + *phone_ + "' WHERE username = 'cadre'");
  const std::string household = QueryOne(
      db, "SELECT target FROM assignments WHERE kind = 'household_cadre' AND date_to = '' AND cadre_id = '" +
              *cadre_ + "' ORDER BY target LIMIT 1");
  const nlohmann::json body = Body(Uuid(2), household, "2020-10-07");
  int64_t id = 0;
  {
    OwnServer first(db);
    const ApiReply r = first.PostAsCadre(body);
    ASSERT_EQ(r.status, 201) << r.body;
    id = r.json["visit"]["id"];
    first.process->Kill(SIGTERM);
  }
  OwnServer second(db);
  const ApiReply again = second.PostAsCadre(body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json["duplicate"]);
  EXPECT_EQ(again.json["visit"]["id"], id);
  EXPECT_EQ(QueryOne(db, "SELECT COUNT(*) FROM visits WHERE client_id = '" + Uuid(2) + "'"), "1");
}

TEST_F(ApiVisitsTest, OnlyTheCadreAndOnlyTheirOwnHouseholds) {
  auto& server = DemoServer::Get();
  const ApiClient cadre = server.Login("cadre");
  const std::string others = QueryOne(
      Db(),
      fmt::format("SELECT id FROM households WHERE village = {} AND cadre_phone <> '{}' ORDER BY id LIMIT 1",
                  kVillage, *phone_));
  const std::string other_county = server.Household("village / 1000000 = 510321");
  for (const std::string& h : {others, other_county, std::string("5110259999999999")}) {
    const ApiReply r = cadre.Post("/visits", Body(Uuid(3), h, "2020-10-20"));
    EXPECT_EQ(r.status, 404) << h << ": " << r.body;
    EXPECT_EQ(r.body.find("head_name"), std::string::npos);
  }
  const std::string own = Unvisited().front();
  for (const char* role : {"admin", "hq", "org", "town", "village", "supervisor", "discipline", "viewer"}) {
    const ApiReply r = server.Login(role).Post("/visits", Body(Uuid(4), own, "2020-10-20"));
    EXPECT_EQ(r.status, 403) << role << ": " << r.body;
  }
  EXPECT_EQ(
      QueryOne(Db(), "SELECT COUNT(*) FROM visits WHERE client_id IN ('" + Uuid(3) + "','" + Uuid(4) + "')"),
      "0");
  // Without the CSRF token nothing is written either.
  EXPECT_EQ(cadre.Post("/visits", Body(Uuid(4), own, "2020-10-20"), /*with_csrf=*/false).status, 403);
}

TEST_F(ApiVisitsTest, InvalidFieldsAreRefusedNamingFieldAndRule) {
  const ApiClient cadre = DemoServer::Get().Login("cadre");
  const std::string own = Unvisited().front();
  const auto expect = [&](nlohmann::json body, const std::string& field, const std::string& rule) {
    const ApiReply r = cadre.Post("/visits", body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json["error"]["field"], field) << r.body;
    EXPECT_EQ(r.json["error"]["rule"], rule) << r.body;
    EXPECT_FALSE(r.json["error"]["message"]["zh"].get<std::string>().empty());
    EXPECT_FALSE(r.json["error"]["message"]["en"].get<std::string>().empty());
  };
  expect(Body(Uuid(5), own, "2020-10-21"), "date", "visit.date_future");
  nlohmann::json b = Body(Uuid(5), own, "2020-10-20");
  b["measures"] = {"industry", "fireworks"};
  expect(b, "measures[1]", "visit.measure");
  b = Body(Uuid(5), own, "2020-10-20");
  b["kind"] = "letter";
  expect(b, "kind", "visit.kind");
  b = Body("", own, "2020-10-20");
  expect(b, "client_id", "visit.client_id");
  b = Body(Uuid(5), own, "2020-10-20");
  b["measures"] = "industry";
  expect(b, "measures", "request.type");
  b = Body(Uuid(5), "", "2020-10-20");
  expect(b, "household_id", "visit.household");
  b = Body(Uuid(5), own, "2020-10-20");
  b["time"] = "25:61";
  expect(b, "time", "visit.time");
  EXPECT_EQ(QueryOne(Db(), "SELECT COUNT(*) FROM visits WHERE client_id = '" + Uuid(5) + "'"), "0");
}

TEST_F(ApiVisitsTest, PhotosByContentStoredOnceAndServedBack) {
  auto& server = DemoServer::Get();
  const ApiClient cadre = server.Login("cadre");
  const auto households = Unvisited();
  ASSERT_GE(households.size(), 2u);
  const std::string household = households[households.size() - 2];
  const ApiReply logged = cadre.Post("/visits", Body(Uuid(6), household, "2020-10-08"));
  ASSERT_EQ(logged.status, 201) << logged.body;
  const int64_t vid = logged.json["visit"]["id"];
  const std::string base = fmt::format("/visits/{}/photos", vid);

  const ApiReply text = cadre.PostBytes(base, "hello, this is photo.jpg", "image/jpeg");
  EXPECT_EQ(text.status, 400) << text.body;
  EXPECT_EQ(text.json["error"]["rule"], "visit.photo_type");

  const ApiReply added = cadre.PostBytes(base, kPng, "image/png");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string sha = added.json["sha256"];
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_EQ(added.json["type"], "image/png");
  EXPECT_EQ(added.json["size"], kPng.size());
  EXPECT_EQ(added.json["url"], fmt::format("/api/v1/visits/{}/photos/{}", vid, sha));
  const ApiReply again = cadre.PostBytes(base, kPng, "image/png");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json["duplicate"]);
  EXPECT_EQ(again.json["sha256"], sha);
  const auto photos = server.db().parent_path() / "photos";
  EXPECT_EQ(ReadFile(photos / (sha + ".png")), kPng) << "outside the database, named by its hash";
  EXPECT_EQ(QueryOne(Db(), fmt::format("SELECT COUNT(*) FROM visit_photos WHERE visit_id = {}", vid)), "1");

  for (const char* role : {"cadre", "village", "town", "hq"}) {
    const ApiReply got = server.Login(role).Get(fmt::format("{}/{}", base, sha));
    EXPECT_EQ(got.status, 200) << role;
    EXPECT_EQ(got.body, kPng) << role;
  }
  EXPECT_EQ(cadre.Get(fmt::format("{}/{}", base, std::string(64, '0'))).status, 404);
  const ApiReply listed = cadre.Get("/households/" + household + "/visits");
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  for (const auto& v : listed.json["items"]) {
    if (v["id"] != vid) continue;
    found = true;
    ASSERT_EQ(v["photos"].size(), 1u);
    EXPECT_EQ(v["photos"][0]["sha256"], sha);
  }
  EXPECT_TRUE(found);

  // Above the policy's 5 MiB: refused by the photo route itself.
  const std::string big = std::string("\xFF\xD8\xFF", 3) + std::string(5 * 1024 * 1024, 'x');
  const ApiReply too_big = cadre.PostBytes(base, big, "image/jpeg");
  EXPECT_EQ(too_big.status, 400) << too_big.body.substr(0, 300);
  EXPECT_EQ(too_big.json["error"]["rule"], "visit.photo_size");
  // Six photos per visit at most.
  for (int i = 2; i <= 6; ++i) {
    EXPECT_EQ(cadre.PostBytes(base, kPng + std::to_string(i), "image/png").status, 201) << i;
  }
  const ApiReply seventh = cadre.PostBytes(base, kPng + "7", "image/png");
  EXPECT_EQ(seventh.status, 422) << seventh.body;
  EXPECT_EQ(seventh.json["error"]["rule"], "visit.photo_count");

  // Another cadre's visit: not found for this cadre; other roles may not add photos.
  const std::string others =
      QueryOne(Db(), "SELECT id FROM visits WHERE household_id LIKE '511025124229%' AND cadre_id <> '" +
                         *cadre_ + "' LIMIT 1");
  ASSERT_FALSE(others.empty());
  EXPECT_EQ(cadre.PostBytes("/visits/" + others + "/photos", kPng, "image/png").status, 404);
  EXPECT_EQ(server.Login("village").PostBytes(base, kPng, "image/png").status, 403);
}

TEST_F(ApiVisitsTest, AHouseholdsVisitsInTheShapeOfTheContract) {
  auto& server = DemoServer::Get();
  const std::string household = QueryOne(
      Db(), "SELECT household_id FROM visits WHERE cadre_id = '" + *cadre_ + "' ORDER BY id LIMIT 1");
  const ApiReply r = server.Login("cadre").Get("/households/" + household + "/visits");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.json["items"].empty());
  EXPECT_EQ(r.json["total"], r.json["items"].size());
  const auto& v = r.json["items"][0];
  for (const char* key :
       {"id", "client_id", "household_id", "head_name", "village", "cadre", "date", "time", "kind", "kind_zh",
        "kind_en", "measures", "problems", "notes", "location", "photos", "recorded_at", "recorded_by"}) {
    EXPECT_TRUE(v.contains(key)) << key;
  }
  EXPECT_FALSE(v["head_name"].get<std::string>().empty());
  EXPECT_FALSE(v["village"]["name"].get<std::string>().empty());
  EXPECT_FALSE(v["cadre"]["name"].get<std::string>().empty());
  ASSERT_FALSE(v["measures"].empty());
  EXPECT_TRUE(v["measures"][0].contains("zh"));
  EXPECT_GE(v["date"].get<std::string>(), r.json["items"].back()["date"].get<std::string>())
      << "newest first";
  EXPECT_EQ(server.Login("town").Get("/households/" + household + "/visits").status, 200);
  const std::string elsewhere = server.Household("village / 1000000 = 510321");
  EXPECT_EQ(server.Login("town").Get("/households/" + elsewhere + "/visits").status, 404);
}

TEST_F(ApiVisitsTest, ComplianceChangesWithANewVisit) {
  auto& server = DemoServer::Get();
  const ApiClient town = server.Login("town");
  const auto child_visited = [](const nlohmann::json& j) -> int64_t {
    for (const auto& c : j["children"]) {
      if (c["code"] == kVillage) return c["households_visited"];
    }
    return -1;
  };
  const ApiReply before = town.Get(std::string("/compliance/") + kTown);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json["region"]["code"], std::string(kTown) + "000") << "12 digits, as every route answers";
  EXPECT_EQ(before.json["cycle"]["help_day"], "2020-10-19");
  EXPECT_EQ(before.json["idle_cycles"], 2);
  EXPECT_FALSE(before.json["units"].empty());
  const ApiClient cadre = server.Login("cadre");
  const int64_t due_before = cadre.Get("/me/households").json["due"];

  const std::string household = Unvisited().front();
  const ApiReply logged = cadre.Post("/visits", Body(Uuid(7), household, "2020-10-20"));
  ASSERT_EQ(logged.status, 201) << logged.body;

  const ApiReply after = town.Get(std::string("/compliance/") + kTown);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json["summary"]["households_visited"].get<int64_t>(),
            before.json["summary"]["households_visited"].get<int64_t>() + 1);
  EXPECT_EQ(after.json["summary"]["households_due"], before.json["summary"]["households_due"]);
  EXPECT_EQ(child_visited(after.json), child_visited(before.json) + 1);
  EXPECT_EQ(cadre.Get("/me/households").json["due"], due_before - 1);
  // A visit written by another process counts as well, without a restart.
  const std::string by_sql = Unvisited().front();
  ExecSql(Db(),
          fmt::format(
              "INSERT INTO visits(client_id, household_id, village, cadre_id, date, time, kind, measures, "
              "notes, recorded_at, recorded_by) VALUES ('{}', '{}', {}, '{}', '2020-10-20', '11:00', "
              "'phone_call', '[]', '', '2020-10-20T03:00:00Z', 'test')",
              Uuid(8), by_sql, kVillage, *cadre_));
  const ApiReply later = town.Get(std::string("/compliance/") + kTown);
  EXPECT_EQ(later.json["summary"]["households_visited"].get<int64_t>(),
            after.json["summary"]["households_visited"].get<int64_t>() + 1);
  const ApiReply county = server.Login("hq").Get("/compliance/511025");
  ASSERT_EQ(county.status, 200);
  EXPECT_EQ(county.json["children"].size(), 22u);

  // Who may read it, and what is refused.
  EXPECT_EQ(cadre.Get(std::string("/compliance/") + kVillage).status, 403)
      << "a cadre sees their own households";
  EXPECT_EQ(town.Get("/compliance/511025100").status, 404) << "another town";
  const ApiReply not_help_day = town.Get(std::string("/compliance/") + kTown + "?cycle=2020-10-06");
  EXPECT_EQ(not_help_day.status, 400);
  EXPECT_EQ(not_help_day.json["error"]["rule"], "compliance.not_help_day");
  EXPECT_EQ(town.Get(std::string("/compliance/") + kTown + "?cycle=soon").status, 400);
  const ApiReply earlier = town.Get(std::string("/compliance/") + kTown + "?cycle=2020-10-05");
  ASSERT_EQ(earlier.status, 200);
  EXPECT_EQ(earlier.json["cycle"]["end"], "2020-10-18");
}

}  // namespace
}  // namespace fupin::testing
