// Randomized property: after any sequence of inserts, updates (any field, moving
// village included) and deletes, the live counters of every node equal a full
// recompute from the records, with any thread count, and equal an engine built
// afresh from the final registry. Plus an independent naive recount per county.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <unordered_map>

#include "analytics/indicator_engine.hpp"
#include "policy/exit_evaluation.hpp"
#include "policy/policy_file.hpp"
#include "regions/region_import.hpp"

namespace fupin::analytics {
namespace {

using registry::Household;
using registry::HouseholdStatus;
using registry::Person;
using registry::YesNo;

constexpr int kYear = 2020;
constexpr int kInitialHouseholds = 5000;
constexpr int kChanges = 100'000;  // never fewer
constexpr int kCheckpoints = 4;

class RandomRegistry {
 public:
  RandomRegistry(std::vector<RegionCode> villages, uint64_t seed)
      : villages_(std::move(villages)), rng_(seed) {}

  Household NewHousehold() {
    Household h;
    h.id = fmt::format("{}", next_id_++);
    // Some ids are not numeric, to exercise the id map's side table.
    if (Chance(5)) h.id = fmt::format("X{}", h.id);
    h.village = RandomVillage();
    const int members = Range(1, 6);
    for (int m = 0; m < members; ++m) h.members.push_back(NewPerson());
    h.guarantees = {YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes,
                    YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes};
    if (Chance(10)) RandomGuarantee(h);
    h.status = RandomStatus();
    h.exit_year = RandomExitYear();
    SetIncome(h);
    h.main_cause = static_cast<registry::Cause>(Range(0, registry::kCauseCount - 1));
    if (Chance(15)) h.monitoring_category = static_cast<registry::MonitoringCategory>(Range(1, 3));
    h.risk_eliminated = static_cast<YesNo>(Range(0, 2));
    h.registration_year = Range(2014, 2020);
    return h;
  }

  // Changes one field (or a few related ones) of `h`.
  void Mutate(Household& h) {
    switch (Range(0, 11)) {
      case 0:
      case 1:
        h.village = RandomVillage();
        break;
      case 2:
      case 3:
        h.status = RandomStatus();
        break;
      case 4:
      case 5:
        SetIncome(h);
        break;  // often across the line
      case 6:
        h.exit_year = RandomExitYear();
        break;
      case 7:
        if (h.members.size() > 1 && Chance(50)) {
          h.members.pop_back();
        } else {
          h.members.push_back(NewPerson());
        }
        break;
      case 8:
        RandomGuarantee(h);
        break;
      case 9:
        h.monitoring_category = static_cast<registry::MonitoringCategory>(Range(0, 3));
        h.risk_eliminated = static_cast<YesNo>(Range(0, 2));
        break;
      case 10:
        h.main_cause = static_cast<registry::Cause>(Range(0, registry::kCauseCount - 1));
        break;
      default: {
        Person& p = h.members[static_cast<size_t>(Range(0, static_cast<int>(h.members.size()) - 1))];
        if (Chance(50)) {
          p.medical_insurance = static_cast<YesNo>(Range(0, 2));
        } else {
          p.schooling = Chance(50) ? registry::Schooling::kDroppedOut : registry::Schooling::kPrimary;
        }
      }
    }
  }

  int Range(int lo, int hi) { return lo + static_cast<int>(rng_() % static_cast<uint64_t>(hi - lo + 1)); }
  bool Chance(int percent) { return Range(0, 99) < percent; }

 private:
  RegionCode RandomVillage() {
    return villages_[static_cast<size_t>(Range(0, static_cast<int>(villages_.size()) - 1))];
  }

  HouseholdStatus RandomStatus() { return static_cast<HouseholdStatus>(Range(0, 5)); }

  int RandomExitYear() {
    const int r = Range(0, 9);
    return r == 0 ? 0 : r == 1 ? 2040 : Range(2014, 2021);
  }

  // Per-capita income around the 2020 line of 4,000 yuan, sometimes exactly on it.
  void SetIncome(Household& h) {
    const int64_t per_capita = Chance(5) ? 4000 : Range(1500, 7000);
    h.income = {};
    h.income.wages = Money::FromYuan(per_capita * static_cast<int64_t>(h.members.size()));
    h.income.production_costs = Money::FromFen(Range(0, 99));
  }

  void RandomGuarantee(Household& h) {
    YesNo* fields[] = {&h.guarantees.food,        &h.guarantees.clothing, &h.guarantees.education,
                       &h.guarantees.medical,     &h.guarantees.housing,  &h.guarantees.water,
                       &h.guarantees.electricity, &h.guarantees.radio_tv};
    *fields[Range(0, 7)] = static_cast<YesNo>(Range(0, 2));
  }

  Person NewPerson() {
    Person p;
    p.name = "某";
    p.birth_date = Date::FromYmd(Range(1940, 2018), Range(1, 12), Range(1, 28)).value();
    p.schooling = Chance(90) ? registry::Schooling::kPrimary : registry::Schooling::kNotInSchool;
    p.medical_insurance = Chance(95) ? YesNo::kYes : YesNo::kNo;
    return p;
  }

  std::vector<RegionCode> villages_;
  std::mt19937_64 rng_;
  int64_t next_id_ = 5110250000000000;
};

std::vector<NodeCounters> Snapshot(const IndicatorEngine& e) {
  return std::vector<NodeCounters>(e.all_counters().begin(), e.all_counters().end());
}

// Compares node by node and names the first few differences.
void ExpectSameCounters(const IndicatorEngine& e, const std::vector<NodeCounters>& expected,
                        const std::string& what) {
  ASSERT_EQ(expected.size(), e.tree().size());
  int reported = 0;
  for (NodeIndex n = 0; n < e.tree().size(); ++n) {
    if (e.counters(n) == expected[n]) continue;
    ADD_FAILURE() << what << ": node " << e.tree().code(n).ToString() << " differs";
    if (++reported == 5) return;
  }
}

TEST(IndicatorPropertyTest, LiveCountersEqualAFullRecomputeAfterRandomChanges) {
  const auto started = std::chrono::steady_clock::now();
  auto regions = regions::EmbeddedDemoRegions();
  ASSERT_TRUE(regions.ok());
  // Two counties (荣县, 资中县); a few villages are poor.
  std::vector<store::Region> listed;
  std::vector<RegionCode> villages;
  for (store::Region r : *regions) {
    if (r.code.level() == RegionLevel::kVillage) {
      r.poor_village = villages.size() % 3 == 0;
      villages.push_back(r.code);
    }
    listed.push_back(r);
  }
  ASSERT_GE(villages.size(), 300U);
  const RegionTree tree = RegionTree::Build(listed).value();
  ASSERT_EQ(tree.nodes_at(RegionLevel::kCounty).size(), 2U);

  const policy::Policy& policy = policy::DefaultPolicy();
  IndicatorEngine engine(tree, policy, kYear);
  RandomRegistry random(villages, 20200630);
  std::vector<Household> live;
  std::unordered_map<std::string, size_t> position;
  auto insert = [&] {
    Household h = random.NewHousehold();
    ASSERT_TRUE(engine.Put(h).ok());
    position[h.id] = live.size();
    live.push_back(std::move(h));
  };
  for (int i = 0; i < kInitialHouseholds; ++i) insert();

  int inserts = 0, updates = 0, deletes = 0;
  for (int change = 1; change <= kChanges; ++change) {
    const int op = random.Range(0, 99);
    if (op < 10 || live.empty()) {
      insert();
      ++inserts;
    } else if (op < 20) {
      const size_t at = static_cast<size_t>(random.Range(0, static_cast<int>(live.size()) - 1));
      ASSERT_TRUE(engine.Remove(live[at].id));
      position.erase(live[at].id);
      if (at + 1 != live.size()) {
        live[at] = std::move(live.back());
        position[live[at].id] = at;
      }
      live.pop_back();
      ++deletes;
    } else {
      Household& h = live[static_cast<size_t>(random.Range(0, static_cast<int>(live.size()) - 1))];
      random.Mutate(h);
      ASSERT_TRUE(engine.Put(h).ok());
      ++updates;
    }
    if (change % (kChanges / kCheckpoints) == 0) {
      const std::vector<NodeCounters> before = Snapshot(engine);
      const int checkpoint = change / (kChanges / kCheckpoints);
      // Compacting moves every record to another slot; later updates must still find them.
      if (checkpoint == 2) engine.CompactRecords();
      engine.Recompute(1 + checkpoint % 3, checkpoint % 2 == 0 ? RecomputeStrategy::kRollUpVillages
                                                               : RecomputeStrategy::kCountIntoTowns);
      ExpectSameCounters(engine, before, fmt::format("after {} changes", change));
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(inserts, kChanges / 20);
  EXPECT_GT(deletes, kChanges / 20);
  EXPECT_GT(updates, kChanges / 2);
  ASSERT_EQ(engine.household_count(), live.size());

  const std::vector<NodeCounters> final_live = Snapshot(engine);
  for (RecomputeStrategy strategy :
       {RecomputeStrategy::kRollUpVillages, RecomputeStrategy::kCountIntoTowns}) {
    for (int threads : {1, 2, 3}) {
      engine.Recompute(threads, strategy);
      ExpectSameCounters(
          engine, final_live,
          fmt::format("recompute with {} threads, strategy {}", threads, static_cast<int>(strategy)));
    }
  }

  // Built afresh in another order: the same figures.
  IndicatorEngine fresh(tree, policy, kYear);
  for (auto it = live.rbegin(); it != live.rend(); ++it) ASSERT_TRUE(fresh.Put(*it).ok());
  ExpectSameCounters(fresh, final_live, "fresh engine");

  // An independent naive recount of a few indicators per county and for the nation.
  struct Naive {
    int64_t households = 0, persons = 0, registered = 0, poor_persons = 0, wrong_exit = 0, missed = 0;
  };
  std::map<RegionCode, Naive> naive;
  for (const Household& h : live) {
    const auto persons = static_cast<int64_t>(h.members.size());
    const bool eligible = policy::EvaluateHousehold(policy, h, kYear).eligible_to_exit;
    for (RegionCode at : {h.village.AncestorAt(RegionLevel::kCounty), RegionCode()}) {
      Naive& n = naive[at];
      ++n.households;
      n.persons += persons;
      n.registered += h.status != HouseholdStatus::kNotRegistered ? 1 : 0;
      n.poor_persons +=
          h.status == HouseholdStatus::kPoor || h.status == HouseholdStatus::kReturned ? persons : 0;
      n.wrong_exit += h.status == HouseholdStatus::kExited && !eligible ? 1 : 0;
      n.missed +=
          h.status == HouseholdStatus::kNotRegistered && *policy::IncomeBelowLine(policy, h, kYear) ? 1 : 0;
    }
  }
  for (const auto& [code, n] : naive) {
    const Indicators i = engine.Read(engine.tree().Find(code));
    EXPECT_EQ(i.all.households, n.households) << code.ToString();
    EXPECT_EQ(i.all.persons, n.persons) << code.ToString();
    EXPECT_EQ(i.registered.households, n.registered) << code.ToString();
    EXPECT_EQ(i.incidence().numerator, n.poor_persons) << code.ToString();
    EXPECT_EQ(i.wrong_exit.households, n.wrong_exit) << code.ToString();
    EXPECT_EQ(i.missed_assessment.households, n.missed) << code.ToString();
  }
  EXPECT_GT(naive[RegionCode()].wrong_exit, 0);
  EXPECT_GT(naive[RegionCode()].missed, 0);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("{} changes ({} inserts, {} updates, {} deletes) over {} villages in {:.1f} s\n",
                           kChanges, inserts, updates, deletes, villages.size(), seconds);
}

}  // namespace
}  // namespace fupin::analytics
