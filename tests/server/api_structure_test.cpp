// The structure routes over real HTTP on the demo county: the coverage audit, the
// responsibility tree from county to household, cadres, a reassignment of a leaving
// cadre's households (and its refusals), campaigns with the countdown.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "server/server_fixture.hpp"

namespace fupin::testing {
namespace {

int64_t Sum(const nlohmann::json& children, const std::string& key) {
  int64_t n = 0;
  for (const auto& c : children) n += c["counts"][key].get<int64_t>();
  return n;
}

TEST(ApiStructureTest, CoverageCountsAddUpAndListTheDeliberateGaps) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const ApiReply r = hq.Get("/coverage/511025");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["date"], "2020-10-20") << "the demo database's as-of date is the default day";
  const auto& total = r.json["total"];
  // The demo generator leaves 237 households without a cadre and 2 poor villages
  // without a first secretary (demo_command.cpp prints them).
  EXPECT_EQ(total["households_without_cadre"], 237);
  EXPECT_EQ(total["villages_without_first_secretary"], 2);
  EXPECT_EQ(r.json["gaps"]["household_without_cadre"].size(), 237u);
  EXPECT_EQ(Sum(r.json["children"], "households_without_cadre"), 237);
  EXPECT_EQ(Sum(r.json["children"], "households"), total["households"].get<int64_t>());
  EXPECT_EQ(r.json["gap_kinds"].size(), 6u);
  // The CLI's audit of the same database on the same day agrees.
  RunResult cli = RunFupin({"coverage", "--region", "511025", "--json", "--db", server.db().string()});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(nlohmann::json::parse(cli.out)["total"], total);
}

TEST(ApiStructureTest, TreeFromCountyToHouseholdNamesHoldersAndGaps) {
  auto& server = DemoServer::Get();
  ApiClient hq = server.Login("hq");
  const ApiReply county = hq.Get("/structure/511025");
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_EQ(county.json["node"]["level"], "county");
  ASSERT_FALSE(county.json["children"].empty());
  int64_t county_gaps = 0;
  for (const auto& town : county.json["children"]) {
    EXPECT_EQ(town["type"], "town");
    county_gaps += town["gaps"].get<int64_t>();
  }
  const ApiReply coverage = hq.Get("/coverage/511025");
  int64_t gap_total = 0;
  for (const auto& [kind, list] : coverage.json["gaps"].items())
    gap_total += static_cast<int64_t>(list.size());
  EXPECT_EQ(county_gaps, gap_total) << "the towns' gap counts add up to the county's gap lists";

  // Down one household without a cadre: its village, its group, the household itself.
  const nlohmann::json gap = coverage.json["gaps"]["household_without_cadre"][0];
  const std::string village = gap["region"];
  const std::string town = village.substr(0, 9) + "000";
  const ApiReply t = hq.Get("/structure/" + town);
  ASSERT_EQ(t.status, 200) << t.body;
  bool found_village = false;
  for (const auto& v : t.json["children"]) {
    if (v["code"] == village) {
      found_village = true;
      EXPECT_GE(v["gaps"].get<int64_t>(), 1);
    }
  }
  EXPECT_TRUE(found_village);
  const ApiReply v = hq.Get("/structure/" + village);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_FALSE(v.json["assignments"].empty()) << "a village has its helping unit and others";
  const std::string group =
      QueryOne(server.db().string(),
               fmt::format("SELECT grp FROM households WHERE id = '{}'", gap["target"].get<std::string>()));
  bool found_group = false;
  for (const auto& g : v.json["children"]) {
    EXPECT_EQ(g["type"], "group");
    if (g["group"] == group) {
      found_group = true;
      EXPECT_GE(g["gaps"].get<int64_t>(), 1);
    }
  }
  ASSERT_TRUE(found_group);
  const ApiReply g = hq.Get(fmt::format("/structure/{}?group={}", village, group));
  ASSERT_EQ(g.status, 200) << g.body;
  bool found_household = false;
  for (const auto& h : g.json["children"]) {
    EXPECT_EQ(h["type"], "household");
    if (h["code"] == gap["target"]) {
      found_household = true;
      EXPECT_TRUE(h["holder"].is_null()) << "the household without a cadre has no holder";
      EXPECT_EQ(h["gaps"], 1);
    } else if (h["gaps"] == 0) {
      EXPECT_EQ(h["holder"]["type"], "cadre") << h.dump();
    }
  }
  EXPECT_TRUE(found_household);
  const ApiReply missing = hq.Get(fmt::format("/structure/{}?group=99组", village));
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(hq.Get("/structure/51").status, 404) << "a province is outside a county user's scope";
}

TEST(ApiStructureTest, ReassignMovesEveryHouseholdOrRefusesToLeaveOneUncovered) {
  auto& server = DemoServer::Get();
  const std::string db = server.db().string();
  ApiClient hq = server.Login("hq");
  // A cadre with households, and a colleague of the same unit with room under the load rule.
  const std::string from = QueryOne(db,
                                    "SELECT cadre_id FROM assignments WHERE kind = 'household_cadre' AND "
                                    "date_to = '' AND region / 1000000 = "
                                    "511025 GROUP BY cadre_id HAVING COUNT(*) = 2 ORDER BY cadre_id LIMIT 1");
  ASSERT_FALSE(from.empty());
  const std::string to = QueryOne(
      db, fmt::format(
              "SELECT c.id FROM cadres c WHERE c.unit_id = (SELECT unit_id FROM cadres WHERE id = '{}') AND "
              "c.id <> '{}' AND c.level <> 'county_leader' AND c.active_to = '' AND (SELECT COUNT(*) FROM "
              "assignments a WHERE a.cadre_id = c.id AND a.kind = 'household_cadre' AND a.date_to = '') <= 2 "
              "ORDER BY c.id LIMIT 1",
              from, from));
  ASSERT_FALSE(to.empty());
  const ApiReply before = hq.Get("/cadres/" + from);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json["households"], 2);
  EXPECT_TRUE(before.json["may_reassign"]);
  EXPECT_NE(before.json["phone"].get<std::string>().find("****"), std::string::npos) << "phone masked";

  // Leaving without anyone to take over is refused, and nothing changes.
  const ApiReply refused =
      hq.Post(fmt::format("/cadres/{}/reassign", from), {{"date", "2020-10-21"}, {"leaves", true}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json["error"]["rule"], "reassign.uncovered") << refused.body;
  EXPECT_EQ(hq.Get("/cadres/" + from).json["households"], 2);

  const ApiReply done =
      hq.Post(fmt::format("/cadres/{}/reassign", from),
              {{"to_cadre_id", to}, {"date", "2020-10-21"}, {"reason", "调离"}, {"leaves", true}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_GE(done.json["moved"].get<int64_t>(), 2);
  EXPECT_TRUE(done.json["uncovered"].empty());
  EXPECT_EQ(QueryOne(db, fmt::format("SELECT COUNT(*) FROM assignments WHERE cadre_id = '{}' AND kind = "
                                     "'household_cadre' AND date_from = '2020-10-21' AND date_to = ''",
                                     to)),
            "2")
      << "both households moved to the colleague";
  EXPECT_EQ(
      QueryOne(db,
               fmt::format("SELECT COUNT(*) FROM assignments WHERE cadre_id = '{}' AND date_to = ''", from)),
      "0");
  EXPECT_EQ(QueryOne(db, fmt::format("SELECT active_to FROM cadres WHERE id = '{}'", from)), "2020-10-20");
  EXPECT_EQ(
      QueryOne(
          db, fmt::format("SELECT COUNT(*) FROM audit_log WHERE action = 'cadres.reassign' AND target = '{}'",
                          from)),
      "1")
      << "the handover is in the audit log";
  // A role without the permission is refused.
  EXPECT_EQ(
      server.Login("town").Post(fmt::format("/cadres/{}/reassign", to), {{"date", "2020-10-22"}}).status,
      403);
}

TEST(ApiStructureTest, CampaignCountsDownFromTheAsOfDate) {
  auto& server = DemoServer::Get();
  const ApiReply r = server.Login("town").Get("/campaigns");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["items"].size(), 1u) << "the town sees its county's campaign, not Rong County's";
  const auto& c = r.json["items"][0];
  EXPECT_EQ(c["name"], "百日攻坚行动");
  EXPECT_EQ(c["days_total"], 100);
  EXPECT_EQ(c["day_number"], 81);
  EXPECT_EQ(c["days_left"], 19);
  EXPECT_EQ(r.json["today"], "2020-10-20");
  bool chief = false;
  for (const auto& p : c["posts"]) chief = chief || p["role"] == "commander_in_chief";
  EXPECT_TRUE(chief);
}

}  // namespace
}  // namespace fupin::testing
