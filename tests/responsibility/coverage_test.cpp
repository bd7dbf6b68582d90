// The coverage audit 村村清、户户清 on a county with deliberate gaps lists exactly
// those gaps, counted in total and per town.
#include "responsibility/coverage.hpp"

#include <gtest/gtest.h>

#include "responsibility/responsibility_test_support.hpp"

namespace fupin::responsibility::test {
namespace {

using Gap = std::pair<GapKind, std::string>;

std::vector<Gap> Gaps(const CoverageReport& r) {
  std::vector<Gap> out;
  for (const auto& g : r.gaps) out.push_back({g.kind, g.target});
  return out;
}

TEST_F(SmallCountyTest, ListsExactlyTheDeliberateGaps) {
  auto report = CoverageAudit(*store_, R(kCounty), D(2020, 6, 1));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const std::vector<Gap> expected = {
      {GapKind::kTownWithoutLeader, "511025101000"},
      {GapKind::kVillageWithoutUnit, kA2},
      {GapKind::kVillageWithoutFirstSecretary, kB1},
      {GapKind::kGroupWithoutLeader, "511025100202/1组"},
      {GapKind::kHouseholdWithoutCadre, Hh(kA1, 3)},
      {GapKind::kHouseholdWithoutCadre, Hh(kB1, 2)},  // C5 left on 2020-03-31
  };
  EXPECT_EQ(Gaps(*report), expected);
  const CoverageCounts& t = report->total;
  EXPECT_EQ(t.towns, 2);
  EXPECT_EQ(t.villages, 3);
  EXPECT_EQ(t.poor_villages, 2);
  EXPECT_EQ(t.groups, 4);
  EXPECT_EQ(t.households, 10) << "the removed household is not audited";
  EXPECT_EQ(t.gaps(), 6);
  ASSERT_EQ(report->children.size(), 2u);
  EXPECT_EQ(report->children[0].name, "甲镇");
  EXPECT_EQ(report->children[0].counts.gaps(), 3);
  EXPECT_EQ(report->children[1].name, "乙镇");
  EXPECT_EQ(report->children[1].counts.gaps(), 3);
  EXPECT_EQ(report->children[1].counts.towns_without_leader, 1);
}

TEST_F(SmallCountyTest, BeforeTheCadreLeftTheHouseholdWasCovered) {
  auto report = CoverageAudit(*store_, R(kCounty), D(2020, 3, 31));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->total.households_without_cadre, 1);
  // Before any assignment started everything is a gap.
  auto before = CoverageAudit(*store_, R(kCounty), D(2019, 12, 31));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->total.households_without_cadre, 10);
  EXPECT_EQ(before->total.towns_without_leader, 2);
}

TEST_F(SmallCountyTest, ATownAuditCountsPerVillage) {
  auto report = CoverageAudit(*store_, R(kTownA), D(2020, 6, 1));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->total.gaps(), 3);
  ASSERT_EQ(report->children.size(), 2u);
  EXPECT_EQ(report->children[0].code, R(kA1));
  EXPECT_EQ(report->children[0].counts.households_without_cadre, 1);
  EXPECT_EQ(report->children[1].code, R(kA2));
  EXPECT_EQ(report->children[1].counts.villages_without_unit, 1);
  const auto json = CoverageToJson(*report);
  EXPECT_EQ(json["gaps"]["household_without_cadre"][0]["target"], Hh(kA1, 3));
  EXPECT_EQ(json["total"]["gaps"], 3);
}

TEST_F(SmallCountyTest, UnknownRegionIsNotFound) {
  auto report = CoverageAudit(*store_, R("511026"), D(2020, 6, 1));
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fupin::responsibility::test
