#include "core/id_number.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace fupin {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A fixed "today" so that the tests do not depend on the clock.
Date Today() {
  return Date::FromYmd(2024, 6, 15).value();
}

Date Ymd(int y, int m, int d) {
  return Date::FromYmd(y, m, d).value();
}

// The 17 digits followed by their check character.
std::string WithCheck(const std::string& first17) {
  return first17 + IdNumber::CheckChar(first17);
}

IdNumber Valid(std::string_view text) {
  Result<IdNumber> r = IdNumber::Parse(text, Today());
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString(Lang::kEn);
  return std::move(r).value();
}

Status Rejection(std::string_view text, Date today = Today()) {
  Result<IdNumber> r = IdNumber::Parse(text, today);
  EXPECT_FALSE(r.ok()) << text << " was accepted";
  return r.status();
}

// --- Check character ---------------------------------------------------------------

TEST(IdNumberCheckCharTest, MatchesTheStandard) {
  // GB 11643-1999's own example.
  EXPECT_EQ(IdNumber::CheckChar("11010519491231002"), 'X');
  // Weighted sum 0 → '1'; every residue maps through 1 0 X 9 8 7 6 5 4 3 2.
  EXPECT_EQ(IdNumber::CheckChar("00000000000000000"), '1');
  // Only the first digit set: sum = 7 * d.
  const char expected[] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  for (int d = 0; d <= 9; ++d) {
    const std::string first17 = std::string(1, static_cast<char>('0' + d)) + std::string(16, '0');
    EXPECT_EQ(IdNumber::CheckChar(first17), expected[(7 * d) % 11]) << first17;
  }
  // Only the last digit set: sum = 2 * d.
  for (int d = 0; d <= 9; ++d) {
    const std::string first17 = std::string(16, '0') + std::string(1, static_cast<char>('0' + d));
    EXPECT_EQ(IdNumber::CheckChar(first17), expected[(2 * d) % 11]) << first17;
  }
}

// --- Valid numbers ------------------------------------------------------------------

TEST(IdNumberParseTest, StandardExampleIsValidFemaleBorn19491231) {
  const IdNumber id = Valid("11010519491231002X");
  EXPECT_EQ(id.str(), "11010519491231002X");
  EXPECT_EQ(id.address_code(), "110105");
  EXPECT_EQ(id.birth_date(), Ymd(1949, 12, 31));
  EXPECT_EQ(id.sex(), Sex::kFemale);
  EXPECT_STREQ(SexCode(id.sex()), "F");
  EXPECT_EQ(SexName(id.sex()), (Message{"女", "female"}));
}

TEST(IdNumberParseTest, LowercaseXIsAcceptedAndNormalised) {
  const IdNumber id = Valid("11010519491231002x");
  EXPECT_EQ(id.str(), "11010519491231002X");
  EXPECT_EQ(id, Valid("11010519491231002X"));
}

TEST(IdNumberParseTest, SurroundingSpacesAreIgnored) {
  EXPECT_EQ(Valid("  11010519491231002X ").str(), "11010519491231002X");
}

TEST(IdNumberParseTest, SexFromTheParityOfThe17thDigit) {
  for (int d = 0; d <= 9; ++d) {
    const std::string id = WithCheck("5103211980010100" + std::to_string(d));
    const Sex expected = d % 2 == 1 ? Sex::kMale : Sex::kFemale;
    EXPECT_EQ(Valid(id).sex(), expected) << id;
  }
  // The 15th and 16th digits do not matter, only the 17th.
  EXPECT_EQ(Valid(WithCheck("51032119800101991")).sex(), Sex::kMale);
  EXPECT_EQ(Valid(WithCheck("51032119800101990")).sex(), Sex::kFemale);
  EXPECT_STREQ(SexCode(Sex::kMale), "M");
  EXPECT_STREQ(SexCode(Sex::kUnknown), "");
  EXPECT_EQ(SexName(Sex::kMale), (Message{"男", "male"}));
}

TEST(IdNumberParseTest, LeapDays) {
  const IdNumber id = Valid(WithCheck("51032120000229002"));
  EXPECT_EQ(id.birth_date(), Ymd(2000, 2, 29));
  // 1900 is not a leap year (divisible by 100, not by 400).
  const Status s = Rejection(WithCheck("51032119000229002"));
  EXPECT_EQ(s.rule(), "id.date");
  EXPECT_EQ(s.field(), "id_number");
  // 2004 is, 2023 is not.
  EXPECT_EQ(Valid(WithCheck("51032120040229002")).birth_date(), Ymd(2004, 2, 29));
  EXPECT_EQ(Rejection(WithCheck("51032120230229002")).rule(), "id.date");
}

TEST(IdNumberParseTest, BirthDateBounds) {
  // 1900-01-01 is the earliest accepted; today itself is accepted.
  EXPECT_EQ(Valid(WithCheck("51032119000101001")).birth_date(), Ymd(1900, 1, 1));
  EXPECT_EQ(Rejection(WithCheck("51032118991231001")).rule(), "id.date");
  EXPECT_EQ(Valid(WithCheck("51032120240615001")).birth_date(), Today());
}

TEST(IdNumberParseTest, FutureBirthDateIsRejected) {
  const Status s = Rejection(WithCheck("51032120240616001"));
  EXPECT_EQ(s.rule(), "id.date");
  EXPECT_THAT(s.message().en, HasSubstr("2024-06-16"));
  // The same number is fine once that day has come.
  EXPECT_TRUE(IdNumber::Parse(WithCheck("51032120240616001"), Ymd(2024, 6, 16)).ok());
  EXPECT_EQ(Rejection(WithCheck("51032130000101001")).rule(), "id.date");
}

// --- Legacy 15-digit numbers ----------------------------------------------------------

TEST(IdNumberLegacyTest, FifteenDigitsAreConvertedToEighteen) {
  // 110105 491231 002: address, YYMMDD in the 1900s, sequence; 19 is inserted and the
  // check character appended.
  const std::string first17 = std::string("110105") + "19" + "491231" + "002";
  ASSERT_EQ(first17.size(), 17U);
  const std::string expected = first17 + IdNumber::CheckChar(first17);
  EXPECT_EQ(expected, "11010519491231002X");

  const IdNumber id = Valid("110105491231002");
  EXPECT_EQ(id.str(), expected);
  EXPECT_EQ(id.birth_date(), Ymd(1949, 12, 31));
  EXPECT_EQ(id.sex(), Sex::kFemale);
  EXPECT_EQ(id, Valid(expected));
}

TEST(IdNumberLegacyTest, SecondExample) {
  const std::string first17 = std::string("510321") + "19" + "800101" + "123";
  const IdNumber id = Valid("510321800101123");
  EXPECT_EQ(id.str(), first17 + IdNumber::CheckChar(first17));
  EXPECT_EQ(id.birth_date(), Ymd(1980, 1, 1));
  EXPECT_EQ(id.sex(), Sex::kMale);
}

TEST(IdNumberLegacyTest, Rejections) {
  EXPECT_EQ(Rejection("11010549123100X").rule(), "id.characters");
  EXPECT_EQ(Rejection("1101054912310a2").rule(), "id.characters");
  EXPECT_EQ(Rejection("110105490230002").rule(), "id.date");  // 1949-02-30
  EXPECT_EQ(Rejection("110105491331002").rule(), "id.date");  // month 13
}

// --- Rejections ---------------------------------------------------------------------

TEST(IdNumberRejectTest, WrongCheckCharacterNamesTheExpectedOne) {
  const Status s = Rejection("110105194912310023");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "id_number");
  EXPECT_EQ(s.rule(), "id.check_char");
  EXPECT_THAT(s.message().en, HasSubstr("expected X"));
  EXPECT_THAT(s.message().en, HasSubstr("found 3"));
  EXPECT_THAT(s.message().zh, HasSubstr("应为 X"));
  // The message shows the number masked, never in full.
  EXPECT_THAT(s.message().en, HasSubstr("1101**********0023"));
  EXPECT_THAT(s.message().en, Not(HasSubstr("19491231")));
  EXPECT_THAT(s.message().zh, Not(HasSubstr("19491231")));
}

TEST(IdNumberRejectTest, WrongDigitCheckCharacter) {
  const std::string good = WithCheck("51032119800101001");
  ASSERT_EQ(good.back(), '1');
  std::string bad = good;
  bad.back() = '2';
  const Status s = Rejection(bad);
  EXPECT_EQ(s.rule(), "id.check_char");
  EXPECT_THAT(s.message().en, HasSubstr("expected 1"));
  bad.back() = 'X';
  EXPECT_EQ(Rejection(bad).rule(), "id.check_char");
}

TEST(IdNumberRejectTest, SingleDigitChangesAreDetected) {
  // MOD 11-2 catches every single substitution in the body.
  const std::string good = "11010519491231002X";
  for (size_t i = 0; i < 17; ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
    Result<IdNumber> r = IdNumber::Parse(bad, Today());
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(IdNumberRejectTest, WrongLength) {
  const Status s17 = Rejection("11010519491231002");
  EXPECT_EQ(s17.rule(), "id.length");
  EXPECT_THAT(s17.message().en, HasSubstr("not 17"));
  const Status s19 = Rejection("11010519491231002X1");
  EXPECT_EQ(s19.rule(), "id.length");
  EXPECT_THAT(s19.message().en, HasSubstr("not 19"));
  EXPECT_EQ(Rejection("").rule(), "id.length");
  EXPECT_EQ(Rejection("   ").rule(), "id.length");
  EXPECT_EQ(Rejection("1101051949123").rule(), "id.length");
  EXPECT_EQ(Rejection("1101054912310").rule(), "id.length");
  EXPECT_EQ(Rejection("11010549123100").rule(), "id.length");
  EXPECT_EQ(Rejection("1101054912310021").rule(), "id.length");
}

TEST(IdNumberRejectTest, LettersInTheBody) {
  EXPECT_EQ(Rejection("1101051949123100AX").rule(), "id.characters");
  EXPECT_EQ(Rejection("A1010519491231002X").rule(), "id.characters");
  EXPECT_EQ(Rejection("110105194912310X2X").rule(), "id.characters");
  EXPECT_EQ(Rejection("11010519491231002Y").rule(), "id.characters");
  EXPECT_EQ(Rejection("110105 19491231002").rule(), "id.characters");
  EXPECT_EQ(Rejection("110105-9491231002X").rule(), "id.characters");
}

TEST(IdNumberRejectTest, ImpossibleBirthDates) {
  // February 30th.
  const Status feb30 = Rejection(WithCheck("51032119800230001"));
  EXPECT_EQ(feb30.rule(), "id.date");
  EXPECT_THAT(feb30.message().en, HasSubstr("19800230"));
  // Month 13, month 00, day 00, day 32, April 31st.
  EXPECT_EQ(Rejection(WithCheck("51032119801301001")).rule(), "id.date");
  EXPECT_EQ(Rejection(WithCheck("51032119800001001")).rule(), "id.date");
  EXPECT_EQ(Rejection(WithCheck("51032119800100001")).rule(), "id.date");
  EXPECT_EQ(Rejection(WithCheck("51032119800132001")).rule(), "id.date");
  EXPECT_EQ(Rejection(WithCheck("51032119800431001")).rule(), "id.date");
  EXPECT_EQ(Valid(WithCheck("51032119800430001")).birth_date(), Ymd(1980, 4, 30));
}

// --- Masking ------------------------------------------------------------------------

TEST(IdNumberMaskTest, KeepsFirstAndLastFour) {
  EXPECT_EQ(IdNumber::Mask("11010519491231002X"), "1101**********002X");
  EXPECT_EQ(Valid("11010519491231002X").Masked(), "1101**********002X");
  EXPECT_EQ(IdNumber::Mask("110105491231002"), "1101*******1002");
  EXPECT_EQ(IdNumber::Mask("123456789"), "1234*6789");
}

TEST(IdNumberMaskTest, ShortStringsBecomeAllStars) {
  EXPECT_EQ(IdNumber::Mask(""), "");
  EXPECT_EQ(IdNumber::Mask("1234"), "****");
  EXPECT_EQ(IdNumber::Mask("12345678"), "********");
}

TEST(MaskPhoneTest, KeepsFirstThreeAndLastFour) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("12345678"), "123*5678");
  EXPECT_EQ(MaskPhone("08312345678"), "083****5678");
  EXPECT_EQ(MaskPhone("1234567"), "*******");
  EXPECT_EQ(MaskPhone("110"), "***");
  EXPECT_EQ(MaskPhone(""), "");
}

}  // namespace
}  // namespace fupin
