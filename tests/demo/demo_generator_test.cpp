#include "demo/demo_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/id_number.hpp"
#include "test_support.hpp"

namespace fupin::demo {
namespace {

using registry::Household;
using registry::HouseholdStatus;
using registry::Person;
using registry::Relation;
using registry::Schooling;
using registry::YesNo;

constexpr uint64_t kSeed = 20200630;
const Date kToday = Date::FromYmd(2020, 12, 31).value();

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    cells.push_back(cell);
  }
  return cells;
}

/// The village-level units of `county` from data/regions, with their town names.
std::vector<DemoVillage> VillagesOf(RegionCode county) {
  std::map<std::string, std::string> towns;
  {
    std::istringstream in(testing::ReadFile(testing::SourcePath("data/regions/streets.csv")));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const auto cells = SplitCsv(line);
      if (cells.size() >= 2) towns[cells[0]] = cells[1];
    }
  }
  std::vector<DemoVillage> out;
  std::istringstream in(testing::ReadFile(testing::SourcePath("data/regions/villages.csv")));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto cells = SplitCsv(line);
    if (cells.size() < 3) continue;
    const auto code = RegionCode::Parse(cells[0]);
    if (!code.ok() || !code->IsWithin(county)) continue;
    out.push_back({*code, cells[1], towns[cells[2]]});
  }
  return out;
}

RegionCode Code(const char* text) {
  return RegionCode::Parse(text).value();
}

/// Generated once per county and seed; shared by the tests (the sanitizer build is slow).
const DemoRegistry& Generated(const char* county, uint64_t seed = kSeed) {
  static std::map<std::pair<std::string, uint64_t>, DemoRegistry> cache;
  const auto key = std::make_pair(std::string(county), seed);
  auto it = cache.find(key);
  if (it == cache.end()) {
    const auto targets = TargetsFor(Code(county));
    EXPECT_TRUE(targets.has_value());
    const auto villages = VillagesOf(Code(county));
    auto result = GenerateDemoCounty(*targets, villages, seed);
    EXPECT_TRUE(result.ok()) << result.status().ToString(Lang::kEn);
    it = cache.emplace(key, std::move(result).value()).first;
  }
  return it->second;
}

int Age(const Person& p) {
  return kToday.YearsSince(p.birth_date);
}

TEST(DemoTargetsTest, PublishedAndChosenNumbers) {
  const auto zizhong = TargetsFor(Code("511025"));
  ASSERT_TRUE(zizhong.has_value());
  EXPECT_EQ(zizhong->county_name, "资中县");
  EXPECT_EQ(zizhong->poor_villages, 102);
  EXPECT_EQ(zizhong->households, 23098);
  EXPECT_EQ(zizhong->persons, 65465);
  EXPECT_EQ(zizhong->responsible_cadres, 5775);
  EXPECT_EQ(zizhong->as_of_year, 2020);

  const auto rong = TargetsFor(Code("510321"));
  ASSERT_TRUE(rong.has_value());
  EXPECT_EQ(rong->county_name, "荣县");
  EXPECT_EQ(rong->responsible_cadres, 4844);
  EXPECT_EQ(rong->households, 17438);
  EXPECT_EQ(rong->persons, 49423);
  EXPECT_EQ(rong->poor_villages, 60);
  EXPECT_EQ(rong->as_of_year, 2020);

  EXPECT_FALSE(TargetsFor(Code("510322")).has_value());
}

TEST(DemoTargetsTest, VillageListsMatchTheReadme) {
  EXPECT_EQ(VillagesOf(Code("510321")).size(), 248u);
  EXPECT_EQ(VillagesOf(Code("511025")).size(), 369u);
}

class DemoCountyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(DemoCountyTest, HitsTheTargetsExactly) {
  const CountyTargets targets = *TargetsFor(Code(GetParam()));
  const DemoRegistry& reg = Generated(GetParam());
  EXPECT_EQ(static_cast<int>(reg.households.size()), targets.households);
  size_t persons = 0;
  for (const Household& h : reg.households) persons += h.members.size();
  EXPECT_EQ(static_cast<int>(persons), targets.persons);
  EXPECT_EQ(static_cast<int>(reg.poor_villages.size()), targets.poor_villages);

  std::set<std::string> cadre_phones, cadre_names;
  std::map<std::string, int> load;
  for (const Household& h : reg.households) {
    ASSERT_FALSE(h.cadre_name.empty());
    ASSERT_FALSE(h.cadre_unit.empty());
    cadre_phones.insert(h.cadre_phone);
    cadre_names.insert(h.cadre_name);
    ++load[h.cadre_phone];
  }
  EXPECT_EQ(static_cast<int>(cadre_phones.size()), targets.responsible_cadres);
  EXPECT_EQ(static_cast<int>(cadre_names.size()), targets.responsible_cadres);
  EXPECT_EQ(static_cast<int>(reg.cadres.size()), targets.responsible_cadres);
  int three_to_five = 0;
  for (const auto& [phone, n] : load) {
    EXPECT_GE(n, 1);
    EXPECT_LE(n, 6);
    if (n >= 3 && n <= 5) ++three_to_five;
  }
  EXPECT_GT(three_to_five * 10, targets.responsible_cadres * 7) << "most cadres help 3–5 households";
}

TEST_P(DemoCountyTest, IdNumbersAreValidUniqueAndAgreeWithThePerson) {
  const RegionCode county = Code(GetParam());
  const DemoRegistry& reg = Generated(GetParam());
  std::unordered_set<std::string> ids;
  for (const Household& h : reg.households) {
    for (const Person& p : h.members) {
      const auto id = IdNumber::Parse(p.id_number, kToday);
      ASSERT_TRUE(id.ok()) << p.id_number << ": " << id.status().ToString(Lang::kEn);
      EXPECT_EQ(id->str(), p.id_number);
      EXPECT_EQ(id->address_code(), county.ToShortString());
      EXPECT_EQ(id->birth_date(), p.birth_date);
      EXPECT_EQ(id->sex(), p.sex);
      EXPECT_TRUE(ids.insert(p.id_number).second) << "duplicate " << p.id_number;
    }
  }
}

TEST_P(DemoCountyTest, HouseholdsAreWellFormed) {
  const RegionCode county = Code(GetParam());
  const DemoRegistry& reg = Generated(GetParam());
  const std::set<RegionCode> poor(reg.poor_villages.begin(), reg.poor_villages.end());
  for (RegionCode v : reg.poor_villages) {
    EXPECT_TRUE(v.IsWithin(county));
    EXPECT_GE(v.number() % 1000, 200u) << v.ToString();
  }
  std::unordered_set<std::string> ids, phones;
  size_t in_poor = 0;
  for (const Household& h : reg.households) {
    EXPECT_TRUE(ids.insert(h.id).second) << "duplicate household id " << h.id;
    EXPECT_TRUE(phones.insert(h.phone).second) << "duplicate phone " << h.phone;
    ASSERT_EQ(h.id.size(), 16u);
    EXPECT_EQ(h.id.substr(0, 12), h.village.ToString());
    EXPECT_EQ(h.village.level(), RegionLevel::kVillage);
    EXPECT_TRUE(h.village.IsWithin(county)) << h.village.ToString();
    EXPECT_GE(h.village.number() % 1000, 200u) << "urban community " << h.village.ToString();
    if (poor.count(h.village)) ++in_poor;
    ASSERT_EQ(h.phone.size(), 11u);
    EXPECT_EQ(h.phone[0], '1');
    ASSERT_GE(h.group.size(), 4u);
    const int group = std::stoi(h.group);
    EXPECT_GE(group, 1);
    EXPECT_LE(group, 12);
    EXPECT_EQ(h.group.substr(h.group.size() - 3), "组");

    ASSERT_FALSE(h.members.empty());
    ASSERT_LE(h.members.size(), 7u);
    EXPECT_EQ(h.members.front().relation, Relation::kHead);
    int heads = 0;
    for (const Person& p : h.members) {
      if (p.relation == Relation::kHead) ++heads;
      EXPECT_FALSE(p.name.empty());
      EXPECT_FALSE(p.ethnicity.empty());
    }
    EXPECT_EQ(heads, 1) << h.id;
    for (const Person& p : h.members) {
      if (p.relation == Relation::kSpouse) {
        EXPECT_NE(p.sex, h.members.front().sex) << h.id;
      }
      if (p.relation == Relation::kSon || p.relation == Relation::kDaughter) {
        const int gap = Age(h.members.front()) - Age(p);
        EXPECT_GE(gap, 18) << h.id;
        EXPECT_LE(gap, 36) << h.id;
      }
    }
    if (h.status == HouseholdStatus::kExited) {
      EXPECT_GE(h.exit_year, 2015);
      EXPECT_LE(h.exit_year, 2019);
      EXPECT_GT(h.exit_year, h.registration_year);
    } else {
      EXPECT_EQ(h.exit_year, 0);
    }
  }
  const double share = static_cast<double>(in_poor) / static_cast<double>(reg.households.size());
  EXPECT_GT(share, 0.55);
  EXPECT_LT(share, 0.65);
}

TEST_P(DemoCountyTest, DistributionsGiveTheRulesWork) {
  const DemoRegistry& reg = Generated(GetParam());
  const Money line = Money::FromYuan(4000);
  size_t exited = 0, exited_below = 0, poor_above = 0, poor_below = 0, failed = 0, dropped_out = 0;
  size_t children = 0, preschool_ok = 0, under6 = 0;
  for (const Household& h : reg.households) {
    const Money pc = h.PerCapitaNetIncome();
    if (h.status == HouseholdStatus::kExited) {
      ++exited;
      if (pc < line) ++exited_below;
    }
    if (h.status == HouseholdStatus::kPoor) (pc > line ? poor_above : poor_below)++;
    const registry::Guarantees& g = h.guarantees;
    for (YesNo v :
         {g.food, g.clothing, g.education, g.medical, g.housing, g.water, g.electricity, g.radio_tv}) {
      if (v == YesNo::kNo) {
        ++failed;
        break;
      }
    }
    for (const Person& p : h.members) {
      const int age = Age(p);
      if (age >= 6 && age <= 15) {
        ++children;
        if (p.schooling == Schooling::kDroppedOut) ++dropped_out;
      }
      if (age < 6) {
        ++under6;
        if (p.education == registry::Education::kPreschoolChild) ++preschool_ok;
      }
    }
  }
  const double exited_share = static_cast<double>(exited) / static_cast<double>(reg.households.size());
  EXPECT_GT(exited_share, 0.80);
  EXPECT_LT(exited_share, 0.90);
  EXPECT_GT(poor_above, 0u);
  EXPECT_GT(poor_below, poor_above);
  EXPECT_GT(exited_below, 0u);
  EXPECT_LT(exited_below * 20, exited) << "under 5% of exits below the line";
  EXPECT_GT(dropped_out, 0u);
  EXPECT_LT(dropped_out * 100, children) << "under 1% of children dropped out";
  EXPECT_GT(failed, 0u);
  EXPECT_EQ(preschool_ok, under6);
}

TEST_P(DemoCountyTest, SameSeedSameRegistryOtherSeedOther) {
  const CountyTargets targets = *TargetsFor(Code(GetParam()));
  auto villages = VillagesOf(Code(GetParam()));
  const DemoRegistry& first = Generated(GetParam());
  // Same seed, villages in another order: identical.
  std::reverse(villages.begin(), villages.end());
  const auto again = GenerateDemoCounty(targets, villages, kSeed);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->households == first.households);
  EXPECT_EQ(again->poor_villages, first.poor_villages);
  const auto other = GenerateDemoCounty(targets, villages, kSeed + 1);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->households == first.households);
  EXPECT_NE(other->households.front().members.front().id_number,
            first.households.front().members.front().id_number);
}

INSTANTIATE_TEST_SUITE_P(BothCounties, DemoCountyTest, ::testing::Values("511025", "510321"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           return std::string(param_info.param);
                         });

TEST(DemoGeneratorTest, RejectsVillagesOutsideTheCounty) {
  const CountyTargets targets = *TargetsFor(Code("511025"));
  std::vector<DemoVillage> villages = VillagesOf(Code("511025"));
  villages.push_back({Code("510321100201"), "外县村", ""});
  const auto result = GenerateDemoCounty(targets, villages, 1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "demo.village");
}

TEST(DemoGeneratorTest, RejectsImpossibleTargets) {
  CountyTargets targets = *TargetsFor(Code("511025"));
  const std::vector<DemoVillage> villages = VillagesOf(Code("511025"));
  CountyTargets too_many_villages = targets;
  too_many_villages.poor_villages = 302;  // only 301 village committees
  EXPECT_EQ(GenerateDemoCounty(too_many_villages, villages, 1).status().rule(), "demo.poor_villages");
  CountyTargets too_few_persons = targets;
  too_few_persons.persons = targets.households - 1;
  EXPECT_EQ(GenerateDemoCounty(too_few_persons, villages, 1).status().rule(), "demo.persons");
  CountyTargets too_few_cadres = targets;
  too_few_cadres.responsible_cadres = targets.households / 7;
  EXPECT_EQ(GenerateDemoCounty(too_few_cadres, villages, 1).status().rule(), "demo.cadres");
  std::vector<DemoVillage> twice = villages;
  twice.push_back(villages.back());
  EXPECT_EQ(GenerateDemoCounty(targets, twice, 1).status().rule(), "demo.village_duplicate");
}

TEST(DemoGeneratorTest, SmallCountyWorks) {
  // A made-up county with a handful of villages: exact counts still hold.
  const CountyTargets targets{Code("511025"), "资中县", 2, 40, 100, 12, 2020};
  const std::vector<DemoVillage> villages = {
      {Code("511025100001"), "社区", "重龙镇"},
      {Code("511025100201"), "一村", "重龙镇"},
      {Code("511025100202"), "二村", "重龙镇"},
      {Code("511025100203"), "三村", ""},
  };
  const auto result = GenerateDemoCounty(targets, villages, 7);
  ASSERT_TRUE(result.ok()) << result.status().ToString(Lang::kEn);
  EXPECT_EQ(result->households.size(), 40u);
  size_t persons = 0;
  std::set<std::string> cadres;
  for (const Household& h : result->households) {
    persons += h.members.size();
    cadres.insert(h.cadre_phone);
    EXPECT_NE(h.village, Code("511025100001"));
  }
  EXPECT_EQ(persons, 100u);
  EXPECT_EQ(cadres.size(), 12u);
  EXPECT_EQ(result->poor_villages.size(), 2u);
}

}  // namespace
}  // namespace fupin::demo
