// The demo visit generator on a hand-made structure: deterministic for a seed, every
// visit within its cycle and not after the as-of date, idle cadres never visit, late
// ones not in the current cycle, the demo cadre's current cycle half done.
#include "demo/visit_generator.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "visits/visit.hpp"

namespace fupin::demo {
namespace {

Date D(int m, int d) {
  return Date::FromYmd(2020, m, d).value();
}

class VisitGeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const RegionCode village = RegionCode::Parse("511025100201").value();
    for (int c = 1; c <= 200; ++c) {
      const std::string id = fmt::format("R{:03d}", c);
      structure_.cadres.push_back({id, "干部", "U1", "干部", "other", true, "", "2016-01-01", "", 0});
      for (int h = 0; h < 3; ++h) {
        store::AssignmentRow a;
        a.kind = "household_cadre";
        a.target = fmt::format("511025100201{:04d}", c * 3 + h);
        a.region = village;
        a.cadre_id = id;
        a.date_from = "2019-01-01";
        structure_.assignments.push_back(a);
      }
    }
    store::AssignmentRow leader;  // not a household: never visited
    leader.kind = "town_leader";
    leader.target = "511025100";
    leader.cadre_id = "R001";
    leader.date_from = "2019-01-01";
    structure_.assignments.push_back(leader);
  }

  DemoVisits Generate(uint64_t seed) {
    return GenerateDemoVisits(structure_, help_days_, D(10, 20), "R007", seed);
  }

  DemoStructure structure_;
  const std::vector<Date> help_days_ = {D(8, 3), D(8, 17), D(9, 7), D(9, 21), D(10, 5), D(10, 19)};
};

TEST_F(VisitGeneratorTest, SameSeedSameVisitsOtherSeedOther) {
  const DemoVisits a = Generate(1);
  const DemoVisits b = Generate(1);
  ASSERT_EQ(a.visits.size(), b.visits.size());
  EXPECT_EQ(a.visits, b.visits);
  EXPECT_EQ(a.idle_cadres, b.idle_cadres);
  EXPECT_NE(Generate(2).visits, a.visits);
}

TEST_F(VisitGeneratorTest, EveryVisitWithinItsCycleAndWellFormed) {
  const DemoVisits out = Generate(1);
  ASSERT_FALSE(out.visits.empty());
  std::set<std::string> client_ids;
  int64_t problems = 0;
  for (const auto& v : out.visits) {
    EXPECT_TRUE(visits::IsClientId(v.client_id)) << v.client_id;
    EXPECT_TRUE(client_ids.insert(v.client_id).second) << "unique";
    const Date day = Date::Parse(v.date).value();
    EXPECT_GE(day, D(8, 3));
    EXPECT_LE(day, D(10, 20)) << "never after the as-of date";
    EXPECT_EQ(v.household_id.substr(0, 12), "511025100201");
    EXPECT_TRUE(ParseTerm<visits::VisitKind>(v.kind).has_value()) << v.kind;
    EXPECT_GE(v.measures.size(), 1u);
    EXPECT_LE(v.measures.size(), 3u);
    for (const auto& m : v.measures) EXPECT_TRUE(ParseTerm<visits::VisitMeasure>(m).has_value()) << m;
    EXPECT_EQ(std::set<std::string>(v.measures.begin(), v.measures.end()).size(), v.measures.size());
    for (const auto& p : v.problems) EXPECT_EQ(p.status, "open");
    problems += static_cast<int64_t>(v.problems.size());
    EXPECT_EQ(v.lat_e6.has_value(), v.lng_e6.has_value());
  }
  EXPECT_EQ(problems, out.problems);
  // Visits in each cycle fall between its help day and the day before the next.
  for (const auto& v : out.visits) {
    const Date day = Date::Parse(v.date).value();
    for (size_t k = 0; k + 1 < help_days_.size(); ++k) {
      EXPECT_FALSE(day >= help_days_[k].AddDays(5) && day < help_days_[k + 1])
          << v.date << ": more than 4 days after its help day";
    }
  }
}

TEST_F(VisitGeneratorTest, IdleCadresNeverVisitLateOnesNotInTheCurrentCycle) {
  const DemoVisits out = Generate(1);
  EXPECT_FALSE(out.idle_cadres.empty()) << "about 5% of 200";
  EXPECT_FALSE(out.late_cadres.empty()) << "about 10% of 200";
  const std::set<std::string> idle(out.idle_cadres.begin(), out.idle_cadres.end());
  const std::set<std::string> late(out.late_cadres.begin(), out.late_cadres.end());
  std::map<std::string, std::set<std::string>> current;  // cadre -> households visited since 10-19
  for (const auto& v : out.visits) {
    EXPECT_FALSE(idle.contains(v.cadre_id)) << v.cadre_id;
    if (v.date >= "2020-10-19") {
      EXPECT_FALSE(late.contains(v.cadre_id)) << v.cadre_id;
      current[v.cadre_id].insert(v.household_id);
    }
  }
  EXPECT_FALSE(idle.contains("R007"));
  EXPECT_FALSE(late.contains("R007"));
  const std::set<std::string> first = {"5110251002010021"};
  EXPECT_EQ(current["R007"], first) << "the demo cadre: the first household visited, two still due";
  // The demo cadre visited every household in each earlier cycle.
  int64_t earlier = 0;
  for (const auto& v : out.visits) earlier += v.cadre_id == "R007" && v.date < "2020-10-19" ? 1 : 0;
  EXPECT_EQ(earlier, 5 * 3);
}

}  // namespace
}  // namespace fupin::demo
