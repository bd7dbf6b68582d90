// 村干部 The village cadre roster: per year and village, the secretary 书记, the
// director 主任 (or one person holding both posts, 一肩挑), deputies and members, with
// education and birth year; and the statistics the 2020 article reports for
// Zizhong: the one-shoulder ratio, the college-educated count and share, the
// average age, and their change against the previous year.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/vocabulary.hpp"
#include "store/store.hpp"

namespace fupin::command {

enum class VillagePost : uint8_t { kSecretary, kDirector, kSecretaryDirector, kDeputy, kMember };

/// 学历. College-educated (大专及以上) = college, bachelor, postgraduate.
enum class RosterEducation : uint8_t { kPrimary, kJunior, kSenior, kCollege, kBachelor, kPostgraduate };

bool IsCollegeEducated(std::string_view education_code);

/// Exact counts of one year's roster; the shares are derived from them.
struct RosterStats {
  int year = 0;
  int64_t villages = 0;      // villages with a roster that year
  int64_t one_shoulder = 0;  // villages whose secretary is also the director
  int64_t cadres = 0;        // persons on the roster
  int64_t college = 0;       // of them with college education or above
  int64_t age_sum = 0;       // sum of (year - birth_year)

  double one_shoulder_percent() const {
    return villages == 0 ? 0 : 100.0 * static_cast<double>(one_shoulder) / static_cast<double>(villages);
  }
  double college_percent() const {
    return cadres == 0 ? 0 : 100.0 * static_cast<double>(college) / static_cast<double>(cadres);
  }
  double average_age() const {
    return cadres == 0 ? 0 : static_cast<double>(age_sum) / static_cast<double>(cadres);
  }
};

/// Statistics of `rows` (all of one year).
RosterStats ComputeRosterStats(int year, std::span<const store::VillageCadreRow> rows);

/// This year against the previous one.
struct RosterComparison {
  RosterStats current;
  std::optional<RosterStats> previous;  // nullopt when the previous year has no roster
  double one_shoulder_points() const {
    return previous ? current.one_shoulder_percent() - previous->one_shoulder_percent() : 0;
  }
  int64_t college_change() const { return previous ? current.college - previous->college : 0; }
  double college_points() const {
    return previous ? current.college_percent() - previous->college_percent() : 0;
  }
  double average_age_change() const { return previous ? current.average_age() - previous->average_age() : 0; }
};

/// Reads the rosters of `year` and `year - 1` within `within` and compares them.
Result<RosterComparison> CompareRosters(store::Store& store, int year, RegionCode within);

/// Checks one roster row: known post and education codes, a plausible birth year
/// (age 18–75 in the roster's year). Rules: roster.post, roster.education, roster.age.
Status CheckRosterRow(const store::VillageCadreRow& row);

}  // namespace fupin::command

namespace fupin {
template <>
std::span<const Term> TermsOf<command::VillagePost>();
template <>
std::span<const Term> TermsOf<command::RosterEducation>();
}  // namespace fupin
