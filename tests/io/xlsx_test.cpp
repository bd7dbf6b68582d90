#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "test_support.hpp"

namespace fupin::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Writes a zip archive holding `parts` (name, content), deflated.
void WriteZip(const std::filesystem::path& path, const Parts& parts) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())), ZIP_OK);
    ASSERT_EQ(zipCloseFileInZip(zip), ZIP_OK);
  }
  ASSERT_EQ(zipClose(zip, nullptr), ZIP_OK);
}

std::string Sheet(const std::string& rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") +
         kMain + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

Result<Table> ReadParts(const testing::TempDir& dir, const Parts& parts, const XlsxLimits& limits = {}) {
  const auto path = dir / "book.xlsx";
  WriteZip(path, parts);
  return ReadXlsxFirstSheet(path, limits);
}

// ---------------------------------------------------------------------------------
// Writer -> reader round trips.

class XlsxRoundTripTest : public ::testing::TestWithParam<bool> {};

TEST_P(XlsxRoundTripTest, KeepsTextDigitsAndGaps) {
  testing::TempDir dir;
  const auto path = dir / "export.xlsx";
  const std::vector<std::string> header = {"户主姓名", "身份证号", "行政区划代码", "备注", "电话"};
  const Rows rows = {
      {"张三", "51032119900101123X", "510321100001", "", "13800001111"},
      {"李四", "510321198512120021", "510321100002", "多行\n备注", ""},
      {"", "", "", "", "0012"},
      {"王五", "", " 前后空格 ", "", ""},
  };
  {
    auto writer = XlsxWriter::Create(path, "贫困户", {.constant_memory = GetParam(), .tmpdir = {}});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE(writer->WriteHeader(header).ok());
    for (const auto& row : rows) ASSERT_TRUE(writer->WriteRow(std::span<const std::string>(row)).ok());
    const std::vector<std::string_view> views = {"赵六", "", "510321100003"};
    ASSERT_TRUE(writer->WriteRow(views).ok());
    EXPECT_EQ(writer->rows_written(), 6u);
    Status closed = writer->Close();
    ASSERT_TRUE(closed.ok()) << closed.ToString();
  }
  auto table = ReadXlsxFirstSheet(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const Rows expected = {
      {"户主姓名", "身份证号", "行政区划代码", "备注", "电话"},
      {"张三", "51032119900101123X", "510321100001", "", "13800001111"},
      {"李四", "510321198512120021", "510321100002", "多行\n备注"},  // trailing empty cell not kept
      {"", "", "", "", "0012"},
      {"王五", "", " 前后空格 "},
      {"赵六", "", "510321100003"},
  };
  EXPECT_EQ(table->rows, expected);
  EXPECT_EQ(table->row_numbers, (std::vector<size_t>{1, 2, 3, 4, 5, 6}));
}

INSTANTIATE_TEST_SUITE_P(ConstantMemory, XlsxRoundTripTest, ::testing::Bool());

TEST(XlsxWriterTest, ManyRowsRoundTrip) {
  testing::TempDir dir;
  const auto path = dir / "many.xlsx";
  auto writer = XlsxWriter::Create(path, "data");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->WriteHeader(std::vector<std::string>{"n", "name"}).ok());
  for (int i = 0; i < 3000; ++i) {
    ASSERT_TRUE(writer->WriteRow(std::vector<std::string>{std::to_string(i), "户" + std::to_string(i)}).ok());
  }
  ASSERT_TRUE(writer->Close().ok());
  auto table = ReadXlsxFirstSheet(path);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 3001u);
  EXPECT_EQ(table->rows[3000], (std::vector<std::string>{"2999", "户2999"}));
  EXPECT_EQ(table->row_numbers[3000], 3001u);
}

TEST(XlsxWriterTest, RejectsBadSheetNames) {
  testing::TempDir dir;
  for (const char* name : {"", "a/b", "[x]", "this sheet name is far too long to be accepted"}) {
    auto writer = XlsxWriter::Create(dir / "x.xlsx", name);
    ASSERT_FALSE(writer.ok()) << name;
    EXPECT_EQ(writer.status().rule(), "xlsx.sheet_name");
  }
}

TEST(XlsxWriterTest, MissingFolderFails) {
  testing::TempDir dir;
  auto writer = XlsxWriter::Create(dir / "no" / "such" / "x.xlsx", "s");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().rule(), "file.write");
  EXPECT_NE(writer.status().message().en.find("x.xlsx"), std::string::npos);
}

TEST(XlsxWriterTest, CloseTwiceAndDiscardWithoutClose) {
  testing::TempDir dir;
  {
    auto writer = XlsxWriter::Create(dir / "discarded.xlsx", "s");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->WriteRow(std::vector<std::string>{"a"}).ok());
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "discarded.xlsx"));

  auto writer = XlsxWriter::Create(dir / "closed.xlsx", "s");
  ASSERT_TRUE(writer.ok());
  XlsxWriter moved = std::move(writer).value();
  ASSERT_TRUE(moved.Close().ok());
  EXPECT_TRUE(std::filesystem::exists(dir / "closed.xlsx"));
  EXPECT_EQ(moved.Close().rule(), "xlsx.closed");
  EXPECT_EQ(moved.WriteRow(std::vector<std::string>{"a"}).rule(), "xlsx.closed");
}

TEST(XlsxWriterTest, TooLongCellIsRejected) {
  testing::TempDir dir;
  auto writer = XlsxWriter::Create(dir / "x.xlsx", "s");
  ASSERT_TRUE(writer.ok());
  Status status = writer->WriteRow(std::vector<std::string>{"ok", std::string(40000, 'x')});
  EXPECT_EQ(status.rule(), "xlsx.cell_too_long");
  EXPECT_NE(status.message().en.find("row 1 column 2"), std::string::npos) << status.message().en;
}

// ---------------------------------------------------------------------------------
// Reading workbooks as other programs write them.

Parts FullWorkbook(bool date1904 = false) {
  const std::string workbook = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRelType +
                               "\"><workbookPr date1904=\"" + (date1904 ? "1" : "false") +
                               "\"/><sheets>"
                               "<sheet name=\"户\" sheetId=\"2\" r:id=\"rId7\"/>"
                               "<sheet name=\"other\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string rels =
      std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
      "<Relationship Id=\"rId1\" Type=\"" + kRelType + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
      "<Relationship Id=\"rId7\" Type=\"" + kRelType + "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>" +
      "<Relationship Id=\"rId3\" Type=\"" + kRelType + "/sharedStrings\" Target=\"strings.xml\"/>" +
      "<Relationship Id=\"rId4\" Type=\"" + kRelType + "/styles\" Target=\"./styles.xml\"/>" +
      "<Relationship Id=\"rId9\" Type=\"" + kRelType +
      "/hyperlink\" Target=\"http://example.com\" TargetMode=\"External\"/>" + "</Relationships>";
  const std::string package_rels =
      std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
      "<Relationship Id=\"rId1\" Type=\"" + kRelType + "/officeDocument\" Target=\"xl/workbook.xml\"/>" +
      "</Relationships>";
  const std::string shared = std::string("<sst xmlns=\"") + kMain +
                             "\" count=\"3\" uniqueCount=\"3\">"
                             "<si><t>姓名</t></si>"
                             "<si><r><rPr><b/></rPr><t>身份</t></r><r><t xml:space=\"preserve\">证 号</t></r>"
                             "<rPh sb=\"0\" eb=\"2\"><t>シンブン</t></rPh><phoneticPr fontId=\"1\"/></si>"
                             "<si><t>line_x000D_break &amp; _x005F_x0041_</t></si>"
                             "</sst>";
  const std::string styles =
      std::string("<styleSheet xmlns=\"") + kMain +
      "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
      "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>"
      "<xf numFmtId=\"49\"/></cellXfs></styleSheet>";
  const std::string data = Sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"D1\" t=\"inlineStr\"><is><t>inline</t></is></c></row>"
      "<row r=\"2\" spans=\"1:5\"><c r=\"A2\"><v>510321100001</v></c><c r=\"B2\" "
      "s=\"0\"><v>0.30000000000000004</v></c>"
      "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"b\"><v>0</v></c>"
      "<c r=\"E2\" t=\"str\"><f>A1&amp;\"x\"</f><v>formula text</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" s=\"1\"/><c r=\"C3\" t=\"s\"/></row>"
      "<row r=\"5\"><c r=\"B5\" s=\"1\"><v>45000</v></c><c r=\"C5\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"D5\" t=\"s\"><v>2</v></c><c r=\"E5\" s=\"2\"><v>36526.75</v></c><c r=\"F5\" "
      "s=\"3\"><v>7</v></c></row>"
      "<row><c t=\"inlineStr\"><is><r><t>no</t></r><r><t>ref</t></r></is></c><c><v>-1.5E+25</v></c>"
      "<c><v>5.10321199001011E+17</v></c></row>");
  const std::string decoy =
      Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row>");
  return {
      {"_rels/.rels", package_rels},   {"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
      {"xl/strings.xml", shared},      {"xl/styles.xml", styles},     {"xl/worksheets/sheet1.xml", decoy},
      {"xl/worksheets/data.xml", data}};
}

TEST(XlsxReaderTest, ReadsCellTypesSparseCellsAndTheFirstSheetInWorkbookOrder) {
  testing::TempDir dir;
  auto table = ReadParts(dir, FullWorkbook());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const Rows expected = {
      {"姓名", "身份证 号", "", "inline"},
      {"510321100001", "0.3", "TRUE", "FALSE", "formula text"},
      {"", "2023-03-15", "#N/A", "line\rbreak & _x0041_", "2000-01-01 18:00:00", "7"},
      {"noref", "-1.5E+25", "510321199001011000"},
  };
  EXPECT_EQ(table->rows, expected);
  EXPECT_EQ(table->row_numbers, (std::vector<size_t>{1, 2, 5, 6}));
}

TEST(XlsxReaderTest, Date1904System) {
  testing::TempDir dir;
  auto table = ReadParts(dir, FullWorkbook(/*date1904=*/true));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows[2][1], "2027-03-16");  // 45000 + 1462 days
}

TEST(XlsxReaderTest, FallsBackToSheet1WithoutWorkbook) {
  testing::TempDir dir;
  auto table =
      ReadParts(dir, {{"xl/worksheets/sheet1.xml",
                       Sheet("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>只有</t></is></c></row>")}});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (Rows{{"", "只有"}}));
  EXPECT_EQ(table->row_numbers, (std::vector<size_t>{2}));
}

TEST(XlsxReaderTest, PrefixedElementNames) {
  testing::TempDir dir;
  const std::string sheet = std::string("<x:worksheet xmlns:x=\"") + kMain +
                            "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>42</x:v></x:c>"
                            "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>"
                            "</x:sheetData></x:worksheet>";
  auto table = ReadParts(dir, {{"xl/worksheets/sheet1.xml", sheet}});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (Rows{{"42", "", "前缀"}}));
}

TEST(XlsxReaderTest, NotAZipIsCorrupt) {
  testing::TempDir dir;
  const auto path = dir / "fake.xlsx";
  testing::WriteFile(path, "姓名,身份证号\n张三,1\n");
  auto table = ReadXlsxFirstSheet(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.corrupt");
  EXPECT_NE(table.status().message().zh.find("fake.xlsx"), std::string::npos);
  EXPECT_NE(table.status().message().en.find("fake.xlsx"), std::string::npos);
}

TEST(XlsxReaderTest, TruncatedZipIsCorrupt) {
  testing::TempDir dir;
  const auto good = dir / "good.xlsx";
  {
    auto writer = XlsxWriter::Create(good, "s");
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->WriteRow(std::vector<std::string>{"a"}).ok());
    ASSERT_TRUE(writer->Close().ok());
  }
  std::string bytes = testing::ReadFile(good);
  testing::WriteFile(dir / "cut.xlsx", bytes.substr(0, bytes.size() / 2));
  auto table = ReadXlsxFirstSheet(dir / "cut.xlsx");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.corrupt");
}

TEST(XlsxReaderTest, MissingFileFailsToOpen) {
  testing::TempDir dir;
  auto table = ReadXlsxFirstSheet(dir / "absent.xlsx");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "file.open");
  EXPECT_NE(table.status().message().zh.find("absent.xlsx"), std::string::npos);
}

TEST(XlsxReaderTest, ZipBombCap) {
  testing::TempDir dir;
  const auto path = dir / "big.xlsx";
  {
    auto writer = XlsxWriter::Create(path, "s");
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(writer->WriteRow(std::vector<std::string>{"张三", "51032119900101123X"}).ok());
    }
    ASSERT_TRUE(writer->Close().ok());
  }
  ASSERT_TRUE(ReadXlsxFirstSheet(path).ok());
  auto table = ReadXlsxFirstSheet(path, {.max_uncompressed_bytes = 2000, .max_cells = 1000000});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.too_large");
  EXPECT_NE(table.status().message().en.find("big.xlsx"), std::string::npos);
}

TEST(XlsxReaderTest, CapCountsAllPartsTogether) {
  // Shared strings and sheet each fit under the cap; together they do not.
  testing::TempDir dir;
  std::string strings = std::string("<sst xmlns=\"") + kMain + "\">";
  std::string rows;
  for (int i = 0; i < 300; ++i) {
    strings += "<si><t>户主" + std::to_string(i) + "</t></si>";
    rows += "<row r=\"" + std::to_string(i + 1) + "\"><c r=\"A" + std::to_string(i + 1) + "\" t=\"s\"><v>" +
            std::to_string(i) + "</v></c></row>";
  }
  strings += "</sst>";
  const std::string sheet = Sheet(rows);
  const Parts parts = {{"xl/sharedStrings.xml", strings}, {"xl/worksheets/sheet1.xml", sheet}};
  const uint64_t limit = std::max(strings.size(), sheet.size()) + std::min(strings.size(), sheet.size()) / 2;

  auto fits = ReadParts(dir, parts, {.max_uncompressed_bytes = 100000, .max_cells = 1000});
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ(fits->rows.size(), 300u);
  EXPECT_EQ(fits->rows[299], (std::vector<std::string>{"户主299"}));
  std::filesystem::remove(dir / "book.xlsx");

  auto table = ReadParts(dir, parts, {.max_uncompressed_bytes = limit, .max_cells = 1000});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.too_large");
}

TEST(XlsxReaderTest, SparseCellCap) {
  testing::TempDir dir;
  auto table =
      ReadParts(dir, {{"xl/worksheets/sheet1.xml", Sheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")}},
                {.max_uncompressed_bytes = 1 << 20, .max_cells = 1000});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.too_large");
}

TEST(XlsxReaderTest, MalformedPartsAreCorrupt) {
  testing::TempDir dir;
  const std::vector<std::string> bad_sheets = {
      Sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"),                          // mismatched tag
      Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"),              // no shared strings
      Sheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"),                      // bad reference
      Sheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"),                    // past the last column
      Sheet("<row r=\"zero\"><c><v>1</v></c></row>"),                            // bad row number
      "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>",  // DTD
  };
  for (const auto& sheet : bad_sheets) {
    auto table = ReadParts(dir, {{"xl/worksheets/sheet1.xml", sheet}});
    ASSERT_FALSE(table.ok()) << sheet;
    EXPECT_EQ(table.status().rule(), "xlsx.corrupt") << sheet;
    EXPECT_NE(table.status().message().en.find("xl/worksheets/sheet1.xml"), std::string::npos)
        << table.status().message().en;
    std::filesystem::remove(dir / "book.xlsx");
  }
}

TEST(XlsxReaderTest, ZipWithoutAnySheetIsCorrupt) {
  testing::TempDir dir;
  auto table = ReadParts(dir, {{"hello.txt", "hi"}});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().rule(), "xlsx.corrupt");
}

TEST(SpreadsheetNumberTest, Formats) {
  EXPECT_EQ(FormatSpreadsheetNumber(510321100001.0), "510321100001");
  EXPECT_EQ(FormatSpreadsheetNumber(0.1 + 0.2), "0.3");
  EXPECT_EQ(FormatSpreadsheetNumber(-2.5), "-2.5");
  EXPECT_EQ(FormatSpreadsheetNumber(3.14159), "3.14159");
  EXPECT_EQ(FormatSpreadsheetNumber(0.0), "0");
  EXPECT_EQ(FormatSpreadsheetNumber(-0.0), "0");
  EXPECT_EQ(FormatSpreadsheetNumber(7.0), "7");
  EXPECT_EQ(FormatSpreadsheetNumber(-42.0), "-42");
  EXPECT_EQ(FormatSpreadsheetNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatSpreadsheetNumber(5.10321199001011e17), "510321199001011000");
  EXPECT_EQ(FormatSpreadsheetNumber(123456789.123456789), "123456789.123457");
  EXPECT_EQ(FormatSpreadsheetNumber(0.000123), "0.000123");
  EXPECT_EQ(FormatSpreadsheetNumber(1.5e25), "1.5E+25");
  EXPECT_EQ(FormatSpreadsheetNumber(1e-11), "1E-11");
  EXPECT_EQ(FormatSpreadsheetNumber(1234.5), "1234.5");
}

TEST(SpreadsheetDateTest, Formats) {
  EXPECT_EQ(FormatSpreadsheetDate(45000, false), "2023-03-15");
  EXPECT_EQ(FormatSpreadsheetDate(1, false), "1900-01-01");
  EXPECT_EQ(FormatSpreadsheetDate(59, false), "1900-02-28");
  EXPECT_EQ(FormatSpreadsheetDate(61, false), "1900-03-01");
  EXPECT_EQ(FormatSpreadsheetDate(36526.5, false), "2000-01-01 12:00:00");
  EXPECT_EQ(FormatSpreadsheetDate(0.75, false), "18:00:00");
  EXPECT_EQ(FormatSpreadsheetDate(0, true), "1904-01-01");
  EXPECT_EQ(FormatSpreadsheetDate(-1, false), "-1");
}

}  // namespace
}  // namespace fupin::io
