#include "core/vocabulary.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "registry/household.hpp"

namespace fupin {
namespace {

using namespace registry;

// --- ParseTerm on one table -------------------------------------------------------------

TEST(ParseTermTest, ByChineseTerm) {
  EXPECT_EQ(ParseTerm<Relation>("户主"), Relation::kHead);
  EXPECT_EQ(ParseTerm<Relation>("之女婿"), Relation::kSonInLaw);
  EXPECT_EQ(ParseTerm<Cause>("因病"), Cause::kIllness);
  EXPECT_EQ(ParseTerm<Cause>("自身发展动力不足"), Cause::kLackDrive);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("低保贫困户"), PovertyAttribute::kMinimumLivingGuarantee);
  EXPECT_EQ(ParseTerm<HouseholdStatus>("已脱贫"), HouseholdStatus::kExited);
  EXPECT_EQ(ParseTerm<Health>("长期慢性病"), Health::kChronicIllness);
  EXPECT_EQ(ParseTerm<MigrantWork>("省外务工"), MigrantWork::kOutOfProvince);
}

TEST(ParseTermTest, ByCode) {
  EXPECT_EQ(ParseTerm<Relation>("son_in_law"), Relation::kSonInLaw);
  EXPECT_EQ(ParseTerm<Cause>("labour"), Cause::kLackLabour);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("dibao"), PovertyAttribute::kMinimumLivingGuarantee);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("tekun"), PovertyAttribute::kExtremePovertySupport);
  EXPECT_EQ(ParseTerm<Schooling>("dropped_out"), Schooling::kDroppedOut);
  EXPECT_EQ(ParseTerm<YesNo>("yes"), YesNo::kYes);
}

TEST(ParseTermTest, CodeIsCaseInsensitive) {
  EXPECT_EQ(ParseTerm<Relation>("SON_IN_LAW"), Relation::kSonInLaw);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("DiBao"), PovertyAttribute::kMinimumLivingGuarantee);
  EXPECT_EQ(ParseTerm<YesNo>("NO"), YesNo::kNo);
  EXPECT_EQ(ParseTerm<LabourAbility>("Skilled"), LabourAbility::kSkilled);
}

TEST(ParseTermTest, ByEnglishTerm) {
  EXPECT_EQ(ParseTerm<Relation>("daughter-in-law"), Relation::kDaughterInLaw);
  EXPECT_EQ(ParseTerm<Cause>("lack of capital"), Cause::kLackCapital);
  EXPECT_EQ(ParseTerm<Cause>("Lack Of Capital"), Cause::kLackCapital);
  EXPECT_EQ(ParseTerm<HouseholdStatus>("returned to poverty"), HouseholdStatus::kReturned);
  EXPECT_EQ(ParseTerm<Education>("College or above"), Education::kCollege);
}

TEST(ParseTermTest, ByAlias) {
  EXPECT_EQ(ParseTerm<PovertyAttribute>("特困户"), PovertyAttribute::kExtremePovertySupport);
  EXPECT_EQ(ParseTerm<Relation>("子"), Relation::kSon);
  EXPECT_EQ(ParseTerm<Relation>("女"), Relation::kDaughter);
  EXPECT_EQ(ParseTerm<Relation>("母亲"), Relation::kMother);
  EXPECT_EQ(ParseTerm<HouseholdStatus>("脱贫"), HouseholdStatus::kExited);
  EXPECT_EQ(ParseTerm<HouseholdStatus>("贫困"), HouseholdStatus::kPoor);
  EXPECT_EQ(ParseTerm<YesNo>("有"), YesNo::kYes);
  EXPECT_EQ(ParseTerm<YesNo>("无"), YesNo::kNo);
  EXPECT_EQ(ParseTerm<Schooling>("本科及以上"), Schooling::kCollege);
  EXPECT_EQ(ParseTerm<Schooling>("失学辍学"), Schooling::kDroppedOut);
  EXPECT_EQ(ParseTerm<Health>("大病"), Health::kSeriousIllness);
  EXPECT_EQ(ParseTerm<LabourAbility>("弱劳动力"), LabourAbility::kWeak);
  EXPECT_EQ(ParseTerm<MigrantWork>("省内务工"), MigrantWork::kInProvince);
  EXPECT_EQ(ParseTerm<MigrantWork>("否"), MigrantWork::kNone);
}

TEST(ParseTermTest, SurroundingBlanksAreIgnored) {
  EXPECT_EQ(ParseTerm<Relation>("  户主 "), Relation::kHead);
  EXPECT_EQ(ParseTerm<Relation>("\tspouse\t"), Relation::kSpouse);
  EXPECT_EQ(ParseTerm<YesNo>(" 是"), YesNo::kYes);
}

TEST(ParseTermTest, UnknownIsNullopt) {
  EXPECT_EQ(ParseTerm<Relation>("邻居"), std::nullopt);
  EXPECT_EQ(ParseTerm<Relation>("户 主"), std::nullopt);
  EXPECT_EQ(ParseTerm<Relation>("sonin_law"), std::nullopt);
  EXPECT_EQ(ParseTerm<Relation>("head of household"), std::nullopt);
  EXPECT_EQ(ParseTerm<Cause>("因穷"), std::nullopt);
  EXPECT_EQ(ParseTerm<YesNo>("maybe"), std::nullopt);
  // A term of another table is not a term of this one.
  EXPECT_EQ(ParseTerm<Relation>("因病"), std::nullopt);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("dropped_out"), std::nullopt);
  // Only ASCII letters fold: Chinese terms match exactly.
  EXPECT_EQ(ParseTerm<Relation>("户主户主"), std::nullopt);
  // No table but those with an empty term takes the empty text.
  EXPECT_EQ(ParseTerm<Relation>(""), std::nullopt);
  EXPECT_EQ(ParseTerm<PovertyAttribute>("   "), std::nullopt);
}

TEST(ParseTermTest, EmptyTextIsTheBlankValueWhereATableHasOne) {
  // Cause, YesNo and Education have a blank first entry for an empty cell.
  EXPECT_EQ(ParseTerm<Cause>(""), Cause::kNone);
  EXPECT_EQ(ParseTerm<YesNo>(" "), YesNo::kUnknown);
  EXPECT_EQ(ParseTerm<Education>(""), Education::kUnknown);
}

TEST(TermOfTest, ReturnsTheEntryOfTheValue) {
  EXPECT_EQ(TermOf(Relation::kSonInLaw).zh, "之女婿");
  EXPECT_EQ(TermOf(Relation::kSonInLaw).code, "son_in_law");
  EXPECT_EQ(TermOf(Cause::kPoorTransport).zh, "交通条件落后");
  EXPECT_EQ(TermOf(PovertyAttribute::kExtremePovertySupport).alias1, "特困户");
  EXPECT_EQ(TermOf(MigrantWork::kOutOfProvince).en, "works outside the province");
}

TEST(TermMatchesTest, MatchesEveryFieldOfOneTerm) {
  const Term t{"code_x", "中文", "English Term", "别名一", "别名二"};
  EXPECT_TRUE(TermMatches(t, "code_x"));
  EXPECT_TRUE(TermMatches(t, "CODE_X"));
  EXPECT_TRUE(TermMatches(t, "中文"));
  EXPECT_TRUE(TermMatches(t, "english term"));
  EXPECT_TRUE(TermMatches(t, "别名一"));
  EXPECT_TRUE(TermMatches(t, "别名二"));
  EXPECT_TRUE(TermMatches(t, " 别名二 "));
  EXPECT_FALSE(TermMatches(t, "别名"));
  EXPECT_FALSE(TermMatches(t, ""));
  EXPECT_FALSE(TermMatches(t, "code"));
}

// --- Every table in registry/household.cpp ----------------------------------------------

// The number of values of each enum, from its last enumerator.
template <typename E>
constexpr size_t kValueCount = 0;
template <>
constexpr size_t kValueCount<PovertyAttribute> =
    static_cast<size_t>(PovertyAttribute::kExtremePovertySupport) + 1;
template <>
constexpr size_t kValueCount<Cause> = static_cast<size_t>(Cause::kLackDrive) + 1;
template <>
constexpr size_t kValueCount<HouseholdStatus> = static_cast<size_t>(HouseholdStatus::kNotRegistered) + 1;
template <>
constexpr size_t kValueCount<YesNo> = static_cast<size_t>(YesNo::kNo) + 1;
template <>
constexpr size_t kValueCount<Relation> = static_cast<size_t>(Relation::kOther) + 1;
template <>
constexpr size_t kValueCount<Education> = static_cast<size_t>(Education::kPreschoolChild) + 1;
template <>
constexpr size_t kValueCount<Schooling> = static_cast<size_t>(Schooling::kDroppedOut) + 1;
template <>
constexpr size_t kValueCount<Health> = static_cast<size_t>(Health::kDisabled) + 1;
template <>
constexpr size_t kValueCount<LabourAbility> = static_cast<size_t>(LabourAbility::kNone) + 1;
template <>
constexpr size_t kValueCount<MigrantWork> = static_cast<size_t>(MigrantWork::kOutOfProvince) + 1;
template <>
constexpr size_t kValueCount<MonitoringCategory> = static_cast<size_t>(MonitoringCategory::kSuddenHardship) +
                                                   1;

template <typename E>
class VocabularyTableTest : public ::testing::Test {};

using VocabularyEnums = ::testing::Types<PovertyAttribute, Cause, HouseholdStatus, YesNo, Relation, Education,
                                         Schooling, Health, LabourAbility, MigrantWork, MonitoringCategory>;
TYPED_TEST_SUITE(VocabularyTableTest, VocabularyEnums);

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TYPED_TEST(VocabularyTableTest, OneEntryPerValue) {
  EXPECT_EQ(TermsOf<TypeParam>().size(), kValueCount<TypeParam>);
}

TYPED_TEST(VocabularyTableTest, CodesAreUnique) {
  std::set<std::string> seen;
  for (const Term& t : TermsOf<TypeParam>()) {
    EXPECT_TRUE(seen.insert(Lower(t.code)).second) << "duplicate code \"" << t.code << "\"";
  }
}

TYPED_TEST(VocabularyTableTest, ChineseTermsAreUnique) {
  std::set<std::string_view> seen;
  for (const Term& t : TermsOf<TypeParam>()) {
    EXPECT_TRUE(seen.insert(t.zh).second) << "duplicate term \"" << t.zh << "\"";
  }
  // Aliases do not clash with a term or with each other either.
  for (const Term& t : TermsOf<TypeParam>()) {
    for (std::string_view alias : {t.alias1, t.alias2}) {
      if (alias.empty()) continue;
      EXPECT_TRUE(seen.insert(alias).second) << "alias \"" << alias << "\" clashes";
    }
  }
}

TYPED_TEST(VocabularyTableTest, EnglishTermsAreUniqueAndPresent) {
  std::set<std::string> seen;
  for (const Term& t : TermsOf<TypeParam>()) {
    EXPECT_FALSE(t.en.empty()) << "entry \"" << t.code << "\" has no English term";
    EXPECT_TRUE(seen.insert(Lower(t.en)).second) << "duplicate English term \"" << t.en << "\"";
  }
}

TYPED_TEST(VocabularyTableTest, AtMostOneBlankEntryAndOnlyFirst) {
  const auto terms = TermsOf<TypeParam>();
  for (size_t i = 1; i < terms.size(); ++i) {
    EXPECT_FALSE(terms[i].zh.empty()) << "entry " << i << " (" << terms[i].code << ") has no Chinese term";
  }
}

TYPED_TEST(VocabularyTableTest, EveryFormParsesBackToItsOwnValue) {
  const auto terms = TermsOf<TypeParam>();
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term& t = terms[i];
    const auto expected = static_cast<TypeParam>(i);
    for (std::string_view text : {t.code, t.zh, t.en, t.alias1, t.alias2}) {
      if (text.empty()) continue;
      EXPECT_EQ(ParseTerm<TypeParam>(text), expected) << "\"" << text << "\" of entry " << i;
      std::string padded = " ";
      padded.append(text);
      padded.push_back(' ');
      EXPECT_EQ(ParseTerm<TypeParam>(padded), expected) << text;
    }
    EXPECT_EQ(ParseTerm<TypeParam>(Lower(t.en)), expected) << t.en;
    EXPECT_EQ(&TermOf(expected), &t);
  }
}

// --- The hash index in front of the scan --------------------------------------------------

// ParseTerm looks spellings up in a hash table and falls back to the scan; for every
// spelling of every term, with other letter case, surrounding blanks and near misses,
// the answer must be the scan's.
template <typename E>
void ExpectIndexAgreesWithScan() {
  const auto terms = TermsOf<E>();
  std::vector<std::string> texts = {"", " ", "\t", "x", "是是", "unknown ", " 户主", "X"};
  for (const Term& t : terms) {
    for (std::string_view spelling : {t.zh, t.alias1, t.alias2, t.code, t.en}) {
      std::string s(spelling);
      texts.push_back(s);
      texts.push_back(" " + s + "\t");
      texts.push_back(s + "x");
      if (!s.empty()) texts.push_back(s.substr(0, s.size() - 1));
      std::string upper = s;
      for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      texts.push_back(upper);
    }
  }
  for (const std::string& text : texts) {
    const int scanned = detail::ScanTerms(terms, text);
    const std::optional<E> parsed = ParseTerm<E>(text);
    EXPECT_EQ(parsed.has_value(), scanned >= 0) << text;
    if (parsed && scanned >= 0) {
      EXPECT_EQ(static_cast<int>(*parsed), scanned) << text;
    }
  }
}

TEST(ParseTermTest, IndexAgreesWithScanForEveryVocabulary) {
  ExpectIndexAgreesWithScan<PovertyAttribute>();
  ExpectIndexAgreesWithScan<Cause>();
  ExpectIndexAgreesWithScan<HouseholdStatus>();
  ExpectIndexAgreesWithScan<YesNo>();
  ExpectIndexAgreesWithScan<Relation>();
  ExpectIndexAgreesWithScan<Education>();
  ExpectIndexAgreesWithScan<Schooling>();
  ExpectIndexAgreesWithScan<Health>();
  ExpectIndexAgreesWithScan<LabourAbility>();
  ExpectIndexAgreesWithScan<MigrantWork>();
  ExpectIndexAgreesWithScan<MonitoringCategory>();
}

}  // namespace
}  // namespace fupin
