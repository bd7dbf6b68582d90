#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fupin::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Parsed {
  Rows rows;
  std::vector<size_t> lines;
  Status status;
};

Parsed ParseAll(std::string_view text, std::string source_name = "") {
  CsvReader reader(text, std::move(source_name));
  Parsed out;
  std::vector<std::string_view> fields;
  while (reader.Next(&fields)) {
    out.rows.emplace_back(fields.begin(), fields.end());
    out.lines.push_back(reader.line());
  }
  out.status = reader.status();
  return out;
}

TEST(CsvReaderTest, SimpleRecords) {
  auto parsed = ParseAll("a,b,c\n1,2,3\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(parsed.lines, (std::vector<size_t>{1, 2}));
}

TEST(CsvReaderTest, EmptyFieldsAndFinalLineWithoutNewline) {
  auto parsed = ParseAll(",a,,\nx,y");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"", "a", "", ""}, {"x", "y"}}));
}

TEST(CsvReaderTest, QuotedFieldsWithCommasAndEscapedQuotes) {
  auto parsed = ParseAll("\"张三, 李四\",\"say \"\"hi\"\"\",\"\",plain\n\"\"\"\",x\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"张三, 李四", "say \"hi\"", "", "plain"}, {"\"", "x"}}));
}

TEST(CsvReaderTest, SeveralEscapedFieldsInOneRecordStayValid) {
  // The arena grows while the record is parsed; every view must still be right.
  std::string text;
  Rows expected(1);
  for (int i = 0; i < 50; ++i) {
    std::string value = "v";
    value += std::to_string(i);
    value += "\"q\"";
    value.append(static_cast<size_t>(i) * 7, 'x');
    std::string quoted = "\"";
    for (char c : value) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    quoted += '"';
    if (i > 0) text += ',';
    text += quoted;
    expected[0].push_back(value);
  }
  auto parsed = ParseAll(text + "\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, expected);
}

TEST(CsvReaderTest, EmbeddedNewlinesAndLineNumbers) {
  auto parsed = ParseAll("h1,h2\n\"line one\nline two\",b\nnext,row\n\"a\r\nb\",c\r\nlast,1\r\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(
      parsed.rows,
      (Rows{{"h1", "h2"}, {"line one\nline two", "b"}, {"next", "row"}, {"a\r\nb", "c"}, {"last", "1"}}));
  EXPECT_EQ(parsed.lines, (std::vector<size_t>{1, 2, 4, 5, 7}));
}

TEST(CsvReaderTest, CrlfLineEndings) {
  auto parsed = ParseAll("a,b\r\n1,\"2\"\r\n3,\r\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"a", "b"}, {"1", "2"}, {"3", ""}}));
  EXPECT_EQ(parsed.lines, (std::vector<size_t>{1, 2, 3}));
}

TEST(CsvReaderTest, LeadingBomIsSkipped) {
  auto parsed = ParseAll("\xEF\xBB\xBF姓名,户号\n张三,1\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"姓名", "户号"}, {"张三", "1"}}));
  auto quoted = ParseAll("\xEF\xBB\xBF\"姓名\",x");
  EXPECT_EQ(quoted.rows, (Rows{{"姓名", "x"}}));
}

TEST(CsvReaderTest, EmptyLinesAreSkippedButCounted) {
  auto parsed = ParseAll("\n\r\na,b\n\n\r\n\nc,d\n\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(parsed.lines, (std::vector<size_t>{3, 7}));
}

TEST(CsvReaderTest, EmptyInputs) {
  EXPECT_TRUE(ParseAll("").rows.empty());
  EXPECT_TRUE(ParseAll("\xEF\xBB\xBF").rows.empty());
  EXPECT_TRUE(ParseAll("\n\n\r\n").rows.empty());
  EXPECT_TRUE(ParseAll(std::string_view()).rows.empty());
  EXPECT_EQ(ParseAll("\"\"").rows, (Rows{{""}}));
  EXPECT_EQ(ParseAll(",").rows, (Rows{{"", ""}}));
}

TEST(CsvReaderTest, LongRecordsSplitLikeShortOnes) {
  // Records longer than the 16 bytes the splitter reads at a time, with commas at every
  // offset, empty fields, a CR before the LF and a quote that only appears late.
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    expected.push_back(std::string(static_cast<size_t>(i % 7), static_cast<char>('a' + i % 26)));
    line += (i ? "," : "") + expected.back();
  }
  const Parsed plain = ParseAll(line + "\r\n" + line + ",\n" + line);
  ASSERT_TRUE(plain.status.ok());
  ASSERT_EQ(plain.rows.size(), 3u);
  EXPECT_EQ(plain.rows[0], expected);
  auto with_empty = expected;
  with_empty.push_back("");
  EXPECT_EQ(plain.rows[1], with_empty);
  EXPECT_EQ(plain.rows[2], expected);
  const Parsed quoted = ParseAll(line + ",\"x,\"\"y\"\n" + line);
  ASSERT_TRUE(quoted.status.ok());
  auto with_quoted = expected;
  with_quoted.push_back("x,\"y");
  EXPECT_EQ(quoted.rows[0], with_quoted);
  EXPECT_EQ(quoted.rows[1], expected);
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsLiteral) {
  auto parsed = ParseAll("5\" pipe,a\"b\"\n");
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, (Rows{{"5\" pipe", "a\"b\""}}));
}

TEST(CsvReaderTest, LoneCarriageReturnIsData) {
  auto parsed = ParseAll("a\rb,c\n");
  EXPECT_EQ(parsed.rows, (Rows{{"a\rb", "c"}}));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLine) {
  auto parsed = ParseAll("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", "households.csv");
  EXPECT_EQ(parsed.rows, (Rows{{"a", "b"}, {"1", "2"}}));
  ASSERT_FALSE(parsed.status.ok());
  EXPECT_EQ(parsed.status.rule(), "csv.quote");
  EXPECT_EQ(parsed.status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(parsed.status.message().zh.find("文件 households.csv 第 3 行"), std::string::npos)
      << parsed.status.message().zh;
  EXPECT_NE(parsed.status.message().en.find("households.csv line 3"), std::string::npos)
      << parsed.status.message().en;
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  CsvReader reader("ok\n\"ab\"c,d\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields));
  EXPECT_FALSE(reader.Next(&fields));
  EXPECT_EQ(reader.status().rule(), "csv.quote");
  EXPECT_EQ(reader.line(), 2u);
  EXPECT_NE(reader.status().message().en.find("line 2"), std::string::npos);
  EXPECT_FALSE(reader.Next(&fields));  // stays failed
}

TEST(CsvReaderTest, ErrorLineCountsNewlinesInsideEarlierQuotedFields) {
  auto parsed = ParseAll("\"a\nb\nc\",1\n2,\"x\n");
  ASSERT_FALSE(parsed.status.ok());
  EXPECT_NE(parsed.status.message().en.find("line 4"), std::string::npos) << parsed.status.message().en;
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  std::string out;
  CsvWriter writer(&out);
  ASSERT_TRUE(
      writer.WriteRow({"plain", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "", "张三"}).ok());
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail \",,张三\r\n");
}

TEST(CsvWriterTest, BomAndLineEndingOptions) {
  std::string out;
  CsvWriter writer(&out, {.bom = true, .line_ending = "\n"});
  ASSERT_TRUE(writer.WriteRow({"姓名"}).ok());
  ASSERT_TRUE(writer.WriteRow({"张三"}).ok());
  EXPECT_EQ(out, "\xEF\xBB\xBF姓名\n张三\n");
}

TEST(CsvWriterTest, LoneEmptyFieldSurvivesRoundTrip) {
  std::string out;
  CsvWriter writer(&out);
  ASSERT_TRUE(writer.WriteRow({"a"}).ok());
  ASSERT_TRUE(writer.WriteRow({""}).ok());
  ASSERT_TRUE(writer.WriteRow({"b"}).ok());
  EXPECT_EQ(ParseAll(out).rows, (Rows{{"a"}, {""}, {"b"}}));
}

TEST(CsvWriterTest, RoundTripThroughReader) {
  const Rows rows = {{"户主", "身份证号", "备注"},
                     {"张三", "51032119900101123X", "住址：荣县, 一组\n电话 \"138\""},
                     {"", " 空格 ", "\r\n"},
                     {"a\"", "\"", ",,,"}};
  std::string out;
  CsvWriter writer(&out, {.bom = true});
  for (const auto& row : rows) ASSERT_TRUE(writer.WriteRow(std::span<const std::string>(row)).ok());
  auto parsed = ParseAll(out);
  ASSERT_TRUE(parsed.status.ok());
  EXPECT_EQ(parsed.rows, rows);
}

TEST(CsvWriterTest, WritesToStreamsAndFiles) {
  std::ostringstream stream;
  {
    CsvWriter writer(&stream);
    ASSERT_TRUE(writer.WriteRow({"x", "y"}).ok());
    ASSERT_TRUE(writer.Flush().ok());
  }
  EXPECT_EQ(stream.str(), "x,y\r\n");

  testing::TempDir dir;
  const auto path = dir / "out.csv";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  {
    CsvWriter writer(file, {.bom = true});
    // Enough rows to pass the internal flush threshold.
    for (int i = 0; i < 20000; ++i) ASSERT_TRUE(writer.WriteRow({"张三", std::to_string(i)}).ok());
    ASSERT_TRUE(writer.Flush().ok());
  }
  std::fclose(file);
  const std::string content = testing::ReadFile(path);
  auto parsed = ParseAll(content);
  ASSERT_EQ(parsed.rows.size(), 20000u);
  EXPECT_EQ(parsed.rows[19999], (std::vector<std::string>{"张三", "19999"}));
  EXPECT_TRUE(content.starts_with("\xEF\xBB\xBF张三,0\r\n"));
}

TEST(CsvWriterTest, WriteFailureIsReported) {
  std::FILE* full = std::fopen("/dev/full", "wb");
  if (full == nullptr) GTEST_SKIP() << "no /dev/full";
  {
    CsvWriter writer(full);
    ASSERT_TRUE(writer.WriteRow({"a"}).ok());
    Status status = writer.Flush();
    EXPECT_EQ(status.rule(), "file.write");
  }
  std::fclose(full);
}

}  // namespace
}  // namespace fupin::io
