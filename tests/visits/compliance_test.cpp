// Compliance per help-day cycle on a hand-made county (no store): due and visited
// households, rates per child region and unit, the idle flag exactly after N
// completed cycles, and the errors.
//
//   county 511025: town A 511025100 (villages A1 …100201, A2 …100202), town B 511025101 (B1 …101201)
//   C1 (unit U1): A1/1, A1/2       C2 (U2): A2/1         C3 (U1): B1/1, B1/2, last visit 09-08
//   C4 (U2, left 2020-09-30): B1/3  C6 (U2, from 2020-10-01): A1/3
//   help days 08-03, 08-17, 09-07, 09-21, 10-05, 10-19, 11-02
#include "visits/compliance.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "policy/policy_file.hpp"

namespace fupin::visits {
namespace {

constexpr char kA1[] = "511025100201";
constexpr char kA2[] = "511025100202";
constexpr char kB1[] = "511025101201";

RegionCode R(const char* code) {
  return RegionCode::Parse(code).value();
}
Date D(int m, int d) {
  return Date::FromYmd(2020, m, d).value();
}
std::string Hh(const char* village, int n) {
  return fmt::format("{}{:04d}", village, n);
}

class ComplianceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.regions = {{R("511025"), "资中县", false},  {R("511025100"), "甲镇", false},
                     {R("511025101"), "乙镇", false}, {R(kA1), "甲一村", true},
                     {R(kA2), "甲二村", false},       {R(kB1), "乙一村", true},
                     {R("511025102"), "丙镇", false}};
    data_.units = {{"U1", "县农业农村局", "county_department", R("511025"), 1},
                   {"U2", "甲镇人民政府", "town", R("511025100"), 1}};
    const auto cadre = [](const char* id, const char* unit, const char* from = "2019-01-01",
                          const char* to = "") {
      return store::CadreRow{id, std::string("干部") + id, unit, "干部", "other", true, "", from, to, 1};
    };
    data_.cadres = {cadre("C1", "U1"), cadre("C2", "U2"), cadre("C3", "U1"),
                    cadre("C4", "U2", "2019-01-01", "2020-09-30"), cadre("C6", "U2", "2020-10-01")};
    int64_t id = 0;
    const auto assign = [&](std::string household, const char* village, const char* holder,
                            const char* from = "2020-01-01", const char* to = "") {
      store::AssignmentRow a;
      a.id = ++id;
      a.kind = "household_cadre";
      a.target = std::move(household);
      a.region = R(village);
      a.cadre_id = holder;
      a.date_from = from;
      a.date_to = to;
      data_.assignments.push_back(a);
    };
    assign(Hh(kA1, 1), kA1, "C1");
    assign(Hh(kA1, 2), kA1, "C1");
    assign(Hh(kA2, 1), kA2, "C2");
    assign(Hh(kB1, 1), kB1, "C3");
    assign(Hh(kB1, 2), kB1, "C3");
    assign(Hh(kB1, 3), kB1, "C4");
    assign(Hh(kA1, 3), kA1, "C6", "2020-10-01");
    // Another kind is not a household responsibility.
    store::AssignmentRow leader;
    leader.id = ++id;
    leader.kind = "town_leader";
    leader.target = "511025100";
    leader.region = R("511025100");
    leader.cadre_id = "C1";
    leader.date_from = "2020-01-01";
    data_.assignments.push_back(leader);

    help_days_ = {D(8, 3), D(8, 17), D(9, 7), D(9, 21), D(10, 5), D(10, 19), D(11, 2)};
    // Everyone visited everything in the cycles of August; C3 last on 2020-09-08.
    for (Date day : {D(8, 3), D(8, 18)}) {
      for (const auto& a : data_.assignments) {
        if (a.kind == "household_cadre" && a.cadre_id != "C6") Visit(a.target, a.cadre_id, day);
      }
    }
    Visit(Hh(kB1, 1), "C3", D(9, 8));
    Visit(Hh(kA2, 1), "C2", D(9, 7));
    Visit(Hh(kA1, 1), "C1", D(9, 21));
    Visit(Hh(kA1, 1), "C1", D(10, 5));
    Visit(Hh(kA2, 1), "C2", D(10, 6));
    // The current cycle (2020-10-19 ..): C1 visited one of two, C2 all; a visit the
    // day before the help day and a visit by the wrong cadre do not count.
    Visit(Hh(kA1, 1), "C1", D(10, 19));
    Visit(Hh(kA2, 1), "C2", D(10, 20));
    Visit(Hh(kA1, 2), "C1", D(10, 18));
    Visit(Hh(kA1, 2), "C2", D(10, 20));
  }

  void Visit(const std::string& household, const std::string& cadre, Date day) {
    data_.visits.push_back({household, cadre, day.ToString()});
  }

  ComplianceReport Compute(const char* region, std::optional<Date> cycle, Date today, int idle_cycles = 2) {
    auto r = ComputeCompliance(data_, help_days_, R(region), cycle, today, idle_cycles);
    EXPECT_TRUE(r.ok()) << r.status().ToString(Lang::kEn);
    return r.ok() ? std::move(r).value() : ComplianceReport();
  }

  static const RegionCompliance& Child(const ComplianceReport& r, const char* code) {
    for (const auto& c : r.children) {
      if (c.code == R(code)) return c;
    }
    static const RegionCompliance none;
    ADD_FAILURE() << "no child " << code;
    return none;
  }

  ComplianceData data_;
  std::vector<Date> help_days_;
};

TEST_F(ComplianceTest, DueAndVisitedHouseholdsInTheCurrentCycle) {
  const ComplianceReport r = Compute("511025", std::nullopt, D(10, 20));
  EXPECT_EQ(r.region.name, "资中县");
  EXPECT_EQ(r.cycle.help_day, D(10, 19));
  EXPECT_EQ(r.cycle.end, D(10, 20)) << "a running cycle ends today";
  EXPECT_TRUE(r.cycle.running);
  EXPECT_EQ(r.cycle.next_help_day, D(11, 2));
  // Due: A1/1, A1/2 (C1), A2/1 (C2), B1/1, B1/2 (C3), A1/3 (C6); not B1/3 (C4 left office).
  EXPECT_EQ(r.summary.households_due, 6);
  EXPECT_EQ(r.summary.households_visited, 2) << "A1/1 by C1 and A2/1 by C2 only";
  EXPECT_EQ(r.summary.cadres, 4);
  EXPECT_EQ(r.summary.cadres_all_visited, 1) << "C2";
  EXPECT_DOUBLE_EQ(r.summary.rate(), 2.0 / 6.0);
  const std::vector<Date> cycles = {D(8, 3), D(8, 17), D(9, 7), D(9, 21), D(10, 5), D(10, 19)};
  EXPECT_EQ(r.cycles, cycles) << "help days of the year up to today";
}

TEST_F(ComplianceTest, RatesPerChildRegionAndUnit) {
  const ComplianceReport r = Compute("511025", std::nullopt, D(10, 20));
  ASSERT_EQ(r.children.size(), 3u) << "every town, with or without households";
  const auto& a = Child(r, "511025100");
  EXPECT_EQ(a.name, "甲镇");
  EXPECT_EQ(a.counts.households_due, 4);
  EXPECT_EQ(a.counts.households_visited, 2);
  EXPECT_EQ(a.counts.cadres, 3);
  EXPECT_EQ(a.counts.cadres_all_visited, 1);
  const auto& b = Child(r, "511025101");
  EXPECT_EQ(b.counts.households_due, 2);
  EXPECT_EQ(b.counts.households_visited, 0);
  EXPECT_EQ(b.counts.rate(), 0.0);
  const auto& c = Child(r, "511025102");
  EXPECT_EQ(c.counts.households_due, 0);
  EXPECT_EQ(c.counts.rate(), 0.0) << "nothing due: rate 0";

  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].id, "U1");
  EXPECT_EQ(r.units[0].name, "县农业农村局");
  EXPECT_EQ(r.units[0].counts.households_due, 4) << "C1 and C3";
  EXPECT_EQ(r.units[0].counts.households_visited, 1);
  EXPECT_EQ(r.units[1].id, "U2");
  EXPECT_EQ(r.units[1].counts.households_due, 2) << "C2 and C6";
  EXPECT_EQ(r.units[1].counts.households_visited, 1);

  const ComplianceReport town = Compute("511025100", std::nullopt, D(10, 20));
  EXPECT_EQ(town.summary.households_due, 4);
  ASSERT_EQ(town.children.size(), 2u) << "the town's villages";
  EXPECT_EQ(Child(town, kA1).counts.households_due, 3);
  EXPECT_EQ(Child(town, kA2).counts.households_visited, 1);
  const ComplianceReport village = Compute(kB1, std::nullopt, D(10, 20));
  EXPECT_EQ(village.summary.households_due, 2);
  EXPECT_TRUE(village.children.empty()) << "a village has no child regions";
}

TEST_F(ComplianceTest, AnEarlierCycleEndsTheDayBeforeTheNextHelpDay) {
  const ComplianceReport r = Compute("511025", D(10, 5), D(10, 20));
  EXPECT_EQ(r.cycle.end, D(10, 18));
  EXPECT_FALSE(r.cycle.running);
  // Due: A1/1, A1/2, A2/1, B1/1, B1/2 and A1/3 (C6 from 10-01); visited A1/1 (10-05), A2/1 (10-06), and
  // A1/2 on 10-18, the cycle's last day.
  EXPECT_EQ(r.summary.households_due, 6);
  EXPECT_EQ(r.summary.households_visited, 3);
  const ComplianceReport september = Compute("511025", D(9, 21), D(10, 20));
  EXPECT_EQ(september.summary.households_due, 6) << "C4 still in office on 09-21; C6 not yet assigned";
  EXPECT_EQ(september.summary.households_visited, 1) << "A1/1 on the help day itself";
}

TEST_F(ComplianceTest, IdleExactlyAfterTheGivenNumberOfCompletedCycles) {
  // C3's last visit: 2020-09-08 (cycle of 09-07). On 10-18 only the 09-21 cycle has
  // completed without a visit: not yet idle.
  const ComplianceReport before = Compute("511025", std::nullopt, D(10, 18));
  EXPECT_TRUE(before.idle.empty());
  // On 10-19 the 10-05 cycle has completed too: two in a row.
  const ComplianceReport after = Compute("511025", std::nullopt, D(10, 19));
  ASSERT_EQ(after.idle.size(), 1u);
  const IdleCadre& idle = after.idle.front();
  EXPECT_EQ(idle.cadre_id, "C3");
  EXPECT_EQ(idle.name, "干部C3");
  EXPECT_EQ(idle.unit_id, "U1");
  EXPECT_EQ(idle.unit_name, "县农业农村局");
  EXPECT_EQ(idle.households, 2);
  EXPECT_EQ(idle.cycles_without_visit, 2);
  EXPECT_EQ(idle.last_visit, D(9, 8));
  EXPECT_EQ(Child(after, "511025101").idle_cadres, 1);
  EXPECT_EQ(Child(after, "511025100").idle_cadres, 0);
  // With N = 3 the same cadre is not flagged.
  EXPECT_TRUE(Compute("511025", std::nullopt, D(10, 19), 3).idle.empty());
  // Asking for the 09-21 cycle: C3 has one completed cycle without a visit up to it;
  // C4 (still in office then, last visit 08-18) has two.
  const ComplianceReport september = Compute("511025", D(9, 21), D(10, 20));
  ASSERT_EQ(september.idle.size(), 1u);
  EXPECT_EQ(september.idle[0].cadre_id, "C4");
  EXPECT_EQ(september.idle[0].last_visit, D(8, 18));
  // C6 was assigned on 10-01: the 09-21 cycle does not count against them (one cycle only).
  for (const auto& i : Compute("511025", std::nullopt, D(11, 1)).idle) EXPECT_NE(i.cadre_id, "C6");
}

TEST_F(ComplianceTest, AVisitInACycleClearsTheIdleFlag) {
  Visit(Hh(kB1, 1), "C3", D(10, 6));
  EXPECT_TRUE(Compute("511025", std::nullopt, D(10, 19)).idle.empty());
}

TEST_F(ComplianceTest, AModelTakesANewVisitInPlace) {
  ComplianceModel model(data_);
  auto before = ComputeCompliance(model, help_days_, R("511025"), std::nullopt, D(10, 20), 2);
  ASSERT_TRUE(before.ok());
  model.AddVisit({Hh(kA1, 2), "C1", "2020-10-20"});
  auto after = ComputeCompliance(model, help_days_, R("511025"), std::nullopt, D(10, 20), 2);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->summary.households_visited, before->summary.households_visited + 1);
  EXPECT_EQ(after->summary.cadres_all_visited, before->summary.cadres_all_visited + 1)
      << "C1 now visited both";
  EXPECT_EQ(model.visits(), data_.visits.size() + 1);
}

TEST_F(ComplianceTest, AReassignedHouseholdIsDueWithItsNewCadre) {
  data_.assignments[2].date_to = "2020-10-09";  // A2/1: C2 until 10-09, then C1
  store::AssignmentRow moved = data_.assignments[2];
  moved.id = 100;
  moved.cadre_id = "C1";
  moved.date_from = "2020-10-10";
  moved.date_to = "";
  data_.assignments.push_back(moved);
  const ComplianceReport r = Compute("511025", std::nullopt, D(10, 20));
  EXPECT_EQ(r.summary.households_visited, 1) << "C2's visit of A2/1 no longer counts";
}

TEST_F(ComplianceTest, Errors) {
  auto not_help_day = ComputeCompliance(data_, help_days_, R("511025"), D(10, 20), D(10, 20), 2);
  ASSERT_FALSE(not_help_day.ok());
  EXPECT_EQ(not_help_day.status().rule(), "compliance.not_help_day");
  EXPECT_EQ(not_help_day.status().field(), "cycle");
  EXPECT_NE(not_help_day.status().message().zh.find("2020-10-20 不是帮扶日"), std::string::npos);
  EXPECT_NE(not_help_day.status().message().en.find("2020-10-20 is not a help day"), std::string::npos);

  auto future = ComputeCompliance(data_, help_days_, R("511025"), D(11, 2), D(10, 20), 2);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().rule(), "compliance.future");

  auto none = ComputeCompliance(data_, help_days_, R("511025"), std::nullopt, D(7, 1), 2);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(none.status().rule(), "compliance.no_help_day");

  auto unknown = ComputeCompliance(data_, help_days_, R("511025199"), std::nullopt, D(10, 20), 2);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

TEST(CycleTest, CycleContainingADay) {
  const std::vector<Date> days = {D(10, 5), D(10, 19), D(11, 2)};
  EXPECT_FALSE(CycleContaining(days, D(10, 4)).has_value());
  const auto c = CycleContaining(days, D(10, 18));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->help_day, D(10, 5));
  EXPECT_EQ(c->end, D(10, 18));
  EXPECT_TRUE(c->running) << "today is its last day";
  EXPECT_TRUE(c->Contains(D(10, 5)));
  EXPECT_FALSE(c->Contains(D(10, 19)));
  const auto last = CycleContaining(days, D(12, 31));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->help_day, D(11, 2));
  EXPECT_FALSE(last->next_help_day.has_value());
  EXPECT_EQ(last->end, D(12, 31)) << "no later help day: runs to today";
}

TEST(CycleTest, HelpDaysAroundAYearSpanTheYearsBeforeAndAfter) {
  const auto days = HelpDaysAround(policy::DefaultPolicy(), 2021);
  ASSERT_FALSE(days.empty());
  EXPECT_EQ(days.front(), D(3, 2)) << "the rule starts 2020-03-01; its first Monday of week 1 is 03-02";
  EXPECT_EQ(days.back().year(), 2022);
  EXPECT_TRUE(std::is_sorted(days.begin(), days.end()));
  // The demo campaign's cycles: 08-03, 08-17, 09-07, 09-21, 10-05, 10-19.
  std::vector<Date> campaign;
  for (Date d : days) {
    if (d >= D(8, 1) && d <= D(10, 20)) campaign.push_back(d);
  }
  const std::vector<Date> expected = {D(8, 3), D(8, 17), D(9, 7), D(9, 21), D(10, 5), D(10, 19)};
  EXPECT_EQ(campaign, expected);
}

TEST(ComplianceJsonTest, ShapeOfTheApi) {
  ComplianceReport r;
  r.region = {R("511025"), "资中县", false};
  r.cycle = {D(10, 19), D(10, 20), D(11, 2), true};
  r.cycles = {D(10, 5), D(10, 19)};
  r.summary = {3, 1, 3, 2};
  r.idle_cycles = 2;
  r.idle.push_back({"C3", "干部C3", "U1", "县农业农村局", 2, 3, std::nullopt});
  const nlohmann::json j = ComplianceToJson(r, D(10, 20));
  EXPECT_EQ(j["region"]["level"], "county");
  EXPECT_EQ(j["cycle"]["start"], "2020-10-19");
  EXPECT_EQ(j["cycle"]["end"], "2020-10-20");
  EXPECT_EQ(j["summary"]["rate"], 0.6667);
  EXPECT_EQ(j["idle"][0]["cadre"]["name"], "干部C3");
  EXPECT_TRUE(j["idle"][0]["last_visit_date"].is_null());
  EXPECT_EQ(j["idle_cycles"], 2);
  EXPECT_EQ(j["today"], "2020-10-20");
}

}  // namespace
}  // namespace fupin::visits
