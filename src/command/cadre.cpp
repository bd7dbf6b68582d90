#include "command/cadre.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/id_number.hpp"
#include "core/region_code.hpp"
#include "registry/household.hpp"

namespace fupin {
namespace {
constexpr Term kUnitKinds[] = {
    {"county_department", "县级部门", "county department", "县直部门", "县级单位"},
    {"town", "乡镇", "town", "乡镇(街道)", "街道"},
    {"other", "其他帮扶单位", "other helping unit", "其他", "帮扶单位"},
};
constexpr Term kCadreLevels[] = {
    {"county_leader", "县级领导", "county leader", "县级", "县领导"},
    {"section", "科级", "section level", "科级干部"},
    {"other", "其他", "other", "一般干部"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<command::UnitKind>() {
  return kUnitKinds;
}
template <>
std::span<const Term> TermsOf<command::CadreLevel>() {
  return kCadreLevels;
}
}  // namespace fupin

namespace fupin::command {
namespace {

using registry::RowProblem;
using registry::TableFile;
using registry::TableImportReport;
using registry::TableRow;

constexpr registry::TableColumn kUnitLayout[] = {
    {"单位编码", "unit_id", true},
    {"单位名称", "name", true},
    {"单位类别", "kind", true},
    {"所属区划", "region", true},
};
enum UnitCol { kUnitId, kUnitName, kUnitKind, kUnitRegion };

constexpr registry::TableColumn kCadreLayout[] = {
    {"干部编号", "cadre_id", true}, {"姓名", "name", true},          {"单位编码", "unit_id", true},
    {"职务", "post", true},         {"职级", "level", true},         {"是否党员", "party_member", true},
    {"联系电话", "phone", false},   {"任职起", "active_from", true}, {"任职止", "active_to", false},
};
enum CadreCol {
  kCadreId,
  kCadreName,
  kCadreUnit,
  kCadrePost,
  kCadreLevel,
  kCadreParty,
  kCadrePhone,
  kCadreFrom,
  kCadreTo
};

// Collects problems of one file, naming row, column (as written), value and rule.
class Checker {
 public:
  Checker(const TableFile& file, std::span<const registry::TableColumn> layout, TableImportReport* report)
      : file_(file), layout_(layout), report_(report) {}

  void Add(const TableRow& row, size_t column, std::string value, std::string rule, Message message) {
    report_->problems.push_back(RowProblem{row.line, file_.header[column], std::move(value), std::move(rule),
                                           std::move(message), ""});
  }

  // Every required column has a value on this row; false (with problems) otherwise.
  bool Required(const TableRow& row) {
    bool ok = true;
    for (size_t c = 0; c < layout_.size(); ++c) {
      if (!layout_[c].required || !row.values[c].empty()) continue;
      Add(row, c, "", "row.required",
          {fmt::format("第 {} 行“{}”不能为空", row.line, file_.header[c]),
           fmt::format("row {}: {} ({}) must not be empty", row.line, file_.header[c], layout_[c].en)});
      ok = false;
    }
    return ok;
  }

  // A date, or a date.format problem.
  std::optional<Date> DateAt(const TableRow& row, size_t column) {
    const std::string& text = row.values[column];
    auto date = Date::Parse(text);
    if (date.ok()) return *date;
    Add(row, column, text, "date.format",
        {fmt::format("第 {} 行“{}”的日期“{}”无法识别（应为 YYYY-MM-DD）", row.line, file_.header[column],
                     text),
         fmt::format("row {}: {} \"{}\" is not a date (expected YYYY-MM-DD)", row.line, layout_[column].en,
                     text)});
    return std::nullopt;
  }

 private:
  const TableFile& file_;
  std::span<const registry::TableColumn> layout_;
  TableImportReport* report_;
};

}  // namespace

bool ActiveOn(const store::CadreRow& cadre, Date day) {
  const std::string d = day.ToString();
  return cadre.active_from <= d && (cadre.active_to.empty() || d <= cadre.active_to);
}

bool IsMobilePhone(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::span<const registry::TableColumn> UnitLayout() {
  return kUnitLayout;
}
std::span<const registry::TableColumn> CadreLayout() {
  return kCadreLayout;
}

Result<TableImportReport> ImportUnitFile(store::Store& store, const std::filesystem::path& path,
                                         const registry::TableImportOptions& options) {
  FUPIN_ASSIGN_OR_RETURN(TableFile file, registry::ReadTableFile(path, kUnitLayout, options.encoding));
  TableImportReport report;
  report.encoding = file.encoding;
  report.rows = file.rows.size();
  Checker check(file, kUnitLayout, &report);
  FUPIN_ASSIGN_OR_RETURN(auto stored, store.ListUnits());
  std::unordered_map<std::string, std::string> stored_id_of_name;
  for (const auto& u : stored) stored_id_of_name[u.name] = u.id;

  std::map<std::string, size_t> id_row, name_row;
  std::set<uint64_t> known_regions;
  std::vector<store::UnitRow> units;
  for (const TableRow& row : file.rows) {
    const size_t before = report.problems.size();
    if (!check.Required(row)) continue;
    store::UnitRow u;
    u.id = row.values[kUnitId];
    u.name = row.values[kUnitName];
    if (auto [it, first] = id_row.try_emplace(u.id, row.line); !first) {
      check.Add(row, kUnitId, u.id, "unit.duplicate_id",
                {fmt::format("第 {} 行单位编码 {} 与第 {} 行重复", row.line, u.id, it->second),
                 fmt::format("row {}: unit id {} repeats row {}", row.line, u.id, it->second)});
    }
    if (auto [it, first] = name_row.try_emplace(u.name, row.line); !first) {
      check.Add(row, kUnitName, u.name, "unit.duplicate_name",
                {fmt::format("第 {} 行单位名称“{}”与第 {} 行重复", row.line, u.name, it->second),
                 fmt::format("row {}: unit name \"{}\" repeats row {}", row.line, u.name, it->second)});
    } else if (auto s = stored_id_of_name.find(u.name); s != stored_id_of_name.end() && s->second != u.id) {
      check.Add(
          row, kUnitName, u.name, "unit.duplicate_name",
          {fmt::format("第 {} 行单位名称“{}”已被单位 {} 使用", row.line, u.name, s->second),
           fmt::format("row {}: unit name \"{}\" is already used by unit {}", row.line, u.name, s->second)});
    }
    auto kind = ParseTerm<UnitKind>(row.values[kUnitKind]);
    if (!kind) {
      check.Add(row, kUnitKind, row.values[kUnitKind], "unit.kind",
                {fmt::format("第 {} 行单位类别“{}”应为 县级部门、乡镇 或 其他帮扶单位", row.line,
                             row.values[kUnitKind]),
                 fmt::format("row {}: unit kind \"{}\" must be county_department, town or other", row.line,
                             row.values[kUnitKind])});
    } else {
      u.kind = std::string(TermOf(*kind).code);
    }
    auto region = RegionCode::Parse(row.values[kUnitRegion]);
    if (!region.ok()) {
      check.Add(row, kUnitRegion, row.values[kUnitRegion], "region.format",
                {fmt::format("第 {} 行所属区划“{}”不是有效的区划代码：{}", row.line, row.values[kUnitRegion],
                             region.status().message().zh),
                 fmt::format("row {}: region \"{}\" is not a valid division code: {}", row.line,
                             row.values[kUnitRegion], region.status().message().en)});
    } else {
      u.region = *region;
      if (!known_regions.contains(region->number())) {
        FUPIN_ASSIGN_OR_RETURN(auto found, store.FindRegion(*region));
        if (found) {
          known_regions.insert(region->number());
        } else {
          check.Add(row, kUnitRegion, row.values[kUnitRegion], "region.unknown",
                    {fmt::format("第 {} 行所属区划 {} 不在区划表中（先用 fupin regions import 导入）",
                                 row.line, region->ToString()),
                     fmt::format("row {}: region {} is not in the region table (import regions first)",
                                 row.line, region->ToString())});
        }
      }
    }
    if (report.problems.size() == before) units.push_back(std::move(u));
  }
  if (report.problems.empty() || options.skip_invalid) {
    FUPIN_ASSIGN_OR_RETURN(report.counts, store.WriteUnits(units, options.context));
    report.written = true;
  }
  FUPIN_RETURN_IF_ERROR(registry::FinishTableImport(path, options, &report));
  return report;
}

Result<TableImportReport> ImportCadreFile(store::Store& store, const std::filesystem::path& path,
                                          const registry::TableImportOptions& options) {
  FUPIN_ASSIGN_OR_RETURN(TableFile file, registry::ReadTableFile(path, kCadreLayout, options.encoding));
  TableImportReport report;
  report.encoding = file.encoding;
  report.rows = file.rows.size();
  Checker check(file, kCadreLayout, &report);
  FUPIN_ASSIGN_OR_RETURN(auto units, store.ListUnits());
  std::set<std::string> unit_ids;
  for (const auto& u : units) unit_ids.insert(u.id);

  std::map<std::string, size_t> id_row;
  std::vector<store::CadreRow> cadres;
  for (const TableRow& row : file.rows) {
    const size_t before = report.problems.size();
    if (!check.Required(row)) continue;
    store::CadreRow c;
    c.id = row.values[kCadreId];
    c.name = row.values[kCadreName];
    c.unit_id = row.values[kCadreUnit];
    c.post = row.values[kCadrePost];
    c.phone = row.values[kCadrePhone];
    if (auto [it, first] = id_row.try_emplace(c.id, row.line); !first) {
      check.Add(row, kCadreId, c.id, "cadre.duplicate_id",
                {fmt::format("第 {} 行干部编号 {} 与第 {} 行重复", row.line, c.id, it->second),
                 fmt::format("row {}: cadre id {} repeats row {}", row.line, c.id, it->second)});
    }
    if (!unit_ids.contains(c.unit_id)) {
      check.Add(
          row, kCadreUnit, c.unit_id, "unit.unknown",
          {fmt::format("第 {} 行单位编码 {} 不存在（先用 fupin units import 导入单位）", row.line, c.unit_id),
           fmt::format("row {}: unit {} does not exist (import units first with fupin units import)",
                       row.line, c.unit_id)});
    }
    if (auto level = ParseTerm<CadreLevel>(row.values[kCadreLevel])) {
      c.level = std::string(TermOf(*level).code);
    } else {
      check.Add(
          row, kCadreLevel, row.values[kCadreLevel], "cadre.level",
          {fmt::format("第 {} 行职级“{}”应为 县级领导、科级 或 其他", row.line, row.values[kCadreLevel]),
           fmt::format("row {}: level \"{}\" must be county_leader, section or other", row.line,
                       row.values[kCadreLevel])});
    }
    auto party = ParseTerm<registry::YesNo>(row.values[kCadreParty]);
    if (!party || *party == registry::YesNo::kUnknown) {
      check.Add(
          row, kCadreParty, row.values[kCadreParty], "cadre.party_member",
          {fmt::format("第 {} 行是否党员“{}”应为 是 或 否", row.line, row.values[kCadreParty]),
           fmt::format("row {}: party member \"{}\" must be yes or no", row.line, row.values[kCadreParty])});
    } else {
      c.party_member = *party == registry::YesNo::kYes;
    }
    if (!c.phone.empty() && !IsMobilePhone(c.phone)) {
      check.Add(row, kCadrePhone, MaskPhone(c.phone), "phone.format",
                {fmt::format("第 {} 行联系电话应为 11 位手机号码", row.line),
                 fmt::format("row {}: phone must be an 11-digit mobile number", row.line)});
    }
    const auto from = check.DateAt(row, kCadreFrom);
    if (from) c.active_from = from->ToString();
    if (!row.values[kCadreTo].empty()) {
      const auto to = check.DateAt(row, kCadreTo);
      if (to) {
        c.active_to = to->ToString();
        if (from && *to < *from) {
          check.Add(row, kCadreTo, c.active_to, "date.order",
                    {fmt::format("第 {} 行任职止 {} 早于任职起 {}", row.line, c.active_to, c.active_from),
                     fmt::format("row {}: active_to {} is before active_from {}", row.line, c.active_to,
                                 c.active_from)});
        }
      }
    }
    if (report.problems.size() == before) cadres.push_back(std::move(c));
  }
  if (report.problems.empty() || options.skip_invalid) {
    FUPIN_ASSIGN_OR_RETURN(report.counts, store.WriteCadres(cadres, options.context));
    report.written = true;
  }
  FUPIN_RETURN_IF_ERROR(registry::FinishTableImport(path, options, &report));
  return report;
}

}  // namespace fupin::command
