#include "demo/demo_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/date.hpp"
#include "core/id_number.hpp"
#include "core/random.hpp"

namespace fupin::demo {
namespace {

using registry::Cause;
using registry::Education;
using registry::Health;
using registry::Household;
using registry::HouseholdStatus;
using registry::LabourAbility;
using registry::MigrantWork;
using registry::Person;
using registry::PovertyAttribute;
using registry::Relation;
using registry::Schooling;
using registry::YesNo;

// Randomness: fupin::Rng (core/random.hpp), so a seed gives the same registry everywhere.

template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T, size_t N>
const T& PickWeighted(Rng& rng, const std::array<Weighted<T>, N>& table) {
  std::array<int, N> weights{};
  for (size_t i = 0; i < N; ++i) weights[i] = table[i].weight;
  return table[rng.Weighted(weights)].value;
}

template <typename T, size_t N>
const T& Pick(Rng& rng, const std::array<T, N>& table) {
  return table[rng.Index(N)];
}

struct AgeBand {
  int lo;
  int hi;
};

template <size_t N>
int AgeFrom(Rng& rng, const std::array<Weighted<AgeBand>, N>& bands) {
  const AgeBand& band = PickWeighted(rng, bands);
  return rng.Range(band.lo, band.hi);
}

// ---------------------------------------------------------------------------------
// Names. Surnames weighted by national frequency (per 10,000, rounded; Sichuan's
// common 罗 廖 曾 邓 slightly raised). Given names by birth era and sex.

constexpr std::array<Weighted<std::string_view>, 72> kSurnames = {{
    {"王", 71}, {"李", 79}, {"张", 70}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
    {"吴", 16}, {"周", 16}, {"徐", 13}, {"孙", 15}, {"马", 12}, {"朱", 12}, {"胡", 13}, {"郭", 11},
    {"何", 12}, {"罗", 12}, {"高", 11}, {"林", 10}, {"曾", 8},  {"彭", 8},  {"邓", 9},  {"谢", 8},
    {"唐", 8},  {"许", 7},  {"韩", 6},  {"冯", 6},  {"宋", 6},  {"郑", 7},  {"梁", 6},  {"肖", 7},
    {"蒋", 6},  {"钟", 6},  {"廖", 7},  {"袁", 6},  {"余", 6},  {"付", 5},  {"杜", 5},  {"魏", 4},
    {"熊", 4},  {"雷", 4},  {"蔡", 4},  {"田", 4},  {"邹", 4},  {"吕", 3},  {"苏", 3},  {"丁", 3},
    {"汪", 3},  {"任", 4},  {"姚", 3},  {"卢", 3},  {"谭", 4},  {"范", 3},  {"贺", 3},  {"夏", 3},
    {"方", 3},  {"邱", 3},  {"石", 3},  {"侯", 3},  {"严", 3},  {"江", 3},  {"龚", 3},  {"文", 3},
    {"向", 3},  {"游", 2},  {"牟", 2},  {"兰", 2},  {"陶", 2},  {"黎", 2},  {"甘", 1},  {"税", 1},
}};

struct NamePool {
  std::array<std::string_view, 16> first;   // first character of a two-character given name
  std::array<std::string_view, 20> second;  // second character, or the whole one-character name
  int single_per_10000;                     // share of one-character given names
};

// [era][sex]: era 0 born before 1965, 1 born 1965–1989, 2 born 1990 or later; sex 0 male, 1 female.
constexpr NamePool kGivenNames[3][2] = {
    {{{"德", "国", "建", "志", "永", "正", "光", "明", "文", "学", "绍", "世", "家", "春", "长", "树"},
      {"华", "明", "清", "成", "才", "福", "贵", "荣", "全", "发",
       "林", "山", "昌", "云", "忠", "元", "祥", "生", "安", "和"},
      1500},
     {{"秀", "桂", "玉", "淑", "素", "春", "翠", "德", "凤", "金", "兰", "成", "光", "明", "永", "正"},
      {"英", "兰", "珍", "芳", "华", "琼", "芬", "莲", "群", "贞",
       "清", "碧", "容", "秀", "香", "蓉", "芝", "英", "珍", "兰"},
      1200}},
    {{{"建", "国", "志", "小", "文", "明", "永", "海", "红", "晓", "俊", "德", "世", "家", "学", "光"},
      {"军", "平", "强", "华", "明", "林", "伟", "勇", "波", "刚",
       "辉", "兵", "东", "斌", "杰", "涛", "峰", "川", "洪", "龙"},
      2500},
     {{"小", "晓", "秀", "丽", "春", "红", "玉", "燕", "美", "凤", "素", "金", "海", "建", "丹", "慧"},
      {"琼", "芳", "霞", "英", "梅", "丽", "红", "燕", "娟", "敏",
       "萍", "琴", "莉", "蓉", "群", "容", "华", "平", "玲", "艳"},
      2500}},
    {{{"浩", "宇", "子", "俊", "天", "梓", "一", "嘉", "家", "思", "明", "志", "晨", "文", "博", "佳"},
      {"轩", "宇", "杰", "涛", "豪", "鹏", "洋", "然", "睿", "阳",
       "博", "航", "辰", "逸", "凯", "彬", "文", "诚", "浩", "鑫"},
      1000},
     {{"欣", "思", "雨", "梓", "诗", "佳", "子", "可", "雅", "一", "若", "紫", "晓", "梦", "语", "欣"},
      {"怡", "涵", "萱", "琪", "婷", "雪", "静", "瑶", "琳", "倩",
       "洁", "玲", "颖", "妍", "悦", "馨", "彤", "然", "雯", "璐"},
      1000}},
};

std::string_view RandomSurname(Rng& rng) {
  return PickWeighted(rng, kSurnames);
}

std::string GivenName(Rng& rng, Sex sex, int birth_year) {
  const int era = birth_year < 1965 ? 0 : birth_year < 1990 ? 1 : 2;
  const NamePool& pool = kGivenNames[era][sex == Sex::kFemale ? 1 : 0];
  if (rng.Chance(pool.single_per_10000)) return std::string(Pick(rng, pool.second));
  std::string out(Pick(rng, pool.first));
  out += Pick(rng, pool.second);
  return out;
}

// ---------------------------------------------------------------------------------
// County units (帮扶单位) as {prefix, suffix} around the county name.

constexpr std::array<std::pair<std::string_view, std::string_view>, 34> kCountyUnits = {{
    {"中共", "委办公室"},     {"中共", "委组织部"},     {"中共", "委宣传部"},
    {"中共", "委统战部"},     {"中共", "委政法委员会"}, {"中共", "纪律检查委员会"},
    {"", "人民政府办公室"},   {"", "发展和改革局"},     {"", "经济信息化和科学技术局"},
    {"", "教育局"},           {"", "公安局"},           {"", "民政局"},
    {"", "司法局"},           {"", "财政局"},           {"", "人力资源和社会保障局"},
    {"", "自然资源和规划局"}, {"", "住房和城乡建设局"}, {"", "交通运输局"},
    {"", "水利局"},           {"", "农业农村局"},       {"", "文化广播电视和旅游局"},
    {"", "卫生健康局"},       {"", "退役军人事务局"},   {"", "应急管理局"},
    {"", "审计局"},           {"", "市场监督管理局"},   {"", "统计局"},
    {"", "医疗保障局"},       {"", "扶贫开发局"},       {"", "人民医院"},
    {"", "人民法院"},         {"", "人民检察院"},       {"", "总工会"},
    {"", "妇女联合会"},
}};

std::string TownUnit(const std::string& town_name) {
  constexpr std::string_view kSubdistrict = "街道";
  if (town_name.size() >= kSubdistrict.size() &&
      std::string_view(town_name).substr(town_name.size() - kSubdistrict.size()) == kSubdistrict) {
    return town_name + "办事处";
  }
  return town_name + "人民政府";
}

// ---------------------------------------------------------------------------------
// Unique numbers.

class PhoneBook {
 public:
  explicit PhoneBook(size_t expected) { used_.reserve(expected); }
  std::string Fresh(Rng& rng) {
    static constexpr std::array<int, 24> kPrefixes = {130, 131, 132, 133, 134, 135, 136, 137,
                                                      138, 139, 150, 151, 152, 153, 155, 156,
                                                      157, 158, 159, 180, 182, 183, 187, 189};
    for (;;) {
      const uint64_t number =
          static_cast<uint64_t>(Pick(rng, kPrefixes)) * 100000000ULL + rng.Below(100000000ULL);
      if (used_.insert(number).second) return std::to_string(number);
    }
  }

 private:
  std::unordered_set<uint64_t> used_;
};

class IdIssuer {
 public:
  IdIssuer(uint64_t county6, size_t expected) : county_(fmt::format("{:06d}", county6)) {
    used_.reserve(expected);
  }

  /// A valid ID number for the birth date and sex, unique among those issued here.
  std::string Issue(Rng& rng, Date birth, Sex sex) {
    // Sequence 001–999: odd for men, even for women. Start at a random one of the
    // right parity and step by two on collisions.
    const bool male = sex == Sex::kMale;
    int seq = male ? 1 + 2 * rng.Range(0, 499) : 2 + 2 * rng.Range(0, 498);
    for (int tries = 0; tries < 500; ++tries) {
      const int64_t key = (static_cast<int64_t>(birth.days()) + 1000000) * 1000 + seq;
      if (used_.insert(key).second) break;
      seq += 2;
      if (seq > 999) seq = male ? 1 : 2;
    }
    std::string id =
        fmt::format("{}{:04d}{:02d}{:02d}{:03d}", county_, birth.year(), birth.month(), birth.day(), seq);
    id.push_back(IdNumber::CheckChar(id));
    return id;
  }

 private:
  std::string county_;
  std::unordered_set<int64_t> used_;
};

// ---------------------------------------------------------------------------------
// Household composition.

struct Draft {
  Relation relation;
  Sex sex;
  int age;  // on as_of_year-12-31
  std::string surname;
};

Sex Opposite(Sex s) {
  return s == Sex::kMale ? Sex::kFemale : Sex::kMale;
}
Sex RandomSex(Rng& rng, int male_per_10000) {
  return rng.Chance(male_per_10000) ? Sex::kMale : Sex::kFemale;
}

// Age of the head by household size: single-person households are mostly elderly.
int HeadAge(Rng& rng, int size) {
  static constexpr std::array<Weighted<AgeBand>, 4> kSingle = {
      {{{40, 59}, 25}, {{60, 69}, 25}, {{70, 79}, 30}, {{80, 92}, 20}}};
  static constexpr std::array<Weighted<AgeBand>, 4> kPair = {
      {{{25, 44}, 12}, {{45, 59}, 28}, {{60, 74}, 40}, {{75, 90}, 20}}};
  static constexpr std::array<Weighted<AgeBand>, 4> kFamily = {
      {{{28, 39}, 20}, {{40, 54}, 40}, {{55, 69}, 32}, {{70, 80}, 8}}};
  if (size == 1) return AgeFrom(rng, kSingle);
  if (size == 2) return AgeFrom(rng, kPair);
  return AgeFrom(rng, kFamily);
}

/// The members of a household of `size`, head first, with relations, sexes, ages and
/// surnames (children take their father's surname).
std::vector<Draft> Compose(Rng& rng, int size) {
  std::vector<Draft> out;
  out.reserve(static_cast<size_t>(size));
  const int head_age = HeadAge(rng, size);
  const Sex head_sex = RandomSex(rng, size == 1 ? 6500 : 8800);
  const std::string head_surname(RandomSurname(rng));
  out.push_back({Relation::kHead, head_sex, head_age, head_surname});
  int rem = size - 1;

  // Spouse: opposite sex, similar age (the husband usually a little older).
  bool has_spouse = false;
  std::string father_surname = head_sex == Sex::kMale ? head_surname : "";
  if (rem > 0 && rng.Chance(size == 2 ? 6000 : 8800)) {
    const int age = std::max(20, head_age + (head_sex == Sex::kMale ? rng.Range(-6, 2) : rng.Range(-2, 6)));
    std::string surname(RandomSurname(rng));
    if (head_sex == Sex::kFemale) father_surname = surname;
    out.push_back({Relation::kSpouse, Opposite(head_sex), age, std::move(surname)});
    has_spouse = true;
    --rem;
  }
  // Children's surname: the father's; a few take the mother's, and a single mother's
  // children often carry an absent father's.
  std::string child_surname = father_surname;
  if (head_sex == Sex::kFemale && (!has_spouse ? rng.Chance(3000) : rng.Chance(1000))) {
    child_surname = head_surname;
  }
  if (child_surname.empty()) child_surname = RandomSurname(rng);

  int parents = 0;
  bool has_father = false;
  auto add_parent = [&]() {
    const int age = head_age + rng.Range(20, 34);
    if (age > 96) return false;
    const bool father = has_father ? false : (parents == 1 ? true : rng.Chance(3500));
    if (father) {
      out.push_back({Relation::kFather, Sex::kMale, age, head_surname});
      has_father = true;
    } else {
      out.push_back({Relation::kMother, Sex::kFemale, age, std::string(RandomSurname(rng))});
    }
    ++parents;
    --rem;
    return true;
  };
  if (rem > 0 && head_age <= 60 && rng.Chance(size >= 4 ? 2500 : 1200)) {
    if (add_parent() && rem > 0 && rng.Chance(3000)) add_parent();
  }

  int children = 0;
  std::vector<size_t> child_index;
  auto add_child = [&]() {
    int age = head_age - rng.Range(20, 35);
    if (age < 0) age = rng.Range(0, std::max(0, head_age - 20));
    const Sex sex = RandomSex(rng, 5200);
    child_index.push_back(out.size());
    out.push_back({sex == Sex::kMale ? Relation::kSon : Relation::kDaughter, sex, age, child_surname});
    ++children;
    --rem;
  };
  if (rem > 0 && head_age >= 22) {
    int k = rem;
    if (head_age >= 46 && rem >= 3 && rng.Chance(6500)) k = 1 + rng.Range(0, 1);
    k = std::min(k, 4);
    for (int i = 0; i < k; ++i) add_child();
  }

  // An adult child's spouse, then grandchildren.
  int grand_parent_index = -1;
  std::string grand_surname = child_surname;
  if (rem > 0) {
    size_t oldest = 0;
    for (size_t i : child_index) {
      if (out[i].age >= 22 && (oldest == 0 || out[i].age > out[oldest].age)) oldest = i;
    }
    if (oldest != 0) {
      Draft& child = out[oldest];
      if (child.sex == Sex::kMale && rng.Chance(8000)) {
        out.push_back({Relation::kDaughterInLaw, Sex::kFemale, std::max(20, child.age + rng.Range(-5, 2)),
                       std::string(RandomSurname(rng))});
        --rem;
      } else if (child.sex == Sex::kFemale && rng.Chance(2500)) {  // 上门女婿
        std::string surname(RandomSurname(rng));
        if (rng.Chance(5000)) grand_surname = surname;
        out.push_back({Relation::kSonInLaw, Sex::kMale, std::max(20, child.age + rng.Range(-2, 5)),
                       std::move(surname)});
        --rem;
      }
      if (out[oldest].age >= 20) grand_parent_index = static_cast<int>(oldest);
    }
  }
  int grandchildren = 0;
  auto add_grandchild = [&]() {
    const int parent_age = out[static_cast<size_t>(grand_parent_index)].age;
    int age = parent_age - rng.Range(20, 32);
    if (age < 0) age = rng.Range(0, std::max(0, parent_age - 20));
    const Sex sex = RandomSex(rng, 5200);
    out.push_back(
        {sex == Sex::kMale ? Relation::kGrandson : Relation::kGranddaughter, sex, age, grand_surname});
    ++grandchildren;
    --rem;
  };
  while (rem > 0 && grand_parent_index >= 0 && grandchildren < 3) add_grandchild();

  // Whatever is left: more children, the head's parents, then siblings.
  while (rem > 0) {
    if (children < 6 && head_age >= 22) {
      add_child();
    } else if (parents < 2 && head_age <= 62 && add_parent()) {
    } else {
      const int age = std::max(1, head_age + rng.Range(-12, 12));
      out.push_back({Relation::kSibling, RandomSex(rng, 5000), age, head_surname});
      --rem;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Person attributes.

Education AdultEducation(Rng& rng, int age) {
  using E = Education;
  static constexpr std::array<Weighted<E>, 6> kOld = {{{E::kIlliterate, 40},
                                                       {E::kPrimary, 45},
                                                       {E::kJuniorSecondary, 12},
                                                       {E::kSeniorSecondary, 2},
                                                       {E::kVocationalSecondary, 1},
                                                       {E::kCollege, 0}}};
  static constexpr std::array<Weighted<E>, 6> kSenior = {{{E::kIlliterate, 15},
                                                          {E::kPrimary, 45},
                                                          {E::kJuniorSecondary, 32},
                                                          {E::kSeniorSecondary, 6},
                                                          {E::kVocationalSecondary, 2},
                                                          {E::kCollege, 0}}};
  static constexpr std::array<Weighted<E>, 6> kMiddle = {{{E::kIlliterate, 5},
                                                          {E::kPrimary, 30},
                                                          {E::kJuniorSecondary, 50},
                                                          {E::kSeniorSecondary, 10},
                                                          {E::kVocationalSecondary, 3},
                                                          {E::kCollege, 2}}};
  static constexpr std::array<Weighted<E>, 6> kYoung = {{{E::kIlliterate, 1},
                                                         {E::kPrimary, 10},
                                                         {E::kJuniorSecondary, 50},
                                                         {E::kSeniorSecondary, 18},
                                                         {E::kVocationalSecondary, 11},
                                                         {E::kCollege, 10}}};
  if (age >= 65) return PickWeighted(rng, kOld);
  if (age >= 50) return PickWeighted(rng, kSenior);
  if (age >= 35) return PickWeighted(rng, kMiddle);
  return PickWeighted(rng, kYoung);
}

Health RandomHealth(Rng& rng, int age) {
  // Per 10,000 by age band: chronic illness, serious illness, disability.
  int chronic = 100, serious = 30, disabled = 150;
  if (age >= 60) {
    chronic = 2500, serious = 400, disabled = 700;
  } else if (age >= 45) {
    chronic = 1200, serious = 300, disabled = 500;
  } else if (age >= 16) {
    chronic = 500, serious = 150, disabled = 350;
  }
  const int r = rng.Range(0, 9999);
  if (r < disabled) return Health::kDisabled;
  if (r < disabled + serious) return Health::kSeriousIllness;
  if (r < disabled + serious + chronic) return Health::kChronicIllness;
  return Health::kHealthy;
}

/// Education and schooling by age; ages 6–15 are in compulsory school except ~0.3%
/// dropped out (and some disabled children taught at home).
void SetSchooling(Rng& rng, Person& p, int age) {
  if (age < 6) {
    p.education = Education::kPreschoolChild;
    p.schooling = age >= 3 && rng.Chance(7500) ? Schooling::kPreschool : Schooling::kNotInSchool;
  } else if (age <= 15) {
    const bool junior = age >= 12;
    p.education = junior ? Education::kJuniorSecondary : Education::kPrimary;
    if (rng.Chance(30)) {
      p.schooling = Schooling::kDroppedOut;
      p.education = Education::kPrimary;
    } else if (p.health == Health::kDisabled && rng.Chance(3000)) {
      p.schooling = Schooling::kHomeTeaching;
    } else {
      p.schooling = junior ? Schooling::kJuniorSecondary : Schooling::kPrimary;
    }
  } else if (age <= 18) {
    const int r = rng.Range(0, 99);
    if (r < 45) {
      p.schooling = Schooling::kSeniorSecondary;
      p.education = Education::kSeniorSecondary;
    } else if (r < 75) {
      p.schooling = Schooling::kVocationalSecondary;
      p.education = Education::kVocationalSecondary;
    } else {
      p.schooling = Schooling::kNotInSchool;
      p.education = rng.Chance(8500) ? Education::kJuniorSecondary : Education::kPrimary;
    }
  } else if (age <= 22) {
    const int r = rng.Range(0, 99);
    if (r < 25) {
      p.schooling = Schooling::kCollege;
      p.education = Education::kCollege;
    } else if (r < 40) {
      p.schooling = Schooling::kHigherVocational;
      p.education = Education::kCollege;
    } else {
      p.schooling = Schooling::kNotInSchool;
      p.education = AdultEducation(rng, age);
    }
  } else {
    p.schooling = Schooling::kNotInSchool;
    p.education = AdultEducation(rng, age);
  }
}

bool InSchool(const Person& p) {
  return p.schooling != Schooling::kNotInSchool && p.schooling != Schooling::kDroppedOut;
}

void SetLabourAndWork(Rng& rng, Person& p, int age) {
  if (age < 16 || age > 70 || InSchool(p)) {
    p.labour = LabourAbility::kNone;
  } else if (p.health == Health::kDisabled) {
    p.labour = rng.Chance(6000) ? LabourAbility::kLost : LabourAbility::kWeak;
  } else if (p.health == Health::kSeriousIllness) {
    p.labour = rng.Chance(5000) ? LabourAbility::kLost : LabourAbility::kWeak;
  } else if (p.health == Health::kChronicIllness) {
    p.labour = rng.Chance(4000) ? LabourAbility::kWeak : LabourAbility::kOrdinary;
  } else if (age > 60) {
    p.labour = rng.Chance(5000) ? LabourAbility::kWeak : LabourAbility::kOrdinary;
  } else {
    const bool schooled = p.education == Education::kSeniorSecondary ||
                          p.education == Education::kVocationalSecondary ||
                          p.education == Education::kCollege;
    p.labour = rng.Chance(schooled ? 2500 : 1000) ? LabourAbility::kSkilled : LabourAbility::kOrdinary;
  }
  p.migrant_work = MigrantWork::kNone;
  if (age >= 16 && age <= 59 &&
      (p.labour == LabourAbility::kOrdinary || p.labour == LabourAbility::kSkilled) && rng.Chance(5000)) {
    static constexpr std::array<Weighted<MigrantWork>, 3> kWhere = {
        {{MigrantWork::kInCounty, 30}, {MigrantWork::kInProvince, 35}, {MigrantWork::kOutOfProvince, 35}}};
    p.migrant_work = PickWeighted(rng, kWhere);
  }
  p.medical_insurance = rng.Chance(9950) ? YesNo::kYes : YesNo::kNo;
  if (age >= 16 && !InSchool(p)) {
    p.pension_insurance = rng.Chance(9400) ? YesNo::kYes : YesNo::kNo;
  } else {
    p.pension_insurance = YesNo::kUnknown;  // not yet eligible
  }
}

// ---------------------------------------------------------------------------------
// Household attributes.

constexpr std::array<Weighted<Cause>, 11> kCauseWeights = {{
    {Cause::kIllness, 28},
    {Cause::kLackSkills, 18},
    {Cause::kLackCapital, 16},
    {Cause::kLackLabour, 15},
    {Cause::kDisability, 8},
    {Cause::kSchooling, 6},
    {Cause::kDisaster, 2},
    {Cause::kLackLand, 2},
    {Cause::kPoorTransport, 2},
    {Cause::kLackDrive, 2},
    {Cause::kLackWater, 1},
}};

Cause DrawCause(Rng& rng, bool has_student, bool has_labour, uint16_t exclude) {
  std::array<int, kCauseWeights.size()> weights{};
  for (size_t i = 0; i < kCauseWeights.size(); ++i) {
    const Cause c = kCauseWeights[i].value;
    int w = kCauseWeights[i].weight;
    if (c == Cause::kSchooling && !has_student) w = 0;
    if (c == Cause::kLackLabour && !has_labour) w *= 3;
    if ((exclude >> static_cast<int>(c)) & 1U) w = 0;
    weights[i] = w;
  }
  return kCauseWeights[rng.Weighted(weights)].value;
}

int WeightedYear(Rng& rng, int first, std::span<const int> weights, int after) {
  std::array<int, 8> w{};
  for (size_t i = 0; i < weights.size() && i < w.size(); ++i) {
    w[i] = first + static_cast<int>(i) > after ? weights[i] : 0;
  }
  return first + static_cast<int>(rng.Weighted(std::span<const int>(w.data(), weights.size())));
}

/// Per-capita net income in whole yuan by status, around the line of 4,000 yuan.
int PerCapitaIncome(Rng& rng, HouseholdStatus status) {
  switch (status) {
    case HouseholdStatus::kExited:
    case HouseholdStatus::kRemoved: {
      const int r = rng.Range(0, 9999);
      if (r < 200) return rng.Range(3000, 3999);    // below the line: a possible wrong exit
      if (r < 500) return rng.Range(12001, 18000);  // a few well-off
      return 4500 + rng.Range(0, 3750) + rng.Range(0, 3750);
    }
    case HouseholdStatus::kPoor:
      return rng.Chance(2500) ? rng.Range(4001, 4800)  // above the line: exit-eligible
                              : rng.Range(2500, 3999);
    case HouseholdStatus::kReturned:
      return rng.Range(2000, 3800);
    case HouseholdStatus::kMonitoring:
      return rng.Range(4001, 6000);
    case HouseholdStatus::kNotRegistered:
      return rng.Range(3500, 9000);
  }
  return 4000;
}

/// Splits a yearly net income (whole yuan) into its components; wages weigh more
/// with migrant workers, transfers with 低保 and 特困 households and the elderly.
registry::Income SplitIncome(Rng& rng, int64_t net, int migrants, int labourers, PovertyAttribute attribute,
                             bool has_elderly) {
  int wage_pm = migrants > 0 ? 450 + rng.Range(0, 350) : labourers > 0 ? 100 + rng.Range(0, 250) : 0;
  int transfer_pm = attribute == PovertyAttribute::kExtremePovertySupport    ? 600 + rng.Range(0, 300)
                    : attribute == PovertyAttribute::kMinimumLivingGuarantee ? 300 + rng.Range(0, 300)
                                                                             : 50 + rng.Range(0, 150);
  if (has_elderly) transfer_pm += 80;
  const int property_pm = rng.Range(0, 50);
  int excess = wage_pm + transfer_pm + property_pm - 950;
  if (excess > 0) {
    const int cut = std::min(excess, wage_pm);
    wage_pm -= cut;
    transfer_pm -= excess - cut;
  }
  registry::Income income;
  const int64_t wages = net * wage_pm / 1000;
  const int64_t transfer = net * transfer_pm / 1000;
  const int64_t property = net * property_pm / 1000;
  const int64_t production_net = net - wages - transfer - property;
  const int cost_pm = 250 + rng.Range(0, 200);  // share of gross production income
  const int64_t costs = production_net * cost_pm / (1000 - cost_pm);
  income.wages = Money::FromYuan(wages);
  income.transfer = Money::FromYuan(transfer);
  income.property = Money::FromYuan(property);
  income.production = Money::FromYuan(production_net + costs);
  income.production_costs = Money::FromYuan(costs);
  return income;
}

void FailOneGuarantee(Rng& rng, registry::Guarantees& g) {
  static constexpr std::array<int, 8> kWeights = {5, 5, 10, 15, 30, 25, 5, 5};
  YesNo* items[8] = {&g.food,    &g.clothing, &g.education,   &g.medical,
                     &g.housing, &g.water,    &g.electricity, &g.radio_tv};
  *items[rng.Weighted(kWeights)] = YesNo::kNo;
}

Status Invalid(std::string rule, std::string zh, std::string en) {
  return Status::Invalid("demo", std::move(rule), {std::move(zh), std::move(en)});
}

bool IsVillageCommittee(RegionCode code) {
  return code.number() % 1000 >= 200;
}

struct VillagePlan {
  const DemoVillage* village;
  bool poor = false;
  int households = 0;
  int cadres = 0;
  size_t first_household = 0;  // index into the registry's households
};

/// Splits `total` over `weights` in proportion, exactly (largest remainder, ties by index).
std::vector<int> Apportion(int64_t total, const std::vector<int>& weights) {
  int64_t sum = 0;
  for (int w : weights) sum += w;
  std::vector<int> out(weights.size(), 0);
  if (sum == 0) return out;
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const int64_t share = total * weights[i];
    out[i] = static_cast<int>(share / sum);
    given += out[i];
    remainders.emplace_back(share % sum, i);
  }
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (int64_t k = 0; k < total - given; ++k) ++out[remainders[static_cast<size_t>(k)].second];
  return out;
}

/// Household sizes 1–7 (a spread typical of registered poor households, mean ≈ 2.85),
/// then nudged one at a time until they sum to `persons` exactly.
std::vector<int> HouseholdSizes(Rng& rng, int households, int persons) {
  static constexpr std::array<Weighted<int>, 7> kSizes = {
      {{1, 200}, {2, 270}, {3, 220}, {4, 160}, {5, 100}, {6, 35}, {7, 15}}};
  std::vector<int> sizes(static_cast<size_t>(households));
  int64_t sum = 0;
  for (int& s : sizes) {
    s = PickWeighted(rng, kSizes);
    sum += s;
  }
  while (sum != persons) {
    int& s = sizes[rng.Index(sizes.size())];
    if (sum < persons && s < 7) {
      ++s;
      ++sum;
    } else if (sum > persons && s > 1) {
      --s;
      --sum;
    }
  }
  return sizes;
}

/// Sizes 1–6 of `cadres` groups that sum to `households` (cadres <= households <= 6 × cadres):
/// balanced first, then spread by random moves that keep most at 3–5.
std::vector<int> CadreLoads(Rng& rng, int households, int cadres) {
  std::vector<int> loads(static_cast<size_t>(cadres), households / cadres);
  for (int i = 0; i < households % cadres; ++i) ++loads[static_cast<size_t>(i)];
  for (int move = 0; move < cadres; ++move) {
    const size_t from = rng.Index(loads.size());
    const size_t to = rng.Index(loads.size());
    if (from == to || loads[from] <= 1 || loads[to] >= 6) continue;
    // Moves that would leave the 2–5 band happen only now and then.
    if ((loads[from] <= 2 || loads[to] >= 5) && !rng.Chance(2500)) continue;
    --loads[from];
    ++loads[to];
  }
  // Shuffle so that the larger loads are not always first.
  for (size_t i = loads.size(); i > 1; --i) std::swap(loads[i - 1], loads[rng.Index(i)]);
  return loads;
}

}  // namespace

std::optional<CountyTargets> TargetsFor(RegionCode county) {
  if (county == RegionCode::FromNumber(511025000000ULL)) {
    // 资中县: poor villages, households and persons from the 2020 article ("全县102个贫困村
    // 已全部实现退出，23098户65465名贫困人口已全部实现脱贫"). The article gives no count
    // of responsible cadres: 5,775 ≈ 23,098 ÷ 4 is our choice (3–5 households each).
    return CountyTargets{county, "资中县", 102, 23098, 65465, 5775, 2020};
  }
  if (county == RegionCode::FromNumber(510321000000ULL)) {
    // 荣县: 4,844 responsible cadres from the 2020 article ("4844名帮扶责任人"). The
    // article gives no household, person or poor-village counts; synthetic choices:
    // 17,438 households = round(4,844 × 3.6); 49,423 persons = round(17,438 × 65,465 /
    // 23,098), Zizhong's household size; 60 poor villages, about 31% of Rong's 196
    // village committees (Zizhong: 102 of 301).
    return CountyTargets{county, "荣县", 60, 17438, 49423, 4844, 2020};
  }
  return std::nullopt;
}

Result<DemoRegistry> GenerateDemoCounty(const CountyTargets& targets,
                                        std::span<const DemoVillage> villages_of_county, uint64_t seed) {
  // --- Check the input.
  if (targets.county.level() != RegionLevel::kCounty) {
    return Invalid("demo.county", fmt::format("“{}”不是县级区划代码", targets.county.ToString()),
                   fmt::format("\"{}\" is not a county code", targets.county.ToString()));
  }
  if (targets.as_of_year < 1990 || targets.as_of_year > 2100) {
    return Invalid("demo.as_of_year", fmt::format("年度 {} 超出范围", targets.as_of_year),
                   fmt::format("year {} is out of range", targets.as_of_year));
  }
  if (targets.households <= 0 || targets.persons < targets.households ||
      static_cast<int64_t>(targets.persons) > 7LL * targets.households) {
    return Invalid(
        "demo.persons",
        fmt::format("{} 户 {} 人无法组成（每户 1–7 人）", targets.households, targets.persons),
        fmt::format("{} households cannot hold {} persons (1–7 each)", targets.households, targets.persons));
  }
  std::vector<const DemoVillage*> sorted;
  sorted.reserve(villages_of_county.size());
  for (const DemoVillage& v : villages_of_county) {
    if (v.code.level() != RegionLevel::kVillage || !v.code.IsWithin(targets.county)) {
      return Invalid("demo.village", fmt::format("“{}”不是本县的村级区划", v.code.ToString()),
                     fmt::format("\"{}\" is not a village-level unit of the county", v.code.ToString()));
    }
    sorted.push_back(&v);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const DemoVillage* a, const DemoVillage* b) { return a->code < b->code; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->code == sorted[i - 1]->code) {
      return Invalid("demo.village_duplicate", fmt::format("村级区划“{}”重复", sorted[i]->code.ToString()),
                     fmt::format("village \"{}\" is listed twice", sorted[i]->code.ToString()));
    }
  }
  std::vector<VillagePlan> plans;
  for (const DemoVillage* v : sorted) {
    if (IsVillageCommittee(v->code)) plans.push_back({v});
  }
  if (plans.empty() || targets.poor_villages < 0 ||
      static_cast<size_t>(targets.poor_villages) > plans.size()) {
    return Invalid("demo.poor_villages",
                   fmt::format("需要 {} 个贫困村，但只有 {} 个村委会", targets.poor_villages, plans.size()),
                   fmt::format("{} poor villages needed but only {} village committees given",
                               targets.poor_villages, plans.size()));
  }

  Rng rng(seed);
  const int as_of = targets.as_of_year;

  // --- Poor villages: a random sample of the village committees.
  {
    std::vector<size_t> order(plans.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = 0; i < static_cast<size_t>(targets.poor_villages); ++i) {
      std::swap(order[i], order[i + rng.Index(order.size() - i)]);
      plans[order[i]].poor = true;
    }
  }
  DemoRegistry out;
  for (const VillagePlan& p : plans) {
    if (p.poor) out.poor_villages.push_back(p.village->code);
  }

  // --- Households per village: 60% in poor villages, the rest in the other village
  // committees; each village's weight varies ±40%.
  {
    const int poor_count = targets.poor_villages;
    const int other_count = static_cast<int>(plans.size()) - poor_count;
    int in_poor = static_cast<int>((static_cast<int64_t>(targets.households) * 60 + 50) / 100);
    if (poor_count == 0) in_poor = 0;
    if (other_count == 0) in_poor = targets.households;
    std::vector<int> poor_w, other_w;
    for (const VillagePlan& p : plans) (p.poor ? poor_w : other_w).push_back(rng.Range(60, 140));
    const std::vector<int> poor_n = Apportion(in_poor, poor_w);
    const std::vector<int> other_n = Apportion(targets.households - in_poor, other_w);
    size_t pi = 0, oi = 0;
    for (VillagePlan& p : plans) p.households = p.poor ? poor_n[pi++] : other_n[oi++];
  }

  // --- Cadres per village: in proportion to households, at most 6 households each.
  {
    int64_t min_needed = 0;
    for (const VillagePlan& p : plans) min_needed += (p.households + 5) / 6;
    if (targets.responsible_cadres < min_needed || targets.responsible_cadres > targets.households) {
      return Invalid("demo.cadres",
                     fmt::format("帮扶责任人 {} 名不可行（需在 {} 到 {} 之间）", targets.responsible_cadres,
                                 min_needed, targets.households),
                     fmt::format("{} responsible cadres cannot work (need {} to {})",
                                 targets.responsible_cadres, min_needed, targets.households));
    }
    std::vector<int> weights;
    for (const VillagePlan& p : plans) weights.push_back(p.households);
    const std::vector<int> shares = Apportion(targets.responsible_cadres, weights);
    int64_t diff = targets.responsible_cadres;
    for (size_t i = 0; i < plans.size(); ++i) {
      const int h = plans[i].households;
      plans[i].cadres = std::clamp(shares[i], (h + 5) / 6, h);
      diff -= plans[i].cadres;
    }
    while (diff != 0) {
      VillagePlan& p = plans[rng.Index(plans.size())];
      if (diff > 0 && p.cadres < p.households) {
        ++p.cadres;
        --diff;
      } else if (diff < 0 && p.cadres > (p.households + 5) / 6) {
        --p.cadres;
        ++diff;
      }
    }
  }

  const std::vector<int> sizes = HouseholdSizes(rng, targets.households, targets.persons);
  const Date today = Date::FromYmd(as_of, 12, 31).value();
  IdIssuer ids(targets.county.number() / 1000000ULL, static_cast<size_t>(targets.persons));
  PhoneBook phones(static_cast<size_t>(targets.households) + static_cast<size_t>(targets.responsible_cadres));
  out.households.reserve(static_cast<size_t>(targets.households));

  // Registration year (识别年度) and exit year (脱贫年度) weights.
  static constexpr std::array<int, 4> kRegistration = {80, 7, 7, 6};  // from 2014
  static constexpr std::array<int, 5> kExit = {8, 14, 22, 28, 28};    // 2015–2019
  static constexpr std::array<Weighted<HouseholdStatus>, 5> kStatus = {{{HouseholdStatus::kExited, 8550},
                                                                        {HouseholdStatus::kPoor, 1100},
                                                                        {HouseholdStatus::kReturned, 100},
                                                                        {HouseholdStatus::kMonitoring, 200},
                                                                        {HouseholdStatus::kRemoved, 50}}};
  static constexpr std::array<Weighted<std::string_view>, 3> kEthnicity = {
      {{"汉族", 9970}, {"彝族", 20}, {"回族", 10}}};

  size_t next_size = 0;
  for (VillagePlan& plan : plans) {
    plan.first_household = out.households.size();
    if (plan.households == 0) continue;
    // Villager groups (村民小组): households sorted by group, then numbered.
    const int groups = rng.Range(5, 12);
    std::vector<int> group_of(static_cast<size_t>(plan.households));
    for (int& g : group_of) g = rng.Range(1, groups);
    std::sort(group_of.begin(), group_of.end());

    for (int serial = 1; serial <= plan.households; ++serial) {
      Household h;
      h.id = fmt::format("{}{:04d}", plan.village->code.ToString(), serial);
      h.village = plan.village->code;
      h.group = fmt::format("{}组", group_of[static_cast<size_t>(serial - 1)]);
      const std::string ethnicity(PickWeighted(rng, kEthnicity));

      // Members.
      const std::vector<Draft> drafts = Compose(rng, sizes[next_size++]);
      h.members.reserve(drafts.size());
      bool has_student = false, has_elderly = false;
      for (const Draft& d : drafts) {
        Person p;
        const int birth_year = as_of - d.age;
        const Date jan1 = Date::FromYmd(birth_year, 1, 1).value();
        const Date birth = jan1.AddDays(rng.Range(0, Date::IsLeapYear(birth_year) ? 365 : 364));
        p.birth_date = birth;
        p.sex = d.sex;
        p.relation = d.relation;
        p.name = d.surname + GivenName(rng, d.sex, birth_year);
        p.id_number = ids.Issue(rng, birth, d.sex);
        p.ethnicity = ethnicity;
        p.health = RandomHealth(rng, d.age);
        SetSchooling(rng, p, d.age);
        if (d.age >= 6 && InSchool(p)) has_student = true;
        if (d.age >= 60) has_elderly = true;
        h.members.push_back(std::move(p));
      }
      auto age_of = [&](const Person& p) { return today.YearsSince(p.birth_date); };
      bool has_labour = false;
      for (const Person& p : h.members) {
        const int age = age_of(p);
        if (age >= 16 && age <= 60 && !InSchool(p) && p.health == Health::kHealthy) has_labour = true;
      }

      // Causes; the illness and disability causes get a sick or disabled adult.
      h.main_cause = DrawCause(rng, has_student, has_labour, 0);
      const int others = static_cast<int>(rng.Weighted(std::array<int, 3>{40, 40, 20}));
      for (int i = 0; i < others; ++i) {
        const uint16_t taken = static_cast<uint16_t>(h.other_causes | (1U << static_cast<int>(h.main_cause)));
        h.other_causes = static_cast<uint16_t>(
            h.other_causes | (1U << static_cast<int>(DrawCause(rng, has_student, has_labour, taken))));
      }
      auto ensure_health = [&](Cause cause, std::initializer_list<Health> accepted, Health fallback) {
        if (h.main_cause != cause && !h.HasOtherCause(cause)) return;
        std::vector<size_t> adults;
        for (size_t i = 0; i < h.members.size(); ++i) {
          const Health hl = h.members[i].health;
          if (std::find(accepted.begin(), accepted.end(), hl) != accepted.end()) return;
          if (age_of(h.members[i]) >= 16) adults.push_back(i);
        }
        if (!adults.empty()) h.members[adults[rng.Index(adults.size())]].health = fallback;
      };
      ensure_health(Cause::kIllness, {Health::kChronicIllness, Health::kSeriousIllness},
                    rng.Chance(5000) ? Health::kSeriousIllness : Health::kChronicIllness);
      ensure_health(Cause::kDisability, {Health::kDisabled}, Health::kDisabled);

      int migrants = 0, labourers = 0;
      for (Person& p : h.members) {
        SetLabourAndWork(rng, p, age_of(p));
        if (p.migrant_work != MigrantWork::kNone) ++migrants;
        if (p.labour == LabourAbility::kOrdinary || p.labour == LabourAbility::kSkilled) ++labourers;
      }

      // Poverty attribute: 特困 and 低保 mostly for the lone and the old.
      const Person& head = h.members.front();
      const int head_age = age_of(head);
      int tekun = 80, dibao = 1600;
      if (h.members.size() == 1 && head_age >= 60) {
        tekun = 2500, dibao = 2800;
      } else if (labourers == 0) {
        tekun = 300, dibao = 3000;
      }
      const int r = rng.Range(0, 9999);
      h.attribute = r < tekun           ? PovertyAttribute::kExtremePovertySupport
                    : r < tekun + dibao ? PovertyAttribute::kMinimumLivingGuarantee
                                        : PovertyAttribute::kGeneral;

      // Registration, status and exit.
      h.registration_year = 2014 + static_cast<int>(rng.Weighted(kRegistration));
      h.status = PickWeighted(rng, kStatus);
      if (h.status == HouseholdStatus::kExited && h.registration_year >= 2019)
        h.status = HouseholdStatus::kPoor;
      h.exit_year =
          h.status == HouseholdStatus::kExited ? WeightedYear(rng, 2015, kExit, h.registration_year) : 0;

      // Income: per-capita net income in whole yuan times the member count.
      const int per_capita = PerCapitaIncome(rng, h.status);
      h.income = SplitIncome(rng, static_cast<int64_t>(per_capita) * static_cast<int64_t>(h.members.size()),
                             migrants, labourers, h.attribute, has_elderly);

      // Guarantees: all met but for a few.
      h.guarantees = {YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes,
                      YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes};
      const bool still_poor = h.status == HouseholdStatus::kPoor || h.status == HouseholdStatus::kReturned ||
                              h.status == HouseholdStatus::kMonitoring;
      if (rng.Chance(still_poor ? 300 : 50)) FailOneGuarantee(rng, h.guarantees);

      // Monitoring objects get a category without drawing from the generator, so the
      // rest of the registry is the same as before categories existed.
      if (h.status == HouseholdStatus::kMonitoring) {
        static constexpr registry::MonitoringCategory kCategories[] = {
            registry::MonitoringCategory::kUnstableExited, registry::MonitoringCategory::kMarginal,
            registry::MonitoringCategory::kSuddenHardship};
        h.monitoring_category = kCategories[out.households.size() % 3];
        h.risk_eliminated = YesNo::kNo;
      }
      h.phone = phones.Fresh(rng);
      out.households.push_back(std::move(h));
    }
  }

  // --- Responsible cadres: each village's households in order (so mostly one
  // villager group) split among its cadres; a cadre comes from the village's helping
  // unit (帮扶单位包村) or its town government.
  std::unordered_set<std::string> cadre_names;
  out.cadres.reserve(static_cast<size_t>(targets.responsible_cadres));
  for (const VillagePlan& plan : plans) {
    if (plan.cadres == 0) continue;
    const auto& [prefix, suffix] = Pick(rng, kCountyUnits);
    const std::string helping_unit = std::string(prefix) + targets.county_name + std::string(suffix);
    const std::string town_unit = plan.village->town_name.empty() ? "" : TownUnit(plan.village->town_name);
    size_t next = plan.first_household;
    for (int load : CadreLoads(rng, plan.households, plan.cadres)) {
      DemoCadre cadre;
      const Sex sex = RandomSex(rng, 6000);
      const int birth_year = as_of - rng.Range(24, 56);
      do {
        cadre.name = std::string(RandomSurname(rng)) + GivenName(rng, sex, birth_year);
      } while (!cadre_names.insert(cadre.name).second);
      cadre.phone = phones.Fresh(rng);
      cadre.unit = !town_unit.empty() && rng.Chance(3500) ? town_unit : helping_unit;
      cadre.households = load;
      for (int i = 0; i < load; ++i, ++next) {
        Household& h = out.households[next];
        h.cadre_name = cadre.name;
        h.cadre_phone = cadre.phone;
        h.cadre_unit = cadre.unit;
      }
      out.cadres.push_back(std::move(cadre));
    }
  }
  return out;
}

std::vector<std::string> DemoCountyUnitNames(const std::string& county_name) {
  std::vector<std::string> out;
  for (const auto& [prefix, suffix] : kCountyUnits)
    out.push_back(fmt::format("{}{}{}", prefix, county_name, suffix));
  return out;
}

std::string DemoTownUnitName(const std::string& town_name) {
  return TownUnit(town_name);
}

}  // namespace fupin::demo
