#include "command/village_roster.hpp"

#include <fmt/format.h>

#include <set>

namespace fupin {
namespace {
constexpr Term kPosts[] = {
    {"secretary", "书记", "secretary", "村党组织书记", "支部书记"},
    {"director", "主任", "director", "村委会主任"},
    {"secretary_director", "书记兼主任", "secretary and director", "一肩挑", "书记、主任一肩挑"},
    {"deputy", "副职", "deputy", "副书记", "副主任"},
    {"member", "委员", "member", "两委委员"},
};
constexpr Term kEducation[] = {
    {"primary", "小学", "primary"},
    {"junior", "初中", "junior secondary"},
    {"senior", "高中或中专", "senior secondary", "高中", "中专"},
    {"college", "大专", "college", "专科"},
    {"bachelor", "本科", "bachelor"},
    {"postgraduate", "研究生", "postgraduate", "硕士", "博士"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<command::VillagePost>() {
  return kPosts;
}
template <>
std::span<const Term> TermsOf<command::RosterEducation>() {
  return kEducation;
}
}  // namespace fupin

namespace fupin::command {

bool IsCollegeEducated(std::string_view code) {
  return code == "college" || code == "bachelor" || code == "postgraduate";
}

RosterStats ComputeRosterStats(int year, std::span<const store::VillageCadreRow> rows) {
  RosterStats s;
  s.year = year;
  std::set<uint64_t> villages, one_shoulder;
  for (const auto& r : rows) {
    villages.insert(r.village.number());
    if (r.post == "secretary_director") one_shoulder.insert(r.village.number());
    ++s.cadres;
    s.college += IsCollegeEducated(r.education) ? 1 : 0;
    s.age_sum += r.year - r.birth_year;
  }
  s.villages = static_cast<int64_t>(villages.size());
  s.one_shoulder = static_cast<int64_t>(one_shoulder.size());
  return s;
}

Result<RosterComparison> CompareRosters(store::Store& store, int year, RegionCode within) {
  FUPIN_ASSIGN_OR_RETURN(auto current, store.LoadVillageRoster(year, within));
  FUPIN_ASSIGN_OR_RETURN(auto previous, store.LoadVillageRoster(year - 1, within));
  RosterComparison out;
  out.current = ComputeRosterStats(year, current);
  if (!previous.empty()) out.previous = ComputeRosterStats(year - 1, previous);
  return out;
}

Status CheckRosterRow(const store::VillageCadreRow& row) {
  if (!ParseTerm<VillagePost>(row.post)) {
    return Status::Invalid("post", "roster.post",
                           {fmt::format("村干部 {} 的职务“{}”未知", row.name, row.post),
                            fmt::format("village cadre {}: unknown post \"{}\"", row.name, row.post)});
  }
  if (!ParseTerm<RosterEducation>(row.education)) {
    return Status::Invalid(
        "education", "roster.education",
        {fmt::format("村干部 {} 的学历“{}”未知", row.name, row.education),
         fmt::format("village cadre {}: unknown education \"{}\"", row.name, row.education)});
  }
  const int64_t age = row.year - row.birth_year;
  if (age < 18 || age > 75) {
    return Status::Invalid(
        "birth_year", "roster.age",
        {fmt::format("村干部 {} 在 {} 年 {} 岁，不合常理（应在 18 至 75 岁之间）", row.name, row.year, age),
         fmt::format("village cadre {} would be {} in {}; expected 18 to 75", row.name, age, row.year)});
  }
  return Status::Ok();
}

}  // namespace fupin::command
