#include "core/money.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fupin {
namespace {

using ::testing::HasSubstr;

int64_t Fen(std::string_view text) {
  Result<Money> r = Money::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString(Lang::kEn);
  return r.ok() ? r->fen() : -999999;
}

Status Rejection(std::string_view text) {
  Result<Money> r = Money::Parse(text);
  EXPECT_FALSE(r.ok()) << "\"" << text << "\" was accepted as " << (r.ok() ? r->fen() : 0) << " fen";
  return r.status();
}

// --- Parsing ------------------------------------------------------------------------

TEST(MoneyParseTest, PlainAndDecimal) {
  EXPECT_EQ(Fen("1234.5"), 123450);
  EXPECT_EQ(Fen("1234.50"), 123450);
  EXPECT_EQ(Fen("1234"), 123400);
  EXPECT_EQ(Fen("0.05"), 5);
  EXPECT_EQ(Fen("0.5"), 50);
  EXPECT_EQ(Fen("0"), 0);
  EXPECT_EQ(Fen("0.00"), 0);
  EXPECT_EQ(Fen("007"), 700);
}

TEST(MoneyParseTest, ThousandsSeparators) {
  EXPECT_EQ(Fen("1,234.50"), 123450);
  EXPECT_EQ(Fen("1,234"), 123400);
  EXPECT_EQ(Fen("12,345"), 1234500);
  EXPECT_EQ(Fen("123,456"), 12345600);
  EXPECT_EQ(Fen("1,234,567.89"), 123456789);
}

TEST(MoneyParseTest, CurrencySignsAndUnit) {
  EXPECT_EQ(Fen("1234.50元"), 123450);
  EXPECT_EQ(Fen("1234 元"), 123400);
  EXPECT_EQ(Fen("￥1,234"), 123400);
  EXPECT_EQ(Fen("¥1,234"), 123400);
  EXPECT_EQ(Fen("￥1,234.56元"), 123456);
  EXPECT_EQ(Fen("  3812.5  "), 381250);
}

TEST(MoneyParseTest, Negative) {
  EXPECT_EQ(Fen("-20"), -2000);
  EXPECT_EQ(Fen("-0.05"), -5);
  EXPECT_EQ(Fen("-1,234.5"), -123450);
  EXPECT_EQ(Fen("-￥20"), -2000);
  EXPECT_EQ(Fen("￥-20"), -2000);
  EXPECT_EQ(Fen("-20元"), -2000);
}

TEST(MoneyParseTest, RejectsNonNumbers) {
  for (const char* text : {"abc", "12a", "1 234", "+20", "--20", "1.2.3", "1.a", "二十", "$20", "20块"}) {
    const Status s = Rejection(text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(s.field(), "amount") << text;
  }
  EXPECT_EQ(Rejection("abc").rule(), "money.characters");
  EXPECT_THAT(Rejection("abc").message().en, HasSubstr("\"abc\""));
}

TEST(MoneyParseTest, RejectsMoreThanTwoDecimals) {
  EXPECT_EQ(Rejection("12.345").rule(), "money.decimals");
  EXPECT_EQ(Rejection("0.001").rule(), "money.decimals");
}

TEST(MoneyParseTest, RejectsMisplacedSeparators) {
  EXPECT_EQ(Rejection("1,23").rule(), "money.grouping");
  EXPECT_EQ(Rejection("12,34.5").rule(), "money.grouping");
  EXPECT_EQ(Rejection("1234,567").rule(), "money.grouping");
  EXPECT_EQ(Rejection("1,2345").rule(), "money.grouping");
  EXPECT_EQ(Rejection("1,234,56").rule(), "money.grouping");
  EXPECT_EQ(Rejection("1,,234").rule(), "money.grouping");
  EXPECT_EQ(Rejection(",123").rule(), "money.grouping");
  EXPECT_EQ(Rejection("123,").rule(), "money.grouping");
}

TEST(MoneyParseTest, RejectsEmptyAndBarePoints) {
  EXPECT_EQ(Rejection("").rule(), "money.empty");
  EXPECT_EQ(Rejection("   ").rule(), "money.empty");
  EXPECT_EQ(Rejection("元").rule(), "money.empty");
  EXPECT_EQ(Rejection("-").rule(), "money.empty");
  EXPECT_EQ(Rejection("1.").rule(), "money.format");
  EXPECT_EQ(Rejection(".5").rule(), "money.format");
  EXPECT_EQ(Rejection(".").rule(), "money.format");
}

TEST(MoneyParseTest, RejectsHugeAmounts) {
  EXPECT_EQ(Rejection("99999999999999999999").rule(), "money.range");
  EXPECT_EQ(Fen("1000000000000"), 100000000000000LL);
}

TEST(MoneyParseTest, PlainNumbersTakeTheSameValuesAsTheGeneralForms) {
  // Plain digits with up to two decimals (the fast path) against the same amount written
  // in a form only the general path reads.
  for (std::string_view plain : {"0", "7", "0012", "1234", "1234.5", "1234.50", "1234.05", "0.01",
                                 "99999999999999", "99999999999999.99", "12345678901234.5"}) {
    const std::string general = "¥" + std::string(plain) + "元";
    EXPECT_EQ(Fen(plain), Fen(general)) << plain;
  }
  EXPECT_EQ(Fen("12.3"), 1230);
  EXPECT_EQ(Fen("12.03"), 1203);
  EXPECT_EQ(Rejection("1234.").rule(), "money.format");
  EXPECT_EQ(Rejection("1234.567").rule(), "money.decimals");
  EXPECT_EQ(Rejection("12.3a").rule(), "money.characters");
  EXPECT_EQ(Rejection("12a").rule(), "money.characters");
  EXPECT_EQ(Rejection("999999999999999999").rule(), "money.range");
  EXPECT_EQ(Fen("123456789012345"), 12345678901234500LL);  // 15 digits: the general path
}

// --- Construction and arithmetic -----------------------------------------------------

TEST(MoneyTest, ConstructionAndAccessors) {
  EXPECT_EQ(Money().fen(), 0);
  EXPECT_EQ(Money::FromYuan(38).fen(), 3800);
  EXPECT_EQ(Money::FromFen(381250).yuan(), 3812);
  EXPECT_EQ(Money::FromFen(-381250).yuan(), -3812);  // truncated toward zero
  EXPECT_EQ(Money::FromFen(99).yuan(), 0);
}

TEST(MoneyTest, Arithmetic) {
  Money a = Money::FromFen(150);
  EXPECT_EQ((a + Money::FromFen(75)).fen(), 225);
  EXPECT_EQ((a - Money::FromFen(200)).fen(), -50);
  a += Money::FromYuan(1);
  EXPECT_EQ(a.fen(), 250);
  EXPECT_LT(Money::FromFen(-1), Money());
  EXPECT_EQ(Money::FromYuan(2), Money::FromFen(200));
}

// --- Formatting ---------------------------------------------------------------------

TEST(MoneyFormatTest, ToDisplay) {
  EXPECT_EQ(Money::FromFen(381200).ToDisplay(), "3,812");
  EXPECT_EQ(Money::FromFen(381250).ToDisplay(), "3,812.50");
  EXPECT_EQ(Money::FromFen(381205).ToDisplay(), "3,812.05");
  EXPECT_EQ(Money::FromFen(-381250).ToDisplay(), "-3,812.50");
  EXPECT_EQ(Money::FromFen(-381200).ToDisplay(), "-3,812");
  EXPECT_EQ(Money::FromFen(0).ToDisplay(), "0");
  EXPECT_EQ(Money::FromFen(5).ToDisplay(), "0.05");
  EXPECT_EQ(Money::FromFen(-5).ToDisplay(), "-0.05");
  EXPECT_EQ(Money::FromFen(99900).ToDisplay(), "999");
  EXPECT_EQ(Money::FromFen(100000).ToDisplay(), "1,000");
  EXPECT_EQ(Money::FromFen(123456789).ToDisplay(), "1,234,567.89");
  EXPECT_EQ(Money::FromFen(100000000000).ToDisplay(), "1,000,000,000");
}

TEST(MoneyFormatTest, ToPlain) {
  EXPECT_EQ(Money::FromFen(381250).ToPlain(), "3812.50");
  EXPECT_EQ(Money::FromFen(381200).ToPlain(), "3812.00");
  EXPECT_EQ(Money::FromFen(123456789).ToPlain(), "1234567.89");
  EXPECT_EQ(Money::FromFen(5).ToPlain(), "0.05");
  EXPECT_EQ(Money::FromFen(-5).ToPlain(), "-0.05");
  EXPECT_EQ(Money::FromFen(-381250).ToPlain(), "-3812.50");
  EXPECT_EQ(Money().ToPlain(), "0.00");
}

TEST(MoneyFormatTest, FormsParseBack) {
  for (int64_t fen : {0LL, 5LL, 50LL, 99LL, 100LL, 381250LL, 123456789LL, -5LL, -381200LL, -123456789LL}) {
    const Money m = Money::FromFen(fen);
    EXPECT_EQ(Fen(m.ToPlain()), fen) << m.ToPlain();
    EXPECT_EQ(Fen(m.ToDisplay()), fen) << m.ToDisplay();
  }
}

// --- Division -----------------------------------------------------------------------

TEST(MoneyDivideTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(Money::FromFen(10).DividedBy(4).fen(), 3);    // 2.5 → 3
  EXPECT_EQ(Money::FromFen(6).DividedBy(4).fen(), 2);     // 1.5 → 2
  EXPECT_EQ(Money::FromFen(9).DividedBy(4).fen(), 2);     // 2.25 → 2
  EXPECT_EQ(Money::FromFen(11).DividedBy(4).fen(), 3);    // 2.75 → 3
  EXPECT_EQ(Money::FromFen(100).DividedBy(3).fen(), 33);  // 33.33 → 33
  EXPECT_EQ(Money::FromFen(200).DividedBy(3).fen(), 67);  // 66.67 → 67
  EXPECT_EQ(Money::FromFen(1).DividedBy(2).fen(), 1);     // 0.5 → 1
  EXPECT_EQ(Money::FromFen(1).DividedBy(3).fen(), 0);
  EXPECT_EQ(Money::FromFen(0).DividedBy(7).fen(), 0);
  EXPECT_EQ(Money::FromFen(12345).DividedBy(1).fen(), 12345);
}

TEST(MoneyDivideTest, NegativeRoundsAwayFromZeroToo) {
  EXPECT_EQ(Money::FromFen(-10).DividedBy(4).fen(), -3);  // -2.5 → -3
  EXPECT_EQ(Money::FromFen(-9).DividedBy(4).fen(), -2);   // -2.25 → -2
  EXPECT_EQ(Money::FromFen(-11).DividedBy(4).fen(), -3);  // -2.75 → -3
  EXPECT_EQ(Money::FromFen(-1).DividedBy(2).fen(), -1);
  EXPECT_EQ(Money::FromFen(-200).DividedBy(3).fen(), -67);
}

TEST(MoneyDivideTest, PerCapitaIncome) {
  // 一户 5 人 年纯收入 19,063.00 元 → 3,812.60 元/人.
  EXPECT_EQ(Money::FromFen(1906300).DividedBy(5).ToDisplay(), "3,812.60");
  // 10,000 元 / 3 人 = 3,333.333… → 3,333.33.
  EXPECT_EQ(Money::FromYuan(10000).DividedBy(3).ToPlain(), "3333.33");
}

}  // namespace
}  // namespace fupin
