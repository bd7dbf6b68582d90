#include "household_gen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/date.hpp"
#include "core/id_number.hpp"
#include "core/random.hpp"
#include "core/region_code.hpp"
#include "regions/region_import.hpp"
#include "registry/household_layout.hpp"

namespace fupin::bench {
namespace {

// Randomness: fupin::Rng (core/random.hpp), the demo generator's.

template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T, size_t N>
const T& Pick(Rng& rng, const std::array<Weighted<T>, N>& table) {
  int total = 0;
  for (const auto& w : table) total += w.weight;
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (const auto& w : table) {
    if (r < w.weight) return w.value;
    r -= w.weight;
  }
  return table.back().value;
}

template <typename T, size_t N>
const T& Uniform(Rng& rng, const std::array<T, N>& table) {
  return table[rng.Below(N)];
}

// ---------------------------------------------------------------------------------
// Text helpers.

void AppendInt(std::string& out, int64_t v, int min_digits = 0) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
  (void)ec;
  if (v < 0) out.push_back('-');
  for (int pad = min_digits - static_cast<int>(end - buf); pad > 0; --pad) out.push_back('0');
  out.append(buf, end);
}

/// "1234.50": plain yuan with two decimals, as an export writes it.
void AppendMoney(std::string& out, int64_t fen) {
  if (fen < 0) {
    out.push_back('-');
    fen = -fen;
  }
  AppendInt(out, fen / 100);
  out.push_back('.');
  AppendInt(out, fen % 100, 2);
}

// ---------------------------------------------------------------------------------
// Vocabulary mixes (the Chinese terms of core/vocabulary, as files carry them).

constexpr std::array<Weighted<std::string_view>, 48> kSurnames = {{
    {"王", 71}, {"李", 79}, {"张", 70}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
    {"吴", 16}, {"周", 16}, {"徐", 13}, {"孙", 15}, {"马", 12}, {"朱", 12}, {"胡", 13}, {"郭", 11},
    {"何", 12}, {"罗", 12}, {"高", 11}, {"林", 10}, {"曾", 8},  {"彭", 8},  {"邓", 9},  {"谢", 8},
    {"唐", 8},  {"许", 7},  {"韩", 6},  {"冯", 6},  {"宋", 6},  {"郑", 7},  {"梁", 6},  {"肖", 7},
    {"蒋", 6},  {"钟", 6},  {"廖", 7},  {"袁", 6},  {"余", 6},  {"付", 5},  {"杜", 5},  {"魏", 4},
    {"熊", 4},  {"雷", 4},  {"蔡", 4},  {"田", 4},  {"邹", 4},  {"谭", 4},  {"牟", 2},  {"税", 1},
}};

struct NamePool {
  std::array<std::string_view, 12> first;
  std::array<std::string_view, 16> second;
};

// [era][sex]: era 0 born before 1965, 1 born 1965-1989, 2 later; sex 0 male, 1 female.
constexpr NamePool kGivenNames[3][2] = {
    {{{"德", "国", "建", "志", "永", "正", "光", "明", "文", "绍", "世", "树"},
      {"华", "明", "清", "成", "才", "福", "贵", "荣", "全", "发", "林", "山", "昌", "云", "忠", "祥"}},
     {{"秀", "桂", "玉", "淑", "素", "春", "翠", "德", "凤", "金", "兰", "正"},
      {"英", "兰", "珍", "芳", "华", "琼", "芬", "莲", "群", "贞", "清", "碧", "容", "香", "蓉", "芝"}}},
    {{{"建", "国", "志", "小", "文", "明", "永", "海", "红", "晓", "俊", "学"},
      {"军", "平", "强", "华", "明", "林", "伟", "勇", "波", "刚", "辉", "兵", "东", "斌", "杰", "涛"}},
     {{"小", "晓", "秀", "丽", "春", "红", "玉", "燕", "美", "凤", "素", "丹"},
      {"琼", "芳", "霞", "英", "梅", "丽", "红", "燕", "娟", "敏", "萍", "琴", "莉", "蓉", "玲", "艳"}}},
    {{{"浩", "宇", "子", "俊", "天", "梓", "一", "嘉", "思", "晨", "博", "佳"},
      {"轩", "宇", "杰", "涛", "豪", "鹏", "洋", "然", "睿", "阳", "航", "辰", "逸", "凯", "诚", "鑫"}},
     {{"欣", "思", "雨", "梓", "诗", "佳", "子", "可", "雅", "若", "梦", "语"},
      {"怡", "涵", "萱", "琪", "婷", "雪", "静", "瑶", "琳", "倩", "洁", "颖", "妍", "悦", "馨", "彤"}}},
};

void AppendName(Rng& rng, std::string& out, std::string_view surname, bool female, int birth_year) {
  const NamePool& pool = kGivenNames[birth_year < 1965 ? 0 : birth_year < 1990 ? 1 : 2][female ? 1 : 0];
  out.append(surname);
  if (rng.Percent(15)) {
    out.append(Uniform(rng, pool.second));
    return;
  }
  out.append(Uniform(rng, pool.first));
  out.append(Uniform(rng, pool.second));
}

constexpr std::array<std::string_view, 16> kCountyUnits = {
    "人民政府办公室",   "发展和改革局", "教育局",   "民政局",     "财政局",     "人力资源和社会保障局",
    "住房和城乡建设局", "交通运输局",   "水利局",   "农业农村局", "卫生健康局", "乡村振兴局",
    "市场监督管理局",   "医疗保障局",   "人民医院", "统计局",
};

constexpr std::array<int, 16> kMobilePrefixes = {130, 131, 132, 135, 136, 137, 138, 139,
                                                 150, 151, 152, 157, 158, 159, 182, 187};

void AppendPhone(Rng& rng, std::string& out) {
  AppendInt(out, Uniform(rng, kMobilePrefixes));
  AppendInt(out, static_cast<int64_t>(rng.Below(100000000)), 8);
}

// Household sizes 1-7: mean 2.82 persons per household.
constexpr std::array<Weighted<int>, 7> kSizes = {
    {{1, 20}, {2, 27}, {3, 22}, {4, 18}, {5, 9}, {6, 3}, {7, 1}}};

constexpr std::array<Weighted<std::string_view>, 3> kAttributes = {
    {{"一般贫困户", 65}, {"低保贫困户", 27}, {"特困供养贫困户", 8}}};

constexpr std::array<std::string_view, 12> kCauseNames = {
    "",     "因病",   "因残",   "因学",   "因灾",         "缺土地",
    "缺水", "缺技术", "缺劳力", "缺资金", "交通条件落后", "自身发展动力不足"};
constexpr std::array<Weighted<int>, 11> kMainCauses = {
    {{1, 38}, {2, 16}, {3, 9}, {4, 2}, {5, 3}, {6, 1}, {7, 12}, {8, 10}, {9, 6}, {10, 1}, {11, 2}}};

constexpr std::array<Weighted<std::string_view>, 4> kEthnicities = {
    {{"汉族", 990}, {"彝族", 5}, {"回族", 3}, {"藏族", 2}}};

enum class State : uint8_t { kExited, kPoor, kMonitoring, kReturned, kRemoved };
constexpr std::array<Weighted<State>, 5> kStates = {{{State::kExited, 82},
                                                     {State::kPoor, 4},
                                                     {State::kMonitoring, 10},
                                                     {State::kReturned, 1},
                                                     {State::kRemoved, 3}}};

constexpr int kAsOfYear = 2020;  // ages are counted at 2020-12-31; nobody is born later

// ---------------------------------------------------------------------------------
// Where households live.

struct County {
  std::string address;  // 6 digits: the address code of ID numbers issued there
  std::string name;     // e.g. 资中县
};

struct Village {
  std::string code;  // 12 digits
  size_t county = 0;
  std::string town_unit;  // e.g. 重龙镇人民政府
  int weight = 1;
  int serial = 0;  // last household serial used
};

struct Geography {
  std::vector<County> counties;
  std::vector<Village> villages;  // ascending codes
};

Result<Geography> LoadGeography(Rng& rng) {
  FUPIN_ASSIGN_OR_RETURN(auto regions, regions::EmbeddedDemoRegions());
  std::map<uint64_t, std::string> names;
  for (const auto& r : regions) names.emplace(r.code.number(), r.name);
  Geography g;
  std::map<uint64_t, size_t> county_index;
  for (const auto& [number, name] : names) {
    const RegionCode code = RegionCode::FromNumber(number);
    if (code.level() != RegionLevel::kVillage) continue;
    const RegionCode county = code.AncestorAt(RegionLevel::kCounty);
    auto [it, fresh] = county_index.try_emplace(county.number(), g.counties.size());
    if (fresh) {
      auto county_name = names.find(county.number());
      g.counties.push_back({county.ToShortString(), county_name != names.end() ? county_name->second : ""});
    }
    Village v;
    v.code = code.ToString();
    v.county = it->second;
    auto town = names.find(code.AncestorAt(RegionLevel::kTown).number());
    if (town != names.end()) {
      const std::string_view t = town->second;
      v.town_unit = town->second + (t.ends_with("街道") ? "办事处" : "人民政府");
    }
    // Village committees (suffix 200 and up) hold most households, urban communities few.
    v.weight = number % 1000 >= 200 ? rng.Range(3, 8) : 1;
    g.villages.push_back(std::move(v));
  }
  if (g.villages.empty()) {
    return Status::Internal({"内置区划中没有村", "the embedded regions hold no village"});
  }
  return g;
}

// ---------------------------------------------------------------------------------
// ID numbers: unique by construction. For each county, birth day and sex a counter
// hands out the sequence numbers (odd for men 001-999, even for women 002-998); when
// a day is used up the next day is taken.

class IdIssuer {
 public:
  explicit IdIssuer(size_t counties)
      : first_day_(Date::FromYmd(1900, 1, 1).value().days()),
        last_day_(Date::FromYmd(kAsOfYear, 12, 31).value().days()),
        used_(counties * 2 * static_cast<size_t>(last_day_ - first_day_ + 1), 0) {}

  /// Appends the ID number to `id` and returns the birth date actually used.
  Date Issue(size_t county, const std::string& address, Date birth, bool female, std::string& id) {
    int32_t day = std::clamp(birth.days(), first_day_, last_day_);
    const size_t days = static_cast<size_t>(last_day_ - first_day_ + 1);
    for (;;) {
      uint16_t& used = used_[(county * 2 + (female ? 1 : 0)) * days + static_cast<size_t>(day - first_day_)];
      if (used < (female ? 499 : 500)) {
        const int seq = female ? 2 + 2 * used : 1 + 2 * used;
        ++used;
        const Date d = Date::FromDays(day);
        const size_t start = id.size();
        id.append(address);
        AppendInt(id, d.year(), 4);
        AppendInt(id, d.month(), 2);
        AppendInt(id, d.day(), 2);
        AppendInt(id, seq, 3);
        id.push_back(IdNumber::CheckChar(std::string_view(id).substr(start, 17)));
        return d;
      }
      day = day == last_day_ ? first_day_ : day + 1;
    }
  }

 private:
  int32_t first_day_;
  int32_t last_day_;
  std::vector<uint16_t> used_;
};

// ---------------------------------------------------------------------------------
// One household.

struct Member {
  std::string_view relation;
  bool female = false;
  int age = 0;
  std::string_view surname;
};

std::vector<Member> Compose(Rng& rng, int size) {
  std::vector<Member> m;
  const int head_age = size == 1 ? rng.Range(45, 90) : size == 2 ? rng.Range(35, 85) : rng.Range(28, 72);
  const bool head_female = !rng.Percent(size == 1 ? 60 : 86);
  const std::string_view head_surname = Pick(rng, kSurnames);
  m.push_back({"户主", head_female, head_age, head_surname});
  int rem = size - 1;
  std::string_view child_surname = head_surname;
  if (rem > 0 && rng.Percent(80)) {
    const std::string_view s = Pick(rng, kSurnames);
    if (head_female) child_surname = s;
    m.push_back({"配偶", !head_female, std::max(20, head_age + rng.Range(-5, 5)), s});
    --rem;
  }
  if (rem >= 2 && head_age <= 60 && rng.Percent(20)) {
    const bool father = rng.Percent(35);
    m.push_back({father ? "之父" : "之母", !father, std::min(96, head_age + rng.Range(20, 32)),
                 father ? head_surname : Pick(rng, kSurnames)});
    --rem;
  }
  int oldest_child = -1;
  for (int k = 0; rem > 0 && k < 3 && head_age >= 20; ++k) {
    int age = head_age - rng.Range(20, 35);
    if (age < 0) age = rng.Range(0, std::max(0, head_age - 20));
    const bool female = rng.Percent(48);
    if (oldest_child < 0 || age > m[static_cast<size_t>(oldest_child)].age)
      oldest_child = static_cast<int>(m.size());
    m.push_back({female ? "之女" : "之子", female, age, child_surname});
    --rem;
  }
  if (rem > 0 && oldest_child >= 0 && m[static_cast<size_t>(oldest_child)].age >= 22) {
    const Member child = m[static_cast<size_t>(oldest_child)];
    m.push_back({child.female ? "之女婿" : "之儿媳", !child.female,
                 std::max(20, child.age + rng.Range(-3, 3)), Pick(rng, kSurnames)});
    --rem;
    while (rem > 0) {
      const bool female = rng.Percent(48);
      m.push_back(
          {female ? "之孙女" : "之孙子", female, std::max(0, child.age - rng.Range(20, 30)), child_surname});
      --rem;
    }
  }
  while (rem > 0) {
    const bool female = rng.Percent(50);
    m.push_back({rng.Percent(70) ? "兄弟姐妹" : "其他", female, std::max(16, head_age + rng.Range(-10, 10)),
                 rng.Percent(70) ? head_surname : Pick(rng, kSurnames)});
    --rem;
  }
  return m;
}

// Person columns after the ID: sex, birth date, ethnicity, education, schooling, health,
// labour, migrant work, medical insurance, pension insurance. Returns whether the person
// works away from home (for the household's wage income).
bool AppendPersonTerms(Rng& rng, std::string& out, const Member& p, Date birth) {
  out.append(p.female ? "女," : "男,");
  AppendInt(out, birth.year(), 4);
  out.push_back('-');
  AppendInt(out, birth.month(), 2);
  out.push_back('-');
  AppendInt(out, birth.day(), 2);
  out.push_back(',');
  out.append(Pick(rng, kEthnicities));
  out.push_back(',');

  const int age = p.age;
  const int born = kAsOfYear - age;
  std::string_view education, schooling = "非在校生";
  bool student = false;
  if (age < 6) {
    education = "学龄前儿童";
    if (age >= 3) schooling = "学前教育";
  } else if (age < 12) {
    education = "小学", schooling = "小学", student = true;
  } else if (age < 15) {
    education = "小学", schooling = "初中", student = true;
  } else if (age < 18 && rng.Percent(85)) {
    const bool vocational = rng.Percent(40);
    education = "初中", schooling = vocational ? "中职" : "高中", student = true;
  } else if (age < 22 && rng.Percent(25)) {
    education = "高中", schooling = rng.Percent(50) ? "高职" : "大专及以上", student = true;
  } else if (born < 1960) {
    static constexpr std::array<Weighted<std::string_view>, 4> kOld = {
        {{"文盲或半文盲", 35}, {"小学", 45}, {"初中", 17}, {"高中", 3}}};
    education = Pick(rng, kOld);
  } else if (born < 1980) {
    static constexpr std::array<Weighted<std::string_view>, 6> kMiddle = {
        {{"文盲或半文盲", 8}, {"小学", 35}, {"初中", 45}, {"高中", 8}, {"中专", 3}, {"大专及以上", 1}}};
    education = Pick(rng, kMiddle);
  } else {
    static constexpr std::array<Weighted<std::string_view>, 5> kYoung = {
        {{"小学", 10}, {"初中", 55}, {"高中", 18}, {"中专", 10}, {"大专及以上", 7}}};
    education = Pick(rng, kYoung);
  }
  out.append(education);
  out.push_back(',');
  out.append(schooling);
  out.push_back(',');

  static constexpr std::array<Weighted<int>, 4> kHealthYoung = {{{0, 80}, {1, 8}, {2, 5}, {3, 7}}};
  static constexpr std::array<Weighted<int>, 4> kHealthOld = {{{0, 45}, {1, 35}, {2, 10}, {3, 10}}};
  static constexpr std::array<std::string_view, 4> kHealthNames = {"健康", "长期慢性病", "患有大病", "残疾"};
  const int health = Pick(rng, age < 60 ? kHealthYoung : kHealthOld);
  out.append(kHealthNames[static_cast<size_t>(health)]);
  out.push_back(',');

  std::string_view labour;
  if (age < 16 || student) {
    labour = "无劳动力";
  } else if (health >= 2) {
    labour = rng.Percent(60) ? "丧失劳动力" : "弱劳动力或半劳动力";
  } else if (age >= 70) {
    static constexpr std::array<Weighted<std::string_view>, 3> kOld = {
        {{"无劳动力", 60}, {"丧失劳动力", 20}, {"弱劳动力或半劳动力", 20}}};
    labour = Pick(rng, kOld);
  } else {
    static constexpr std::array<Weighted<std::string_view>, 3> kWorking = {
        {{"普通劳动力", 70}, {"技能劳动力", 12}, {"弱劳动力或半劳动力", 18}}};
    labour = Pick(rng, kWorking);
  }
  out.append(labour);
  out.push_back(',');

  std::string_view migrant = "非务工";
  if ((labour == "普通劳动力" || labour == "技能劳动力") && age >= 18 && age < 60) {
    static constexpr std::array<Weighted<std::string_view>, 4> kMigrant = {
        {{"非务工", 40}, {"县内务工", 20}, {"省内县外务工", 20}, {"省外务工", 20}}};
    migrant = Pick(rng, kMigrant);
  }
  out.append(migrant);
  out.push_back(',');
  out.append(rng.Percent(98) ? "是," : "否,");
  if (age >= 16 && !student) out.append(rng.Percent(85) ? "是" : "否");
  out.push_back(',');
  return migrant != "非务工";
}

int64_t Fen(Rng& rng, int lo_yuan, int hi_yuan) {
  const int64_t yuan = rng.Range(lo_yuan, hi_yuan);
  const int64_t fen = rng.Percent(30) ? static_cast<int64_t>(rng.Below(100)) : 0;
  return yuan * 100 + fen;
}

// The household columns (poverty attribute … cadre unit), the same on every member's row.
void AppendHouseholdFields(Rng& rng, std::string& out, int members, int workers, const std::string& cadre) {
  const std::string_view attribute = Pick(rng, kAttributes);
  out.append(attribute);
  out.push_back(',');
  const int main_cause = Pick(rng, kMainCauses);
  out.append(kCauseNames[static_cast<size_t>(main_cause)]);
  out.push_back(',');
  const int others = rng.Percent(50) ? 0 : rng.Percent(70) ? 1 : 2;
  uint16_t bits = 0;
  for (int i = 0; i < others; ++i) {
    const int c = rng.Range(1, 11);
    if (c != main_cause) bits = static_cast<uint16_t>(bits | (1U << c));
  }
  bool first = true;
  for (int c = 1; c < 12; ++c) {
    if (((bits >> c) & 1U) == 0) continue;
    if (!first) out.append("、");
    out.append(kCauseNames[static_cast<size_t>(c)]);
    first = false;
  }
  out.push_back(',');

  const int64_t wages = workers > 0       ? workers * Fen(rng, 8000, 36000)
                        : rng.Percent(50) ? Fen(rng, 0, 6000)
                                          : 0;
  const int64_t production = Fen(rng, 500, 12000);
  const int64_t property = rng.Percent(70) ? 0 : Fen(rng, 50, 1500);
  const int64_t transfer =
      Fen(rng, 800, 6000) + (attribute == "一般贫困户" ? 0 : static_cast<int64_t>(members) * 240000);
  const int64_t costs = Fen(rng, 200, static_cast<int>(std::min<int64_t>(production / 100, 4000)) + 200);
  const int64_t net = wages + production + property + transfer - costs;
  const int64_t abs_net = net < 0 ? -net : net;
  const int64_t per_capita = (abs_net + members / 2) / members;  // Money::DividedBy
  for (int64_t v : {wages, production, property, transfer, costs}) {
    AppendMoney(out, v);
    out.push_back(',');
  }
  AppendMoney(out, net < 0 ? -per_capita : per_capita);
  out.push_back(',');
  for (int i = 0; i < 8; ++i) out.append(rng.Percent(99) ? "是," : "否,");

  const int registration = rng.Percent(70) ? 2014 : rng.Percent(60) ? 2015 : rng.Range(2016, 2019);
  AppendInt(out, registration);
  out.push_back(',');
  const State state = Pick(rng, kStates);
  int exit_year = 0;
  std::string_view status_text, category, risk;
  switch (state) {
    case State::kExited:
      status_text = "已脱贫";
      exit_year = rng.Range(std::max(registration, 2015), 2020);
      break;
    case State::kPoor:
      status_text = "未脱贫";
      break;
    case State::kMonitoring: {
      status_text = "监测对象";
      const int k = rng.Range(0, 9);
      category = k < 5 ? "脱贫不稳定户" : k < 9 ? "边缘易致贫户" : "突发严重困难户";
      if (k < 5) exit_year = rng.Range(std::max(registration, 2015), 2020);
      risk = rng.Percent(60) ? "是" : "否";
      break;
    }
    case State::kReturned:
      status_text = "返贫";
      exit_year = rng.Range(std::max(registration, 2015), 2019);
      break;
    case State::kRemoved:
      status_text = "自然减少";
      break;
  }
  out.append(status_text);
  out.push_back(',');
  if (exit_year != 0) AppendInt(out, exit_year);
  out.push_back(',');
  out.append(category);
  out.push_back(',');
  out.append(risk);
  out.push_back(',');
  if (rng.Percent(90)) AppendPhone(rng, out);
  out.push_back(',');
  out.append(cadre);  // name,phone,unit
}

}  // namespace

Result<HouseholdFileStats> GenerateHouseholdCsv(const HouseholdFileOptions& options,
                                                const std::function<Status(std::string_view)>& write) {
  Rng rng(options.seed);
  FUPIN_ASSIGN_OR_RETURN(Geography geo, LoadGeography(rng));
  const std::vector<std::string> header = registry::ExportHeader();
  if (header.size() != 42) {
    return Status::Internal({"导出表头的列数与生成器不符", "the export header does not match the generator"});
  }

  constexpr size_t kChunk = 1 << 20;
  std::string out;
  out.reserve(kChunk + 64 * 1024);
  out.append("\xEF\xBB\xBF");
  for (size_t i = 0; i < header.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(header[i]);
  }
  out.append("\r\n");

  HouseholdFileStats stats;
  IdIssuer ids(geo.counties.size());
  int64_t remaining = options.persons;
  std::string household, row_prefix, cadre;
  std::array<std::string, 8> parts;  // one per member (at most 7)
  int cadre_left = 0;
  while (remaining > 0) {
    // One pass over the villages in code order, each getting its share of the
    // households still to come; later passes (rare) continue the serials.
    int64_t total_weight = 0;
    for (const Village& v : geo.villages) total_weight += v.weight;
    const int64_t expected_households = remaining * 100 / 282 + 1;
    for (Village& v : geo.villages) {
      if (remaining == 0) break;
      int64_t quota = std::max<int64_t>(1, expected_households * v.weight / total_weight);
      const County& county = geo.counties[v.county];
      cadre_left = 0;
      for (; quota > 0 && remaining > 0; --quota) {
        const int size = static_cast<int>(std::min<int64_t>(Pick(rng, kSizes), remaining));
        const std::vector<Member> members = Compose(rng, size);
        ++v.serial;
        ++stats.households;
        if (cadre_left == 0) {  // a responsible cadre helps 3-5 households of one village
          cadre_left = rng.Range(3, 5);
          cadre.clear();
          const bool female = rng.Percent(40);
          const int born = rng.Range(1965, 1995);
          AppendName(rng, cadre, Pick(rng, kSurnames), female, born);
          cadre.push_back(',');
          AppendPhone(rng, cadre);
          cadre.push_back(',');
          if (!v.town_unit.empty() && rng.Percent(40)) {
            cadre.append(v.town_unit);
          } else {
            cadre.append(county.name);
            cadre.append(Uniform(rng, kCountyUnits));
          }
        }
        --cadre_left;

        // Household id, village, group.
        row_prefix.assign(v.code);
        AppendInt(row_prefix, v.serial, 6);
        row_prefix.push_back(',');
        row_prefix.append(v.code);
        row_prefix.push_back(',');
        AppendInt(row_prefix, rng.Range(1, 12));
        row_prefix.append("组,");

        // The household fields depend on the members (workers, size): the member
        // parts come first, then the household part is appended to every row.
        int workers = 0;
        for (size_t i = 0; i < members.size(); ++i) {
          const Member& p = members[i];
          std::string& part = parts[i];
          part.clear();
          part.append(p.relation);
          part.push_back(',');
          const int born = kAsOfYear - p.age;
          AppendName(rng, part, p.surname, p.female, born);
          part.push_back(',');
          const int32_t jan1 = Date::FromYmd(born, 1, 1).value().days();
          const Date wanted =
              Date::FromDays(jan1 + static_cast<int32_t>(rng.Below(Date::IsLeapYear(born) ? 366 : 365)));
          const Date birth = ids.Issue(v.county, county.address, wanted, p.female, part);
          part.push_back(',');
          if (AppendPersonTerms(rng, part, p, birth)) ++workers;
        }
        household.clear();
        AppendHouseholdFields(rng, household, size, workers, cadre);
        for (size_t i = 0; i < members.size(); ++i) {
          out.append(row_prefix);
          out.append(parts[i]);
          out.append(household);
          out.append("\r\n");
        }
        remaining -= size;
        stats.persons += size;
        if (out.size() >= kChunk) {
          stats.bytes += static_cast<int64_t>(out.size());
          FUPIN_RETURN_IF_ERROR(write(out));
          out.clear();
        }
      }
    }
  }
  stats.bytes += static_cast<int64_t>(out.size());
  FUPIN_RETURN_IF_ERROR(write(out));
  return stats;
}

Result<std::string> GenerateHouseholdCsvText(const HouseholdFileOptions& options) {
  std::string text;
  text.reserve(static_cast<size_t>(options.persons) * 400 + 4096);
  FUPIN_RETURN_IF_ERROR(GenerateHouseholdCsv(options, [&](std::string_view chunk) {
                          text.append(chunk);
                          return Status::Ok();
                        }).status());
  return text;
}

Result<HouseholdFileStats> WriteHouseholdCsvFile(const HouseholdFileOptions& options,
                                                 const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return Status::Unavailable(
        {fmt::format("无法写入 {}", path.string()), fmt::format("cannot write {}", path.string())});
  }
  auto stats = GenerateHouseholdCsv(options, [&](std::string_view chunk) {
    if (std::fwrite(chunk.data(), 1, chunk.size(), file) != chunk.size()) {
      return Status::Unavailable(
          {fmt::format("写入 {} 失败", path.string()), fmt::format("writing {} failed", path.string())});
    }
    return Status::Ok();
  });
  const bool closed = std::fclose(file) == 0;
  if (stats.ok() && !closed) {
    return Status::Unavailable(
        {fmt::format("写入 {} 失败", path.string()), fmt::format("writing {} failed", path.string())});
  }
  return stats;
}

std::vector<std::string> MakeValidIdNumbers(size_t n, uint64_t seed) {
  static constexpr std::array<std::string_view, 8> kAddresses = {"110105", "310115", "440305", "510321",
                                                                 "511025", "513401", "530102", "610113"};
  Rng rng(seed);
  const int32_t first = Date::FromYmd(1930, 1, 1).value().days();
  const int32_t last = Date::FromYmd(2019, 12, 31).value().days();
  std::unordered_map<uint64_t, int> used;  // (address, day) -> sequence numbers handed out
  std::vector<std::string> out;
  out.reserve(n);
  while (out.size() < n) {
    const size_t a = rng.Below(kAddresses.size());
    const int32_t day = first + static_cast<int32_t>(rng.Below(static_cast<uint64_t>(last - first + 1)));
    int& count = used[static_cast<uint64_t>(a) << 32 | static_cast<uint32_t>(day)];
    if (count >= 999) continue;
    const int seq = ++count;
    const Date d = Date::FromDays(day);
    std::string id(kAddresses[a]);
    AppendInt(id, d.year(), 4);
    AppendInt(id, d.month(), 2);
    AppendInt(id, d.day(), 2);
    AppendInt(id, seq, 3);
    id.push_back(IdNumber::CheckChar(id));
    out.push_back(std::move(id));
  }
  return out;
}

int64_t BenchPersonsFromEnv(int64_t fallback) {
  const char* text = std::getenv("FUPIN_BENCH_PERSONS");
  if (text == nullptr || *text == '\0') return fallback;
  int64_t v = 0;
  const std::string_view s(text);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) {
    std::fprintf(stderr, "FUPIN_BENCH_PERSONS=%s is not a positive number; using %lld\n", text,
                 static_cast<long long>(fallback));
    return fallback;
  }
  return v;
}

}  // namespace fupin::bench
