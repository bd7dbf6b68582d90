// Each route's success and error paths over real HTTP (the shared demo server): the
// exit procedure from proposal to 标记脱贫, rejection, monitoring flags, alerts, users,
// the audit log with before/after, regions and indicators.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

bool HasAction(const nlohmann::json& actions, const std::string& name) {
  for (const auto& a : actions) {
    if ((a.is_string() && a == name) || (a.is_object() && a.value("name", "") == name)) return true;
  }
  return false;
}

void ExpectError(const ApiReply& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  ASSERT_TRUE(r.json.contains("error")) << r.body;
  EXPECT_EQ(r.json["error"]["code"], code) << r.body;
  EXPECT_FALSE(r.json["error"]["message"]["zh"].get<std::string>().empty());
}

/// Eligible-to-exit poor households of the county, from the alerts route.
nlohmann::json EligibleHouseholds(const ApiClient& hq) {
  const ApiReply alerts = hq.Get("/alerts/511025?kind=eligible&page_size=50");
  EXPECT_EQ(alerts.status, 200) << alerts.body;
  return alerts.json["items"];
}

TEST(ApiRoutesTest, ExitProcedureFromProposalToMarkedExited) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const nlohmann::json eligible = EligibleHouseholds(hq);
  ASSERT_GE(eligible.size(), 2u);
  const nlohmann::json& alert = eligible[0];
  EXPECT_FALSE(alert["village"]["name"].get<std::string>().empty()) << "alert rows name their village";
  const std::string id = alert["id"];

  const ApiReply detail = hq.Get(fmt::format("/households/{}", id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_TRUE(HasAction(detail.json["actions"], "start_exit"));
  EXPECT_FALSE(HasAction(detail.json["actions"], "flag_monitoring"))
      << "a poor household is not a monitoring candidate";
  // Money in yuan, the same figure as the list's.
  EXPECT_DOUBLE_EQ(detail.json["income"]["per_capita_net"].get<double>(),
                   alert["per_capita_net"].get<double>());
  EXPECT_LT(detail.json["income"]["per_capita_net"].get<double>(), 100000.0);

  ApiReply p =
      hq.Post(fmt::format("/households/{}/procedures", id), {{"kind", "exit"}, {"date", "2020-03-01"}});
  ASSERT_EQ(p.status, 200) << p.body;
  const int64_t pid = p.json["id"];
  EXPECT_EQ(p.json["next_steps"][0]["step"], "democratic_review");
  ExpectError(
      hq.Post(fmt::format("/households/{}/procedures", id), {{"kind", "exit"}, {"date", "2020-03-01"}}), 422,
      "failed_precondition");
  ExpectError(hq.Post(fmt::format("/households/{}/procedures", id), {{"kind", "teleport"}}), 400,
              "invalid_argument");

  const ApiReply open = hq.Get(fmt::format("/households/{}", id));
  EXPECT_FALSE(HasAction(open.json["actions"], "start_exit")) << "one open procedure at a time";
  EXPECT_TRUE(HasAction(open.json["actions"], "record_step"));
  ASSERT_EQ(open.json["procedures"].size(), 1u);
  EXPECT_FALSE(open.json["procedures"][0]["steps"].empty()) << "the household page carries the steps";
  EXPECT_EQ(open.json["procedures"][0]["next_steps"][0]["step"], "democratic_review");

  ExpectError(hq.Post(fmt::format("/procedures/{}/steps", pid),
                      {{"step", "county_approval"}, {"date", "2020-03-02"}}),
              422, "failed_precondition");
  int64_t version = p.json["version"];
  auto step = [&](const std::string& name, const std::string& date) {
    return hq.Post(fmt::format("/procedures/{}/steps", pid),
                   {{"step", name}, {"date", date}, {"expected_version", version}});
  };
  for (const auto& [name, date] :
       std::vector<std::pair<std::string, std::string>>{{"democratic_review", "2020-03-02"},
                                                        {"household_confirm", "2020-03-03"},
                                                        {"public_notice", "2020-03-04"}}) {
    const ApiReply r = step(name, date);
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    version = r.json["version"];
  }
  ExpectError(step("town_review", "2020-03-06"), 422, "failed_precondition");  // the notice runs 7 days
  ExpectError(hq.Post(fmt::format("/procedures/{}/steps", pid),
                      {{"step", "town_review"}, {"date", "2020-03-12"}, {"expected_version", version - 1}}),
              409, "conflict");
  for (const auto& [name, date] :
       std::vector<std::pair<std::string, std::string>>{{"town_review", "2020-03-12"},
                                                        {"county_approval", "2020-03-20"},
                                                        {"announcement", "2020-03-25"},
                                                        {"mark_exited", "2020-03-31"}}) {
    const ApiReply r = step(name, date);
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    version = r.json["version"];
  }
  const ApiReply done = hq.Get(fmt::format("/procedures/{}", pid));
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.json["state"], "exited");
  EXPECT_EQ(done.json["steps"].size(), 8u);
  EXPECT_EQ(QueryOne(server.db(), fmt::format("SELECT status FROM households WHERE id = '{}'", id)),
            "exited");
  ExpectError(hq.Get("/procedures/99999999"), 404, "not_found");

  // Now exited: a monitoring candidate, no exit action.
  const ApiReply exited = hq.Get(fmt::format("/households/{}", id));
  EXPECT_FALSE(HasAction(exited.json["actions"], "start_exit"));
  EXPECT_TRUE(HasAction(exited.json["actions"], "flag_monitoring"));
  ExpectError(hq.Post(fmt::format("/households/{}/monitoring", id), {{"category", "nonsense"}}), 400,
              "invalid_argument");
  const ApiReply flagged =
      hq.Post(fmt::format("/households/{}/monitoring", id),
              {{"category", "unstable_exited"}, {"trigger", "medical_expense"}, {"date", "2020-06-01"}});
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  EXPECT_EQ(QueryOne(server.db(), fmt::format("SELECT status FROM households WHERE id = '{}'", id)),
            "monitoring");

  // Each step is in the audit log with the procedure before and after.
  const std::string audited = QueryOne(
      server.db(),
      fmt::format("SELECT COUNT(*) FROM audit_log WHERE action = 'procedures.step' AND target = '{}' "
                  "AND before_json <> '' AND after_json <> ''",
                  pid));
  EXPECT_EQ(audited, "7");
}

TEST(ApiRoutesTest, RejectClosesTheProcedure) {
  auto& server = DemoServer::Get();
  ApiClient village = server.Login("village");
  const std::string id = QueryOne(
      server.db(),
      "SELECT id FROM households WHERE village = 511025124229 AND status = 'poor' ORDER BY id DESC LIMIT 1");
  const ApiReply p =
      village.Post(fmt::format("/households/{}/procedures", id),
                   {{"kind", "exit"}, {"date", "2020-04-01"}, {"override_reason", "村民代表会议提名"}});
  ASSERT_EQ(p.status, 200) << p.body;
  const int64_t pid = p.json["id"];
  const ApiReply rejected = village.Post(
      fmt::format("/procedures/{}/reject", pid),
      {{"date", "2020-04-02"}, {"reason", "收入核实不实"}, {"expected_version", p.json["version"]}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json["outcome"], "rejected");
  ExpectError(
      village.Post(fmt::format("/procedures/{}/reject", pid), {{"date", "2020-04-03"}, {"reason", "再次"}}),
      422, "failed_precondition");
  // A step beyond the village level needs the town.
  ExpectError(village.Post(fmt::format("/procedures/{}/steps", pid), {{"step", "town_review"}}), 403,
              "permission_denied");
}

TEST(ApiRoutesTest, EditIsAuditedWithTheChangedFieldsOnly) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const std::string id = QueryOne(server.db(),
                                  "SELECT id FROM households WHERE village = 511025124229 AND g_water = "
                                  "'yes' ORDER BY id LIMIT 1 OFFSET 3");
  const int64_t version = hq.Get(fmt::format("/households/{}", id)).json["version"];
  ASSERT_EQ(
      hq.Patch(fmt::format("/households/{}", id),
               {{"phone", "13800001111"}, {"guarantees", {{"water", "no"}}}, {"expected_version", version}})
          .status,
      200);
  ExpectError(hq.Patch(fmt::format("/households/{}", id), {{"phone", "1"}}), 400, "invalid_argument");
  ExpectError(hq.Patch(fmt::format("/households/{}", id),
                       {{"guarantees", {{"water", "maybe"}}}, {"expected_version", version + 1}}),
              400, "invalid_argument");
  const ApiReply audit = hq.Get("/audit?page_size=100");
  ASSERT_EQ(audit.status, 200) << audit.body;
  bool found = false;
  for (const auto& e : audit.json["items"]) {
    if (e["action"] != "households.edit" || e["target"] != id) continue;
    found = true;
    const auto after = nlohmann::json::parse(e["after"].get<std::string>());
    EXPECT_EQ(after["phone"], "138****1111") << "masked in the audit log";
    EXPECT_EQ(after["guarantees"]["water"], "no");
    EXPECT_FALSE(after.contains("group")) << "unchanged fields are not listed";
    const auto before = nlohmann::json::parse(e["before"].get<std::string>());
    EXPECT_EQ(before["guarantees"]["water"], "yes");
  }
  EXPECT_TRUE(found) << audit.body.substr(0, 2000);
  const ApiReply verify = hq.Get("/audit/verify");
  EXPECT_EQ(verify.json["ok"], true) << verify.body;
  ExpectError(server.Login("town").Get("/audit"), 403, "permission_denied");
}

TEST(ApiRoutesTest, UsersCarryTheirScopeNameAndAdminChangesAreAudited) {
  auto& server = DemoServer::Get();
  ApiClient admin = server.Login("admin");
  const ApiReply users = admin.Get("/users");
  ASSERT_EQ(users.status, 200) << users.body;
  for (const auto& u : users.json["items"]) {
    EXPECT_FALSE(u["scope"]["name"].get<std::string>().empty()) << u.dump();
    if (u["username"] == "town") {
      EXPECT_EQ(u["scope"]["name"], "高楼镇");
      EXPECT_EQ(u["must_change_password"], false) << "demo accounts under --demo";
    }
  }
  ExpectError(admin.Post("/users", {{"username", "x"}, {"role", "emperor"}, {"scope", "511025"}}), 400,
              "invalid_argument");
  ExpectError(
      admin.Post("/users",
                 {{"username", "weak"}, {"role", "viewer"}, {"scope", "511025"}, {"password", "123"}}),
      400, "invalid_argument");
  const ApiReply added = admin.Post("/users", {{"username", "routes_viewer"},
                                               {"role", "viewer"},
                                               {"scope", "511025124"},
                                               {"password", "Zz-2020-routes"}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json["must_change_password"], true);
  EXPECT_EQ(added.json["scope"]["name"], "高楼镇");
  const int64_t uid = added.json["id"];
  const ApiReply reset =
      admin.Post(fmt::format("/users/{}/reset-password", uid), {{"password", "Zz-2021-routes"}});
  EXPECT_EQ(reset.status, 200) << reset.body;
  const ApiReply disabled = admin.Post(fmt::format("/users/{}/disable", uid), nlohmann::json::object());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json["disabled"], true);
  ExpectError(admin.Post("/users/999999/disable", nlohmann::json::object()), 404, "not_found");
  EXPECT_EQ(QueryOne(server.db(), "SELECT COUNT(*) FROM audit_log WHERE target = 'routes_viewer'"), "3");
}

TEST(ApiRoutesTest, RegionsAndIndicators) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const ApiReply county = hq.Get("/regions/511025");
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_FALSE(county.json["children"].empty());
  ExpectError(hq.Get("/regions/51x"), 400, "invalid_argument");
  ExpectError(hq.Get("/regions/510321"), 404, "not_found");  // another county: outside the scope
  const ApiReply indicators = hq.Get("/indicators/511025");
  ASSERT_EQ(indicators.status, 200);
  const ApiReply exits = hq.Get("/indicators/511025/exits");
  ASSERT_EQ(exits.status, 200) << exits.body;
  ExpectError(hq.Get("/indicators/510321/exits"), 404, "not_found");
  ExpectError(hq.Get("/alerts/511025?kind=gossip"), 400, "invalid_argument");
  ExpectError(hq.Get("/households?status=rich"), 400, "invalid_argument");
}

}  // namespace
}  // namespace fupin::testing
