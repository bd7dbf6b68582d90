// Each indicator on tiny hand-made registries, the region tree, the id map, the
// builder over a store and the report shapes.
#include "analytics/indicator_engine.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "analytics/engine_builder.hpp"
#include "analytics/household_id_map.hpp"
#include "analytics/indicator_report.hpp"
#include "policy/exit_evaluation.hpp"
#include "policy/policy_file.hpp"
#include "policy/policy_test_support.hpp"
#include "policy/rule.hpp"

namespace fupin::analytics {
namespace {

using policy::test::SampleHousehold;
using registry::Cause;
using registry::Household;
using registry::HouseholdStatus;
using registry::MonitoringCategory;
using registry::YesNo;

RegionCode C(const char* text) {
  return RegionCode::Parse(text).value();
}

// 四川省 > 自贡市 > 荣县 > two towns > three villages, and 资中县 with one village
// whose city 内江市 (5110) is not listed.
std::vector<store::Region> Regions() {
  return {{C("51"), "四川省", false},        {C("5103"), "自贡市", false},
          {C("510321"), "荣县", false},      {C("510321100"), "旭阳镇", false},
          {C("510321100201"), "甲村", true}, {C("510321100202"), "乙村", false},
          {C("510321101"), "双石镇", false}, {C("510321101201"), "丙村", true},
          {C("511025"), "资中县", false},    {C("511025100"), "重龙镇", false},
          {C("511025100201"), "丁村", false}};
}

constexpr int kYear = 2020;

IndicatorEngine MakeEngine() {
  return IndicatorEngine(RegionTree::Build(Regions()).value(), policy::DefaultPolicy(), kYear);
}

// SampleHousehold: three persons, every guarantee met; income decides eligibility.
Household Make(const std::string& id, const char* village, HouseholdStatus status, int64_t per_capita_yuan) {
  Household h = SampleHousehold(village, per_capita_yuan);
  h.id = id;
  h.status = status;
  return h;
}

Indicators At(const IndicatorEngine& e, const char* code) {
  return e.Read(e.tree().Find(C(code)));
}

TEST(RegionTreeTest, PreOrderWithSynthesizedAncestors) {
  const RegionTree tree = RegionTree::Build(Regions()).value();
  // 11 listed + nation + 内江市 5110.
  ASSERT_EQ(tree.size(), 13U);
  EXPECT_EQ(tree.code(0), RegionCode());
  EXPECT_EQ(tree.name(0), "全国");
  EXPECT_EQ(tree.parent(0), kNoNode);
  for (NodeIndex n = 1; n < tree.size(); ++n) {
    EXPECT_LT(tree.code(n - 1), tree.code(n));
    EXPECT_EQ(tree.code(tree.parent(n)), tree.code(n).parent());
    EXPECT_LT(tree.parent(n), n);
  }
  const NodeIndex neijiang = tree.Find(C("5110"));
  ASSERT_NE(neijiang, kNoNode);
  EXPECT_EQ(tree.name(neijiang), "");
  EXPECT_EQ(tree.level(neijiang), RegionLevel::kCity);
  const NodeIndex town = tree.Find(C("510321100"));
  ASSERT_EQ(tree.children(town).size(), 2U);
  EXPECT_EQ(tree.name(tree.children(town)[1]), "乙村");
  EXPECT_TRUE(tree.poor_village(tree.Find(C("510321100201"))));
  EXPECT_EQ(tree.nodes_at(RegionLevel::kVillage).size(), 4U);
  EXPECT_EQ(tree.Find(C("510321100299")), kNoNode);

  auto dup = Regions();
  dup.push_back(dup.back());
  const auto bad = RegionTree::Build(dup);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().rule(), "analytics.duplicate_region");
  EXPECT_NE(bad.status().message().zh.find("511025100201"), std::string::npos);
}

TEST(CriteriaTest, EveryHouseholdRuleHasASlot) {
  ASSERT_EQ(policy::HouseholdRules().size() + 1, static_cast<size_t>(kCriterionSlots))
      << "a new household rule needs a counter slot: raise kCriterionSlots";
  for (const policy::HouseholdRule* rule : policy::HouseholdRules()) EXPECT_GE(CriterionSlot(rule->id()), 0);
  EXPECT_EQ(CriterionId(kCriterionSlots - 1), policy::kNoStandardRuleId);
  EXPECT_EQ(CriterionSlot("household.income_above_line"), 0);
  EXPECT_EQ(CriterionSlot("no.such.rule"), -1);
}

// The definitions written out plainly, one counter at a time.
NodeCounters ReferenceContribution(const HouseholdRecord& r) {
  namespace k = counter;
  const auto s = static_cast<HouseholdStatus>(r.status);
  const bool registered = s != HouseholdStatus::kNotRegistered;
  const bool poor = s == HouseholdStatus::kPoor || s == HouseholdStatus::kReturned;
  const bool exited = s == HouseholdStatus::kExited;
  const bool assessed = registered && s != HouseholdStatus::kRemoved;
  const bool monitoring = r.category() != 0 || s == HouseholdStatus::kMonitoring;
  const uint32_t p = r.persons;
  NodeCounters c;
  auto pair = [&](int at, bool on) {
    c.n[static_cast<size_t>(at)] += on ? 1 : 0;
    c.n[static_cast<size_t>(at + 1)] += on ? p : 0;
  };
  pair(k::kHouseholds, true);
  pair(k::kRegisteredHouseholds, registered);
  pair(k::kPoorHouseholds, poor);
  pair(k::kExitedHouseholds, exited);
  pair(k::kEligibleNotExitedHouseholds, poor && r.eligible());
  pair(k::kWrongExitHouseholds, exited && !r.eligible());
  pair(k::kMissedHouseholds, !registered && r.below_line());
  c.n[k::kIncomeHouseholds] += registered ? 1 : 0;
  c.n[k::kAssessedHouseholds] += assessed ? 1 : 0;
  c.n[static_cast<size_t>(k::kMonitoring + r.category())] += monitoring ? 1 : 0;
  c.n[static_cast<size_t>(k::kRiskEliminated + r.category())] += monitoring && r.risk_eliminated() ? 1 : 0;
  c.n[static_cast<size_t>(k::kExitYearHouseholds + r.exit_year)] += exited ? 1 : 0;
  c.n[static_cast<size_t>(k::kExitYearPersons + r.exit_year)] += exited ? p : 0;
  c.n[static_cast<size_t>(k::kCauses + r.main_cause)] += registered ? 1 : 0;
  for (int slot = 0; slot < kCriterionSlots; ++slot) {
    c.n[static_cast<size_t>(k::kFailures + slot)] += assessed && ((r.failures >> slot) & 1) != 0 ? 1 : 0;
  }
  c.income_fen += registered ? r.per_capita_fen : 0;
  return c;
}

TEST(AccumulateTest, MatchesThePlainDefinitionForEveryKindOfRecord) {
  std::mt19937_64 rng(11);
  NodeCounters total;
  NodeCounters expected;
  for (int status = 0; status < 6; ++status) {
    for (int flags = 0; flags < 32; ++flags) {
      for (int round = 0; round < 4; ++round) {
        HouseholdRecord r;
        r.node = 0;
        r.status = static_cast<uint8_t>(status);
        r.flags = static_cast<uint8_t>(flags);
        r.persons = static_cast<uint16_t>(rng() % 9);
        r.per_capita_fen = static_cast<int32_t>(rng() % 2'000'000) - 500'000;
        r.failures = static_cast<uint16_t>(rng() % (1U << kCriterionSlots));
        r.exit_year = static_cast<uint8_t>(rng() % kExitYearBuckets);
        r.main_cause = static_cast<uint8_t>(rng() % registry::kCauseCount);
        ASSERT_TRUE(ValidateRecord(r, 1).ok());
        NodeCounters one;
        Accumulate(one, r, 1);
        ASSERT_EQ(one, ReferenceContribution(r)) << "status " << status << " flags " << flags;
        Accumulate(total, r, 1);
        AddCounters(expected, one);
        if (round == 3) {
          Accumulate(total, r, 0xFFFFFFFFU);  // and take it back out
          Accumulate(expected, r, 0xFFFFFFFFU);
        }
      }
    }
  }
  EXPECT_EQ(total, expected);
}

TEST(IndicatorEngineTest, EmptyEngineCountsVillagesAndPoorVillages) {
  const IndicatorEngine e = MakeEngine();
  EXPECT_EQ(At(e, "0").villages, 4);
  EXPECT_EQ(At(e, "0").poor_villages, 2);
  EXPECT_EQ(At(e, "510321").villages, 3);
  EXPECT_EQ(At(e, "510321101").poor_villages, 1);
  EXPECT_EQ(At(e, "511025").poor_villages, 0);
  EXPECT_EQ(At(e, "510321").all, HouseholdsPersons{});
  EXPECT_FALSE(At(e, "510321").incidence().valid());
  EXPECT_FALSE(At(e, "510321").average_per_capita_income().has_value());
}

TEST(IndicatorEngineTest, IncidenceKeepsNumeratorAndDenominator) {
  IndicatorEngine e = MakeEngine();
  Household returned = Make("R", "510321100201", HouseholdStatus::kReturned, 3000);
  returned.members.pop_back();  // two persons
  ASSERT_TRUE(e.Put(Make("P", "510321100201", HouseholdStatus::kPoor, 3000)).ok());
  ASSERT_TRUE(e.Put(returned).ok());
  ASSERT_TRUE(e.Put(Make("E", "510321100202", HouseholdStatus::kExited, 6000)).ok());
  ASSERT_TRUE(e.Put(Make("N", "510321101201", HouseholdStatus::kNotRegistered, 9000)).ok());

  const Indicators village = At(e, "510321100201");
  EXPECT_EQ(village.poor, (HouseholdsPersons{2, 5}));
  EXPECT_EQ(village.incidence(), (policy::Ratio{5, 5}));
  const Indicators county = At(e, "510321");
  EXPECT_EQ(county.all, (HouseholdsPersons{4, 11}));
  EXPECT_EQ(county.registered, (HouseholdsPersons{3, 8}));
  EXPECT_EQ(county.poor, (HouseholdsPersons{2, 5}));
  EXPECT_EQ(county.exited, (HouseholdsPersons{1, 3}));
  // The denominator counts the unregistered household's persons too.
  EXPECT_EQ(county.incidence(), (policy::Ratio{5, 11}));
  EXPECT_EQ(county.incidence().ToPercentString(2), "45.45%");
  EXPECT_EQ(At(e, "510321101").incidence(), (policy::Ratio{0, 3}));
  EXPECT_EQ(At(e, "0").incidence(), county.incidence());
}

TEST(IndicatorEngineTest, WrongExitIsAnExitedHouseholdTheVerdictRejects) {
  IndicatorEngine e = MakeEngine();
  ASSERT_TRUE(e.Put(Make("ok", "510321100201", HouseholdStatus::kExited, 6000)).ok());
  ASSERT_TRUE(e.Put(Make("low", "510321100201", HouseholdStatus::kExited, 3000)).ok());
  Household unsafe = Make("unsafe", "510321100201", HouseholdStatus::kExited, 6000);
  unsafe.guarantees.housing = YesNo::kNo;
  ASSERT_TRUE(e.Put(unsafe).ok());
  // A poor household failing the same way is not a wrong exit.
  ASSERT_TRUE(e.Put(Make("poor", "510321100201", HouseholdStatus::kPoor, 3000)).ok());
  const Indicators i = At(e, "510321");
  EXPECT_EQ(i.wrong_exit, (HouseholdsPersons{2, 6}));
  EXPECT_EQ(i.exited, (HouseholdsPersons{3, 9}));
  EXPECT_EQ(i.failures[static_cast<size_t>(CriterionSlot("household.income_above_line"))], 2);
  EXPECT_EQ(i.failures[static_cast<size_t>(CriterionSlot("household.safe_housing"))], 1);
  EXPECT_EQ(i.failures[static_cast<size_t>(CriterionSlot("household.food"))], 0);
  EXPECT_EQ(i.assessed_households, 4);
}

TEST(IndicatorEngineTest, MissedAssessmentIsAnUnregisteredHouseholdBelowTheLine) {
  IndicatorEngine e = MakeEngine();
  ASSERT_TRUE(e.Put(Make("below", "511025100201", HouseholdStatus::kNotRegistered, 3999)).ok());
  // Exactly on the line is not below it.
  ASSERT_TRUE(e.Put(Make("on", "511025100201", HouseholdStatus::kNotRegistered, 4000)).ok());
  ASSERT_TRUE(e.Put(Make("above", "511025100201", HouseholdStatus::kNotRegistered, 9000)).ok());
  ASSERT_TRUE(e.Put(Make("poor", "511025100201", HouseholdStatus::kPoor, 3000)).ok());
  const Indicators i = At(e, "511025");
  EXPECT_EQ(i.missed_assessment, (HouseholdsPersons{1, 3}));
  EXPECT_EQ(i.registered, (HouseholdsPersons{1, 3}));
  EXPECT_EQ(i.all, (HouseholdsPersons{4, 12}));
  // Unregistered households stay out of failures, causes and the income average.
  EXPECT_EQ(i.income_households, 1);
  EXPECT_EQ(i.failures[0], 1);

  // A year without a line: nobody can be called below it.
  IndicatorEngine later(RegionTree::Build(Regions()).value(), policy::DefaultPolicy(), 2035);
  ASSERT_TRUE(later.Put(Make("below", "511025100201", HouseholdStatus::kNotRegistered, 3999)).ok());
  EXPECT_EQ(At(later, "511025").missed_assessment, HouseholdsPersons{});
}

TEST(IndicatorEngineTest, EligibleNotExitedIsAPoorHouseholdTheVerdictAccepts) {
  IndicatorEngine e = MakeEngine();
  ASSERT_TRUE(e.Put(Make("ready", "510321100201", HouseholdStatus::kPoor, 4800)).ok());
  ASSERT_TRUE(e.Put(Make("returned_ready", "510321100202", HouseholdStatus::kReturned, 4800)).ok());
  ASSERT_TRUE(e.Put(Make("not_ready", "510321100201", HouseholdStatus::kPoor, 3800)).ok());
  ASSERT_TRUE(e.Put(Make("exited", "510321100201", HouseholdStatus::kExited, 4800)).ok());
  ASSERT_TRUE(e.Put(Make("monitored", "510321100201", HouseholdStatus::kMonitoring, 4800)).ok());
  EXPECT_EQ(At(e, "510321100201").eligible_not_exited, (HouseholdsPersons{1, 3}));
  EXPECT_EQ(At(e, "510321100").eligible_not_exited, (HouseholdsPersons{2, 6}));
  EXPECT_EQ(At(e, "510321100").wrong_exit, HouseholdsPersons{});
}

TEST(IndicatorEngineTest, ExitsPerExitYear) {
  IndicatorEngine e = MakeEngine();
  const std::pair<const char*, int> exits[] = {{"a", 2016}, {"b", 2016}, {"c", 2019}, {"d", 2035}, {"e", 0}};
  for (const auto& [id, year] : exits) {
    Household h = Make(id, "510321101201", HouseholdStatus::kExited, 6000);
    h.exit_year = year;
    ASSERT_TRUE(e.Put(h).ok());
  }
  // A returned household keeps its old exit year but is not counted as exited.
  Household back = Make("f", "510321101201", HouseholdStatus::kReturned, 3000);
  back.exit_year = 2017;
  ASSERT_TRUE(e.Put(back).ok());
  const Indicators i = At(e, "51");
  EXPECT_EQ(i.exited_by_year[2016 - kFirstExitYear], (HouseholdsPersons{2, 6}));
  EXPECT_EQ(i.exited_by_year[2019 - kFirstExitYear], (HouseholdsPersons{1, 3}));
  EXPECT_EQ(i.exited_by_year[2017 - kFirstExitYear], HouseholdsPersons{});
  EXPECT_EQ(i.exited_by_year[kUnknownExitYearBucket], (HouseholdsPersons{2, 6}));
  EXPECT_EQ(i.exited, (HouseholdsPersons{5, 15}));

  const nlohmann::ordered_json j = IndicatorsToJson(i);
  EXPECT_EQ(j["exited"]["by_year"]["2016"]["households"], 2);
  EXPECT_EQ(j["exited"]["by_year"]["unknown"]["persons"], 6);
  EXPECT_EQ(j["exited"]["by_year"]["2030"]["households"], 0);
}

TEST(IndicatorEngineTest, MonitoringIncomeAndCauses) {
  IndicatorEngine e = MakeEngine();
  Household a = Make("a", "510321100201", HouseholdStatus::kExited, 5000);
  a.monitoring_category = MonitoringCategory::kUnstableExited;
  a.risk_eliminated = YesNo::kYes;
  a.main_cause = Cause::kIllness;
  Household b = Make("b", "510321100201", HouseholdStatus::kNotRegistered, 5001);
  b.monitoring_category = MonitoringCategory::kMarginal;
  b.risk_eliminated = YesNo::kNo;
  Household c = Make("c", "510321100202", HouseholdStatus::kMonitoring, 3000);
  c.main_cause = Cause::kIllness;
  Household d = Make("d", "510321100202", HouseholdStatus::kPoor, 3001);
  d.main_cause = Cause::kLackLabour;
  for (const Household* h : {&a, &b, &c, &d}) ASSERT_TRUE(e.Put(*h).ok());
  const Indicators i = At(e, "510321");
  EXPECT_EQ(i.monitoring_total(), 3);
  EXPECT_EQ(i.monitoring[0], 1);  // status monitoring, no category
  EXPECT_EQ(i.monitoring[static_cast<size_t>(MonitoringCategory::kUnstableExited)], 1);
  EXPECT_EQ(i.monitoring[static_cast<size_t>(MonitoringCategory::kMarginal)], 1);
  EXPECT_EQ(i.risk_eliminated_total(), 1);
  EXPECT_EQ(i.risk_eliminated[static_cast<size_t>(MonitoringCategory::kUnstableExited)], 1);
  // Registered households only: 5000 + 3000 + 3001 over 3.
  EXPECT_EQ(i.income_households, 3);
  EXPECT_EQ(i.income_sum_fen, 1'100'100);
  EXPECT_EQ(i.average_per_capita_income(), Money::FromFen(366'700));
  EXPECT_EQ(i.main_causes[static_cast<size_t>(Cause::kIllness)], 2);
  EXPECT_EQ(i.main_causes[static_cast<size_t>(Cause::kLackLabour)], 1);
  EXPECT_EQ(i.main_causes[0], 0);
}

TEST(IndicatorEngineTest, RollUpFromVillageToNation) {
  IndicatorEngine e = MakeEngine();
  const char* villages[] = {"510321100201", "510321100202", "510321101201", "511025100201"};
  int n = 0;
  for (const char* v : villages) {
    for (HouseholdStatus s :
         {HouseholdStatus::kPoor, HouseholdStatus::kExited, HouseholdStatus::kNotRegistered}) {
      ASSERT_TRUE(e.Put(Make(fmt::format("h{}", n++), v, s, 3500)).ok());
    }
  }
  EXPECT_EQ(At(e, "510321100").all, (HouseholdsPersons{6, 18}));
  EXPECT_EQ(At(e, "510321101").all, (HouseholdsPersons{3, 9}));
  EXPECT_EQ(At(e, "510321").poor, (HouseholdsPersons{3, 9}));
  EXPECT_EQ(At(e, "5103").wrong_exit, (HouseholdsPersons{3, 9}));
  EXPECT_EQ(At(e, "5110").missed_assessment, (HouseholdsPersons{1, 3}));
  EXPECT_EQ(At(e, "51").incidence(), (policy::Ratio{12, 36}));
  EXPECT_EQ(At(e, "0").all, (HouseholdsPersons{12, 36}));
  // Every node is its own households plus the sum of its children.
  const RegionTree& tree = e.tree();
  for (NodeIndex node = 0; node < tree.size(); ++node) {
    if (tree.children(node).empty()) continue;
    NodeCounters sum;
    if (tree.level(node) == RegionLevel::kVillage) continue;
    for (NodeIndex child : tree.children(node)) AddCounters(sum, e.counters(child));
    EXPECT_EQ(sum, e.counters(node)) << tree.code(node).ToString();
  }
}

TEST(IndicatorEngineTest, TownsOfACityWithoutCountiesRollUpIntoTheCity) {
  // 东莞市 4419 has no counties: its towns' county part is 00.
  const std::vector<store::Region> regions = {{RegionCode::FromNumber(440000000000), "广东省", false},
                                              {RegionCode::FromNumber(441900000000), "东莞市", false},
                                              {RegionCode::FromNumber(441900003000), "东城街道", false},
                                              {RegionCode::FromNumber(441900003001), "甲社区", false}};
  const RegionTree tree = RegionTree::Build(regions).value();
  const NodeIndex town = tree.Find(RegionCode::FromNumber(441900003000));
  ASSERT_NE(town, kNoNode);
  EXPECT_EQ(tree.code(tree.parent(town)), RegionCode::FromNumber(441900000000));
  IndicatorEngine e(tree, policy::DefaultPolicy(), kYear);
  Household h = Make("dg", "510321100201", HouseholdStatus::kPoor, 3000);
  h.village = RegionCode::FromNumber(441900003001);
  ASSERT_TRUE(e.Put(h).ok());
  for (uint64_t code : {441900003000ULL, 441900000000ULL, 440000000000ULL, 0ULL}) {
    EXPECT_EQ(e.Read(e.tree().Find(RegionCode::FromNumber(code))).poor, (HouseholdsPersons{1, 3})) << code;
  }
  const std::vector<NodeCounters> live(e.all_counters().begin(), e.all_counters().end());
  for (RecomputeStrategy strategy :
       {RecomputeStrategy::kRollUpVillages, RecomputeStrategy::kCountIntoTowns}) {
    e.Recompute(2, strategy);
    for (NodeIndex n = 0; n < e.tree().size(); ++n) EXPECT_EQ(live[n], e.counters(n));
  }
}

TEST(IndicatorEngineTest, UpdatesMoveAndRemoveContributions) {
  IndicatorEngine e = MakeEngine();
  Household h = Make("x", "510321100201", HouseholdStatus::kPoor, 3000);
  ASSERT_TRUE(e.Put(h).ok());
  h.village = C("511025100201");
  h.status = HouseholdStatus::kExited;
  h.exit_year = 2020;
  ASSERT_TRUE(e.Put(h).ok());
  EXPECT_EQ(e.household_count(), 1U);
  EXPECT_EQ(At(e, "510321").all, HouseholdsPersons{});
  EXPECT_EQ(At(e, "511025").exited_by_year[2020 - kFirstExitYear], (HouseholdsPersons{1, 3}));
  EXPECT_EQ(At(e, "511025").wrong_exit, (HouseholdsPersons{1, 3}));
  ASSERT_NE(e.Find("x"), nullptr);
  EXPECT_EQ(e.Find("x")->node, e.tree().Find(C("511025100201")));
  EXPECT_TRUE(e.Remove("x"));
  EXPECT_FALSE(e.Remove("x"));
  EXPECT_EQ(e.Find("x"), nullptr);
  EXPECT_EQ(e.household_count(), 0U);
  const IndicatorEngine fresh = MakeEngine();
  for (NodeIndex node = 0; node < e.tree().size(); ++node) EXPECT_EQ(e.counters(node), fresh.counters(node));
}

TEST(IndicatorEngineTest, RefusesUnknownVillagesAndBadRecords) {
  IndicatorEngine e = MakeEngine();
  const Status unknown = e.Put(Make("x", "510321100299", HouseholdStatus::kPoor, 3000));
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.field(), "village");
  EXPECT_NE(unknown.message().zh.find("510321100299"), std::string::npos);
  HouseholdRecord r;
  r.node = 1;
  r.exit_year = kExitYearBuckets;
  const Status bad = e.Put("y", r);
  EXPECT_EQ(bad.rule(), "analytics.record");
  EXPECT_EQ(bad.field(), "exit_year");
  r.exit_year = 0;
  r.node = static_cast<NodeIndex>(e.tree().size());
  EXPECT_EQ(e.Put("y", r).field(), "node");
  EXPECT_EQ(e.household_count(), 0U);
}

TEST(IndicatorEngineTest, RecomputeWithAnyThreadCountEqualsLiveCounters) {
  IndicatorEngine e = MakeEngine();
  const char* villages[] = {"510321100201", "510321100202", "510321101201", "511025100201"};
  for (int n = 0; n < 200; ++n) {
    Household h =
        Make(fmt::format("h{}", n), villages[n % 4], static_cast<HouseholdStatus>(n % 6), 2000 + 37 * n);
    h.exit_year = 2014 + n % 20;
    ASSERT_TRUE(e.Put(h).ok());
  }
  for (int n = 0; n < 200; n += 3) e.Remove(fmt::format("h{}", n));
  const std::vector<NodeCounters> live(e.all_counters().begin(), e.all_counters().end());
  for (RecomputeStrategy strategy :
       {RecomputeStrategy::kAuto, RecomputeStrategy::kRollUpVillages, RecomputeStrategy::kCountIntoTowns}) {
    for (int threads : {1, 2, 3, 8}) {
      e.Recompute(threads, strategy);
      for (NodeIndex node = 0; node < e.tree().size(); ++node) {
        EXPECT_EQ(live[node], e.counters(node))
            << threads << " threads, strategy " << static_cast<int>(strategy);
      }
    }
  }
}

TEST(IndicatorEngineTest, CompactRecordsKeepsIdsAndCounters) {
  IndicatorEngine e = MakeEngine();
  const char* villages[] = {"511025100201", "510321101201", "510321100201", "510321100202"};
  for (int n = 0; n < 40; ++n) {
    ASSERT_TRUE(e.Put(Make(fmt::format("h{}", n), villages[n % 4], HouseholdStatus::kPoor, 3000 + n)).ok());
  }
  for (int n = 0; n < 40; n += 5) ASSERT_TRUE(e.Remove(fmt::format("h{}", n)));
  const std::vector<NodeCounters> before(e.all_counters().begin(), e.all_counters().end());
  const HouseholdRecord h7 = *e.Find("h7");
  e.CompactRecords();
  EXPECT_EQ(e.household_count(), 32U);
  ASSERT_NE(e.Find("h7"), nullptr);
  EXPECT_EQ(*e.Find("h7"), h7);
  EXPECT_EQ(e.Find("h5"), nullptr);
  e.Recompute(2);
  for (NodeIndex n = 0; n < e.tree().size(); ++n) EXPECT_EQ(before[n], e.counters(n));
  // Updates and removals after compacting land on the right records.
  Household moved = Make("h7", "511025100201", HouseholdStatus::kExited, 6000);
  ASSERT_TRUE(e.Put(moved).ok());
  ASSERT_TRUE(e.Remove("h9"));
  ASSERT_TRUE(e.Put(Make("new", "510321100201", HouseholdStatus::kPoor, 3000)).ok());
  const std::vector<NodeCounters> live(e.all_counters().begin(), e.all_counters().end());
  e.Recompute(1);
  for (NodeIndex n = 0; n < e.tree().size(); ++n) EXPECT_EQ(live[n], e.counters(n));
  EXPECT_EQ(e.household_count(), 32U);
}

TEST(HouseholdIdMapTest, NumericAndTextIdsAgainstAReferenceMap) {
  EXPECT_EQ(HouseholdIdMap::NumericKey("5110251002030001"), 5110251002030001ULL);
  EXPECT_EQ(HouseholdIdMap::NumericKey("0"), 0ULL);
  EXPECT_FALSE(HouseholdIdMap::NumericKey("007").has_value());
  EXPECT_FALSE(HouseholdIdMap::NumericKey("1234567890123456789").has_value());  // 19 digits
  EXPECT_FALSE(HouseholdIdMap::NumericKey("H001").has_value());
  EXPECT_FALSE(HouseholdIdMap::NumericKey("").has_value());

  HouseholdIdMap map;
  std::unordered_map<std::string, uint32_t> reference;
  std::mt19937_64 rng(7);
  std::vector<uint32_t> free_slots;
  uint32_t next_slot = 0;
  auto random_id = [&] {
    switch (rng() % 3) {
      case 0:
        return std::to_string(rng() % 5000);
      case 1:
        return fmt::format("H{}", rng() % 500);
      default:
        return fmt::format("0{}", rng() % 500);
    }
  };
  for (int step = 0; step < 50000; ++step) {
    const std::string id = random_id();
    const auto it = reference.find(id);
    ASSERT_EQ(map.Find(id), it == reference.end() ? HouseholdIdMap::kNoSlot : it->second) << id;
    if (it == reference.end()) {
      uint32_t slot = next_slot;
      if (!free_slots.empty()) {
        slot = free_slots.back();
        free_slots.pop_back();
      } else {
        ++next_slot;
      }
      map.Insert(id, slot);
      reference.emplace(id, slot);
    } else if (rng() % 2 == 0) {
      ASSERT_EQ(map.Erase(id), it->second);
      free_slots.push_back(it->second);
      reference.erase(it);
    }
    ASSERT_EQ(map.size(), reference.size());
  }
  for (const auto& [id, slot] : reference) EXPECT_EQ(map.Find(id), slot);
  EXPECT_EQ(map.Erase("never"), HouseholdIdMap::kNoSlot);
}

TEST(EngineBuilderTest, BuildsFromTheStoreWithAncestorNames) {
  auto store = store::OpenSqliteStore(":memory:").value();
  ASSERT_TRUE(store->UpsertRegions(Regions()).ok());
  std::vector<Household> households = {Make("a", "510321100201", HouseholdStatus::kPoor, 3000),
                                       Make("b", "510321101201", HouseholdStatus::kExited, 6000),
                                       Make("c", "511025100201", HouseholdStatus::kPoor, 3000)};
  std::vector<store::HouseholdWrite> writes;
  // The store keys persons by ID number.
  for (size_t i = 0; i < households.size(); ++i) {
    for (size_t m = 0; m < households[i].members.size(); ++m) {
      households[i].members[m].id_number = fmt::format("ID{}-{}", i, m);
    }
  }
  for (const Household& h : households) writes.push_back({nullptr, &h});
  ASSERT_TRUE(store->WriteHouseholds(writes, {"test", "test"}, {}).ok());

  auto engine = BuildIndicatorEngine(*store, C("510321"), policy::DefaultPolicy(), 2020);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString(Lang::kEn);
  EXPECT_EQ(engine->household_count(), 2U);
  const NodeIndex county = engine->tree().Find(C("510321"));
  EXPECT_EQ(engine->Read(county).all, (HouseholdsPersons{2, 6}));
  EXPECT_EQ(engine->tree().name(engine->tree().Find(C("51"))), "四川省");
  EXPECT_EQ(engine->tree().Find(C("511025")), kNoNode);

  auto province = BuildIndicatorEngine(*store, C("51"), policy::DefaultPolicy(), 2020);
  ASSERT_TRUE(province.ok());
  EXPECT_EQ(province->Read(province->tree().Find(C("51"))).poor, (HouseholdsPersons{2, 6}));
  auto village = BuildIndicatorEngine(*store, C("510321101201"), policy::DefaultPolicy(), 2020);
  ASSERT_TRUE(village.ok());
  EXPECT_EQ(village->household_count(), 1U);

  const auto missing = BuildIndicatorEngine(*store, C("520102"), policy::DefaultPolicy(), 2020);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().zh.find("520102"), std::string::npos);
}

TEST(EngineBuilderTest, DefaultYearIsTheLastYearWithAPovertyLine) {
  EXPECT_EQ(DefaultIndicatorYear(policy::DefaultPolicy()), 2020);
  EXPECT_EQ(DefaultIndicatorYear(policy::Policy()), std::nullopt);
}

TEST(IndicatorReportTest, RowsMatchTheHeaderAndJsonNests) {
  IndicatorEngine e = MakeEngine();
  ASSERT_TRUE(e.Put(Make("a", "510321100201", HouseholdStatus::kPoor, 3000)).ok());
  const NodeIndex county = e.tree().Find(C("510321"));
  const auto header = ReportHeader();
  EXPECT_EQ(header[0], "区划代码");
  EXPECT_EQ(ReportHeader(Lang::kEn)[0], "region code");
  const auto row = ReportRow(e, county);
  ASSERT_EQ(row.size(), header.size());
  EXPECT_EQ(row[0], "510321000000");
  EXPECT_EQ(row[1], "荣县");
  EXPECT_EQ(row[2], "县");
  const auto at = [&](const std::string& name) {
    return row[static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin())];
  };
  EXPECT_EQ(at("贫困发生率"), "100.0000%");
  EXPECT_EQ(at("未脱贫人数"), "3");
  EXPECT_EQ(at("平均人均纯收入(元)"), "3000.00");
  EXPECT_EQ(at("未达标户数：收入超过扶贫标准"), "1");

  EXPECT_EQ(ReportNodes(e.tree(), county, 0).size(), 1U);
  EXPECT_EQ(ReportNodes(e.tree(), county, 1).size(), 3U);
  EXPECT_EQ(ReportNodes(e.tree(), county, 2).size(), 6U);
  const nlohmann::ordered_json j = RegionReportJson(e, county, 1);
  EXPECT_EQ(j["level"], "county");
  EXPECT_EQ(j["level_name"], "县");
  ASSERT_EQ(j["children"].size(), 2U);
  EXPECT_EQ(j["children"][0]["name"], "旭阳镇");
  EXPECT_FALSE(j["children"][0].contains("children"));
  EXPECT_EQ(j["indicators"]["incidence"]["numerator"], 3);
  EXPECT_EQ(j["indicators"]["incidence"]["denominator"], 3);
  EXPECT_EQ(j["indicators"]["failures"]["household.income_above_line"], 1);
  EXPECT_EQ(j["indicators"]["main_causes"]["not_recorded"], 1);
  EXPECT_EQ(j["indicators"]["monitoring"]["by_category"]["marginal"]["households"], 0);
}

}  // namespace
}  // namespace fupin::analytics
