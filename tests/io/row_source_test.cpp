#include "io/row_source.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/text_encoding.hpp"
#include "io/xlsx_writer.hpp"
#include "test_support.hpp"

namespace fupin::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Drained {
  Rows rows;
  std::vector<size_t> lines;
};

Drained Drain(RowSource& source) {
  Drained out;
  std::vector<std::string_view> fields;
  while (source.Next(&fields)) {
    out.rows.emplace_back(fields.begin(), fields.end());
    out.lines.push_back(source.line());
  }
  return out;
}

constexpr const char* kCsv =
    "户主姓名,身份证号,行政区划代码\r\n张三,51032119900101123X,510321100001\r\n\r\n李四,,\"荣县, "
    "旭阳镇\"\r\n";
const Rows kExpected = {{"户主姓名", "身份证号", "行政区划代码"},
                        {"张三", "51032119900101123X", "510321100001"},
                        {"李四", "", "荣县, 旭阳镇"}};

TEST(RowSourceTest, Utf8Csv) {
  testing::TempDir dir;
  testing::WriteFile(dir / "h.csv", std::string("\xEF\xBB\xBF") + kCsv);
  auto source = OpenRowSource(dir / "h.csv", "");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->format(), "csv");
  EXPECT_EQ((*source)->detected_encoding(), "utf-8");
  auto drained = Drain(**source);
  EXPECT_TRUE((*source)->status().ok());
  EXPECT_EQ(drained.rows, kExpected);
  EXPECT_EQ(drained.lines, (std::vector<size_t>{1, 2, 4}));
}

TEST(RowSourceTest, GbkCsvDetectedAndNamed) {
  testing::TempDir dir;
  auto gbk = ConvertFromUtf8(kCsv, "gbk");
  ASSERT_TRUE(gbk.ok());
  testing::WriteFile(dir / "gbk.csv", *gbk);

  auto detected = OpenRowSource(dir / "gbk.csv", "");
  ASSERT_TRUE(detected.ok()) << detected.status().ToString();
  EXPECT_EQ((*detected)->detected_encoding(), "gb18030");
  EXPECT_EQ(Drain(**detected).rows, kExpected);

  auto named = OpenRowSource(dir / "gbk.csv", "GBK");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(Drain(**named).rows, kExpected);
}

TEST(RowSourceTest, WrongExplicitEncodingNamesTheFile) {
  testing::TempDir dir;
  auto gbk = ConvertFromUtf8(kCsv, "gbk");
  ASSERT_TRUE(gbk.ok());
  testing::WriteFile(dir / "gbk.csv", *gbk);
  auto source = OpenRowSource(dir / "gbk.csv", "utf-8");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().rule(), "encoding.invalid");
  EXPECT_NE(source.status().message().zh.find("gbk.csv"), std::string::npos) << source.status().message().zh;
  EXPECT_NE(source.status().message().en.find("gbk.csv: line 1"), std::string::npos)
      << source.status().message().en;

  auto unknown = OpenRowSource(dir / "gbk.csv", "big5");
  EXPECT_EQ(unknown.status().rule(), "encoding.unknown");
}

TEST(RowSourceTest, CsvQuoteErrorThroughStatus) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.csv", "a,b\n\"open,c\n");
  auto source = OpenRowSource(dir / "bad.csv", "");
  ASSERT_TRUE(source.ok());
  auto drained = Drain(**source);
  EXPECT_EQ(drained.rows.size(), 1u);
  EXPECT_EQ((*source)->status().rule(), "csv.quote");
  EXPECT_NE((*source)->status().message().en.find("bad.csv line 2"), std::string::npos);
}

TEST(RowSourceTest, Xlsx) {
  testing::TempDir dir;
  const auto path = dir / "h.xlsx";
  {
    auto writer = XlsxWriter::Create(path, "户");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->WriteHeader(kExpected[0]).ok());
    ASSERT_TRUE(writer->WriteRow(kExpected[1]).ok());
    ASSERT_TRUE(writer->WriteRow(std::vector<std::string>{}).ok());  // an empty row: skipped on reading
    ASSERT_TRUE(writer->WriteRow(kExpected[2]).ok());
    ASSERT_TRUE(writer->Close().ok());
  }
  auto source = OpenRowSource(path, "");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->format(), "xlsx");
  EXPECT_EQ((*source)->detected_encoding(), "utf-8");
  auto drained = Drain(**source);
  EXPECT_TRUE((*source)->status().ok());
  EXPECT_EQ(drained.rows, kExpected);
  EXPECT_EQ(drained.lines, (std::vector<size_t>{1, 2, 4}));

  // Detected by the zip magic whatever the extension.
  std::filesystem::copy_file(path, dir / "export.dat");
  auto by_magic = OpenRowSource(dir / "export.dat", "");
  ASSERT_TRUE(by_magic.ok());
  EXPECT_EQ((*by_magic)->format(), "xlsx");
}

TEST(RowSourceTest, MissingFile) {
  testing::TempDir dir;
  auto source = OpenRowSource(dir / "没有.csv", "");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().rule(), "file.open");
  EXPECT_EQ(source.status().field(), "file");
  EXPECT_NE(source.status().message().zh.find("没有.csv"), std::string::npos);
  EXPECT_NE(source.status().message().en.find("没有.csv"), std::string::npos);

  auto folder = OpenRowSource(dir.path(), "");
  EXPECT_EQ(folder.status().rule(), "file.open");
}

TEST(RowSourceTest, OldXlsIsRefusedWithAdvice) {
  testing::TempDir dir;
  testing::WriteFile(dir / "old.xls",
                     std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  auto source = OpenRowSource(dir / "old.xls", "");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().rule(), "file.format");
  EXPECT_NE(source.status().message().zh.find(".xlsx"), std::string::npos);

  std::filesystem::copy_file(dir / "old.xls", dir / "renamed.csv");
  EXPECT_EQ(OpenRowSource(dir / "renamed.csv", "").status().rule(), "file.format");
}

TEST(RowSourceTest, NotAZipWithXlsxExtension) {
  testing::TempDir dir;
  testing::WriteFile(dir / "fake.xlsx", "a,b\n");
  auto source = OpenRowSource(dir / "fake.xlsx", "");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().rule(), "xlsx.corrupt");
}

}  // namespace
}  // namespace fupin::io
