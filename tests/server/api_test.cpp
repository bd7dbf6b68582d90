// The HTTP API over real HTTP against a running `fupin serve` on the demo county.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <regex>
#include <set>
#include <thread>

#include "registry/registry_test_data.hpp"
#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

void ExpectEnvelope(const ApiReply& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  ASSERT_TRUE(r.json.is_object()) << r.body;
  ASSERT_TRUE(r.json.contains("error")) << r.body;
  EXPECT_EQ(r.json["error"]["code"], code) << r.body;
  EXPECT_FALSE(r.json["error"]["message"]["zh"].get<std::string>().empty());
  EXPECT_FALSE(r.json["error"]["message"]["en"].get<std::string>().empty());
}

TEST(ApiTest, HealthLoginMeLogout) {
  auto& server = DemoServer::Get();
  EXPECT_EQ(server.RawGet("/health").json["ok"], true);
  ExpectEnvelope(server.RawGet("/auth/me"), 401, "unauthenticated");
  ExpectEnvelope(server.RawPost("/auth/login", R"({"username":"hq","password":"wrong1234"})"), 401,
                 "unauthenticated");
  ExpectEnvelope(server.RawPost("/auth/login", "not json"), 400, "invalid_argument");
  ApiClient hq = server.Login("hq");
  const ApiReply me = hq.Get("/auth/me");
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json["user"]["role"], "county_hq");
  EXPECT_EQ(me.json["user"]["scope"]["name"], "资中县");
  EXPECT_EQ(me.json["user"]["must_change_password"], false) << "--demo lets demo accounts skip the change";
  ExpectEnvelope(hq.Post("/auth/logout", nlohmann::json::object(), /*with_csrf=*/false), 403,
                 "permission_denied");
  EXPECT_EQ(hq.Post("/auth/logout", nlohmann::json::object()).status, 200);
  ExpectEnvelope(hq.Get("/auth/me"), 401, "unauthenticated");
}

TEST(ApiTest, NewAccountMustChangePasswordAndLocksAfterFailures) {
  auto& server = DemoServer::Get();
  ASSERT_EQ(RunFupin({"users", "add", "newbie", "--role", "viewer", "--scope", "511025", "--password",
                      "Start2020", "--db", server.db().string()})
                .exit_code,
            0);
  ApiClient newbie = server.Login("newbie", "Start2020");
  ExpectEnvelope(newbie.Get("/households"), 422, "failed_precondition");
  ExpectEnvelope(newbie.Post("/auth/password", {{"old_password", "Start2020"}, {"new_password", "short"}}),
                 400, "invalid_argument");
  ASSERT_EQ(
      newbie.Post("/auth/password", {{"old_password", "Start2020"}, {"new_password", "Better2021"}}).status,
      200);
  EXPECT_EQ(newbie.Get("/households?page_size=1").status, 200);

  ASSERT_EQ(RunFupin({"users", "add", "unlucky", "--role", "viewer", "--scope", "511025", "--password",
                      "Start2020", "--db", server.db().string()})
                .exit_code,
            0);
  for (int i = 0; i < 5; ++i) {
    ExpectEnvelope(server.RawPost("/auth/login", R"({"username":"unlucky","password":"Wrong2020"})"), 401,
                   "unauthenticated");
  }
  const ApiReply locked = server.RawPost("/auth/login", R"({"username":"unlucky","password":"Start2020"})");
  EXPECT_EQ(locked.status, 423) << locked.body;
  EXPECT_EQ(locked.json["error"]["rule"], "login.locked");
}

TEST(ApiTest, HouseholdListFiltersSearchAndPagination) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const ApiReply page = hq.Get("/households?page=2&page_size=20");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["items"].size(), 20u);
  EXPECT_EQ(page.json["total"], 23098);
  const ApiReply poor = hq.Get("/households?status=poor&page_size=500");
  for (const auto& item : poor.json["items"]) EXPECT_EQ(item["status"], "poor");
  const std::string id = server.Household("village = 511025124229");
  const std::string head = QueryOne(
      server.db(), fmt::format("SELECT name FROM persons WHERE household_id = '{}' AND seq = 0", id));
  const ApiReply by_name = hq.Get(fmt::format("/households?q={}", httplib::detail::encode_query_param(head)));
  ASSERT_EQ(by_name.status, 200);
  bool found = false;
  for (const auto& item : by_name.json["items"]) found |= item["id"] == id;
  EXPECT_TRUE(found) << head;
  ExpectEnvelope(hq.Get("/households?status=nonsense"), 400, "invalid_argument");
}

TEST(ApiTest, HouseholdDetailMasksAndAuditsUnmaskedViews) {
  auto& server = DemoServer::Get();
  const std::string id = server.Household("village = 511025124229");
  const std::string full_id =
      QueryOne(server.db(), fmt::format("SELECT id_number FROM persons WHERE household_id = '{}'", id));
  ApiClient town = server.Login("town");
  const ApiReply masked = town.Get(fmt::format("/households/{}", id));
  ASSERT_EQ(masked.status, 200) << masked.body;
  EXPECT_EQ(masked.body.find(full_id), std::string::npos);
  EXPECT_FALSE(masked.json["verdict"]["criteria"].empty());
  ExpectEnvelope(town.Get(fmt::format("/households/{}?unmasked=1", id)), 403, "permission_denied");
  ApiClient discipline = server.Login("discipline");
  const ApiReply clear = discipline.Get(fmt::format("/households/{}?unmasked=1", id));
  ASSERT_EQ(clear.status, 200);
  EXPECT_NE(clear.body.find(full_id), std::string::npos);
  EXPECT_EQ(QueryOne(server.db(), fmt::format("SELECT COUNT(*) FROM audit_log WHERE action = "
                                              "'households.show.unmasked' AND target = '{}'",
                                              id)),
            "1");
  const ApiReply xlsx = town.Get("/households/export.xlsx?status=poor");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST(ApiTest, OpenApiListsEveryRouteAndUnknownRoutesGetTheEnvelope) {
  auto& server = DemoServer::Get();
  const ApiReply doc = server.RawGet("/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json["openapi"], "3.0.3");
  ExpectEnvelope(server.RawGet("/no/such/route"), 404, "not_found");
  // Every documented route answers (never the router's "no route").
  ApiClient admin = server.Login("admin");
  for (const auto& [path, methods] : doc.json["paths"].items()) {
    const std::string concrete = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "1");
    for (const auto& [method, op] : methods.items()) {
      const ApiReply r = method == "get"     ? admin.Get(concrete)
                         : method == "patch" ? admin.Patch(concrete, nlohmann::json::object())
                                             : admin.Post(concrete, nlohmann::json::object());
      if (r.json.is_object() && r.json.contains("error")) {
        EXPECT_NE(r.json["error"]["field"], "path")
            << method << " " << path << " is documented but not routed";
      }
    }
  }
}

TEST(ApiTest, ChangesByAnotherProcessShowWithoutRestart) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  // MakeHouseholdsCsv names the head of household 8888 "测试17776".
  const std::string query = fmt::format("/households?q={}", httplib::detail::encode_query_param("测试17776"));
  const ApiReply before = hq.Get(query);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.json["total"], 0);
  TempDir dir;
  WriteFile(dir / "new.csv", MakeHouseholdsCsv(1, 2, "511025100203", 8888));
  const RunResult imported =
      RunFupin({"households", "import", (dir / "new.csv").string(), "--db", server.db().string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  int64_t total = 0;
  for (int i = 0; i < 100 && total == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total = hq.Get(query).json.value("total", int64_t{0});
  }
  EXPECT_EQ(total, 1) << "the server noticed the CLI's import (data_version)";
}

TEST(ApiTest, StaleEditGetsConflictAndChangesNothing) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const std::string id = server.Household("village = 511025124229");
  const int64_t version = hq.Get(fmt::format("/households/{}", id)).json["version"].get<int64_t>();
  const ApiReply ok =
      hq.Patch(fmt::format("/households/{}", id), {{"phone", "13911112222"}, {"expected_version", version}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json["version"], version + 1);
  const ApiReply stale =
      hq.Patch(fmt::format("/households/{}", id), {{"phone", "13933334444"}, {"expected_version", version}});
  ExpectEnvelope(stale, 409, "conflict");
  EXPECT_EQ(QueryOne(server.db(), fmt::format("SELECT phone FROM households WHERE id = '{}'", id)),
            "13911112222");
  const ApiReply history = hq.Get(fmt::format("/households/{}", id));
  EXPECT_EQ(history.json["history"].size(), 2u) << "the edit is in the record's history";
}

TEST(ServeTest, SigtermStopsCleanly) {
  TempDir dir;
  const std::string db = (dir / "s.db").string();
  ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db}).exit_code, 0);
  FupinProcess serve({"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-access-log"});
  ASSERT_TRUE(serve.WaitForStderr("http://127.0.0.1:"));
  serve.Signal(SIGTERM);
  const int wstatus = serve.Wait();
  ASSERT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  EXPECT_TRUE(serve.WaitForStderr("服务已停止")) << serve.output();
  EXPECT_EQ(RunFupin({"serve", "--db", (dir / "missing.db").string()}).exit_code, 3);
}

}  // namespace
}  // namespace fupin::testing
