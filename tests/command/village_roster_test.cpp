// Village cadre roster statistics on a known small set, against the previous year.
#include "command/village_roster.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace fupin::command {
namespace {

RegionCode V(int n) {
  return RegionCode::Parse(fmt::format("5110251002{:02d}", n)).value();
}

TEST(VillageRosterTest, StatisticsAndChangeOnAKnownSet) {
  auto opened = store::OpenSqliteStore(":memory:");
  ASSERT_TRUE(opened.ok());
  auto& store = **opened;
  const RegionCode county = RegionCode::Parse("511025").value();
  const std::vector<store::VillageCadreRow> y2020 = {
      {2020, V(1), "甲", "secretary_director", "senior", 1980},   // 40
      {2020, V(1), "乙", "member", "college", 1990},              // 30
      {2020, V(2), "丙", "secretary", "bachelor", 1970},          // 50
      {2020, V(2), "丁", "director", "senior", 1975},             // 45
      {2020, V(3), "戊", "secretary_director", "college", 1985},  // 35
  };
  const std::vector<store::VillageCadreRow> y2019 = {
      {2019, V(1), "己", "secretary", "junior", 1960},            // 59
      {2019, V(1), "庚", "director", "senior", 1965},             // 54
      {2019, V(2), "辛", "secretary_director", "college", 1970},  // 49
  };
  for (const auto& r : y2020) EXPECT_TRUE(CheckRosterRow(r).ok());
  ASSERT_TRUE(store.WriteVillageRoster(2020, county, y2020, {"test", "test"}).ok());
  ASSERT_TRUE(store.WriteVillageRoster(2019, county, y2019, {"test", "test"}).ok());

  auto cmp = CompareRosters(store, 2020, county);
  ASSERT_TRUE(cmp.ok());
  const RosterStats& c = cmp->current;
  EXPECT_EQ(c.villages, 3);
  EXPECT_EQ(c.one_shoulder, 2);
  EXPECT_EQ(c.cadres, 5);
  EXPECT_EQ(c.college, 3);
  EXPECT_NEAR(c.one_shoulder_percent(), 66.667, 0.001);
  EXPECT_NEAR(c.college_percent(), 60.0, 1e-9);
  EXPECT_NEAR(c.average_age(), 40.0, 1e-9);
  ASSERT_TRUE(cmp->previous.has_value());
  EXPECT_EQ(cmp->previous->villages, 2);
  EXPECT_EQ(cmp->previous->one_shoulder, 1);
  EXPECT_NEAR(cmp->one_shoulder_points(), 16.667, 0.001);
  EXPECT_EQ(cmp->college_change(), 2);
  EXPECT_NEAR(cmp->college_points(), 26.667, 0.001);
  EXPECT_NEAR(cmp->average_age_change(), -14.0, 1e-9);

  // Replacing a year's roster keeps what was there in the history.
  ASSERT_TRUE(store.WriteVillageRoster(2020, county, std::span(y2020).first(2), {"test", "test"}).ok());
  auto again = CompareRosters(store, 2020, county);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->current.cadres, 2);
  auto history = store.History("village_roster", "2020:511025000000");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_NE(history->back().before_json.find("丙"), std::string::npos);
}

TEST(VillageRosterTest, RowChecksNameTheRule) {
  EXPECT_EQ(CheckRosterRow({2020, V(1), "甲", "mayor", "college", 1980}).rule(), "roster.post");
  EXPECT_EQ(CheckRosterRow({2020, V(1), "甲", "secretary", "phd", 1980}).rule(), "roster.education");
  EXPECT_EQ(CheckRosterRow({2020, V(1), "甲", "secretary", "college", 2010}).rule(), "roster.age");
}

}  // namespace
}  // namespace fupin::command
