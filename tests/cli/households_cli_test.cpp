// The real `fupin` binary: init, import, export, show, id check, and a crash mid-import.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "io/text_encoding.hpp"
#include "registry/registry_test_data.hpp"
#include "test_support.hpp"

namespace fupin::testing {
namespace {

class HouseholdsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "fupin.db").string();
    const RunResult init = RunFupin({"init", "--with-demo-regions", "--db", db_});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }

  nlohmann::json ImportJson(const std::string& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"households", "import", file, "--db", db_, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    last_ = RunFupin(args);
    if (last_.out.empty()) return nlohmann::json::object();
    return nlohmann::json::parse(last_.out);
  }

  TempDir dir_;
  std::string db_;
  RunResult last_;
};

TEST(IdCheckCliTest, StandardExampleIsValidAndWrongCheckCharacterIsNamed) {
  const RunResult r = RunFupin({"id", "check", "11010519491231002X", "110105194912310023"});
  EXPECT_EQ(r.exit_code, 2) << "one of the two is invalid";
  const auto newline = r.out.find('\n');
  const auto valid = nlohmann::json::parse(r.out.substr(0, newline));
  EXPECT_EQ(valid["id"], "11010519491231002X");
  EXPECT_EQ(valid["valid"], true);
  EXPECT_TRUE(valid["reason"].is_null());
  EXPECT_EQ(valid["region"], "110105");
  EXPECT_EQ(valid["birth_date"], "1949-12-31");
  EXPECT_EQ(valid["sex"], "F");
  const auto invalid = nlohmann::json::parse(r.out.substr(newline + 1));
  EXPECT_EQ(invalid["valid"], false);
  EXPECT_EQ(invalid["rule"], "id.check_char");
  EXPECT_NE(invalid["reason"].get<std::string>().find("应为 X"), std::string::npos) << invalid.dump();
  EXPECT_EQ(RunFupin({"id", "check", "11010519491231002X"}).exit_code, 0);
}

TEST(CliUsageTest, HelpAndUsageErrors) {
  const RunResult help = RunFupin({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("households"), std::string::npos);
  EXPECT_EQ(RunFupin({"no-such-command"}).exit_code, 1);
  EXPECT_EQ(RunFupin({"households", "import"}).exit_code, 1);
}

TEST_F(HouseholdsCliTest, ExampleImportsOnceThenReportsZeroChanges) {
  const std::string example = SourcePath("examples/households.csv").string();
  auto first = ImportJson(example);
  ASSERT_EQ(last_.exit_code, 0) << last_.out << last_.err;
  EXPECT_EQ(first["inserted"], 3);
  EXPECT_EQ(first["persons"], 9);
  auto second = ImportJson(example);
  EXPECT_EQ(second["inserted"], 0);
  EXPECT_EQ(second["updated"], 0);
  EXPECT_EQ(second["unchanged"], 3);
  // The human report says the same in Chinese.
  const RunResult human = RunFupin({"households", "import", example, "--db", db_});
  EXPECT_NE(human.out.find("新增 0 户，更新 0 户，未变 3 户"), std::string::npos) << human.out;
}

TEST_F(HouseholdsCliTest, OneBadRowImportsNothingAndExitsTwo) {
  std::string csv = ReadFile(SourcePath("examples/households.csv"));
  const auto at = csv.find("51102519680312031X");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, 18, "511025196803120313");
  const auto path = dir_ / "bad.csv";
  WriteFile(path, csv);
  const std::string before = DumpDatabase(db_);
  auto report = ImportJson(path.string());
  EXPECT_EQ(last_.exit_code, 2);
  EXPECT_EQ(report["written"], false);
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["row"], 2);
  EXPECT_EQ(report["problems"][0]["column"], "证件号码");
  EXPECT_EQ(report["problems"][0]["rule"], "id.check_char");
  EXPECT_EQ(DumpDatabase(db_), before);
  const RunResult human = RunFupin({"households", "import", path.string(), "--db", db_});
  EXPECT_EQ(human.exit_code, 2);
  EXPECT_NE(human.out.find("未写入任何数据"), std::string::npos) << human.out;

  // --skip-invalid: the two good households land, the bad one goes to the reject file.
  auto skipped = ImportJson(path.string(), {"--skip-invalid"});
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_EQ(skipped["inserted"], 2);
  EXPECT_EQ(skipped["rejected_households"], 1);
  EXPECT_EQ(skipped["rejected_rows"], 3);
  std::string rejects = ReadFile(skipped["reject_file"].get<std::string>());
  const auto bad_at = rejects.find("511025196803120313");
  ASSERT_NE(bad_at, std::string::npos);
  rejects.replace(bad_at, 18, "51102519680312031X");
  const auto fixed = dir_ / "fixed.csv";
  WriteFile(fixed, rejects);
  auto again = ImportJson(fixed.string());
  EXPECT_EQ(last_.exit_code, 0) << last_.out;
  EXPECT_EQ(again["inserted"], 1);
  EXPECT_EQ(again["problems"].size(), 0u);
}

TEST_F(HouseholdsCliTest, ExportThenImportIsANoOpInCsvAndXlsx) {
  ImportJson(SourcePath("examples/households.csv").string());
  ASSERT_EQ(last_.exit_code, 0);
  for (const std::string format : {"csv", "xlsx"}) {
    const auto out = dir_ / ("export." + format);
    const RunResult exported = RunFupin({"households", "export", "--region", "511025", "--format", format,
                                         "-o", out.string(), "--unmasked", "--db", db_});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    auto report = ImportJson(out.string());
    EXPECT_EQ(last_.exit_code, 0) << last_.out;
    EXPECT_EQ(report["inserted"], 0) << format;
    EXPECT_EQ(report["updated"], 0) << format;
    EXPECT_EQ(report["unchanged"], 3) << format;
  }
}

TEST_F(HouseholdsCliTest, OutputsAreMaskedUnlessUnmaskedWhichIsAudited) {
  ImportJson(SourcePath("examples/households.csv").string());
  const auto out = dir_ / "masked.csv";
  ASSERT_EQ(RunFupin({"households", "export", "--region", "51", "-o", out.string(), "--db", db_}).exit_code,
            0);
  const std::string masked = ReadFile(out);
  EXPECT_EQ(masked.find("51102519680312031X"), std::string::npos);
  EXPECT_NE(masked.find("5110**********031X"), std::string::npos);
  EXPECT_EQ(masked.find("13980123456"), std::string::npos);
  auto reimport = ImportJson(out.string());
  EXPECT_EQ(last_.exit_code, 2);
  EXPECT_EQ(reimport["problems"][0]["rule"], "id.masked");

  const RunResult show = RunFupin({"households", "show", "5110251002030001", "--db", db_});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("5110**********031X"), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find("51102519680312031X"), std::string::npos);
  const RunResult clear = RunFupin({"households", "show", "5110251002030001", "--unmasked", "--db", db_});
  EXPECT_NE(clear.out.find("51102519680312031X"), std::string::npos);
  const std::string dump = DumpDatabase(db_);
  EXPECT_NE(dump.find("households.show.unmasked"), std::string::npos);
  EXPECT_NE(dump.find("households.export.masked"), std::string::npos);
  EXPECT_EQ(RunFupin({"households", "show", "nope", "--db", db_}).exit_code, 2);
}

TEST_F(HouseholdsCliTest, Gb18030FileIsDetected) {
  const std::string utf8 = ReadFile(SourcePath("examples/households.csv"));
  auto gbk = io::ConvertFromUtf8(utf8, "gb18030");
  ASSERT_TRUE(gbk.ok());
  const auto path = dir_ / "gbk.csv";
  WriteFile(path, *gbk);
  auto report = ImportJson(path.string());
  EXPECT_EQ(last_.exit_code, 0) << last_.out << last_.err;
  EXPECT_EQ(report["encoding"], "gb18030");
  EXPECT_EQ(report["inserted"], 3);
}

TEST_F(HouseholdsCliTest, KilledImportLeavesTheDatabaseExactlyAsBefore) {
  ImportJson(SourcePath("examples/households.csv").string());
  ASSERT_EQ(last_.exit_code, 0);
  const auto big = dir_ / "big.csv";
  WriteFile(big, MakeHouseholdsCsv(40000, 3, "511025100216"));
  const std::string before = DumpDatabase(db_);
  {
    FupinProcess import({"households", "import", big.string(), "--db", db_, "--progress"});
    ASSERT_TRUE(import.WaitForStderr("progress 5000/")) << "the import must be killed while writing";
    const int wstatus = import.Kill(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(wstatus));
    EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);
  }
  EXPECT_EQ(DumpDatabase(db_), before);
  // And the database still works: the same file imports completely afterwards.
  auto report = ImportJson(big.string());
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_EQ(report["inserted"], 40000);
}

}  // namespace
}  // namespace fupin::testing
