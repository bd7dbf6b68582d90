#include "io/text_encoding.hpp"

#include <gtest/gtest.h>

namespace fupin::io {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("张三,荣县,510321199001011234"));
  EXPECT_TRUE(IsValidUtf8("é ü"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80 emoji"));
  EXPECT_TRUE(
      IsValidUtf8("\xEF\xBB\xBF"
                  "bom"));
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));            // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));        // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));        // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));    // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\x80"));             // stray continuation
  EXPECT_FALSE(IsValidUtf8("abcdefghij\xE5\xBC"));  // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xD5\xC5\xC8\xFD"));    // 张三 in GBK
  EXPECT_EQ(FirstInvalidUtf8("0123456789\xFF"
                             "abc"),
            10u);
}

TEST(EncodingTest, CanonicalNames) {
  EXPECT_EQ(CanonicalEncoding("UTF-8"), "utf-8");
  EXPECT_EQ(CanonicalEncoding("utf8"), "utf-8");
  EXPECT_EQ(CanonicalEncoding("GBK"), "gb18030");
  EXPECT_EQ(CanonicalEncoding("gb2312"), "gb18030");
  EXPECT_EQ(CanonicalEncoding("GB18030"), "gb18030");
  EXPECT_EQ(CanonicalEncoding("latin1"), "");
}

TEST(EncodingTest, UnknownEncodingIsRejected) {
  auto result = ConvertToUtf8("abc", "ebcdic");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "encoding.unknown");
  EXPECT_NE(result.status().message().zh.find("ebcdic"), std::string::npos);
  EXPECT_NE(result.status().message().en.find("ebcdic"), std::string::npos);
  EXPECT_EQ(DecodeText("abc", "koi8-r").status().rule(), "encoding.unknown");
}

TEST(EncodingTest, Gb18030RoundTripWithAutoDetection) {
  const std::string utf8 = "张三,荣县";
  auto gb = ConvertFromUtf8(utf8, "gb18030");
  ASSERT_TRUE(gb.ok()) << gb.status().ToString();
  EXPECT_EQ(*gb, "\xD5\xC5\xC8\xFD,\xC8\xD9\xCF\xD8");  // the GBK bytes
  EXPECT_FALSE(IsValidUtf8(*gb));

  auto decoded = DecodeText(*gb, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->text, utf8);
  EXPECT_EQ(decoded->encoding, "gb18030");

  auto explicit_gbk = DecodeText(*gb, "GBK");
  ASSERT_TRUE(explicit_gbk.ok());
  EXPECT_EQ(explicit_gbk->text, utf8);
}

TEST(EncodingTest, Gb18030FourByteCharactersRoundTrip) {
  const std::string utf8 = "€ é 😀 𠀀 㐀";  // outside GBK's two-byte range
  auto gb = ConvertFromUtf8(utf8, "gb18030");
  ASSERT_TRUE(gb.ok());
  auto back = ConvertToUtf8(*gb, "gb18030");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, utf8);
}

TEST(EncodingTest, DecodeTextDetectsUtf8AndStripsBom) {
  auto plain = DecodeText("姓名,身份证号\n", "");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->text, "姓名,身份证号\n");
  EXPECT_EQ(plain->encoding, "utf-8");

  auto bom = DecodeText("\xEF\xBB\xBF姓名", "");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->text, "姓名");
  EXPECT_EQ(bom->encoding, "utf-8");

  auto named = DecodeText("\xEF\xBB\xBF姓名", "utf-8");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->text, "姓名");
}

TEST(EncodingTest, Gb18030BomIsStripped) {
  auto decoded = DecodeText(std::string("\x84\x31\x95\x33") + "\xD5\xC5", "gb18030");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "张");
}

TEST(EncodingTest, Utf8BomWinsOverANamedEncoding) {
  auto decoded = DecodeText("\xEF\xBB\xBF张三", "gbk");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "张三");
  EXPECT_EQ(decoded->encoding, "utf-8");
}

TEST(EncodingTest, GbkBytesDeclaredUtf8AreInvalid) {
  auto result = DecodeText("name\n\xD5\xC5\xC8\xFD\n", "utf-8");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "encoding.invalid");
  EXPECT_NE(result.status().message().zh.find("第 2 行"), std::string::npos) << result.status().message().zh;
  EXPECT_NE(result.status().message().en.find("line 2"), std::string::npos) << result.status().message().en;
}

TEST(EncodingTest, UndecodableGb18030BytesAreInvalid) {
  // 0xFF is never valid in GB18030; nor is a lead byte followed by a newline.
  for (const std::string& bytes : {std::string("ok\nbad \xFF here"), std::string("a\n\n\x81\n")}) {
    auto result = ConvertToUtf8(bytes, "gb18030");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().rule(), "encoding.invalid");
    EXPECT_EQ(result.status().field(), "encoding");
  }
  auto first = ConvertToUtf8("ok\nbad \xFF here", "gb18030");
  EXPECT_NE(first.status().message().en.find("line 2 (byte offset 7)"), std::string::npos)
      << first.status().message().en;
}

TEST(EncodingTest, UndetectableBytesFail) {
  // Not UTF-8 and not GB18030 either (0xFF).
  auto result = DecodeText("abc\xFF", "");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "encoding.invalid");
}

TEST(EncodingTest, BomPromisesUtf8) {
  auto result = DecodeText(
      "\xEF\xBB\xBF"
      "a\xD5\xC5",
      "");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().rule(), "encoding.invalid");
  EXPECT_NE(result.status().message().en.find("offset 4"), std::string::npos) << result.status().message().en;
}

TEST(EncodingTest, ConvertFromUtf8RejectsInvalidInput) {
  EXPECT_EQ(ConvertFromUtf8("\xFF", "gb18030").status().rule(), "encoding.invalid");
  EXPECT_EQ(ConvertFromUtf8("x", "big5").status().rule(), "encoding.unknown");
  auto same = ConvertFromUtf8("张三", "utf-8");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, "张三");
}

TEST(EncodingTest, LargeInputGrowsOutputBuffer) {
  std::string utf8;
  for (int i = 0; i < 20000; ++i) utf8 += "扶贫é😀,";
  auto gb = ConvertFromUtf8(utf8, "gb18030");
  ASSERT_TRUE(gb.ok());
  auto back = DecodeText(*gb, "");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->text, utf8);
  EXPECT_EQ(back->encoding, "gb18030");
}

}  // namespace
}  // namespace fupin::io
