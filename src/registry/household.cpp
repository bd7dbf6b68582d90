#include "registry/household.hpp"

namespace fupin {
namespace {
using namespace registry;

constexpr Term kPovertyAttribute[] = {
    {"none", "非贫困户", "not registered poor"},
    {"general", "一般贫困户", "general poor household"},
    {"dibao", "低保贫困户", "minimum-living-guarantee household"},
    {"tekun", "特困供养贫困户", "extreme-poverty support household", "特困户"},
};
constexpr Term kCause[] = {
    {"none", "", "none"},
    {"illness", "因病", "illness"},
    {"disability", "因残", "disability"},
    {"schooling", "因学", "schooling costs"},
    {"disaster", "因灾", "disaster"},
    {"land", "缺土地", "lack of land"},
    {"water", "缺水", "lack of water"},
    {"skills", "缺技术", "lack of skills"},
    {"labour", "缺劳力", "lack of labour"},
    {"capital", "缺资金", "lack of capital"},
    {"transport", "交通条件落后", "poor transport"},
    {"drive", "自身发展动力不足", "lack of drive"},
};
constexpr Term kHouseholdStatus[] = {
    {"poor", "未脱贫", "in poverty", "贫困"},     {"exited", "已脱贫", "exited", "脱贫"},
    {"returned", "返贫", "returned to poverty"},  {"monitoring", "监测对象", "monitoring object"},
    {"removed", "自然减少", "naturally removed"}, {"not_registered", "非建档立卡户", "not registered"},
};
constexpr Term kMonitoringCategory[] = {
    {"none", "", "none"},
    {"unstable_exited", "脱贫不稳定户", "unstable exited household"},
    {"marginal", "边缘易致贫户", "marginal household at risk"},
    {"sudden_hardship", "突发严重困难户", "household hit by sudden severe hardship"},
};
constexpr Term kYesNo[] = {
    {"", "", "unknown"},
    {"yes", "是", "yes", "有"},
    {"no", "否", "no", "无"},
};
constexpr Term kRelation[] = {
    {"head", "户主", "head"},
    {"spouse", "配偶", "spouse"},
    {"son", "之子", "son", "子"},
    {"daughter", "之女", "daughter", "女"},
    {"daughter_in_law", "之儿媳", "daughter-in-law", "儿媳"},
    {"son_in_law", "之女婿", "son-in-law", "女婿"},
    {"grandson", "之孙子", "grandson", "孙子"},
    {"granddaughter", "之孙女", "granddaughter", "孙女"},
    {"father", "之父", "father", "父亲"},
    {"mother", "之母", "mother", "母亲"},
    {"grandparent", "之祖父母", "grandparent", "祖父母"},
    {"sibling", "兄弟姐妹", "sibling"},
    {"other", "其他", "other"},
};
constexpr Term kEducation[] = {
    {"", "", "unknown"},
    {"illiterate", "文盲或半文盲", "illiterate or semi-literate"},
    {"primary", "小学", "primary school"},
    {"junior_secondary", "初中", "junior secondary"},
    {"senior_secondary", "高中", "senior secondary"},
    {"vocational_secondary", "中专", "vocational secondary"},
    {"college", "大专及以上", "college or above"},
    {"preschool_child", "学龄前儿童", "preschool child"},
};
constexpr Term kSchooling[] = {
    {"not_in_school", "非在校生", "not in school"},
    {"preschool", "学前教育", "preschool"},
    {"primary", "小学", "primary school"},
    {"junior_secondary", "初中", "junior secondary"},
    {"senior_secondary", "高中", "senior secondary"},
    {"vocational_secondary", "中职", "vocational secondary"},
    {"higher_vocational", "高职", "higher vocational"},
    {"college", "大专及以上", "college or above", "本科及以上"},
    {"home_teaching", "送教上门", "home teaching"},
    {"dropped_out", "辍学", "dropped out", "失学辍学"},
};
constexpr Term kHealth[] = {
    {"healthy", "健康", "healthy"},
    {"chronic", "长期慢性病", "chronic illness"},
    {"serious_illness", "患有大病", "serious illness", "大病"},
    {"disabled", "残疾", "disabled"},
};
constexpr Term kLabour[] = {
    {"ordinary", "普通劳动力", "ordinary labour"},
    {"skilled", "技能劳动力", "skilled labour"},
    {"weak", "弱劳动力或半劳动力", "weak or half labour", "弱劳动力"},
    {"lost", "丧失劳动力", "lost labour capacity"},
    {"none", "无劳动力", "no labour capacity"},
};
constexpr Term kMigrantWork[] = {
    {"none", "非务工", "not a migrant worker", "否"},
    {"in_county", "县内务工", "works within the county"},
    {"in_province", "省内县外务工", "works in the province outside the county", "省内务工"},
    {"out_of_province", "省外务工", "works outside the province"},
};

}  // namespace

template <>
std::span<const Term> TermsOf<PovertyAttribute>() {
  return kPovertyAttribute;
}
template <>
std::span<const Term> TermsOf<Cause>() {
  return kCause;
}
template <>
std::span<const Term> TermsOf<HouseholdStatus>() {
  return kHouseholdStatus;
}
template <>
std::span<const Term> TermsOf<YesNo>() {
  return kYesNo;
}
template <>
std::span<const Term> TermsOf<Relation>() {
  return kRelation;
}
template <>
std::span<const Term> TermsOf<Education>() {
  return kEducation;
}
template <>
std::span<const Term> TermsOf<Schooling>() {
  return kSchooling;
}
template <>
std::span<const Term> TermsOf<Health>() {
  return kHealth;
}
template <>
std::span<const Term> TermsOf<LabourAbility>() {
  return kLabour;
}
template <>
std::span<const Term> TermsOf<MigrantWork>() {
  return kMigrantWork;
}
template <>
std::span<const Term> TermsOf<MonitoringCategory>() {
  return kMonitoringCategory;
}

namespace registry {

const Person* Household::head() const {
  for (const Person& p : members) {
    if (p.relation == Relation::kHead) return &p;
  }
  return nullptr;
}

}  // namespace registry
}  // namespace fupin
