#include "core/region_code.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

namespace fupin {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

RegionCode Code(std::string_view text) {
  Result<RegionCode> r = RegionCode::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString(Lang::kEn);
  return r.ok() ? *r : RegionCode();
}

Status Rejection(std::string_view text) {
  Result<RegionCode> r = RegionCode::Parse(text);
  EXPECT_FALSE(r.ok()) << text << " was accepted as " << (r.ok() ? r->ToString() : "");
  return r.status();
}

// --- Parsing and normalisation ------------------------------------------------------

TEST(RegionCodeParseTest, ShortFormsNormaliseToTwelveDigits) {
  EXPECT_EQ(Code("51").ToString(), "510000000000");
  EXPECT_EQ(Code("5103").ToString(), "510300000000");
  EXPECT_EQ(Code("510321").ToString(), "510321000000");
  EXPECT_EQ(Code("510321100").ToString(), "510321100000");
  EXPECT_EQ(Code("510321100001").ToString(), "510321100001");
}

TEST(RegionCodeParseTest, ShortAndLongFormsOfTheSameRegionAreEqual) {
  EXPECT_EQ(Code("510321"), Code("510321000000"));
  EXPECT_EQ(Code("51"), Code("510000000000"));
  EXPECT_EQ(Code("510321100"), Code("510321100000"));
  EXPECT_EQ(Code("510321").number(), 510321000000ULL);
}

TEST(RegionCodeParseTest, SurroundingBlanksAreIgnored) {
  EXPECT_EQ(Code("  510321 "), Code("510321"));
  EXPECT_EQ(Code("\t511025\t"), Code("511025"));
}

TEST(RegionCodeParseTest, NationCode) {
  EXPECT_EQ(Code("0"), RegionCode());
  EXPECT_EQ(Code("000000000000"), RegionCode());
  EXPECT_EQ(RegionCode().number(), 0U);
  EXPECT_EQ(RegionCode().level(), RegionLevel::kNation);
  EXPECT_EQ(RegionCode().ToString(), "000000000000");
  EXPECT_EQ(RegionCode().ToShortString(), "");
}

TEST(RegionCodeParseTest, RejectsWrongLengthNamingTheLength) {
  const Status s = Rejection("5103211");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "region_code");
  EXPECT_EQ(s.rule(), "region.length");
  EXPECT_THAT(s.message().zh, HasSubstr("7 位"));
  EXPECT_THAT(s.message().en, HasSubstr("not 7"));
  EXPECT_THAT(s.message().en, HasSubstr("5103211"));

  for (const char* text : {"5", "510", "51032", "51032110", "5103211000", "51032110000", "5103211000011"}) {
    EXPECT_EQ(Rejection(text).rule(), "region.length") << text;
  }
}

TEST(RegionCodeParseTest, RejectsNonDigits) {
  for (const char* text : {"51O321", "5103a1", "51-03", "510321 100001", "五一", "-51", "+51"}) {
    const Status s = Rejection(text);
    EXPECT_EQ(s.rule(), "region.characters") << text;
    EXPECT_EQ(s.field(), "region_code");
  }
}

TEST(RegionCodeParseTest, RejectsEmpty) {
  EXPECT_EQ(Rejection("").rule(), "region.empty");
  EXPECT_EQ(Rejection("   ").rule(), "region.empty");
}

TEST(RegionCodeParseTest, RejectsProvinceZero) {
  EXPECT_EQ(Rejection("000100000000").rule(), "region.province");
  EXPECT_EQ(Rejection("0003").rule(), "region.province");
  EXPECT_EQ(Rejection("000321").rule(), "region.province");
  // A province part of 00 is not the nation: only "0" and the 12-digit form are.
  EXPECT_EQ(Rejection("00").rule(), "region.province");
  EXPECT_EQ(Rejection("0000").rule(), "region.province");
  EXPECT_EQ(Rejection("000000").rule(), "region.province");
  EXPECT_EQ(Rejection("000000000").rule(), "region.province");
}

TEST(RegionCodeParseTest, RejectsNonZeroPartBelowZeroPart) {
  // A county under city 00.
  const Status s = Rejection("510021");
  EXPECT_EQ(s.rule(), "region.hierarchy");
  EXPECT_EQ(s.field(), "region_code");
  EXPECT_EQ(Rejection("510021000000").rule(), "region.hierarchy");
  // A town under county 00, a village under town 000.
  EXPECT_EQ(Rejection("510300100").rule(), "region.hierarchy");
  EXPECT_EQ(Rejection("510321000001").rule(), "region.hierarchy");
  EXPECT_EQ(Rejection("510000000001").rule(), "region.hierarchy");
}

// --- Levels and ancestry -------------------------------------------------------------

TEST(RegionCodeLevelTest, LevelOfEachForm) {
  EXPECT_EQ(Code("0").level(), RegionLevel::kNation);
  EXPECT_EQ(Code("51").level(), RegionLevel::kProvince);
  EXPECT_EQ(Code("5103").level(), RegionLevel::kCity);
  EXPECT_EQ(Code("510321").level(), RegionLevel::kCounty);
  EXPECT_EQ(Code("510321100").level(), RegionLevel::kTown);
  EXPECT_EQ(Code("510321100001").level(), RegionLevel::kVillage);
  // The level follows the last non-zero part, not the length written.
  EXPECT_EQ(Code("510321000000").level(), RegionLevel::kCounty);
  EXPECT_EQ(Code("510300").level(), RegionLevel::kCity);
  // Parts may contain zeros as long as they are not all zero.
  EXPECT_EQ(Code("110105").level(), RegionLevel::kCounty);
  EXPECT_EQ(Code("510321100200").level(), RegionLevel::kVillage);
  EXPECT_EQ(Code("510321010").level(), RegionLevel::kTown);
}

TEST(RegionCodeLevelTest, LevelNames) {
  EXPECT_EQ(RegionLevelName(RegionLevel::kNation), (Message{"全国", "nation"}));
  EXPECT_EQ(RegionLevelName(RegionLevel::kCounty), (Message{"县", "county"}));
  EXPECT_EQ(RegionLevelName(RegionLevel::kTown), (Message{"乡镇", "town"}));
  EXPECT_EQ(RegionLevelName(RegionLevel::kVillage), (Message{"村", "village"}));
}

TEST(RegionCodeAncestryTest, ParentChainWalksUpToTheNation) {
  RegionCode c = Code("510321100001");
  std::vector<std::string> chain;
  while (c.level() != RegionLevel::kNation) {
    chain.push_back(c.ToShortString());
    c = c.parent();
  }
  EXPECT_THAT(chain, ElementsAre("510321100001", "510321100", "510321", "5103", "51"));
  EXPECT_EQ(RegionCode().parent(), RegionCode());
}

TEST(RegionCodeAncestryTest, AncestorsRunFromTheNationDownToTheParent) {
  const RegionCode village = Code("510321100001");
  EXPECT_THAT(village.ancestors(),
              ElementsAre(RegionCode(), Code("51"), Code("5103"), Code("510321"), Code("510321100")));
  EXPECT_THAT(Code("510321").ancestors(), ElementsAre(RegionCode(), Code("51"), Code("5103")));
  EXPECT_THAT(Code("51").ancestors(), ElementsAre(RegionCode()));
  EXPECT_TRUE(RegionCode().ancestors().empty());
  EXPECT_EQ(village.ancestors().back(), village.parent());
}

TEST(RegionCodeAncestryTest, AncestorAt) {
  const RegionCode village = Code("510321100001");
  EXPECT_EQ(village.AncestorAt(RegionLevel::kNation), RegionCode());
  EXPECT_EQ(village.AncestorAt(RegionLevel::kProvince), Code("51"));
  EXPECT_EQ(village.AncestorAt(RegionLevel::kCity), Code("5103"));
  EXPECT_EQ(village.AncestorAt(RegionLevel::kCounty), Code("510321"));
  EXPECT_EQ(village.AncestorAt(RegionLevel::kTown), Code("510321100"));
  EXPECT_EQ(village.AncestorAt(RegionLevel::kVillage), village);
}

TEST(RegionCodeAncestryTest, IsWithin) {
  const RegionCode village = Code("510321100001");
  const RegionCode county = Code("510321");
  // Self.
  EXPECT_TRUE(village.IsWithin(village));
  EXPECT_TRUE(county.IsWithin(county));
  // Every ancestor, the nation included.
  for (RegionCode a : village.ancestors()) EXPECT_TRUE(village.IsWithin(a)) << a.ToString();
  EXPECT_TRUE(county.IsWithin(RegionCode()));
  EXPECT_TRUE(RegionCode().IsWithin(RegionCode()));
  // Siblings and cousins are not within each other.
  EXPECT_FALSE(county.IsWithin(Code("510322")));
  EXPECT_FALSE(Code("510322").IsWithin(county));
  EXPECT_FALSE(village.IsWithin(Code("510321100002")));
  EXPECT_FALSE(village.IsWithin(Code("510321101")));
  EXPECT_FALSE(village.IsWithin(Code("511025")));
  EXPECT_FALSE(village.IsWithin(Code("52")));
  // A descendant does not contain its ancestor.
  EXPECT_FALSE(county.IsWithin(village));
  EXPECT_FALSE(county.IsWithin(Code("510321100")));
  EXPECT_FALSE(RegionCode().IsWithin(county));
}

// --- Formatting and ordering ---------------------------------------------------------

TEST(RegionCodeFormatTest, ToShortString) {
  EXPECT_EQ(Code("510000000000").ToShortString(), "51");
  EXPECT_EQ(Code("510300000000").ToShortString(), "5103");
  EXPECT_EQ(Code("510321000000").ToShortString(), "510321");
  EXPECT_EQ(Code("510321100000").ToShortString(), "510321100");
  EXPECT_EQ(Code("510321100001").ToShortString(), "510321100001");
  EXPECT_EQ(Code("110105").ToShortString(), "110105");
}

TEST(RegionCodeFormatTest, ShortStringParsesBackToTheSameCode) {
  for (const char* text : {"11", "1101", "110105", "511025101", "511025101203", "510321010"}) {
    const RegionCode c = Code(text);
    EXPECT_EQ(Code(c.ToShortString()), c) << text;
    EXPECT_EQ(Code(c.ToString()), c) << text;
    EXPECT_EQ(RegionCode::FromNumber(c.number()), c) << text;
  }
}

TEST(RegionCodeOrderTest, RegionSortsRightBeforeEverythingWithinIt) {
  const RegionCode county = Code("510321");
  const RegionCode town = Code("510321100");
  const RegionCode village = Code("510321100001");
  const RegionCode next_county = Code("510322");
  EXPECT_LT(county, town);
  EXPECT_LT(town, village);
  EXPECT_LT(village, next_county);
  EXPECT_LT(Code("510321199"), next_county);
  EXPECT_LT(RegionCode(), Code("11"));

  std::vector<RegionCode> codes = {Code("510322"),    Code("510321100002"), Code("5103"),
                                   Code("510321101"), Code("510321100001"), Code("510321"),
                                   Code("51"),        Code("510321100")};
  std::sort(codes.begin(), codes.end());
  std::vector<std::string> sorted;
  for (RegionCode c : codes) sorted.push_back(c.ToShortString());
  EXPECT_THAT(sorted, ElementsAre("51", "5103", "510321", "510321100", "510321100001", "510321100002",
                                  "510321101", "510322"));
}

TEST(RegionCodeOrderTest, HashDistinguishesCodes) {
  std::unordered_set<RegionCode, RegionCodeHash> set = {Code("510321"), Code("510321000000"), Code("510322")};
  EXPECT_EQ(set.size(), 2U);
  EXPECT_TRUE(set.contains(Code("510321")));
}

}  // namespace
}  // namespace fupin
