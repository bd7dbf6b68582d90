#include "responsibility/assignment.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

#include "command/cadre.hpp"

namespace fupin {
namespace {
constexpr Term kKinds[] = {
    {"town_leader", "县级领导包镇", "county leader of a town", "包镇领导", "县级领导"},
    {"village_unit", "帮扶单位包村", "helping unit of a village", "帮扶单位", "包村单位"},
    {"group_leader", "包组领导", "leader in charge of a villager group", "包组干部"},
    {"household_cadre", "帮扶责任人", "responsible cadre of a household", "包户干部", "帮扶干部"},
    {"first_secretary", "第一书记", "first secretary", "驻村第一书记"},
    {"work_team", "驻村工作队员", "village work team member", "驻村工作队", "工作队员"},
    {"shock_team", "突击队员", "shock team member", "突击队"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<responsibility::AssignmentKind>() {
  return kKinds;
}
}  // namespace fupin

namespace fupin::responsibility {
namespace {

using registry::RowProblem;
using registry::TableImportReport;
using registry::TableRow;

constexpr registry::TableColumn kLayout[] = {
    {"包保类型", "kind", true},      {"包保对象", "target", true},
    {"干部编号", "cadre_id", false}, {"帮扶单位编码", "unit_id", false},
    {"起始日期", "date_from", true}, {"终止日期", "date_to", false},
    {"备注", "note", false},
};
enum Col { kKind, kTarget, kCadre, kUnit, kFrom, kTo, kNote };

}  // namespace

bool IsSingleHolder(AssignmentKind kind) {
  return kind == AssignmentKind::kHouseholdCadre || kind == AssignmentKind::kFirstSecretary ||
         kind == AssignmentKind::kGroupLeader;
}

std::string GroupTarget(RegionCode village, std::string_view group) {
  return fmt::format("{}/{}", village.ToString(), group);
}

bool InForceOn(const store::AssignmentRow& a, Date day) {
  const std::string d = day.ToString();
  return a.date_from <= d && (a.date_to.empty() || d <= a.date_to);
}

Result<std::optional<Responsible>> ResponsibleOn(store::Store& store, std::string_view household_id,
                                                 Date day) {
  const std::vector<std::string> ids = {std::string(household_id)};
  FUPIN_ASSIGN_OR_RETURN(auto found, store.FindHouseholds(ids));
  if (found.empty()) {
    return Status::NotFound("household_id", {fmt::format("没有户编号为 {} 的户", household_id),
                                             fmt::format("no household with number {}", household_id)});
  }
  store::AssignmentFilter filter;
  filter.kind = "household_cadre";
  filter.target = std::string(household_id);
  filter.active_on = day.ToString();
  FUPIN_ASSIGN_OR_RETURN(auto rows, store.ListAssignments(filter));
  std::optional<Responsible> out;
  for (const auto& a : rows) {  // by id: the latest recorded wins
    FUPIN_ASSIGN_OR_RETURN(auto cadre, store.FindCadre(a.cadre_id));
    if (!cadre) continue;
    Responsible r{a, *cadre, std::nullopt};
    FUPIN_ASSIGN_OR_RETURN(auto units, store.ListUnits());
    for (const auto& u : units) {
      if (u.id == cadre->unit_id) r.unit = u;
    }
    out = std::move(r);
  }
  return out;
}

Result<std::vector<store::AssignmentRow>> AssignmentHistory(store::Store& store, std::string_view target) {
  store::AssignmentFilter filter;
  filter.target = std::string(target);
  return store.ListAssignments(filter);
}

Result<int64_t> HouseholdLoad(store::Store& store, std::string_view cadre_id, Date day) {
  store::AssignmentFilter filter;
  filter.kind = "household_cadre";
  filter.cadre_id = std::string(cadre_id);
  filter.active_on = day.ToString();
  FUPIN_ASSIGN_OR_RETURN(auto rows, store.ListAssignments(filter));
  return static_cast<int64_t>(rows.size());
}

Status CheckLoad(const policy::Policy& policy, const store::CadreRow& cadre, int64_t households, Date day) {
  const policy::ResponsibilityLoad* rule = policy.ResponsibilityLoadAt(day);
  if (rule == nullptr || households <= rule->max_households_per_cadre) return Status::Ok();
  for (const auto& level : rule->exempt_levels) {
    if (level == cadre.level) return Status::Ok();
  }
  return Status::FailedPrecondition(
      "cadre_id", "load.max_households",
      {fmt::format("干部 {}（{}）将包保 {} 户，超过每人最多 {} 户的规定（政策文件 responsibility_load）",
                   cadre.name, cadre.id, households, rule->max_households_per_cadre),
       fmt::format("cadre {} ({}) would be responsible for {} households, above the limit of {} per cadre "
                   "(policy responsibility_load)",
                   cadre.name, cadre.id, households, rule->max_households_per_cadre)});
}

std::span<const registry::TableColumn> AssignmentLayout() {
  return kLayout;
}

Result<TableImportReport> ImportAssignmentFile(store::Store& store, const policy::Policy& policy,
                                               const std::filesystem::path& path,
                                               const registry::TableImportOptions& options) {
  FUPIN_ASSIGN_OR_RETURN(registry::TableFile file, registry::ReadTableFile(path, kLayout, options.encoding));
  TableImportReport report;
  report.encoding = file.encoding;
  report.rows = file.rows.size();
  const auto add = [&](const TableRow& row, size_t column, std::string value, std::string rule, Message m) {
    report.problems.push_back(
        RowProblem{row.line, file.header[column], std::move(value), std::move(rule), std::move(m), ""});
  };

  // What the rows refer to, read once.
  FUPIN_ASSIGN_OR_RETURN(auto cadre_rows, store.ListCadres());
  std::unordered_map<std::string, store::CadreRow> cadres;
  for (auto& c : cadre_rows) cadres.emplace(c.id, std::move(c));
  FUPIN_ASSIGN_OR_RETURN(auto unit_rows, store.ListUnits());
  std::set<std::string> units;
  for (const auto& u : unit_rows) units.insert(u.id);
  std::vector<std::string> household_ids;
  for (const TableRow& row : file.rows) {
    auto kind = ParseTerm<AssignmentKind>(row.values[kKind]);
    if (kind == AssignmentKind::kHouseholdCadre) household_ids.push_back(row.values[kTarget]);
  }
  FUPIN_ASSIGN_OR_RETURN(auto households, store.FindHouseholds(household_ids));
  FUPIN_ASSIGN_OR_RETURN(auto all, store.ListAssignments({}));
  std::map<std::pair<std::string, std::string>, std::vector<const store::AssignmentRow*>> open_by_target;
  std::unordered_map<std::string, int64_t> load;  // open household assignments per cadre
  for (const auto& a : all) {
    if (!a.date_to.empty()) continue;
    open_by_target[{a.kind, a.target}].push_back(&a);
    if (a.kind == "household_cadre") ++load[a.cadre_id];
  }
  std::unordered_map<uint64_t, bool> region_known;
  const auto known = [&](RegionCode code) -> Result<bool> {
    auto it = region_known.find(code.number());
    if (it != region_known.end()) return it->second;
    FUPIN_ASSIGN_OR_RETURN(auto r, store.FindRegion(code));
    region_known[code.number()] = r.has_value();
    return r.has_value();
  };

  store::AssignmentChange change;
  std::map<std::pair<std::string, std::string>, size_t> seen;  // single-holder (kind, target) -> row
  for (const TableRow& row : file.rows) {
    const size_t before = report.problems.size();
    for (size_t c : {size_t{kKind}, size_t{kTarget}, size_t{kFrom}}) {
      if (!row.values[c].empty()) continue;
      add(row, c, "", "row.required",
          {fmt::format("第 {} 行“{}”不能为空", row.line, file.header[c]),
           fmt::format("row {}: {} must not be empty", row.line, kLayout[c].en)});
    }
    if (report.problems.size() != before) continue;
    store::AssignmentRow a;
    a.target = row.values[kTarget];
    a.cadre_id = row.values[kCadre];
    a.unit_id = row.values[kUnit];
    a.note = row.values[kNote];
    auto kind = ParseTerm<AssignmentKind>(row.values[kKind]);
    if (!kind) {
      add(row, kKind, row.values[kKind], "assignment.kind",
          {fmt::format(
               "第 {} "
               "行包保类型“{}"
               "”未知（县级领导包镇、帮扶单位包村、包组领导、帮扶责任人、第一书记、驻村工作队员、突击队员）",
               row.line, row.values[kKind]),
           fmt::format("row {}: unknown assignment kind \"{}\" (town_leader, village_unit, group_leader, "
                       "household_cadre, first_secretary, work_team, shock_team)",
                       row.line, row.values[kKind])});
      continue;
    }
    a.kind = std::string(TermOf(*kind).code);
    // The target, by kind.
    const auto target_unknown = [&](std::string_view zh, std::string_view en) {
      add(row, kTarget, a.target, "target.unknown",
          {fmt::format("第 {} 行包保对象“{}”：{}", row.line, a.target, zh),
           fmt::format("row {}: target \"{}\": {}", row.line, a.target, en)});
    };
    if (*kind == AssignmentKind::kHouseholdCadre) {
      auto h = households.find(a.target);
      if (h == households.end()) {
        target_unknown("户不存在（先导入建档立卡户）", "no such household (import households first)");
      } else {
        a.region = h->second.village;
      }
    } else {
      std::string_view code_text = a.target;
      std::string group;
      if (*kind == AssignmentKind::kGroupLeader) {
        const size_t slash = a.target.find('/');
        code_text = std::string_view(a.target).substr(0, slash);
        if (slash != std::string::npos) group = a.target.substr(slash + 1);
      }
      auto code = RegionCode::Parse(code_text);
      const RegionLevel want =
          *kind == AssignmentKind::kTownLeader ? RegionLevel::kTown : RegionLevel::kVillage;
      bool stored = false;
      if (code.ok() && code->level() == want) {
        FUPIN_ASSIGN_OR_RETURN(stored, known(*code));
      }
      if (!stored) {
        target_unknown(want == RegionLevel::kTown ? "应为区划表中的乡镇代码" : "应为区划表中的村代码",
                       want == RegionLevel::kTown ? "must be a town code in the region table"
                                                  : "must be a village code in the region table");
      } else if (*kind == AssignmentKind::kGroupLeader && group.empty()) {
        target_unknown("村民小组应写作 村代码/组号，如 511025100200/3",
                       "a group is written village/group, e.g. 511025100200/3");
      } else {
        a.region = *code;
        if (*kind == AssignmentKind::kGroupLeader) a.target = GroupTarget(*code, group);
        if (*kind != AssignmentKind::kGroupLeader) a.target = code->ToString();
      }
    }
    // The holder.
    const store::CadreRow* cadre = nullptr;
    if (*kind == AssignmentKind::kVillageUnit) {
      a.cadre_id.clear();
      if (a.unit_id.empty()) {
        add(row, kUnit, "", "unit.required",
            {fmt::format("第 {} 行帮扶单位包村须填帮扶单位编码", row.line),
             fmt::format("row {}: a village_unit assignment needs unit_id", row.line)});
      } else if (!units.contains(a.unit_id)) {
        add(row, kUnit, a.unit_id, "unit.unknown",
            {fmt::format("第 {} 行帮扶单位 {} 不存在", row.line, a.unit_id),
             fmt::format("row {}: unit {} does not exist", row.line, a.unit_id)});
      }
    } else {
      a.unit_id.clear();
      auto it = cadres.find(a.cadre_id);
      if (it == cadres.end()) {
        add(row, kCadre, a.cadre_id, "cadre.unknown",
            {fmt::format("第 {} 行干部编号“{}”不存在（先用 fupin cadres import 导入干部）", row.line,
                         a.cadre_id),
             fmt::format("row {}: cadre \"{}\" does not exist (import cadres first)", row.line, a.cadre_id)});
      } else {
        cadre = &it->second;
      }
    }
    // Dates.
    auto from = Date::Parse(row.values[kFrom]);
    if (!from.ok()) {
      add(row, kFrom, row.values[kFrom], "date.format",
          {fmt::format("第 {} 行起始日期“{}”无法识别", row.line, row.values[kFrom]),
           fmt::format("row {}: date_from \"{}\" is not a date", row.line, row.values[kFrom])});
    } else {
      a.date_from = from->ToString();
      if (cadre != nullptr && !command::ActiveOn(*cadre, *from)) {
        add(row, kCadre, a.cadre_id, "cadre.inactive",
            {fmt::format("第 {} 行干部 {}（{}）在 {} 不在任", row.line, cadre->name, cadre->id, a.date_from),
             fmt::format("row {}: cadre {} ({}) is not in office on {}", row.line, cadre->name, cadre->id,
                         a.date_from)});
      }
    }
    if (!row.values[kTo].empty()) {
      auto to = Date::Parse(row.values[kTo]);
      if (!to.ok()) {
        add(row, kTo, row.values[kTo], "date.format",
            {fmt::format("第 {} 行终止日期“{}”无法识别", row.line, row.values[kTo]),
             fmt::format("row {}: date_to \"{}\" is not a date", row.line, row.values[kTo])});
      } else if (from.ok() && *to < *from) {
        add(row, kTo, row.values[kTo], "date.order",
            {fmt::format("第 {} 行终止日期 {} 早于起始日期 {}", row.line, to->ToString(), a.date_from),
             fmt::format("row {}: date_to {} is before date_from {}", row.line, to->ToString(),
                         a.date_from)});
      } else {
        a.date_to = to->ToString();
      }
    }
    if (report.problems.size() != before) continue;

    // Against what is stored and the rest of the file.
    const auto key = std::make_pair(a.kind, a.target);
    if (IsSingleHolder(*kind)) {
      if (auto [it, first] = seen.try_emplace(key, row.line); !first) {
        add(row, kTarget, a.target, "assignment.duplicate",
            {fmt::format("第 {} 行：{}“{}”在第 {} 行已指定，同一时间只能有一人", row.line, TermOf(*kind).zh,
                         a.target, it->second),
             fmt::format("row {}: {} of \"{}\" is already given on row {}; there is one at a time", row.line,
                         TermOf(*kind).en, a.target, it->second)});
        continue;
      }
    }
    bool unchanged = false;
    std::vector<const store::AssignmentRow*> to_end;
    for (const store::AssignmentRow* open : open_by_target[key]) {
      const bool same_holder = open->cadre_id == a.cadre_id && open->unit_id == a.unit_id;
      if (same_holder) {
        unchanged = true;
      } else if (IsSingleHolder(*kind)) {
        to_end.push_back(open);
      }
    }
    if (unchanged) {
      ++report.counts.unchanged;
      continue;
    }
    for (const store::AssignmentRow* open : to_end) {
      if (open->date_from >= a.date_from) {
        add(row, kFrom, a.date_from, "date.order",
            {fmt::format("第 {} 行起始日期 {} 不晚于现任（包保记录 #{}，{} 起），无法接替", row.line,
                         a.date_from, open->id, open->date_from),
             fmt::format(
                 "row {}: date_from {} is not after the current holder's start (assignment #{}, from {})",
                 row.line, a.date_from, open->id, open->date_from)});
        break;
      }
    }
    if (report.problems.size() != before) continue;
    if (*kind == AssignmentKind::kHouseholdCadre && a.date_to.empty()) {
      int64_t& n = load[a.cadre_id];
      ++n;
      Status s = CheckLoad(policy, *cadre, n, *from);
      if (!s.ok()) {
        add(row, kCadre, a.cadre_id, s.rule(),
            {fmt::format("第 {} 行：{}", row.line, s.message().zh),
             fmt::format("row {}: {}", row.line, s.message().en)});
        --n;
        continue;
      }
    }
    for (const store::AssignmentRow* open : to_end) {
      change.ends.push_back(
          {open->id, from->AddDays(-1).ToString(),
           fmt::format("由 {} 接替（导入）/ replaced by {} (import)", a.cadre_id, a.cadre_id)});
      if (open->kind == "household_cadre") --load[open->cadre_id];
    }
    change.inserts.push_back(std::move(a));
    ++report.counts.inserted;
  }
  if (report.problems.empty() || options.skip_invalid) {
    if (!change.ends.empty() || !change.inserts.empty()) {
      FUPIN_RETURN_IF_ERROR(store.WriteAssignments(change, options.context).status());
    }
    report.counts.updated = static_cast<int64_t>(change.ends.size());
    report.written = true;
  } else {
    report.counts = {};
  }
  FUPIN_RETURN_IF_ERROR(registry::FinishTableImport(path, options, &report));
  return report;
}

}  // namespace fupin::responsibility
