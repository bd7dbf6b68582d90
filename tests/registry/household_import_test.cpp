// Import validation and write semantics against an in-memory SQLite store.
#include "registry/household_import.hpp"

#include <gtest/gtest.h>

#include "regions/region_import.hpp"
#include "registry/household_export.hpp"
#include "registry/registry_test_data.hpp"
#include "test_support.hpp"

namespace fupin::registry {
namespace {

using fupin::testing::MakeHouseholdsCsv;
using fupin::testing::TempDir;
using fupin::testing::WriteFile;

constexpr const char* kVillage = "511025100203";  // 宁国寺村委会, 资中县

class HouseholdImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto regions = regions::EmbeddedDemoRegions();
    ASSERT_TRUE(regions.ok());
    ASSERT_TRUE(store_->UpsertRegions(*regions).ok());
    options_.today = Date::FromYmd(2020, 12, 31).value();
    options_.context = {"test", "test"};
  }

  ImportReport Import(const std::string& content, bool skip_invalid = false) {
    const auto path = dir_ / "in.csv";
    WriteFile(path, content);
    options_.skip_invalid = skip_invalid;
    auto report = ImportHouseholdFile(*store_, path, options_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : ImportReport{};
  }

  // Replaces the first occurrence of `from` in `text`.
  static std::string Replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  }

  static bool HasRule(const ImportReport& r, const std::string& rule, size_t row) {
    for (const auto& p : r.problems) {
      if (p.rule == rule && p.row == row) return true;
    }
    return false;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  ImportOptions options_;
};

TEST_F(HouseholdImportTest, ValidFileImportsAndSecondImportChangesNothing) {
  const std::string csv = MakeHouseholdsCsv(5, 3, kVillage);
  const ImportReport first = Import(csv);
  EXPECT_TRUE(first.problems.empty());
  EXPECT_EQ(first.rows, 15u);
  EXPECT_EQ(first.households, 5u);
  EXPECT_EQ(first.counts.inserted, 5);
  const ImportReport second = Import(csv);
  EXPECT_EQ(second.counts.inserted, 0);
  EXPECT_EQ(second.counts.updated, 0);
  EXPECT_EQ(second.counts.unchanged, 5);
}

TEST_F(HouseholdImportTest, BadCheckCharacterWritesNothingAndNamesRowColumnRule) {
  std::string csv = MakeHouseholdsCsv(3, 2, kVillage);
  // Row 4 is the 3rd data row (line 1 is the header): person k = 2. Break its ID's check character.
  const size_t id_at = csv.find(",测试2,") + std::string(",测试2,").size();
  char& check = csv[id_at + 17];
  check = check == '1' ? '2' : '1';
  const ImportReport r = Import(csv);
  EXPECT_FALSE(r.written);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].row, 4u);
  EXPECT_EQ(r.problems[0].column, "证件号码");
  EXPECT_EQ(r.problems[0].rule, "id.check_char");
  EXPECT_NE(r.problems[0].message.zh.find("应为"), std::string::npos);
  EXPECT_NE(r.problems[0].message.en.find("expected"), std::string::npos);
  EXPECT_EQ(r.problems[0].value.find("****"), 4u) << "ID numbers are masked in reports";
  auto after = store_->LoadHouseholds(RegionCode());
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

TEST_F(HouseholdImportTest, SkipInvalidWritesTheRestAndTheCorrectedRejectFileReimports) {
  const std::string good = MakeHouseholdsCsv(4, 2, kVillage);
  const std::string bad = Replace(good, "13800000000,", "13800000000,");  // same content
  // Make household 000002 implausible: wages of 9,999,999 yuan.
  std::string broken = good;
  const std::string hid = std::string(kVillage) + "000002";
  size_t pos = 0;
  while ((pos = broken.find(hid + ",", pos)) != std::string::npos) {
    const size_t wages = broken.find(",12000.00,", pos);
    broken.replace(wages, 10, ",9999999.00,");
    pos = wages;
  }
  const ImportReport r = Import(broken, /*skip_invalid=*/true);
  EXPECT_TRUE(r.written);
  EXPECT_EQ(r.counts.inserted, 3);
  EXPECT_EQ(r.households_rejected, 1u);
  EXPECT_EQ(r.rows_rejected, 2u);
  ASSERT_FALSE(r.reject_file.empty());
  std::string rejects = fupin::testing::ReadFile(r.reject_file);
  EXPECT_NE(rejects.find("导入错误"), std::string::npos);
  EXPECT_NE(rejects.find("income.implausible"), std::string::npos);
  // Correct the reject file and import it as it is.
  std::string fixed = rejects;
  size_t at;
  while ((at = fixed.find("9999999.00")) != std::string::npos) fixed.replace(at, 10, "12000.00");
  const ImportReport again = Import(fixed);
  EXPECT_TRUE(again.problems.empty()) << (again.problems.empty() ? "" : again.problems[0].message.en);
  EXPECT_EQ(again.counts.inserted, 1);
  (void)bad;
}

TEST_F(HouseholdImportTest, HouseholdRulesAcrossRows) {
  std::string csv = MakeHouseholdsCsv(3, 2, kVillage);
  // Household 0: the spouse becomes a second head. Household 1: the head becomes 之子.
  csv = Replace(csv, ",配偶,", ",户主,");
  const std::string h1 = std::string(kVillage) + "000001";
  const size_t h1_at = csv.find(h1 + ",");
  csv.replace(csv.find(",户主,", h1_at), 8, ",之子,");
  const ImportReport r = Import(csv);
  EXPECT_TRUE(HasRule(r, "household.two_heads", 3));
  EXPECT_TRUE(HasRule(r, "household.no_head", 4));
}

TEST_F(HouseholdImportTest, PersonInTwoHouseholdsInFileAndAgainstRegistry) {
  const std::string first = MakeHouseholdsCsv(2, 2, kVillage);
  ASSERT_EQ(Import(first).counts.inserted, 2);
  // The same persons under new household numbers: they are already registered.
  const std::string moved = MakeHouseholdsCsv(2, 2, kVillage, 0);
  std::string renamed = moved;
  size_t at;
  while ((at = renamed.find(std::string(kVillage) + "0000")) != std::string::npos) {
    renamed.replace(at, 16, std::string(kVillage) + "9900");
  }
  const ImportReport r = Import(renamed);
  EXPECT_FALSE(r.written);
  EXPECT_TRUE(HasRule(r, "person.two_households", 2));
}

TEST_F(HouseholdImportTest, UnknownVillageAndSexAndBirthMismatch) {
  std::string csv = MakeHouseholdsCsv(1, 2, "511025100299");
  const ImportReport unknown = Import(csv);
  EXPECT_TRUE(HasRule(unknown, "village.unknown", 2));
  std::string mismatched = MakeHouseholdsCsv(1, 1, kVillage);
  // The generated person 0 is female (sequence 000): claim male and another birth date.
  mismatched = Replace(mismatched, ",女,1950-01-01,", ",男,1950-01-02,");
  const ImportReport r = Import(mismatched);
  EXPECT_TRUE(HasRule(r, "person.sex_mismatch", 2));
  EXPECT_TRUE(HasRule(r, "person.birth_date_mismatch", 2));
}

TEST_F(HouseholdImportTest, InconsistentHouseholdFieldsAndRequiredAndTerms) {
  std::string csv = MakeHouseholdsCsv(1, 2, kVillage);
  // The second row (spouse) claims another main cause.
  const size_t second = csv.find('\n', csv.find('\n') + 1) + 1;
  csv.replace(csv.find(",因病,", second), 8, ",因残,");
  const ImportReport r = Import(csv);
  ASSERT_TRUE(HasRule(r, "household.inconsistent", 3));
  std::string terms = MakeHouseholdsCsv(1, 1, kVillage);
  terms = Replace(terms, ",一般贫困户,", ",很穷,");
  terms = Replace(terms, ",测试0,", ",,");
  const ImportReport t = Import(terms);
  EXPECT_TRUE(HasRule(t, "term.unknown", 2));
  EXPECT_TRUE(HasRule(t, "row.required", 2));
}

TEST_F(HouseholdImportTest, PerCapitaMismatchAndExitYearRules) {
  std::string csv = MakeHouseholdsCsv(1, 2, kVillage);
  // Components: 12000+1000+0+500-200 = 13300 / 2 = 6650; claim 5000 on the head row.
  csv = Replace(csv, ",200.00,,", ",200.00,5000,");
  EXPECT_TRUE(HasRule(Import(csv), "income.per_capita_mismatch", 2));
  std::string exit = MakeHouseholdsCsv(1, 1, kVillage);
  exit = Replace(exit, ",2014,已脱贫,2018,", ",2014,已脱贫,,");
  EXPECT_TRUE(HasRule(Import(exit), "household.exit_year_missing", 2));
  std::string poor = MakeHouseholdsCsv(1, 1, kVillage);
  poor = Replace(poor, ",2014,已脱贫,2018,", ",2014,未脱贫,2018,");
  EXPECT_TRUE(HasRule(Import(poor), "household.poor_with_exit_year", 2));
}

TEST_F(HouseholdImportTest, LaterFileUpdatesAndKeepsHistory) {
  ASSERT_EQ(Import(MakeHouseholdsCsv(2, 2, kVillage)).counts.inserted, 2);
  const ImportReport r = Import(MakeHouseholdsCsv(2, 2, kVillage, 0, 15000));
  EXPECT_EQ(r.counts.updated, 2);
  const std::string hid = std::string(kVillage) + "000000";
  auto history = store_->History("household", hid);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_NE((*history)[1].before_json.find("1200000"), std::string::npos) << "before: 12,000 yuan in fen";
  EXPECT_NE((*history)[1].after_json.find("1500000"), std::string::npos) << "after: 15,000 yuan in fen";
}

// The whole report, in order, for a file with many problems across rows: duplicates in
// one household and across households (three times), a duplicate on a row that also
// disagrees with its household, a household whose rows are not together, a person
// registered elsewhere, a household without a head. Pinned as text so that a change in
// how the import finds them cannot change what it reports (or the reject file).
TEST_F(HouseholdImportTest, ManyProblemsReportedInFileOrder) {
  ASSERT_EQ(Import(MakeHouseholdsCsv(1, 2, kVillage, 50)).counts.inserted, 1);  // the registry has 000050
  std::vector<std::vector<std::string>> rows;
  {
    const std::string csv = MakeHouseholdsCsv(6, 3, kVillage);  // the last household stays valid
    size_t start = csv.find('\n') + 1;
    while (start < csv.size()) {
      const size_t end = csv.find('\n', start);
      std::vector<std::string> cells;
      size_t from = start;
      for (size_t comma; (comma = csv.find(',', from)) < end; from = comma + 1)
        cells.push_back(csv.substr(from, comma - from));
      cells.push_back(csv.substr(from, end - from));
      rows.push_back(cells);
      start = end + 1;
    }
  }
  const std::string registered = [] {
    const std::string other = MakeHouseholdsCsv(1, 2, kVillage, 50);
    const size_t line = other.find('\n') + 1;
    size_t at = line;
    for (int i = 0; i < 5; ++i) at = other.find(',', at) + 1;
    return other.substr(at, 18);
  }();
  constexpr size_t kId = 5, kMainCause = 17, kRelation = 3;
  rows[1][kId] = rows[0][kId];   // same household, twice
  rows[1][kMainCause] = "因残";  // and inconsistent on that row
  rows[8][kId] = rows[3][kId];   // household 2 has household 1's head
  rows[11][kId] = rows[3][kId];  // and household 3 too
  rows[13][kId] = registered;    // household 4 has a registered person
  rows[9][kRelation] = "之女";   // household 3 has no head
  rows.push_back(rows[2]);       // household 0's row again, at the end
  std::string csv = fupin::testing::HouseholdHeader() + "\n";
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) csv += (i ? "," : "") + r[i];
    csv += "\n";
  }
  const ImportReport r = Import(csv, /*skip_invalid=*/true);
  std::string report;
  for (const auto& p : r.problems) {
    report += std::to_string(p.row) + "|" + p.column + "|" + p.value + "|" + p.rule + "|" + p.household_id +
              "|" + p.message.en + "|" + p.message.zh + "\n";
  }
  // The reject file: each row's reasons (its last column), in file order.
  std::string reasons;
  const std::string rejects = fupin::testing::ReadFile(r.reject_file);
  for (size_t start = rejects.find('\n') + 1; start < rejects.size();) {
    const size_t end = rejects.find("\r\n", start);
    const size_t comma = rejects.rfind(',', end);
    reasons += rejects.substr(comma + 1, end - comma - 1) + "\n";
    start = end + 2;
  }
  EXPECT_EQ(
      report,
      R"golden(3|出生日期|1950-01-02|person.birth_date_mismatch|511025100203000000|row 3: birth date 1950-01-02 disagrees with 1950-01-01 in the ID number|第 3 行出生日期 1950-01-02 与身份证号中的 1950-01-01 不符
3|主要致贫原因|因残|household.inconsistent|511025100203000000|row 3: household 511025100203000000 has a different main_cause than on row 2|第 3 行户 511025100203000000 的“主要致贫原因”与第 2 行不一致
3|证件号码|5110**********000X|person.duplicate|511025100203000000|row 3: the ID number repeats row 2 (same household)|第 3 行身份证号与第 2 行重复（同一户）
10|出生日期|1950-01-09|person.birth_date_mismatch|511025100203000002|row 10: birth date 1950-01-09 disagrees with 1950-01-04 in the ID number|第 10 行出生日期 1950-01-09 与身份证号中的 1950-01-04 不符
10|证件号码|5110**********0006|person.two_households|511025100203000002|row 10: this person is already in household 511025100203000001 on row 5; a person cannot belong to two households|第 10 行此人已在第 5 行登记于户 511025100203000001，一人不能属于两户
11|与户主关系||household.no_head|511025100203000003|household 511025100203000003 (from row 11) has no head|户 511025100203000003（第 11 行起）没有户主
13|出生日期|1950-01-12|person.birth_date_mismatch|511025100203000003|row 13: birth date 1950-01-12 disagrees with 1950-01-04 in the ID number|第 13 行出生日期 1950-01-12 与身份证号中的 1950-01-04 不符
13|证件号码|5110**********0006|person.two_households|511025100203000003|row 13: this person is already in household 511025100203000001 on row 5; a person cannot belong to two households|第 13 行此人已在第 5 行登记于户 511025100203000001，一人不能属于两户
15|出生日期|1950-01-14|person.birth_date_mismatch|511025100203000004|row 15: birth date 1950-01-14 disagrees with 1950-04-11 in the ID number|第 15 行出生日期 1950-01-14 与身份证号中的 1950-04-11 不符
15|证件号码|5110**********0006|person.two_households|511025100203000004|row 15: this person is already registered in household 511025100203000050; a person cannot belong to two households|第 15 行此人已登记在户 511025100203000050，一人不能属于两户
20|证件号码|5110**********0000|person.duplicate|511025100203000000|row 20: the ID number repeats row 4 (same household)|第 20 行身份证号与第 4 行重复（同一户）
)golden");
  EXPECT_EQ(reasons, R"golden([household.rejected] 同户其他行有错误，整户退回（户 511025100203000000）
[person.birth_date_mismatch] 第 3 行出生日期 1950-01-02 与身份证号中的 1950-01-01 不符；[household.inconsistent] 第 3 行户 511025100203000000 的“主要致贫原因”与第 2 行不一致；[person.duplicate] 第 3 行身份证号与第 2 行重复（同一户）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000000）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000001）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000001）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000001）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000002）
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000002）
[person.birth_date_mismatch] 第 10 行出生日期 1950-01-09 与身份证号中的 1950-01-04 不符；[person.two_households] 第 10 行此人已在第 5 行登记于户 511025100203000001，一人不能属于两户
[household.no_head] 户 511025100203000003（第 11 行起）没有户主
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000003）
[person.birth_date_mismatch] 第 13 行出生日期 1950-01-12 与身份证号中的 1950-01-04 不符；[person.two_households] 第 13 行此人已在第 5 行登记于户 511025100203000001，一人不能属于两户
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000004）
[person.birth_date_mismatch] 第 15 行出生日期 1950-01-14 与身份证号中的 1950-04-11 不符；[person.two_households] 第 15 行此人已登记在户 511025100203000050，一人不能属于两户
[household.rejected] 同户其他行有错误，整户退回（户 511025100203000004）
[person.duplicate] 第 20 行身份证号与第 4 行重复（同一户）
)golden");
  EXPECT_EQ(r.households_rejected, 5u);
  EXPECT_EQ(r.counts.inserted, 1);
}

TEST_F(HouseholdImportTest, HeaderProblemsStopTheFile) {
  const auto path = dir_ / "bad.csv";
  WriteFile(path, "户编号,姓名,奇怪的列\n1,张三,x\n");
  auto r = ImportHouseholdFile(*store_, path, options_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().rule(), "header.unknown_column");
  WriteFile(path, "户编号,姓名\n1,张三\n");
  r = ImportHouseholdFile(*store_, path, options_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().rule(), "header.missing_column");
}

}  // namespace
}  // namespace fupin::registry
