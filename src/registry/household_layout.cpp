#include "registry/household_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace fupin::registry {
namespace {

constexpr ColumnInfo kColumns[kColumnCount] = {
    {Column::kHouseholdId, "户编号", "household_id", "户码", true},
    {Column::kVillage, "行政区划代码", "village_code", "村代码", true},
    {Column::kGroup, "村民小组", "group", "组"},
    {Column::kRelation, "与户主关系", "relation", "", true},
    {Column::kName, "姓名", "name", "", true},
    {Column::kIdNumber, "证件号码", "id_number", "身份证号码", true},
    {Column::kSex, "性别", "sex"},
    {Column::kBirthDate, "出生日期", "birth_date"},
    {Column::kEthnicity, "民族", "ethnicity"},
    {Column::kEducation, "文化程度", "education"},
    {Column::kSchooling, "在校生状况", "schooling"},
    {Column::kHealth, "健康状况", "health"},
    {Column::kLabour, "劳动技能", "labour_ability"},
    {Column::kMigrantWork, "务工状况", "migrant_work"},
    {Column::kMedicalInsurance, "是否参加城乡居民基本医疗保险", "medical_insurance", "参加医疗保险"},
    {Column::kPensionInsurance, "是否参加城乡居民基本养老保险", "pension_insurance", "参加养老保险"},
    {Column::kAttribute, "贫困户属性", "poverty_attribute", "", true},
    {Column::kMainCause, "主要致贫原因", "main_cause", "", true},
    {Column::kOtherCauses, "其他致贫原因", "other_causes"},
    {Column::kWages, "工资性收入", "wage_income"},
    {Column::kProduction, "生产经营性收入", "production_income"},
    {Column::kProperty, "财产性收入", "property_income"},
    {Column::kTransfer, "转移性收入", "transfer_income"},
    {Column::kProductionCosts, "生产经营性支出", "production_costs"},
    {Column::kPerCapitaNet, "人均纯收入", "per_capita_net_income"},
    {Column::kFood, "不愁吃", "food_secure"},
    {Column::kClothing, "不愁穿", "clothing_secure"},
    {Column::kEducationGuarantee, "义务教育有保障", "education_guaranteed"},
    {Column::kMedicalGuarantee, "基本医疗有保障", "medical_guaranteed"},
    {Column::kHousing, "住房安全有保障", "housing_safe"},
    {Column::kWater, "饮水安全有保障", "drinking_water_safe"},
    {Column::kElectricity, "通生活用电", "electricity"},
    {Column::kRadioTv, "通广播电视", "radio_tv"},
    {Column::kRegistrationYear, "识别年度", "registration_year", "", true},
    {Column::kStatus, "户状态", "status", "脱贫状态", true},
    {Column::kExitYear, "脱贫年度", "exit_year"},
    {Column::kMonitoringCategory, "监测对象类别", "monitoring_category"},
    {Column::kRiskEliminated, "风险是否消除", "risk_eliminated"},
    {Column::kPhone, "联系电话", "phone"},
    {Column::kCadreName, "帮扶责任人", "cadre_name"},
    {Column::kCadrePhone, "帮扶责任人联系电话", "cadre_phone"},
    {Column::kCadreUnit, "帮扶责任人单位", "cadre_unit"},
    {Column::kImportError, "导入错误", "import_error"},
};

[[gnu::always_inline]] inline std::string_view Trim(std::string_view s) {
  // Most cells have nothing to trim: space, tab and CR are all <= ' '.
  if (s.empty() ||
      (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' ')) {
    return s;
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The first separator of a list of causes (、 ， , ; ； /): its offset and length, or
// npos. UTF-8 is self-synchronising, so a byte-wise match is a character match.
std::pair<size_t, size_t> FindCauseSeparator(std::string_view v) {
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == ',' || c == ';' || c == '/') return {i, 1};
    if (c == '\xE3' && v.substr(i, 3) == "、") return {i, 3};
    if (c == '\xEF' && (v.substr(i, 3) == "，" || v.substr(i, 3) == "；")) return {i, 3};
  }
  return {std::string_view::npos, 0};
}

bool IsHouseholdColumn(Column c) {
  return c == Column::kVillage || c == Column::kGroup ||
         (c >= kFirstHouseholdColumn && c < Column::kImportError);
}

// Collects the problems of one row; every helper reads one cell and records a problem
// instead of returning early, so a report lists everything wrong with a row at once.
class RowParser {
 public:
  RowParser(const HeaderMap& header, const std::vector<std::string_view>& fields, size_t row,
            std::vector<RowProblem>* problems, ParsedRow* out)
      : header_(header),
        fields_(fields.data()),
        field_count_(fields.size()),
        row_(row),
        problems_(problems),
        out_(out) {}

  // Inline: ParseRow reads some sixty cells per row, and the call would cost more than the lookup.
  [[gnu::always_inline]] std::string_view Cell(Column c) const {
    const int pos = header_.position[static_cast<size_t>(c)];
    if (pos < 0 || static_cast<size_t>(pos) >= field_count_) return {};
    return Trim(fields_[static_cast<size_t>(pos)]);
  }

  void Problem(Column c, std::string_view value, std::string rule, Message message) {
    out_->valid = false;
    const int pos = header_.position[static_cast<size_t>(c)];
    std::string shown(value);
    if (c == Column::kIdNumber) shown = IdNumber::Mask(value);
    if (c == Column::kPhone || c == Column::kCadrePhone) shown = MaskPhone(value);
    problems_->push_back({row_, pos >= 0 ? std::string(InfoOf(c).zh) : std::string(InfoOf(c).zh), shown,
                          std::move(rule), std::move(message), out_->household_id});
  }

  void FromStatus(Column c, std::string_view value, const Status& s) {
    Problem(c, value, s.rule(), s.message());
  }

  bool Required(Column c, std::string_view value) {
    if (!value.empty()) return true;
    const auto& info = InfoOf(c);
    Problem(c, value, "row.required",
            {fmt::format("第 {} 行缺少必填字段“{}”", row_, info.zh),
             fmt::format("row {}: required field \"{}\" ({}) is empty", row_, info.en, info.zh)});
    return false;
  }

  template <typename E>
  E TermCell(Column c, E fallback, bool required) {
    const std::string_view v = Cell(c);
    if (v.empty()) {
      if (required) Required(c, v);
      return fallback;
    }
    if (auto parsed = ParseTerm<E>(v)) return *parsed;
    UnknownTerm<E>(c, v);
    return fallback;
  }

  // Out of line: keeps the building of the message off the path of valid cells.
  template <typename E>
  [[gnu::noinline]] void UnknownTerm(Column c, std::string_view v) {
    std::string allowed;
    for (const Term& t : TermsOf<E>()) {
      if (t.zh.empty()) continue;
      if (!allowed.empty()) allowed += "、";
      allowed += t.zh;
    }
    const auto& info = InfoOf(c);
    Problem(c, v, "term.unknown",
            {fmt::format("第 {} 行“{}”的值“{}”不在可选范围内（{}）", row_, info.zh, v, allowed),
             fmt::format("row {}: \"{}\" is not an allowed value of {} (allowed: {})", row_, v, info.en,
                         allowed)});
  }

  Money MoneyCell(Column c) {
    const std::string_view v = Cell(c);
    if (v.empty()) return Money();
    auto parsed = Money::Parse(v);
    if (!parsed.ok()) {
      const auto& info = InfoOf(c);
      Problem(c, v, parsed.status().rule(),
              {fmt::format("第 {} 行“{}”：{}", row_, info.zh, parsed.status().message().zh),
               fmt::format("row {}: {}: {}", row_, info.en, parsed.status().message().en)});
      return Money();
    }
    if (parsed->fen() < 0 && c != Column::kPerCapitaNet) {
      const auto& info = InfoOf(c);
      Problem(c, v, "income.negative",
              {fmt::format("第 {} 行“{}”不能为负数", row_, info.zh),
               fmt::format("row {}: {} cannot be negative", row_, info.en)});
    }
    return *parsed;
  }

  int YearCell(Column c, bool required, int this_year) {
    const std::string_view v = Cell(c);
    if (v.empty()) {
      if (required) Required(c, v);
      return 0;
    }
    int year = 0;
    bool digits = v.size() == 4;
    for (char ch : v) {
      if (ch < '0' || ch > '9') digits = false;
    }
    if (digits) {
      for (char ch : v) year = year * 10 + (ch - '0');
    }
    if (!digits || year < 2000 || year > this_year) {
      const auto& info = InfoOf(c);
      Problem(c, v, "year.invalid",
              {fmt::format("第 {} 行“{}”应为 2000 至 {} 之间的年份", row_, info.zh, this_year),
               fmt::format("row {}: {} must be a year from 2000 to {}", row_, info.en, this_year)});
      return 0;
    }
    return year;
  }

  uint16_t CausesCell(Column c) {
    std::string_view v = Cell(c);
    uint16_t bits = 0;
    while (!v.empty()) {
      const auto [cut, sep_len] = FindCauseSeparator(v);
      const std::string_view item = Trim(v.substr(0, cut));
      v = cut == std::string_view::npos ? std::string_view() : v.substr(cut + sep_len);
      if (item.empty()) continue;
      auto cause = ParseTerm<Cause>(item);
      if (!cause || *cause == Cause::kNone) {
        Problem(c, item, "term.unknown",
                {fmt::format("第 {} 行“其他致贫原因”中的“{}”不是已知的致贫原因", row_, item),
                 fmt::format("row {}: \"{}\" in other_causes is not a known cause of poverty", row_, item)});
        continue;
      }
      bits = static_cast<uint16_t>(bits | (1U << static_cast<int>(*cause)));
    }
    return bits;
  }

 private:
  const HeaderMap& header_;
  const std::string_view* fields_;
  size_t field_count_;
  size_t row_;
  std::vector<RowProblem>* problems_;
  ParsedRow* out_;
};

}  // namespace

const ColumnInfo& InfoOf(Column column) {
  return kColumns[static_cast<size_t>(column)];
}

std::vector<std::string> ExportHeader() {
  std::vector<std::string> out;
  for (const auto& c : kColumns) {
    if (c.column != Column::kImportError) out.emplace_back(c.zh);
  }
  return out;
}

Result<HeaderMap> MapHeader(const std::vector<std::string_view>& header) {
  static const auto* lookup = [] {
    auto* m = new std::unordered_map<std::string_view, Column>();
    for (const auto& c : kColumns) {
      m->emplace(c.zh, c.column);
      m->emplace(c.en, c.column);
      if (!c.alias.empty()) m->emplace(c.alias, c.column);
    }
    return m;
  }();
  HeaderMap map;
  map.position.fill(-1);
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view name = Trim(header[i]);
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
    auto it = lookup->find(name);
    if (it == lookup->end()) {
      return Status::Invalid(
          std::string(name), "header.unknown_column",
          {fmt::format("表头第 {} 列“{}”不是已知的列名，请对照 docs/data-format.md", i + 1, name),
           fmt::format("header column {} \"{}\" is not a known column; see docs/data-format.md", i + 1,
                       name)});
    }
    auto& pos = map.position[static_cast<size_t>(it->second)];
    if (pos >= 0) {
      return Status::Invalid(
          std::string(name), "header.duplicate_column",
          {fmt::format("表头中“{}”出现了两次（第 {} 列和第 {} 列）", name, pos + 1, i + 1),
           fmt::format("header column \"{}\" appears twice (columns {} and {})", name, pos + 1, i + 1)});
    }
    pos = static_cast<int>(i);
    map.by_position.push_back(it->second);
  }
  for (const auto& c : kColumns) {
    if (c.required && map.position[static_cast<size_t>(c.column)] < 0) {
      return Status::Invalid(std::string(c.zh), "header.missing_column",
                             {fmt::format("表头缺少必需的列“{}”", c.zh),
                              fmt::format("the header lacks the required column \"{}\" ({})", c.zh, c.en)});
    }
  }
  return map;
}

ParsedRow ParseRow(const HeaderMap& header, const std::vector<std::string_view>& fields, size_t row,
                   Date today, std::vector<RowProblem>* problems) {
  ParsedRow out;
  out.row = row;
  RowParser p(header, fields, row, problems, &out);
  out.household_id = std::string(p.Cell(Column::kHouseholdId));
  p.Required(Column::kHouseholdId, out.household_id);
  if (fields.size() > header.by_position.size()) {
    bool extra_nonempty = false;
    for (size_t i = header.by_position.size(); i < fields.size(); ++i)
      extra_nonempty |= !Trim(fields[i]).empty();
    if (extra_nonempty) {
      p.Problem(Column::kHouseholdId, "", "row.extra_cells",
                {fmt::format("第 {} 行的单元格比表头多（{} 个，表头 {} 个）", row, fields.size(),
                             header.by_position.size()),
                 fmt::format("row {} has more cells ({}) than the header ({})", row, fields.size(),
                             header.by_position.size())});
    }
  }

  Person& person = out.person;
  person.relation = p.TermCell(Column::kRelation, Relation::kOther, true);
  person.name = std::string(p.Cell(Column::kName));
  p.Required(Column::kName, person.name);

  const std::string_view id_text = p.Cell(Column::kIdNumber);
  if (p.Required(Column::kIdNumber, id_text)) {
    if (id_text.find('*') != std::string_view::npos) {
      p.Problem(
          Column::kIdNumber, id_text, "id.masked",
          {fmt::format("第 {} 行身份证号已脱敏，不能导入；请用 --unmasked 导出的文件", row),
           fmt::format("row {}: the ID number is masked and cannot be imported; use a file exported with "
                       "--unmasked",
                       row)});
    } else {
      auto id = IdNumber::Parse(id_text, today);
      if (!id.ok()) {
        p.FromStatus(Column::kIdNumber, id_text, id.status());
      } else {
        person.id_number = std::move(id).value().str();  // moves the string; the date and sex stay
        person.birth_date = id->birth_date();
        person.sex = id->sex();
        const std::string_view sex_text = p.Cell(Column::kSex);
        if (!sex_text.empty()) {
          const Sex given = (sex_text == "男" || sex_text == "M" || sex_text == "m" || sex_text == "male")
                                ? Sex::kMale
                            : (sex_text == "女" || sex_text == "F" || sex_text == "f" || sex_text == "female")
                                ? Sex::kFemale
                                : Sex::kUnknown;
          if (given == Sex::kUnknown) {
            p.Problem(Column::kSex, sex_text, "term.unknown",
                      {fmt::format("第 {} 行性别“{}”应为 男 或 女", row, sex_text),
                       fmt::format("row {}: sex \"{}\" must be 男 (M) or 女 (F)", row, sex_text)});
          } else if (given != id->sex()) {
            p.Problem(
                Column::kSex, sex_text, "person.sex_mismatch",
                {fmt::format("第 {} 行性别“{}”与身份证号（{}）不符", row, sex_text, SexName(id->sex()).zh),
                 fmt::format("row {}: sex \"{}\" disagrees with the ID number ({})", row, sex_text,
                             SexName(id->sex()).en)});
          }
        }
        const std::string_view birth_text = p.Cell(Column::kBirthDate);
        if (!birth_text.empty()) {
          auto birth = Date::Parse(birth_text);
          if (!birth.ok()) {
            p.FromStatus(Column::kBirthDate, birth_text, birth.status());
          } else if (*birth != id->birth_date()) {
            p.Problem(Column::kBirthDate, birth_text, "person.birth_date_mismatch",
                      {fmt::format("第 {} 行出生日期 {} 与身份证号中的 {} 不符", row, birth->ToString(),
                                   id->birth_date().ToString()),
                       fmt::format("row {}: birth date {} disagrees with {} in the ID number", row,
                                   birth->ToString(), id->birth_date().ToString())});
          }
        }
      }
    }
  }
  person.ethnicity = std::string(p.Cell(Column::kEthnicity));
  if (person.ethnicity.empty()) person.ethnicity = "汉族";
  person.education = p.TermCell(Column::kEducation, Education::kUnknown, false);
  person.schooling = p.TermCell(Column::kSchooling, Schooling::kNotInSchool, false);
  person.health = p.TermCell(Column::kHealth, Health::kHealthy, false);
  person.labour = p.TermCell(Column::kLabour, LabourAbility::kOrdinary, false);
  person.migrant_work = p.TermCell(Column::kMigrantWork, MigrantWork::kNone, false);
  person.medical_insurance = p.TermCell(Column::kMedicalInsurance, YesNo::kUnknown, false);
  person.pension_insurance = p.TermCell(Column::kPensionInsurance, YesNo::kUnknown, false);

  for (size_t c = 0; c < static_cast<size_t>(Column::kImportError); ++c) {
    if (IsHouseholdColumn(static_cast<Column>(c)) && !p.Cell(static_cast<Column>(c)).empty()) {
      out.has_household_fields = true;
      break;
    }
  }
  // The head's row must carry the household; other rows may leave it blank.
  const bool need = person.relation == Relation::kHead;
  if (!out.has_household_fields && !need) return out;

  Household& h = out.household_fields;
  h.id = out.household_id;
  const std::string_view village_text = p.Cell(Column::kVillage);
  if (p.Required(Column::kVillage, village_text)) {
    auto code = RegionCode::Parse(village_text);
    if (!code.ok()) {
      p.FromStatus(Column::kVillage, village_text, code.status());
    } else if (code->level() != RegionLevel::kVillage) {
      p.Problem(Column::kVillage, village_text, "village.level",
                {fmt::format("第 {} 行行政区划代码 {} 不是村级（12 位）代码", row, village_text),
                 fmt::format("row {}: region code {} is not a village (12-digit) code", row, village_text)});
    } else {
      h.village = *code;
    }
  }
  h.group = std::string(p.Cell(Column::kGroup));
  h.attribute = p.TermCell(Column::kAttribute, PovertyAttribute::kGeneral, true);
  h.main_cause = p.TermCell(Column::kMainCause, Cause::kNone, h.attribute != PovertyAttribute::kNone);
  h.other_causes = p.CausesCell(Column::kOtherCauses);
  h.income.wages = p.MoneyCell(Column::kWages);
  h.income.production = p.MoneyCell(Column::kProduction);
  h.income.property = p.MoneyCell(Column::kProperty);
  h.income.transfer = p.MoneyCell(Column::kTransfer);
  h.income.production_costs = p.MoneyCell(Column::kProductionCosts);
  if (!p.Cell(Column::kPerCapitaNet).empty()) out.given_per_capita = p.MoneyCell(Column::kPerCapitaNet);
  auto& g = h.guarantees;
  g.food = p.TermCell(Column::kFood, YesNo::kUnknown, false);
  g.clothing = p.TermCell(Column::kClothing, YesNo::kUnknown, false);
  g.education = p.TermCell(Column::kEducationGuarantee, YesNo::kUnknown, false);
  g.medical = p.TermCell(Column::kMedicalGuarantee, YesNo::kUnknown, false);
  g.housing = p.TermCell(Column::kHousing, YesNo::kUnknown, false);
  g.water = p.TermCell(Column::kWater, YesNo::kUnknown, false);
  g.electricity = p.TermCell(Column::kElectricity, YesNo::kUnknown, false);
  g.radio_tv = p.TermCell(Column::kRadioTv, YesNo::kUnknown, false);
  const int this_year = today.year();
  h.registration_year = p.YearCell(Column::kRegistrationYear, true, this_year);
  h.status = p.TermCell(Column::kStatus, HouseholdStatus::kPoor, true);
  h.exit_year = p.YearCell(Column::kExitYear, false, this_year);
  h.monitoring_category = p.TermCell(Column::kMonitoringCategory, MonitoringCategory::kNone, false);
  h.risk_eliminated = p.TermCell(Column::kRiskEliminated, YesNo::kUnknown, false);
  if (h.status == HouseholdStatus::kMonitoring && h.monitoring_category == MonitoringCategory::kNone) {
    p.Problem(
        Column::kMonitoringCategory, "", "household.monitoring_category_missing",
        {fmt::format("第 {} 行户状态为监测对象，但没有监测对象类别", row),
         fmt::format("row {}: the household is a monitoring object but has no monitoring category", row)});
  }
  h.phone = std::string(p.Cell(Column::kPhone));
  h.cadre_name = std::string(p.Cell(Column::kCadreName));
  h.cadre_phone = std::string(p.Cell(Column::kCadrePhone));
  h.cadre_unit = std::string(p.Cell(Column::kCadreUnit));

  if (h.status == HouseholdStatus::kExited && h.exit_year == 0) {
    p.Problem(Column::kExitYear, "", "household.exit_year_missing",
              {fmt::format("第 {} 行户状态为已脱贫，但没有脱贫年度", row),
               fmt::format("row {}: the household is exited but has no exit year", row)});
  }
  if (h.exit_year != 0 && h.registration_year != 0 && h.exit_year < h.registration_year) {
    p.Problem(Column::kExitYear, p.Cell(Column::kExitYear), "household.exit_before_registration",
              {fmt::format("第 {} 行脱贫年度 {} 早于识别年度 {}", row, h.exit_year, h.registration_year),
               fmt::format("row {}: exit year {} is before registration year {}", row, h.exit_year,
                           h.registration_year)});
  }
  if (h.status == HouseholdStatus::kPoor && h.exit_year != 0) {
    p.Problem(Column::kExitYear, p.Cell(Column::kExitYear), "household.poor_with_exit_year",
              {fmt::format("第 {} 行户状态为未脱贫，却填了脱贫年度 {}", row, h.exit_year),
               fmt::format("row {}: the household is in poverty but has exit year {}", row, h.exit_year)});
  }
  return out;
}

std::optional<Column> FirstHouseholdDifference(const Household& a, const Household& b) {
  if (a.village != b.village) return Column::kVillage;
  if (a.group != b.group) return Column::kGroup;
  if (a.attribute != b.attribute) return Column::kAttribute;
  if (a.main_cause != b.main_cause) return Column::kMainCause;
  if (a.other_causes != b.other_causes) return Column::kOtherCauses;
  if (a.income.wages != b.income.wages) return Column::kWages;
  if (a.income.production != b.income.production) return Column::kProduction;
  if (a.income.property != b.income.property) return Column::kProperty;
  if (a.income.transfer != b.income.transfer) return Column::kTransfer;
  if (a.income.production_costs != b.income.production_costs) return Column::kProductionCosts;
  const auto& x = a.guarantees;
  const auto& y = b.guarantees;
  if (x.food != y.food) return Column::kFood;
  if (x.clothing != y.clothing) return Column::kClothing;
  if (x.education != y.education) return Column::kEducationGuarantee;
  if (x.medical != y.medical) return Column::kMedicalGuarantee;
  if (x.housing != y.housing) return Column::kHousing;
  if (x.water != y.water) return Column::kWater;
  if (x.electricity != y.electricity) return Column::kElectricity;
  if (x.radio_tv != y.radio_tv) return Column::kRadioTv;
  if (a.registration_year != b.registration_year) return Column::kRegistrationYear;
  if (a.status != b.status) return Column::kStatus;
  if (a.exit_year != b.exit_year) return Column::kExitYear;
  if (a.monitoring_category != b.monitoring_category) return Column::kMonitoringCategory;
  if (a.risk_eliminated != b.risk_eliminated) return Column::kRiskEliminated;
  if (a.phone != b.phone) return Column::kPhone;
  if (a.cadre_name != b.cadre_name) return Column::kCadreName;
  if (a.cadre_phone != b.cadre_phone) return Column::kCadrePhone;
  if (a.cadre_unit != b.cadre_unit) return Column::kCadreUnit;
  return std::nullopt;
}

std::vector<std::vector<std::string>> HouseholdToRows(const Household& h, bool unmasked) {
  std::vector<std::vector<std::string>> rows;
  std::string causes;
  for (int c = 1; c < kCauseCount; ++c) {
    if (!h.HasOtherCause(static_cast<Cause>(c))) continue;
    if (!causes.empty()) causes += "、";
    causes += TermOf(static_cast<Cause>(c)).zh;
  }
  auto yes_no = [](YesNo v) { return std::string(TermOf(v).zh); };
  for (const Person& p : h.members) {
    std::vector<std::string> r;
    r.reserve(kColumnCount - 1);
    r.push_back(h.id);
    r.push_back(h.village.ToString());
    r.push_back(h.group);
    r.emplace_back(TermOf(p.relation).zh);
    r.push_back(p.name);
    r.push_back(unmasked ? p.id_number : IdNumber::Mask(p.id_number));
    r.push_back(SexName(p.sex).zh);
    r.push_back(p.birth_date.ToString());
    r.push_back(p.ethnicity);
    r.emplace_back(TermOf(p.education).zh);
    r.emplace_back(TermOf(p.schooling).zh);
    r.emplace_back(TermOf(p.health).zh);
    r.emplace_back(TermOf(p.labour).zh);
    r.emplace_back(TermOf(p.migrant_work).zh);
    r.push_back(yes_no(p.medical_insurance));
    r.push_back(yes_no(p.pension_insurance));
    r.emplace_back(TermOf(h.attribute).zh);
    r.emplace_back(TermOf(h.main_cause).zh);
    r.push_back(causes);
    r.push_back(h.income.wages.ToPlain());
    r.push_back(h.income.production.ToPlain());
    r.push_back(h.income.property.ToPlain());
    r.push_back(h.income.transfer.ToPlain());
    r.push_back(h.income.production_costs.ToPlain());
    r.push_back(h.PerCapitaNetIncome().ToPlain());
    const auto& g = h.guarantees;
    for (auto v :
         {g.food, g.clothing, g.education, g.medical, g.housing, g.water, g.electricity, g.radio_tv}) {
      r.push_back(yes_no(v));
    }
    r.push_back(std::to_string(h.registration_year));
    r.emplace_back(TermOf(h.status).zh);
    r.push_back(h.exit_year == 0 ? std::string() : std::to_string(h.exit_year));
    r.emplace_back(TermOf(h.monitoring_category).zh);
    r.push_back(yes_no(h.risk_eliminated));
    r.push_back(unmasked ? h.phone : MaskPhone(h.phone));
    r.push_back(h.cadre_name);
    r.push_back(unmasked ? h.cadre_phone : MaskPhone(h.cadre_phone));
    r.push_back(h.cadre_unit);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace fupin::registry
