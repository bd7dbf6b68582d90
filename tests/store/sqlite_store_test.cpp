// The SQLite store's batch reads and writes: what they return and write must not depend
// on how they go about it (one statement per household or per person, a scan or a
// lookup per key).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "core/id_number.hpp"
#include "regions/region_import.hpp"
#include "store/store.hpp"

namespace fupin::store {
namespace {

using registry::Household;
using registry::Person;

constexpr uint64_t kVillage = 511025100203;

// A valid ID number, distinct for each n < 302,400: born 1960, month, day and sequence from n.
std::string IdNumberFor(int n) {
  std::string id = "5110251960MMDDSSS";
  const int month = 1 + (n / 28) % 12, day = 1 + n % 28, seq = 100 + n / 336;
  for (auto [at, value, width] : {std::tuple{10, month, 2}, {12, day, 2}, {14, seq, 3}}) {
    for (int i = width - 1, v = value; i >= 0; --i, v /= 10)
      id[static_cast<size_t>(at + i)] = static_cast<char>('0' + v % 10);
  }
  id.push_back(IdNumber::CheckChar(id));
  return id;
}

std::string HouseholdId(int number) {
  return std::string("H").append(std::to_string(number));
}

Household MakeHousehold(int number, int members, int first_person) {
  Household h;
  h.id = HouseholdId(number);
  h.village = RegionCode::FromNumber(kVillage);
  h.group = "1组";
  h.main_cause = registry::Cause::kIllness;
  h.income.wages = Money::FromYuan(1000 + number);
  h.registration_year = 2014;
  h.cadre_unit = "县农业农村局";
  for (int i = 0; i < members; ++i) {
    Person p;
    p.id_number = IdNumberFor(first_person + i);
    p.name = "人" + std::to_string(first_person + i);
    p.sex = i % 2 == 0 ? Sex::kMale : Sex::kFemale;
    p.birth_date = Date::FromYmd(1960, 1 + i % 12, 1 + i).value();
    p.relation = i == 0 ? registry::Relation::kHead : registry::Relation::kSon;
    p.ethnicity = "汉族";
    h.members.push_back(p);
  }
  return h;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto regions = regions::EmbeddedDemoRegions();
    ASSERT_TRUE(regions.ok());
    ASSERT_TRUE(store_->UpsertRegions(*regions).ok());
  }

  Status Write(const std::vector<Household>& households) {
    std::vector<HouseholdWrite> writes;
    for (const Household& h : households) writes.push_back({nullptr, &h});
    return store_->WriteHouseholds(writes, {"test", "test"}, nullptr);
  }

  std::unique_ptr<Store> store_;
};

TEST(IdNumberForTest, DistinctAndValid) {
  for (int n = 0; n < 100; ++n) {
    EXPECT_TRUE(IdNumber::Parse(IdNumberFor(n), Date::FromYmd(2020, 1, 1).value()).ok()) << IdNumberFor(n);
    if (n > 0) {
      EXPECT_NE(IdNumberFor(n), IdNumberFor(n - 1));
    }
  }
}

TEST_F(SqliteStoreTest, HouseholdsOfAnySizeReadBackInOrder) {
  std::vector<Household> households;
  int person = 0;
  for (int size : {1, 2, 7, 8, 9, 17}) {  // one statement holds up to 8 members
    households.push_back(MakeHousehold(size, size, person));
    person += size;
  }
  ASSERT_TRUE(Write(households).ok());
  std::vector<std::string> ids;
  for (const Household& h : households) ids.push_back(h.id);
  auto found = store_->FindHouseholds(ids);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), households.size());
  for (Household h : households) {
    h.version = 1;
    EXPECT_EQ(found->at(h.id), h) << h.id;
  }
}

TEST_F(SqliteStoreTest, PersonRegisteredElsewhereStopsTheBatchAndIsNamed) {
  ASSERT_TRUE(Write({MakeHousehold(1, 3, 0)}).ok());
  // The second household of the batch has, as its 10th member, person 1 of household 1.
  Household clash = MakeHousehold(3, 12, 200);
  clash.members[9].id_number = IdNumberFor(1);
  const Status s = Write({MakeHousehold(2, 2, 100), clash});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.rule(), "person.two_households");
  EXPECT_EQ(s.message().en, "ID number " + IdNumber::Mask(IdNumberFor(1)) +
                                " is already registered in another household; household H3 not written");
  // Nothing of the batch was written.
  const std::vector<std::string> ids = {"H2", "H3"};
  auto found = store_->FindHouseholds(ids);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
  const std::vector<std::string> people = {IdNumberFor(100), IdNumberFor(200)};
  auto owners = store_->FindPersonHouseholds(people);
  ASSERT_TRUE(owners.ok());
  EXPECT_TRUE(owners->empty());
}

TEST_F(SqliteStoreTest, LookupsGiveTheSameAnswerForFewAndManyKeys) {
  std::vector<Household> households;
  for (int i = 0; i < 30; ++i) households.push_back(MakeHousehold(i, 3, i * 3));
  ASSERT_TRUE(Write(households).ok());
  // A few keys (a lookup each) and many keys (a scan), with unknown and repeated ones.
  for (int asked : {2, 60, 200}) {
    std::vector<std::string> household_ids, person_ids;
    for (int i = 0; i < asked; ++i) {
      household_ids.push_back(HouseholdId(i % 40));
      person_ids.push_back(IdNumberFor(i % 120));
    }
    auto found = store_->FindHouseholds(household_ids);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), static_cast<size_t>(std::min(asked, 30))) << asked;
    for (const auto& [id, h] : *found) EXPECT_EQ(h.members.size(), 3u);
    auto owners = store_->FindPersonHouseholds(person_ids);
    ASSERT_TRUE(owners.ok());
    EXPECT_EQ(owners->size(), static_cast<size_t>(std::min(asked, 90))) << asked;
    for (const auto& [id, owner] : *owners) {
      for (int i = 0; i < 90; ++i) {
        if (IdNumberFor(i) == id) {
          EXPECT_EQ(owner, HouseholdId(i / 3));
        }
      }
    }
  }
}

}  // namespace
}  // namespace fupin::store

namespace fupin::store {
namespace {

TEST(SqliteStoreSettings, UnsetThenPutThenReplace) {
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().message().en;
  auto none = (*store)->GetSetting(kAsOfDateSetting);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE((*store)->PutSetting(kAsOfDateSetting, "2020-10-20").ok());
  ASSERT_TRUE((*store)->PutSetting(kAsOfDateSetting, "2020-10-21").ok());
  auto got = (*store)->GetSetting(kAsOfDateSetting);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, "2020-10-21");
}

}  // namespace
}  // namespace fupin::store
