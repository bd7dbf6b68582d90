#include "policy/policy_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "policy/rule.hpp"

namespace fupin::policy {
namespace {

int LineOf(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

// Turns a problem at a line of the file into the Status the caller sees.
class Problems {
 public:
  explicit Problems(std::string_view source_name) : name_(source_name) {}

  Status At(int line, std::string field, std::string rule, std::string_view zh, std::string_view en) const {
    Message message = line > 0 ? Message{fmt::format("策略文件 {} 第 {} 行：{}", name_, line, zh),
                                         fmt::format("policy file {} line {}: {}", name_, line, en)}
                               : Message{fmt::format("策略文件 {}：{}", name_, zh),
                                         fmt::format("policy file {}: {}", name_, en)};
    return Status::Invalid(std::move(field), std::move(rule), std::move(message));
  }

 private:
  std::string name_;
};

struct TypeName {
  const char* zh;
  const char* en;
};
constexpr TypeName kString{"字符串", "a string"};
constexpr TypeName kInteger{"整数", "an integer"};
constexpr TypeName kNumber{"数值", "a number"};
constexpr TypeName kDate{"日期（如 2014-01-01）", "a date such as 2014-01-01"};
constexpr TypeName kBoolean{"true 或 false", "true or false"};
constexpr TypeName kStringArray{"字符串数组", "an array of strings"};
constexpr TypeName kIntegerArray{"整数数组", "an array of integers"};
constexpr TypeName kTable{"表（如 { west = 3.0 }）", "a table such as { west = 3.0 }"};
constexpr TypeName kTableArray{"表数组", "an array of tables"};

// Reads the keys of one table, remembering which it has read so that Finish() can
// refuse the rest (a misspelt `to` must not silently leave a range open).
class TableReader {
 public:
  TableReader(const Problems& problems, const toml::table& table, std::string path)
      : problems_(problems), table_(table), path_(std::move(path)) {}

  int line() const { return LineOf(table_); }
  const std::string& path() const { return path_; }
  std::string Field(std::string_view key) const { return path_ + "." + std::string(key); }

  const toml::node* Get(std::string_view key) {
    used_.insert(std::string(key));
    return table_.get(key);
  }

  Status Missing(std::string_view key) const {
    return problems_.At(line(), Field(key), "policy.missing", fmt::format("缺少必需的键 {}", key),
                        fmt::format("required key {} is missing", key));
  }
  Status WrongType(const toml::node& node, std::string_view key, TypeName type) const {
    return problems_.At(LineOf(node), Field(key), "policy.type", fmt::format("{} 应为{}", key, type.zh),
                        fmt::format("{} must be {}", key, type.en));
  }
  Status Problem(int at_line, std::string field, std::string rule, std::string_view zh,
                 std::string_view en) const {
    return problems_.At(at_line, std::move(field), std::move(rule), zh, en);
  }

  Status String(std::string_view key, std::string* out, bool required = true) {
    const toml::node* node = Get(key);
    if (node == nullptr) return required ? Missing(key) : Status::Ok();
    const auto* value = node->as_string();
    if (value == nullptr) return WrongType(*node, key, kString);
    *out = value->get();
    if (required && out->empty()) {
      return problems_.At(LineOf(*node), Field(key), "policy.missing", fmt::format("{} 不能为空", key),
                          fmt::format("{} must not be empty", key));
    }
    return Status::Ok();
  }

  Status Int(std::string_view key, int* out, int min, int max, bool required = true) {
    const toml::node* node = Get(key);
    if (node == nullptr) return required ? Missing(key) : Status::Ok();
    const auto* value = node->as_integer();
    if (value == nullptr) return WrongType(*node, key, kInteger);
    if (value->get() < min || value->get() > max) {
      return OutOfRange(*node, key, fmt::format("{}", value->get()), fmt::format("{}–{}", min, max));
    }
    *out = static_cast<int>(value->get());
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool* out) {
    const toml::node* node = Get(key);
    if (node == nullptr) return Status::Ok();
    const auto* value = node->as_boolean();
    if (value == nullptr) return WrongType(*node, key, kBoolean);
    *out = value->get();
    return Status::Ok();
  }

  Status DateValue(std::string_view key, std::optional<Date>* out, bool required) {
    const toml::node* node = Get(key);
    if (node == nullptr) return required ? Missing(key) : Status::Ok();
    const auto* value = node->as_date();
    if (value == nullptr) return WrongType(*node, key, kDate);
    const toml::date d = value->get();
    Result<Date> date = Date::FromYmd(d.year, d.month, d.day);
    if (!date.ok()) {
      return problems_.At(LineOf(*node), Field(key), "policy.format", date.status().message().zh,
                          date.status().message().en);
    }
    *out = *date;
    return Status::Ok();
  }

  // A yuan amount, integer or with at most two decimals; `positive` refuses <= 0.
  Status Yuan(std::string_view key, std::optional<Money>* out, bool required, bool positive) {
    const toml::node* node = Get(key);
    if (node == nullptr) return required ? Missing(key) : Status::Ok();
    double yuan = 0;
    if (const auto* i = node->as_integer()) {
      yuan = static_cast<double>(i->get());
    } else if (const auto* f = node->as_floating_point()) {
      yuan = f->get();
    } else {
      return WrongType(*node, key, kNumber);
    }
    if (!std::isfinite(yuan) || std::fabs(yuan) > 1e12) return WrongType(*node, key, kNumber);
    if (positive && yuan <= 0) {
      return problems_.At(LineOf(*node), Field(key), "policy.range",
                          fmt::format("{} 须为正数，实为 {}", key, yuan),
                          fmt::format("{} must be positive; found {}", key, yuan));
    }
    if (!positive && yuan < 0) {
      return problems_.At(LineOf(*node), Field(key), "policy.range",
                          fmt::format("{} 不能为负数，实为 {}", key, yuan),
                          fmt::format("{} must not be negative; found {}", key, yuan));
    }
    *out = Money::FromFen(std::llround(yuan * 100));
    return Status::Ok();
  }

  Status PercentValue(const toml::node& node, std::string_view key, Percent* out) const {
    double value = 0;
    if (const auto* i = node.as_integer()) {
      value = static_cast<double>(i->get());
    } else if (const auto* f = node.as_floating_point()) {
      value = f->get();
    } else {
      return WrongType(node, key, kNumber);
    }
    if (!std::isfinite(value) || value < 0 || value > 100) {
      return OutOfRange(node, key, fmt::format("{}%", value), "0–100%");
    }
    out->hundredths = static_cast<int32_t>(std::llround(value * 100));
    return Status::Ok();
  }

  Status Percentage(std::string_view key, Percent* out) {
    const toml::node* node = Get(key);
    if (node == nullptr) return Missing(key);
    return PercentValue(*node, key, out);
  }

  Status Strings(std::string_view key, std::vector<std::string>* out, std::vector<int>* lines,
                 bool required = true) {
    const toml::node* node = Get(key);
    if (node == nullptr) return required ? Missing(key) : Status::Ok();
    const toml::array* array = node->as_array();
    if (array == nullptr) return WrongType(*node, key, kStringArray);
    for (const toml::node& element : *array) {
      const auto* value = element.as_string();
      if (value == nullptr) return WrongType(element, key, kStringArray);
      out->push_back(value->get());
      if (lines != nullptr) lines->push_back(LineOf(element));
    }
    return Status::Ok();
  }

  Status Ints(std::string_view key, std::vector<int>* out, int min, int max) {
    const toml::node* node = Get(key);
    if (node == nullptr) return Missing(key);
    const toml::array* array = node->as_array();
    if (array == nullptr) return WrongType(*node, key, kIntegerArray);
    for (const toml::node& element : *array) {
      const auto* value = element.as_integer();
      if (value == nullptr) return WrongType(element, key, kIntegerArray);
      if (value->get() < min || value->get() > max) {
        return OutOfRange(element, key, fmt::format("{}", value->get()), fmt::format("{}–{}", min, max));
      }
      out->push_back(static_cast<int>(value->get()));
    }
    return Status::Ok();
  }

  // { west = 3.0, central_east = 2.0 }: every key a declared class, every class given.
  Status Thresholds(std::string_view key, const std::set<std::string>& classes, ClassThresholds* out) {
    const toml::node* node = Get(key);
    if (node == nullptr) return Missing(key);
    const toml::table* table = node->as_table();
    if (table == nullptr) return WrongType(*node, key, kTable);
    for (auto&& [class_key, value] : *table) {
      const std::string id(class_key.str());
      const std::string field = Field(key) + "." + id;
      if (classes.count(id) == 0) {
        return problems_.At(LineOf(value), field, "policy.unknown_class",
                            fmt::format("区域分类 {} 未在 [[region_class]] 中声明", id),
                            fmt::format("region class {} is not declared in [[region_class]]", id));
      }
      FUPIN_RETURN_IF_ERROR(PercentValue(value, std::string(key) + "." + id, &(*out)[id]));
    }
    for (const std::string& id : classes) {
      if (out->count(id) == 0) {
        return problems_.At(LineOf(*node), Field(key), "policy.missing_class",
                            fmt::format("{} 缺少区域分类 {} 的标准", key, id),
                            fmt::format("{} has no value for region class {}", key, id));
      }
    }
    return Status::Ok();
  }

  Status Names(Message* out) {
    FUPIN_RETURN_IF_ERROR(String("zh", &out->zh));
    return String("en", &out->en);
  }

  // from, to, source, and the line.
  Status ReadEntry(Entry* out) {
    out->line = line();
    std::optional<Date> from;
    FUPIN_RETURN_IF_ERROR(DateValue("from", &from, true));
    out->range.from = *from;
    FUPIN_RETURN_IF_ERROR(DateValue("to", &out->range.to, false));
    if (out->range.to && *out->range.to < out->range.from) {
      return problems_.At(
          LineOf(*table_.get("to")), Field("to"), "policy.range_order",
          fmt::format("to（{}）早于 from（{}）", out->range.to->ToString(), from->ToString()),
          fmt::format("to ({}) is before from ({})", out->range.to->ToString(), from->ToString()));
    }
    return String("source", &out->source);
  }

  TableReader Nested(const toml::table& table, std::string path) const {
    return TableReader(problems_, table, std::move(path));
  }

  Status Finish() const {
    for (auto&& [key, value] : table_) {
      if (used_.count(std::string(key.str())) == 0) {
        return problems_.At(LineOf(value), Field(key.str()), "policy.unknown_key",
                            fmt::format("未知的键 {}", key.str()), fmt::format("unknown key {}", key.str()));
      }
    }
    return Status::Ok();
  }

 private:
  Status OutOfRange(const toml::node& node, std::string_view key, const std::string& value,
                    const std::string& range) const {
    return problems_.At(LineOf(node), Field(key), "policy.range",
                        fmt::format("{} = {} 超出范围 {}", key, value, range),
                        fmt::format("{} = {} is outside {}", key, value, range));
  }

  const Problems& problems_;
  const toml::table& table_;
  std::string path_;
  std::set<std::string> used_;
};

// Reads every table of the array `section` with `read`, after its from/to/source.
template <typename E>
Status ReadSection(const toml::table& root, std::string_view section, const Problems& problems, bool required,
                   std::vector<E>* out, const std::function<Status(TableReader&, E&)>& read) {
  const toml::node* node = root.get(section);
  const toml::array* array = node != nullptr ? node->as_array() : nullptr;
  if (node != nullptr && (array == nullptr || (!array->empty() && !array->is_array_of_tables()))) {
    return problems.At(
        LineOf(*node), std::string(section), "policy.type",
        fmt::format("{} 应写作 [[{}]] 条目（表数组）", section, section),
        fmt::format("{} must be written as [[{}]] entries (an array of tables)", section, section));
  }
  if (array == nullptr || array->empty()) {
    if (!required) return Status::Ok();
    return problems.At(0, std::string(section), "policy.missing",
                       fmt::format("缺少必需的 [[{}]] 条目", section),
                       fmt::format("required [[{}]] entries are missing", section));
  }
  for (size_t i = 0; i < array->size(); ++i) {
    TableReader reader(problems, *array->get(i)->as_table(), fmt::format("{}[{}]", section, i));
    E entry;
    FUPIN_RETURN_IF_ERROR(reader.ReadEntry(&entry));
    FUPIN_RETURN_IF_ERROR(read(reader, entry));
    FUPIN_RETURN_IF_ERROR(reader.Finish());
    out->push_back(std::move(entry));
  }
  return Status::Ok();
}

// No two entries with the same key (nullopt: not compared) in force on one day.
template <typename E>
Status NoOverlap(const std::vector<E>& entries, std::string_view section, const Problems& problems,
                 const std::function<std::optional<std::string>(const E&)>& key_of) {
  for (size_t j = 0; j < entries.size(); ++j) {
    const std::optional<std::string> key = key_of(entries[j]);
    if (!key) continue;
    for (size_t i = 0; i < j; ++i) {
      if (key_of(entries[i]) != key || !entries[i].range.Overlaps(entries[j].range)) continue;
      const std::string what =
          key->empty() ? fmt::format("[[{}]]", section) : fmt::format("[[{}]] {}", section, *key);
      const Message ri = entries[i].range.ToText();
      const Message rj = entries[j].range.ToText();
      return problems.At(
          entries[j].line, fmt::format("{}[{}]", section, j), "policy.overlap",
          fmt::format("{} 的有效期（{}）与第 {} 行的条目（{}）重叠", what, rj.zh, entries[i].line, ri.zh),
          fmt::format("{} in force {} overlaps the entry at line {} ({})", what, rj.en, entries[i].line,
                      ri.en));
    }
  }
  return Status::Ok();
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const std::set<std::string_view> kSections = {
    "poverty_line",
    "region_class",
    "profile",
    "region_profile",
    "checklist_item",
    "village_exit",
    "county_exit",
    "compulsory_education_age",
    "monitoring_threshold",
    "risk_elimination",
    "collective_economy",
    "help_day",
    "public_notice",
    "responsibility_load",
    "work_lists",
};

Status ReadVersion(const toml::table& root, const Problems& problems, Policy* policy) {
  const toml::node* node = root.get("version");
  if (node == nullptr) {
    return problems.At(0, "version", "policy.version", "缺少 version（文件第一行应为 version = 1）",
                       "version is missing (the file should start with version = 1)");
  }
  const auto* value = node->as_integer();
  if (value == nullptr || value->get() != kPolicyVersion) {
    return problems.At(LineOf(*node), "version", "policy.version",
                       fmt::format("不支持的版本，本程序只读 version = {}", kPolicyVersion),
                       fmt::format("unsupported version; this build reads version = {}", kPolicyVersion));
  }
  policy->version = kPolicyVersion;
  for (auto&& [key, value_node] : root) {
    if (key.str() != "version" && kSections.count(key.str()) == 0) {
      return problems.At(LineOf(value_node), std::string(key.str()), "policy.unknown_key",
                         fmt::format("未知的键 {}", key.str()), fmt::format("unknown key {}", key.str()));
    }
  }
  return Status::Ok();
}

// Readers of one entry of each section, after its from/to/source.

Status ReadRegionClass(TableReader& r, RegionClass& c) {
  FUPIN_RETURN_IF_ERROR(r.String("id", &c.id));
  FUPIN_RETURN_IF_ERROR(r.Names(&c.name));
  FUPIN_RETURN_IF_ERROR(r.Bool("default", &c.is_default));
  std::vector<int> lines;
  FUPIN_RETURN_IF_ERROR(r.Strings("provinces", &c.provinces, &lines));
  for (size_t i = 0; i < c.provinces.size(); ++i) {
    const std::string& p = c.provinces[i];
    if (p.size() != 2 || !AllDigits(p) || p == "00") {
      return r.Problem(lines[i], r.Field("provinces"), "policy.format",
                       fmt::format("省级代码“{}”应为两位数字", p),
                       fmt::format("province code \"{}\" must be two digits", p));
    }
  }
  return Status::Ok();
}

Status ReadChecklistItem(TableReader& r, ChecklistItem& item) {
  FUPIN_RETURN_IF_ERROR(r.String("id", &item.id));
  return r.Names(&item.name);
}

Status ReadProfile(TableReader& r, Profile& p, const std::set<std::string>& items) {
  FUPIN_RETURN_IF_ERROR(r.String("id", &p.id));
  FUPIN_RETURN_IF_ERROR(r.Names(&p.name));
  std::vector<int> lines;
  FUPIN_RETURN_IF_ERROR(r.Strings("household", &p.household_rules, &lines));
  for (size_t i = 0; i < p.household_rules.size(); ++i) {
    if (FindHouseholdRule(p.household_rules[i]) != nullptr) continue;
    return r.Problem(lines[i], r.Field("household"), "policy.unknown_rule",
                     fmt::format("未知的户退出规则 {}", p.household_rules[i]),
                     fmt::format("unknown household rule {}", p.household_rules[i]));
  }
  for (const char* key : {"village_checklist", "county_checklist"}) {
    auto& list = std::string_view(key) == "village_checklist" ? p.village_checklist : p.county_checklist;
    lines.clear();
    FUPIN_RETURN_IF_ERROR(r.Strings(key, &list, &lines, false));
    for (size_t i = 0; i < list.size(); ++i) {
      if (items.count(list[i]) != 0) continue;
      return r.Problem(lines[i], r.Field(key), "policy.unknown_item",
                       fmt::format("核查条目 {} 未在 [[checklist_item]] 中声明", list[i]),
                       fmt::format("checklist item {} is not declared in [[checklist_item]]", list[i]));
    }
  }
  return Status::Ok();
}

Status ReadRegionProfile(TableReader& r, RegionProfile& m, const std::set<std::string>& profiles) {
  // Not r.String(): the empty prefix is allowed and means everywhere.
  const toml::node* prefix = r.Get("prefix");
  if (prefix == nullptr) return r.Missing("prefix");
  if (prefix->as_string() == nullptr) return r.WrongType(*prefix, "prefix", kString);
  m.prefix = prefix->as_string()->get();
  static constexpr size_t kLengths[] = {0, 2, 4, 6, 9, 12};
  if (!AllDigits(m.prefix) ||
      std::find(std::begin(kLengths), std::end(kLengths), m.prefix.size()) == std::end(kLengths)) {
    return r.Problem(LineOf(*prefix), r.Field("prefix"), "policy.format",
                     fmt::format("区划前缀“{}”应为 0、2、4、6、9 或 12 位数字", m.prefix),
                     fmt::format("region prefix \"{}\" must be 0, 2, 4, 6, 9 or 12 digits", m.prefix));
  }
  FUPIN_RETURN_IF_ERROR(r.String("profile", &m.profile));
  if (profiles.count(m.profile) == 0) {
    return r.Problem(LineOf(*r.Get("profile")), r.Field("profile"), "policy.unknown_profile",
                     fmt::format("标准 {} 未在 [[profile]] 中声明", m.profile),
                     fmt::format("profile {} is not declared in [[profile]]", m.profile));
  }
  return Status::Ok();
}

Status ReadPovertyLine(TableReader& r, PovertyLine& line) {
  std::optional<Money> yuan;
  FUPIN_RETURN_IF_ERROR(r.Yuan("yuan", &yuan, true, true));
  line.per_person_year = *yuan;
  return Status::Ok();
}

Status ReadVillageExit(TableReader& r, VillageExitStandard& v, const std::set<std::string>& classes) {
  return r.Thresholds("incidence_below_percent", classes, &v.incidence_below);
}

Status ReadCountyExit(TableReader& r, CountyExitStandard& c, const std::set<std::string>& classes) {
  FUPIN_RETURN_IF_ERROR(r.Thresholds("incidence_below_percent", classes, &c.incidence_below));
  FUPIN_RETURN_IF_ERROR(r.Percentage("missed_assessment_below_percent", &c.missed_assessment_below));
  FUPIN_RETURN_IF_ERROR(r.Percentage("wrong_exit_below_percent", &c.wrong_exit_below));
  return r.Percentage("recognition_at_least_percent", &c.recognition_at_least);
}

Status ReadSchoolAge(TableReader& r, SchoolAge& a) {
  FUPIN_RETURN_IF_ERROR(r.Int("min_age", &a.min_age, 0, 30));
  FUPIN_RETURN_IF_ERROR(r.Int("max_age", &a.max_age, a.min_age, 30));
  std::string day;
  FUPIN_RETURN_IF_ERROR(r.String("age_on", &day));
  const bool shape =
      day.size() == 5 && day[2] == '-' && AllDigits(day.substr(0, 2)) && AllDigits(day.substr(3));
  if (shape) {
    a.age_on_month = std::stoi(day.substr(0, 2));
    a.age_on_day = std::stoi(day.substr(3));
  }
  // Checked against a non-leap year so that the day exists in every year.
  if (!shape || !Date::FromYmd(2001, a.age_on_month, a.age_on_day).ok()) {
    return r.Problem(LineOf(*r.Get("age_on")), r.Field("age_on"), "policy.format",
                     fmt::format("age_on“{}”应为平年中存在的 MM-DD，如 08-31", day),
                     fmt::format("age_on \"{}\" must be MM-DD of a non-leap year, e.g. 08-31", day));
  }
  return Status::Ok();
}

Status ReadMonitoringThreshold(TableReader& r, MonitoringThreshold& m) {
  std::optional<Money> yuan;
  FUPIN_RETURN_IF_ERROR(r.Yuan("yuan", &yuan, true, true));
  m.per_person_year = *yuan;
  return Status::Ok();
}

Status ReadRiskElimination(TableReader& r, RiskElimination& e) {
  return r.Int("stable_months", &e.stable_months, 1, 120);
}

// The classes, lowest first; each but the last with one upper bound.
Status ReadCollectiveEconomy(TableReader& r, CollectiveEconomyClasses& out) {
  const toml::node* node = r.Get("classes");
  if (node == nullptr) return r.Missing("classes");
  const toml::array* array = node->as_array();
  if (array == nullptr || array->empty() || !array->is_array_of_tables()) {
    return r.WrongType(*node, "classes", kTableArray);
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const bool last = i + 1 == array->size();
    TableReader c = r.Nested(*array->get(i)->as_table(), fmt::format("{}[{}]", r.Field("classes"), i));
    CollectiveEconomyClass cls;
    cls.line = LineOf(*array->get(i));
    FUPIN_RETURN_IF_ERROR(c.String("id", &cls.id));
    FUPIN_RETURN_IF_ERROR(c.Names(&cls.name));
    std::optional<Money> at_most;
    std::optional<Money> below;
    FUPIN_RETURN_IF_ERROR(c.Yuan("at_most_yuan", &at_most, false, false));
    FUPIN_RETURN_IF_ERROR(c.Yuan("below_yuan", &below, false, false));
    FUPIN_RETURN_IF_ERROR(c.Finish());
    if (at_most && below) {
      return c.Problem(cls.line, c.path(), "policy.format", "at_most_yuan 与 below_yuan 只能写一个",
                       "give either at_most_yuan or below_yuan, not both");
    }
    if (last && (at_most || below)) {
      return c.Problem(cls.line, c.path(), "policy.format", "最高一档不应有上限",
                       "the top class must have no upper bound");
    }
    if (!last && !at_most && !below) {
      return c.Problem(cls.line, c.path(), "policy.missing",
                       "除最高一档外每档须有 at_most_yuan 或 below_yuan",
                       "every class but the top one needs at_most_yuan or below_yuan");
    }
    // An inclusive bound of X is the exclusive bound X + 1 fen.
    if (at_most) cls.below = *at_most + Money::FromFen(1);
    if (below) cls.below = *below;
    if (cls.below && !out.classes.empty() && *cls.below <= *out.classes.back().below) {
      return c.Problem(cls.line, c.path(), "policy.bounds_order",
                       fmt::format("分档上限须递增：{} 的上限不高于下一档 {}", cls.id, out.classes.back().id),
                       fmt::format("class bounds must increase: {} does not exceed the class below it ({})",
                                   cls.id, out.classes.back().id));
    }
    out.classes.push_back(std::move(cls));
  }
  return Status::Ok();
}

// A TOML date as a Date, or a policy.type / policy.format problem.
Status DateOf(TableReader& r, const toml::node& node, std::string_view key, Date* out) {
  const auto* value = node.as_date();
  if (value == nullptr) return r.WrongType(node, key, kDate);
  const toml::date d = value->get();
  Result<Date> date = Date::FromYmd(d.year, d.month, d.day);
  if (!date.ok()) {
    return r.Problem(LineOf(node), r.Field(key), "policy.format", date.status().message().zh,
                     date.status().message().en);
  }
  *out = *date;
  return Status::Ok();
}

Status OutsideRule(TableReader& r, const toml::node& node, std::string_view key, Date day,
                   const HelpDayRule& h) {
  const Message range = h.range.ToText();
  return r.Problem(
      LineOf(node), r.Field(key), "policy.range",
      fmt::format("{} 的日期 {} 不在本条帮扶日规则的有效期（{}）内", key, day.ToString(), range.zh),
      fmt::format("{} date {} is outside this help-day entry's range ({})", key, day.ToString(), range.en));
}

// extra = [dates]; moved = [{ date, to, reason }], each `date` a regular help day.
Status ReadHelpDayChanges(TableReader& r, HelpDayRule& h) {
  if (const toml::node* node = r.Get("extra")) {
    const toml::array* array = node->as_array();
    if (array == nullptr) return r.WrongType(*node, "extra", kDate);
    for (const toml::node& element : *array) {
      Date day;
      FUPIN_RETURN_IF_ERROR(DateOf(r, element, "extra", &day));
      if (!h.range.Contains(day)) return OutsideRule(r, element, "extra", day, h);
      h.extra.push_back(day);
    }
  }
  const toml::node* node = r.Get("moved");
  if (node == nullptr) return Status::Ok();
  const toml::array* array = node->as_array();
  if (array == nullptr || (!array->empty() && !array->is_array_of_tables())) {
    return r.WrongType(*node, "moved", kTableArray);
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    TableReader m = r.Nested(*element.as_table(), fmt::format("{}[{}]", r.Field("moved"), i));
    HelpDayMove move;
    const toml::node* date = m.Get("date");
    const toml::node* to = m.Get("to");
    if (date == nullptr) return m.Missing("date");
    if (to == nullptr) return m.Missing("to");
    FUPIN_RETURN_IF_ERROR(DateOf(m, *date, "date", &move.date));
    FUPIN_RETURN_IF_ERROR(DateOf(m, *to, "to", &move.to));
    FUPIN_RETURN_IF_ERROR(m.String("reason", &move.reason, false));
    FUPIN_RETURN_IF_ERROR(m.Finish());
    if (!h.IsRegular(move.date)) {
      return m.Problem(
          LineOf(*date), m.Field("date"), "policy.format",
          fmt::format("调整的日期 {} 不是本规则的常规帮扶日", move.date.ToString()),
          fmt::format("moved date {} is not a regular help day of this rule", move.date.ToString()));
    }
    if (!h.range.Contains(move.to)) return OutsideRule(m, *to, "to", move.to, h);
    h.moved.push_back(std::move(move));
  }
  return Status::Ok();
}

Status ReadResponsibilityLoad(TableReader& r, ResponsibilityLoad& l) {
  FUPIN_RETURN_IF_ERROR(r.Int("max_households_per_cadre", &l.max_households_per_cadre, 1, 100));
  std::vector<int> lines;
  FUPIN_RETURN_IF_ERROR(r.Strings("exempt_levels", &l.exempt_levels, &lines, false));
  for (size_t i = 0; i < l.exempt_levels.size(); ++i) {
    const std::string& level = l.exempt_levels[i];
    if (level == "county_leader" || level == "section" || level == "other") continue;
    return r.Problem(lines[i], r.Field("exempt_levels"), "policy.format",
                     fmt::format("干部职级“{}”应为 county_leader、section 或 other", level),
                     fmt::format("cadre level \"{}\" must be county_leader, section or other", level));
  }
  return Status::Ok();
}

Status ReadHelpDay(TableReader& r, HelpDayRule& h) {
  FUPIN_RETURN_IF_ERROR(r.Int("weekday", &h.weekday, 1, 7));
  FUPIN_RETURN_IF_ERROR(r.Ints("weeks_of_month", &h.weeks_of_month, 1, 5));
  const bool increasing = std::adjacent_find(h.weeks_of_month.begin(), h.weeks_of_month.end(),
                                             std::greater_equal<int>()) == h.weeks_of_month.end();
  if (h.weeks_of_month.empty() || !increasing) {
    return r.Problem(LineOf(*r.Get("weeks_of_month")), r.Field("weeks_of_month"), "policy.bounds_order",
                     "weeks_of_month 须非空且递增，如 [1, 3]",
                     "weeks_of_month must be non-empty and increasing, e.g. [1, 3]");
  }
  return ReadHelpDayChanges(r, h);
}

Status ReadPublicNotice(TableReader& r, PublicNotice& n) {
  return r.Int("days", &n.days, 1, 365);
}

Status ReadWorkLists(TableReader& r, WorkListRule& w) {
  FUPIN_RETURN_IF_ERROR(r.Int("due_soon_days", &w.due_soon_days, 0, 60));
  return r.Int("escalate_after_days", &w.escalate_after_days, 1, 365);
}

// Sections without an id: every entry is a value of the same kind.
template <typename E>
std::optional<std::string> SameKind(const E&) {
  return std::string();
}

// Contradictions within region classes: two defaults at once, or a province in two.
Status CheckRegionClasses(const std::vector<RegionClass>& classes, const Problems& problems) {
  const auto default_key = [](const RegionClass& c) {
    return c.is_default ? std::optional<std::string>("default = true") : std::nullopt;
  };
  FUPIN_RETURN_IF_ERROR(NoOverlap<RegionClass>(classes, "region_class", problems, default_key));
  if (std::none_of(classes.begin(), classes.end(), [](const RegionClass& c) { return c.is_default; })) {
    return problems.At(0, "region_class", "policy.missing",
                       "没有 default = true 的区域分类（未列出的省份归入它）",
                       "no region class has default = true (provinces not listed fall in it)");
  }
  for (size_t j = 0; j < classes.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      if (!classes[i].range.Overlaps(classes[j].range)) continue;
      for (const std::string& p : classes[j].provinces) {
        if (std::find(classes[i].provinces.begin(), classes[i].provinces.end(), p) ==
            classes[i].provinces.end()) {
          continue;
        }
        return problems.At(classes[j].line, fmt::format("region_class[{}].provinces", j),
                           "policy.duplicate_province",
                           fmt::format("省份 {} 同时属于 {} 和第 {} 行的 {}", p, classes[j].id,
                                       classes[i].line, classes[i].id),
                           fmt::format("province {} is in both {} and {} (line {})", p, classes[j].id,
                                       classes[i].id, classes[i].line));
      }
    }
  }
  return Status::Ok();
}

std::set<std::string> IdsOf(const auto& entries) {
  std::set<std::string> ids;
  for (const auto& e : entries) ids.insert(e.id);
  return ids;
}

// Declarations first (classes, checklist items, profiles), so that later sections
// can be checked against them.
Status ReadPolicy(const toml::table& root, const Problems& problems, Policy* p) {
  const auto by_id = [](const auto& e) { return std::optional<std::string>(e.id); };

  FUPIN_RETURN_IF_ERROR(
      ReadSection<RegionClass>(root, "region_class", problems, true, &p->region_classes, ReadRegionClass));
  FUPIN_RETURN_IF_ERROR(NoOverlap<RegionClass>(p->region_classes, "region_class", problems, by_id));
  FUPIN_RETURN_IF_ERROR(CheckRegionClasses(p->region_classes, problems));

  FUPIN_RETURN_IF_ERROR(ReadSection<ChecklistItem>(root, "checklist_item", problems, false,
                                                   &p->checklist_items, ReadChecklistItem));
  FUPIN_RETURN_IF_ERROR(NoOverlap<ChecklistItem>(p->checklist_items, "checklist_item", problems, by_id));

  const std::set<std::string> items = IdsOf(p->checklist_items);
  const auto read_profile = [&items](TableReader& r, Profile& e) { return ReadProfile(r, e, items); };
  FUPIN_RETURN_IF_ERROR(ReadSection<Profile>(root, "profile", problems, true, &p->profiles, read_profile));
  FUPIN_RETURN_IF_ERROR(NoOverlap<Profile>(p->profiles, "profile", problems, by_id));

  const std::set<std::string> profiles = IdsOf(p->profiles);
  const auto read_mapping = [&profiles](TableReader& r, RegionProfile& e) {
    return ReadRegionProfile(r, e, profiles);
  };
  const auto by_prefix = [](const RegionProfile& m) { return std::optional("prefix \"" + m.prefix + "\""); };
  FUPIN_RETURN_IF_ERROR(
      ReadSection<RegionProfile>(root, "region_profile", problems, true, &p->region_profiles, read_mapping));
  FUPIN_RETURN_IF_ERROR(NoOverlap<RegionProfile>(p->region_profiles, "region_profile", problems, by_prefix));

  const std::set<std::string> classes = IdsOf(p->region_classes);
  const auto read_village = [&classes](TableReader& r, VillageExitStandard& e) {
    return ReadVillageExit(r, e, classes);
  };
  const auto read_county = [&classes](TableReader& r, CountyExitStandard& e) {
    return ReadCountyExit(r, e, classes);
  };

  FUPIN_RETURN_IF_ERROR(
      ReadSection<PovertyLine>(root, "poverty_line", problems, true, &p->poverty_lines, ReadPovertyLine));
  FUPIN_RETURN_IF_ERROR(
      NoOverlap<PovertyLine>(p->poverty_lines, "poverty_line", problems, SameKind<PovertyLine>));
  FUPIN_RETURN_IF_ERROR(
      ReadSection<VillageExitStandard>(root, "village_exit", problems, true, &p->village_exit, read_village));
  FUPIN_RETURN_IF_ERROR(NoOverlap<VillageExitStandard>(p->village_exit, "village_exit", problems,
                                                       SameKind<VillageExitStandard>));
  FUPIN_RETURN_IF_ERROR(
      ReadSection<CountyExitStandard>(root, "county_exit", problems, true, &p->county_exit, read_county));
  FUPIN_RETURN_IF_ERROR(
      NoOverlap<CountyExitStandard>(p->county_exit, "county_exit", problems, SameKind<CountyExitStandard>));
  FUPIN_RETURN_IF_ERROR(ReadSection<SchoolAge>(root, "compulsory_education_age", problems, true,
                                               &p->school_age, ReadSchoolAge));
  FUPIN_RETURN_IF_ERROR(
      NoOverlap<SchoolAge>(p->school_age, "compulsory_education_age", problems, SameKind<SchoolAge>));
  FUPIN_RETURN_IF_ERROR(ReadSection<MonitoringThreshold>(root, "monitoring_threshold", problems, false,
                                                         &p->monitoring_thresholds, ReadMonitoringThreshold));
  FUPIN_RETURN_IF_ERROR(NoOverlap<MonitoringThreshold>(p->monitoring_thresholds, "monitoring_threshold",
                                                       problems, SameKind<MonitoringThreshold>));
  FUPIN_RETURN_IF_ERROR(ReadSection<RiskElimination>(root, "risk_elimination", problems, false,
                                                     &p->risk_elimination, ReadRiskElimination));
  FUPIN_RETURN_IF_ERROR(NoOverlap<RiskElimination>(p->risk_elimination, "risk_elimination", problems,
                                                   SameKind<RiskElimination>));
  FUPIN_RETURN_IF_ERROR(ReadSection<CollectiveEconomyClasses>(root, "collective_economy", problems, false,
                                                              &p->collective_economy, ReadCollectiveEconomy));
  FUPIN_RETURN_IF_ERROR(NoOverlap<CollectiveEconomyClasses>(p->collective_economy, "collective_economy",
                                                            problems, SameKind<CollectiveEconomyClasses>));
  FUPIN_RETURN_IF_ERROR(
      ReadSection<HelpDayRule>(root, "help_day", problems, false, &p->help_days, ReadHelpDay));
  FUPIN_RETURN_IF_ERROR(NoOverlap<HelpDayRule>(p->help_days, "help_day", problems, SameKind<HelpDayRule>));
  FUPIN_RETURN_IF_ERROR(
      ReadSection<PublicNotice>(root, "public_notice", problems, false, &p->public_notice, ReadPublicNotice));
  FUPIN_RETURN_IF_ERROR(
      NoOverlap<PublicNotice>(p->public_notice, "public_notice", problems, SameKind<PublicNotice>));
  FUPIN_RETURN_IF_ERROR(ReadSection<ResponsibilityLoad>(root, "responsibility_load", problems, false,
                                                        &p->responsibility_load, ReadResponsibilityLoad));
  FUPIN_RETURN_IF_ERROR(NoOverlap<ResponsibilityLoad>(p->responsibility_load, "responsibility_load", problems,
                                                      SameKind<ResponsibilityLoad>));
  FUPIN_RETURN_IF_ERROR(
      ReadSection<WorkListRule>(root, "work_lists", problems, false, &p->work_lists, ReadWorkLists));
  return NoOverlap<WorkListRule>(p->work_lists, "work_lists", problems, SameKind<WorkListRule>);
}

}  // namespace

Result<Policy> LoadPolicy(std::string_view toml_text, std::string_view source_name) {
  const Problems problems(source_name);
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return Status::Invalid("", "policy.syntax",
                           {fmt::format("策略文件 {} 第 {} 行第 {} 列：TOML 语法错误：{}", source_name,
                                        at.line, at.column, e.description()),
                            fmt::format("policy file {} line {}, column {}: TOML syntax error: {}",
                                        source_name, at.line, at.column, e.description())});
  }
  Policy policy;
  policy.source_name = std::string(source_name);
  FUPIN_RETURN_IF_ERROR(ReadVersion(root, problems, &policy));
  FUPIN_RETURN_IF_ERROR(ReadPolicy(root, problems, &policy));
  return policy;
}

Result<Policy> LoadPolicyFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("policy_file", {fmt::format("无法读取策略文件 {}", path.string()),
                                            fmt::format("cannot read policy file {}", path.string())});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadPolicy(text.str(), path.string());
}

const Policy& DefaultPolicy() {
  static const Policy policy = [] {
    Result<Policy> loaded = LoadPolicy(DefaultPolicyText(), "default.toml (built in)");
    if (!loaded.ok()) {
      // The build's tests load the same text, so this is a broken build, not bad input.
      std::fprintf(stderr, "fupin: built-in policy is invalid: %s\n",
                   loaded.status().ToString(Lang::kEn).c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return policy;
}

}  // namespace fupin::policy
