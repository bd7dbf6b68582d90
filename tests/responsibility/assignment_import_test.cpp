// Assignment import: a single-holder target handed to another cadre ends the old
// assignment the day before; one bad row imports nothing; the load rule is applied.
#include <gtest/gtest.h>

#include "policy/policy_file.hpp"
#include "responsibility/assignment.hpp"
#include "responsibility/responsibility_test_support.hpp"
#include "test_support.hpp"

namespace fupin::responsibility::test {
namespace {

class AssignmentImportTest : public SmallCountyTest {
 protected:
  Result<registry::TableImportReport> Import(const std::string& csv) {
    testing::WriteFile(dir_ / "a.csv",
                       "包保类型,包保对象,干部编号,帮扶单位编码,起始日期,终止日期,备注\n" + csv);
    registry::TableImportOptions options;
    options.context = {"test", "test"};
    return ImportAssignmentFile(*store_, policy::DefaultPolicy(), dir_ / "a.csv", options);
  }
  std::string WhoOn(const std::string& household, Date day) {
    auto r = ResponsibleOn(*store_, household, day);
    return r.ok() && *r ? (*r)->cadre.id : "";
  }
  testing::TempDir dir_;
};

TEST_F(AssignmentImportTest, HandsOverAndFillsGaps) {
  auto r =
      Import(fmt::format("帮扶责任人,{},C3,,2020-09-01,,接替\n"
                         "帮扶责任人,{},C3,,2020-09-01,,新增\n"
                         "县级领导包镇,{},L2,,2020-09-01,,\n"
                         "帮扶单位包村,{},,U3,2020-09-01,,\n"
                         "包组领导,{}/1组,G1,,2020-09-01,,\n"
                         "帮扶责任人,{},C1,,2020-01-01,,同一人\n",
                         Hh(kA1, 1), Hh(kA1, 3), kTownB, kA2, kA2, Hh(kA1, 2)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty()) << r->problems[0].message.en;
  EXPECT_TRUE(r->written);
  EXPECT_EQ(r->counts.inserted, 5);
  EXPECT_EQ(r->counts.updated, 1) << "C1's assignment of A1-0001 ended";
  EXPECT_EQ(r->counts.unchanged, 1);
  EXPECT_EQ(WhoOn(Hh(kA1, 1), D(2020, 8, 31)), "C1");
  EXPECT_EQ(WhoOn(Hh(kA1, 1), D(2020, 9, 1)), "C3");
  EXPECT_EQ(WhoOn(Hh(kA1, 3), D(2020, 9, 1)), "C3");
  auto towns = store_->ListAssignments(
      {.within = R(kTownB), .kind = "town_leader", .target = "", .cadre_id = "", .active_on = "2020-09-01"});
  ASSERT_TRUE(towns.ok());
  ASSERT_EQ(towns->size(), 1u);
  EXPECT_EQ((*towns)[0].target, "511025101000") << "normalised to 12 digits";
}

TEST_F(AssignmentImportTest, OneBadRowImportsNothing) {
  auto r =
      Import(fmt::format("帮扶责任人,{},C3,,2020-09-01,,\n"
                         "帮扶责任人,{},C9,,2020-09-01,,\n",
                         Hh(kA1, 3), Hh(kA2, 1)));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].row, 3u);
  EXPECT_EQ(r->problems[0].column, "干部编号");
  EXPECT_EQ(r->problems[0].rule, "cadre.unknown");
  EXPECT_FALSE(r->written);
  EXPECT_EQ(WhoOn(Hh(kA1, 3), D(2020, 9, 1)), "") << "nothing written";
}

TEST_F(AssignmentImportTest, RulesAreNamed) {
  auto r = Import(fmt::format(
      "包户,{},C3,,2020-09-01,,\n"
      "帮扶责任人,5110251002019999,C3,,2020-09-01,,\n"
      "县级领导包镇,{},L2,,2020-09-01,,\n"
      "帮扶单位包村,{},,,2020-09-01,,\n"
      "帮扶责任人,{},C5,,2020-09-01,,\n"
      "帮扶责任人,{},C3,,2020-09-01,2020-08-01,\n"
      "帮扶责任人,{},C4,,2020-09-01,,\n"
      "帮扶责任人,{},C4,,2020-09-01,,\n"
      "帮扶责任人,{},C4,,2020-09-01,,\n"
      "帮扶责任人,{},C3,,2020-09-01,,\n",
      Hh(kA1, 3), kA1, kA2, Hh(kA1, 3), Hh(kA1, 3), Hh(kA1, 3), Hh(kA2, 1), Hh(kA2, 2), Hh(kA1, 3)));
  ASSERT_TRUE(r.ok());
  std::vector<std::pair<size_t, std::string>> got;
  for (const auto& p : r->problems) got.push_back({p.row, p.rule});
  const std::vector<std::pair<size_t, std::string>> expected = {
      {2, "assignment.kind"},      {3, "target.unknown"},       {4, "target.unknown"},
      {5, "unit.required"},        {6, "cadre.inactive"},       {7, "date.order"},
      {10, "load.max_households"}, {11, "assignment.duplicate"}};
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace fupin::responsibility::test
