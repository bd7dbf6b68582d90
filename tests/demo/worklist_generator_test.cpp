// The demo's work lists and meetings: every escalation state on the as-of date, the
// campaign's cadences, and the same data for the same seed.
#include "demo/worklist_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "policy/policy_file.hpp"
#include "regions/region_import.hpp"

namespace fupin::demo {
namespace {

struct Built {
  DemoStructure structure;
  std::vector<DemoRegion> towns;
  DemoRegistry registry;
};

const Built& Zizhong() {
  static const Built built = [] {
    Built b;
    const RegionCode county = RegionCode::Parse("511025").value();
    const auto targets = TargetsFor(county).value();
    std::map<RegionCode, std::string> town_names;
    std::vector<DemoVillage> villages;
    std::vector<DemoRegion> village_regions;
    const auto regions = regions::EmbeddedDemoRegions().value();
    for (const auto& r : regions) {
      if (r.code.level() == RegionLevel::kTown && r.code.IsWithin(county)) town_names[r.code] = r.name;
    }
    for (const auto& r : regions) {
      if (r.code.level() == RegionLevel::kVillage && r.code.IsWithin(county)) {
        villages.push_back({r.code, r.name, town_names[r.code.parent()]});
        village_regions.push_back({r.code, r.name});
      }
    }
    for (const auto& [code, name] : town_names) b.towns.push_back({code, name});
    b.registry = GenerateDemoCounty(targets, villages, 1).value();
    b.structure = GenerateDemoStructure(targets, b.towns, village_regions, b.registry, 1);
    return b;
  }();
  return built;
}

DemoWorkLists Generate(uint64_t seed) {
  const Built& b = Zizhong();
  return GenerateDemoWorkLists(TargetsFor(RegionCode::Parse("511025").value()).value(), b.towns, b.structure,
                               b.registry, seed);
}

TEST(DemoWorkListsTest, EveryEscalationOnTheAsOfDate) {
  const DemoWorkLists w = Generate(1);
  EXPECT_EQ(w.as_of.ToString(), "2020-10-20");
  EXPECT_GE(w.tasks.size(), 40u);
  EXPECT_LE(w.tasks.size(), 60u);
  const policy::WorkListRule* rule = policy::DefaultPolicy().WorkListRuleAt(w.as_of);
  std::map<worklist::EscalationLevel, int> count;
  for (const auto& t : w.tasks) {
    ++count[worklist::Escalation(t.task, w.as_of, rule)];
    for (const auto& u : t.updates) EXPECT_LE(u.date, w.as_of.ToString()) << t.task.title << " " << u.date;
    EXPECT_LE(t.task.issued_on, w.as_of.ToString()) << t.task.title;
  }
  for (auto level : {worklist::EscalationLevel::kNone, worklist::EscalationLevel::kDueSoon,
                     worklist::EscalationLevel::kOverdue, worklist::EscalationLevel::kOverdueWeek,
                     worklist::EscalationLevel::kDone}) {
    EXPECT_GE(count[level], 3) << TermOf(level).code;
  }
}

TEST(DemoWorkListsTest, CadencesOfTheCampaignAndHeldMeetings) {
  const DemoWorkLists w = Generate(1);
  ASSERT_EQ(w.cadences.size(), 7u) << "daily, weekly, half-monthly, task force, three war zones";
  std::set<std::string> kinds;
  for (const auto& c : w.cadences) {
    kinds.insert(c.kind);
    EXPECT_EQ(c.date_from, "2020-08-01");
    EXPECT_EQ(c.date_to, "2020-11-08");
    EXPECT_GE(c.attendees.size(), 3u) << c.name;
  }
  EXPECT_EQ(kinds.size(), 4u);
  int with_tasks = 0;
  std::string previous;
  for (const auto& r : w.records) {
    EXPECT_LT(r.date, "2020-10-20");
    EXPECT_GE(r.date, previous);
    previous = r.date;
    EXPECT_LE(r.record.present.size(), w.cadences[r.cadence].attendees.size());
    for (const auto& d : r.record.decisions) with_tasks += d.task ? 1 : 0;
  }
  EXPECT_GE(with_tasks, 5);
}

TEST(DemoWorkListsTest, SameSeedSameDataOtherSeedOther) {
  const DemoWorkLists a = Generate(1);
  const DemoWorkLists b = Generate(1);
  const DemoWorkLists c = Generate(2);
  ASSERT_EQ(a.tasks.size(), b.tasks.size());
  bool differs = false;
  for (size_t i = 0; i < a.tasks.size(); ++i) {
    EXPECT_EQ(a.tasks[i].task, b.tasks[i].task);
    EXPECT_EQ(a.tasks[i].updates, b.tasks[i].updates);
    if (i < c.tasks.size() &&
        (a.tasks[i].task != c.tasks[i].task || a.tasks[i].updates != c.tasks[i].updates)) {
      differs = true;
    }
  }
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].record.present, b.records[i].record.present);
    EXPECT_EQ(a.records[i].record.agenda, b.records[i].record.agenda);
  }
  EXPECT_TRUE(differs) << "another seed gives other progress and deadlines";
}

}  // namespace
}  // namespace fupin::demo
