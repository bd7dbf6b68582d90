// A small county with deliberate gaps, in an in-memory store (header-only fixture
// shared by the responsibility tests).
//
//   town A 511025100 ← county leader L1        town B 511025101: no county leader
//   village A1 …100201 (poor): unit U1, first secretary F1, work team W1
//     1组: G1; 2组: G1; households 0001 C1, 0002 C1, 0003 (none), 0004 C1
//   village A2 …100202: no helping unit
//     1组: no leader; households 0001 C2, 0002 C2, 0003 removed (not audited)
//   village B1 …101201 (poor): unit U3, no first secretary, work team W1
//     1组: G1; households 0001 C4, 0002 C5 (left 2020-03-31), 0003 C4, 0004 C4
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/id_number.hpp"
#include "store/store.hpp"

namespace fupin::responsibility::test {

inline constexpr char kCounty[] = "511025";
inline constexpr char kTownA[] = "511025100";
inline constexpr char kTownB[] = "511025101";
inline constexpr char kA1[] = "511025100201";
inline constexpr char kA2[] = "511025100202";
inline constexpr char kB1[] = "511025101201";

inline RegionCode R(const char* code) {
  return RegionCode::Parse(code).value();
}
inline Date D(int y, int m, int d) {
  return Date::FromYmd(y, m, d).value();
}
inline std::string Hh(const char* village, int n) {
  return fmt::format("{}{:04d}", village, n);
}

inline registry::Household MakeHousehold(
    const char* village, int n, const std::string& group,
    registry::HouseholdStatus status = registry::HouseholdStatus::kPoor) {
  using namespace registry;
  static int serial = 0;
  Household h;
  h.id = Hh(village, n);
  h.village = R(village);
  h.group = group;
  h.attribute = PovertyAttribute::kGeneral;
  h.main_cause = Cause::kIllness;
  h.income.wages = Money::FromYuan(9000);
  h.registration_year = 2014;
  h.status = status;
  Person head;
  head.name = fmt::format("户主{}", n);
  head.sex = Sex::kMale;
  head.relation = Relation::kHead;
  head.birth_date = D(1970, 1, 1);
  const std::string first17 =
      fmt::format("511025197001{:02d}{:03d}", 1 + (serial / 900) % 28, 100 + serial % 900);
  ++serial;
  head.id_number = first17 + IdNumber::CheckChar(first17);
  h.members = {head};
  return h;
}

class SmallCountyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    const std::vector<store::Region> regions = {
        {R("51"), "四川省", false}, {R("5110"), "内江市", false}, {R(kCounty), "资中县", false},
        {R(kTownA), "甲镇", false}, {R(kTownB), "乙镇", false},   {R(kA1), "甲一村", true},
        {R(kA2), "甲二村", false},  {R(kB1), "乙一村", true},
    };
    ASSERT_TRUE(store_->UpsertRegions(regions).ok());
    const std::vector<RegionCode> poor = {R(kA1), R(kB1)};
    ASSERT_TRUE(store_->SetPoorVillages(R(kCounty), poor).ok());
    using registry::HouseholdStatus;
    households_ = {MakeHousehold(kA1, 1, "1组"),
                   MakeHousehold(kA1, 2, "1组"),
                   MakeHousehold(kA1, 3, "2组"),
                   MakeHousehold(kA1, 4, "2组"),
                   MakeHousehold(kA2, 1, "1组"),
                   MakeHousehold(kA2, 2, "1组"),
                   MakeHousehold(kA2, 3, "1组", HouseholdStatus::kRemoved),
                   MakeHousehold(kB1, 1, "1组"),
                   MakeHousehold(kB1, 2, "1组"),
                   MakeHousehold(kB1, 3, "1组", HouseholdStatus::kExited),
                   MakeHousehold(kB1, 4, "1组", HouseholdStatus::kMonitoring)};
    std::vector<store::HouseholdWrite> writes;
    for (const auto& h : households_) writes.push_back({nullptr, &h});
    ASSERT_TRUE(store_->WriteHouseholds(writes, {"test", "test"}, {}).ok());

    const std::vector<store::UnitRow> units = {{"U1", "县农业农村局", "county_department", R(kCounty), 0},
                                               {"U2", "甲镇人民政府", "town", R(kTownA), 0},
                                               {"U3", "县教育局", "county_department", R(kCounty), 0}};
    ASSERT_TRUE(store_->WriteUnits(units, {"test", "test"}).ok());
    const auto cadre = [](const char* id, const char* name, const char* unit, const char* level,
                          const char* to = "") {
      return store::CadreRow{id, name, unit, "干部", level, true, "13800000000", "2019-01-01", to, 0};
    };
    const std::vector<store::CadreRow> cadres = {
        cadre("L1", "县领导甲", "U1", "county_leader"),
        cadre("L2", "县领导乙", "U1", "county_leader"),
        cadre("C1", "干部一", "U1", "other"),
        cadre("C2", "干部二", "U2", "other"),
        cadre("C3", "干部三", "U3", "other"),
        cadre("C4", "干部四", "U3", "section"),
        cadre("C5", "干部五", "U3", "other", "2020-03-31"),
        cadre("F1", "第一书记", "U1", "section"),
        cadre("W1", "工作队员", "U1", "other"),
        cadre("G1", "包组干部", "U2", "other"),
    };
    ASSERT_TRUE(store_->WriteCadres(cadres, {"test", "test"}).ok());

    store::AssignmentChange change;
    const auto add = [&](const char* kind, std::string target, const char* region, const char* cadre_id,
                         const char* unit = "") {
      store::AssignmentRow a;
      a.kind = kind;
      a.target = std::move(target);
      a.region = R(region);
      a.cadre_id = cadre_id;
      a.unit_id = unit;
      a.date_from = "2020-01-01";
      change.inserts.push_back(a);
    };
    add("town_leader", fmt::format("{}000", kTownA), kTownA, "L1");
    add("village_unit", kA1, kA1, "", "U1");
    add("village_unit", kB1, kB1, "", "U3");
    add("first_secretary", kA1, kA1, "F1");
    add("work_team", kA1, kA1, "W1");
    add("work_team", kB1, kB1, "W1");
    add("group_leader", fmt::format("{}/1组", kA1), kA1, "G1");
    add("group_leader", fmt::format("{}/2组", kA1), kA1, "G1");
    add("group_leader", fmt::format("{}/1组", kB1), kB1, "G1");
    add("household_cadre", Hh(kA1, 1), kA1, "C1");
    add("household_cadre", Hh(kA1, 2), kA1, "C1");
    add("household_cadre", Hh(kA1, 4), kA1, "C1");
    add("household_cadre", Hh(kA2, 1), kA2, "C2");
    add("household_cadre", Hh(kA2, 2), kA2, "C2");
    add("household_cadre", Hh(kB1, 1), kB1, "C4");
    add("household_cadre", Hh(kB1, 2), kB1, "C5");
    add("household_cadre", Hh(kB1, 3), kB1, "C4");
    add("household_cadre", Hh(kB1, 4), kB1, "C4");
    ASSERT_TRUE(store_->WriteAssignments(change, {"test", "test"}).ok());
  }

  std::unique_ptr<store::Store> store_;
  std::vector<registry::Household> households_;
};

}  // namespace fupin::responsibility::test
