// Unit and cadre import: one bad row imports nothing and the report names row,
// column and rule; --skip-invalid writes the valid rows and a reject file.
#include <gtest/gtest.h>

#include "command/cadre.hpp"
#include "test_support.hpp"

namespace fupin::command {
namespace {

using testing::TempDir;
using testing::WriteFile;

class CadreImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    const std::vector<store::Region> regions = {{RegionCode::Parse("511025").value(), "资中县", false},
                                                {RegionCode::Parse("511025100").value(), "重龙镇", false}};
    ASSERT_TRUE(store_->UpsertRegions(regions).ok());
    options_.context = {"test", "test"};
  }

  Result<registry::TableImportReport> Units(const std::string& csv) {
    WriteFile(dir_ / "units.csv", csv);
    return ImportUnitFile(*store_, dir_ / "units.csv", options_);
  }
  Result<registry::TableImportReport> Cadres(const std::string& csv) {
    WriteFile(dir_ / "cadres.csv", csv);
    return ImportCadreFile(*store_, dir_ / "cadres.csv", options_);
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  registry::TableImportOptions options_;
};

constexpr char kUnits[] =
    "单位编码,单位名称,单位类别,所属区划\n"
    "D01,资中县农业农村局,县级部门,511025\n"
    "T100,重龙镇人民政府,乡镇,511025100\n";

TEST_F(CadreImportTest, UnitsImportAndReimportIsUnchanged) {
  auto r = Units(kUnits);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  EXPECT_EQ(r->counts.inserted, 2);
  auto again = Units(kUnits);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.unchanged, 2);
  auto units = store_->ListUnits();
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[0].kind, "county_department");
  EXPECT_EQ((*units)[1].region.ToString(), "511025100000");
}

TEST_F(CadreImportTest, OneBadUnitRowImportsNothingAndNamesRowColumnRule) {
  auto r = Units(std::string(kUnits) + "X9,某单位,部委,511025\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].row, 4u);
  EXPECT_EQ(r->problems[0].column, "单位类别");
  EXPECT_EQ(r->problems[0].rule, "unit.kind");
  EXPECT_NE(r->problems[0].message.zh.find("第 4 行"), std::string::npos);
  EXPECT_NE(r->problems[0].message.en.find("row 4"), std::string::npos);
  EXPECT_FALSE(r->written);
  EXPECT_TRUE(store_->ListUnits()->empty()) << "nothing written";
}

TEST_F(CadreImportTest, UnitRulesForRegionsAndDuplicates) {
  auto r = Units(
      "unit_id,name,kind,region\n"
      "D01,甲局,county_department,511025\n"
      "D01,乙局,county_department,511025\n"
      "D02,甲局,other,511025\n"
      "D03,丙局,other,51102\n"
      "D04,丁局,other,511026\n");
  ASSERT_TRUE(r.ok());
  std::vector<std::string> rules;
  for (const auto& p : r->problems) rules.push_back(p.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"unit.duplicate_id", "unit.duplicate_name", "region.format",
                                             "region.unknown"}));
  EXPECT_EQ(r->problems[0].column, "unit_id") << "the header as written";
}

constexpr char kCadreHeader[] = "干部编号,姓名,单位编码,职务,职级,是否党员,联系电话,任职起,任职止\n";

TEST_F(CadreImportTest, OneBadCadreRowImportsNothing) {
  ASSERT_TRUE(Units(kUnits).ok());
  auto r = Cadres(std::string(kCadreHeader) +
                  "L01,张建国,D01,副县长,县级领导,是,13912345678,2016-10-01,\n"
                  "R01,李敏,T100,科员,其他,否,13912345679,2018-01-01,\n"
                  "R02,王芳,T100,科员,其他,是,1391234,2018-01-01,\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].row, 4u);
  EXPECT_EQ(r->problems[0].column, "联系电话");
  EXPECT_EQ(r->problems[0].rule, "phone.format");
  EXPECT_FALSE(r->written);
  EXPECT_TRUE(store_->ListCadres()->empty());
}

TEST_F(CadreImportTest, CadreRules) {
  ASSERT_TRUE(Units(kUnits).ok());
  auto r = Cadres(std::string(kCadreHeader) +
                  "L01,张建国,D99,副县长,县级领导,是,,2016-10-01,\n"
                  "L02,张建国,D01,副县长,处级,是,,2016-10-01,\n"
                  "L03,张建国,D01,副县长,县级领导,也许,,2016-10-01,\n"
                  "L04,张建国,D01,副县长,县级领导,是,,2016-13-01,\n"
                  "L05,张建国,D01,副县长,县级领导,是,,2016-10-01,2015-01-01\n"
                  "L05,张建国,D01,副县长,县级领导,是,,2016-10-01,\n"
                  "L06,,D01,副县长,县级领导,是,,2016-10-01,\n");
  ASSERT_TRUE(r.ok());
  std::vector<std::pair<size_t, std::string>> got;
  for (const auto& p : r->problems) got.push_back({p.row, p.rule});
  const std::vector<std::pair<size_t, std::string>> expected = {
      {2, "unit.unknown"}, {3, "cadre.level"},        {4, "cadre.party_member"}, {5, "date.format"},
      {6, "date.order"},   {7, "cadre.duplicate_id"}, {8, "row.required"}};
  EXPECT_EQ(got, expected);
}

TEST_F(CadreImportTest, SkipInvalidWritesTheValidRowsAndARejectFile) {
  ASSERT_TRUE(Units(kUnits).ok());
  options_.skip_invalid = true;
  auto r = Cadres(std::string(kCadreHeader) +
                  "L01,张建国,D01,副县长,县级领导,是,13912345678,2016-10-01,\n"
                  "R02,王芳,T100,科员,其他,是,1391234,2018-01-01,\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->written);
  EXPECT_EQ(r->counts.inserted, 1);
  ASSERT_FALSE(r->reject_file.empty());
  const std::string rejects = testing::ReadFile(r->reject_file);
  EXPECT_NE(rejects.find("导入错误"), std::string::npos);
  EXPECT_NE(rejects.find("phone.format"), std::string::npos);
  EXPECT_EQ(rejects.find("张建国"), std::string::npos) << "only the rejected row";
  auto cadres = store_->ListCadres();
  ASSERT_EQ(cadres->size(), 1u);
  EXPECT_EQ((*cadres)[0].level, "county_leader");
  EXPECT_TRUE((*cadres)[0].party_member);
}

TEST_F(CadreImportTest, UnknownHeaderStopsTheFile) {
  auto r = Units("单位编码,单位名称,类别X,所属区划\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().rule(), "header.unknown_column");
  auto missing = Units("单位编码,单位名称,所属区划\nD1,甲,511025\n");
  EXPECT_EQ(missing.status().rule(), "header.missing_column");
}

}  // namespace
}  // namespace fupin::command
