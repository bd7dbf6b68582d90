// fupin assignments|responsible|coverage|reassign: the four-level responsibility
// 四级包保 on the command line — dated assignments, who was responsible on a day,
// the coverage audit 村村清、户户清, and reassignment when a cadre leaves.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "cli/table_import_cli.hpp"
#include "core/id_number.hpp"
#include "policy/policy_file.hpp"
#include "responsibility/assignment.hpp"
#include "responsibility/coverage.hpp"
#include "responsibility/reassign.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<policy::Policy> LoadPolicyOption(const std::string& path) {
  if (path.empty()) return policy::DefaultPolicy();
  return policy::LoadPolicyFile(path);
}

std::string_view KindLabel(const Context& ctx, std::string_view code) {
  auto k = ParseTerm<responsibility::AssignmentKind>(code);
  if (!k) return code;
  return ctx.lang == Lang::kZh ? TermOf(*k).zh : TermOf(*k).en;
}

nlohmann::json AssignmentJson(const store::AssignmentRow& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"target", a.target},
          {"region", a.region.ToString()},
          {"cadre_id", a.cadre_id},
          {"unit_id", a.unit_id},
          {"date_from", a.date_from},
          {"date_to", a.date_to},
          {"note", a.note},
          {"end_note", a.end_note}};
}

void RegisterAssignmentList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string kind;
    std::string target;
    std::string cadre;
    std::string date;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "list dated assignments / 列出包保记录");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "only within this region");
  cmd->add_option("--kind", o->kind,
                  "town_leader, village_unit, group_leader, household_cadre, first_secretary, "
                  "work_team, shock_team");
  cmd->add_option("--target", o->target, "only this target (region code, village/group, household id)");
  cmd->add_option("--cadre", o->cadre, "only this cadre");
  cmd->add_option("--date", o->date, "only those in force on this day");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    store::AssignmentFilter filter;
    if (!o->region.empty()) {
      auto r = RegionCode::Parse(o->region);
      if (!r.ok()) {
        ctx.exit_code = Fail(ctx, r.status());
        return;
      }
      filter.within = *r;
    }
    if (!o->kind.empty()) {
      auto k = ParseTerm<responsibility::AssignmentKind>(o->kind);
      if (!k) {
        ctx.exit_code = Fail(ctx, Status::Invalid("kind", "assignment.kind",
                                                  {fmt::format("包保类型“{}”未知", o->kind),
                                                   fmt::format("unknown assignment kind \"{}\"", o->kind)}));
        return;
      }
      filter.kind = std::string(TermOf(*k).code);
    }
    if (!o->date.empty()) {
      auto d = Date::Parse(o->date);
      if (!d.ok()) {
        ctx.exit_code = Fail(ctx, d.status());
        return;
      }
      filter.active_on = d->ToString();
    }
    filter.target = o->target;
    filter.cadre_id = o->cadre;
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    auto rows = (*store)->ListAssignments(filter);
    if (!rows.ok()) {
      ctx.exit_code = Fail(ctx, rows.status());
      return;
    }
    if (o->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& a : *rows) j.push_back(AssignmentJson(a));
      std::cout << Dump(j) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? "编号\t类型\t对象\t干部\t单位\t起\t止\t备注\n"
                     : "id\tkind\ttarget\tcadre\tunit\tfrom\tto\tnote\n");
    for (const auto& a : *rows) {
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}{}\n", a.id, KindLabel(ctx, a.kind), a.target,
                               a.cadre_id, a.unit_id, a.date_from, a.date_to, a.note,
                               a.end_note.empty() ? "" : fmt::format(" | {}", a.end_note));
    }
    std::cout << (zh ? fmt::format("共 {} 条\n", Count(static_cast<int64_t>(rows->size())))
                     : fmt::format("{} assignments\n", Count(static_cast<int64_t>(rows->size()))));
  });
}

void RegisterResponsible(CLI::App& app, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string household;
    std::string date;
    bool json = false;
    bool unmasked = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd =
      app.add_subcommand("responsible", "who was responsible for a household on a day / 某日的帮扶责任人");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--household", o->household, "household number 户编号")->required();
  cmd->add_option("--date", o->date, "the day (default today)");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->add_flag("--unmasked", o->unmasked, "phone number in clear (recorded in the audit log)");
  cmd->callback([&ctx, o] {
    auto day = DayOption(o->date, o->db);
    if (!day.ok()) {
      ctx.exit_code = Fail(ctx, day.status());
      return;
    }
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    auto who = responsibility::ResponsibleOn(**store, o->household, *day);
    if (!who.ok()) {
      ctx.exit_code = Fail(ctx, who.status());
      return;
    }
    auto history = responsibility::AssignmentHistory(**store, o->household);
    if (!history.ok()) {
      ctx.exit_code = Fail(ctx, history.status());
      return;
    }
    if (o->unmasked) {
      Status audit = (*store)->RecordAudit({CliActor(), "responsible.show.unmasked", o->household, "{}"});
      if (!audit.ok()) {
        ctx.exit_code = Fail(ctx, audit);
        return;
      }
    }
    const auto phone = [&](const std::string& p) { return o->unmasked ? p : MaskPhone(p); };
    if (o->json) {
      nlohmann::json j = {
          {"household_id", o->household}, {"date", day->ToString()}, {"responsible", nullptr}};
      if (*who) {
        const auto& r = **who;
        j["responsible"] = {{"cadre_id", r.cadre.id},
                            {"name", r.cadre.name},
                            {"unit_id", r.cadre.unit_id},
                            {"unit", r.unit ? r.unit->name : ""},
                            {"post", r.cadre.post},
                            {"phone", phone(r.cadre.phone)},
                            {"assignment", AssignmentJson(r.assignment)}};
      }
      nlohmann::json h = nlohmann::json::array();
      for (const auto& a : *history) {
        if (a.kind == "household_cadre") h.push_back(AssignmentJson(a));
      }
      j["history"] = h;
      std::cout << Dump(j) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    if (!*who) {
      std::cout << (zh ? fmt::format("户 {} 在 {} 没有帮扶责任人\n", o->household, day->ToString())
                       : fmt::format("household {} had no responsible cadre on {}\n", o->household,
                                     day->ToString()));
    } else {
      const auto& r = **who;
      std::cout << (zh ? fmt::format(
                             "户 {} 在 {} 的帮扶责任人：{}（{}），{}，{}，电话 {}；自 {} 起{}\n",
                             o->household, day->ToString(), r.cadre.name, r.cadre.id,
                             r.unit ? r.unit->name : r.cadre.unit_id, r.cadre.post, phone(r.cadre.phone),
                             r.assignment.date_from,
                             r.assignment.date_to.empty() ? "" : fmt::format("，至 {}", r.assignment.date_to))
                       : fmt::format(
                             "household {} on {}: responsible cadre {} ({}), {}, {}, phone {}; from {}{}\n",
                             o->household, day->ToString(), r.cadre.name, r.cadre.id,
                             r.unit ? r.unit->name : r.cadre.unit_id, r.cadre.post, phone(r.cadre.phone),
                             r.assignment.date_from,
                             r.assignment.date_to.empty() ? ""
                                                          : fmt::format(" to {}", r.assignment.date_to)));
    }
    std::cout << (zh ? "历次包保：\n" : "history:\n");
    for (const auto& a : *history) {
      if (a.kind != "household_cadre") continue;
      std::cout << fmt::format("  {} {}–{} {}{}\n", a.cadre_id, a.date_from,
                               a.date_to.empty() ? "" : a.date_to, a.note,
                               a.end_note.empty() ? "" : fmt::format(" | {}", a.end_note));
    }
  });
}

void PrintCounts(const Context& ctx, const std::string& label, const responsibility::CoverageCounts& c) {
  std::cout << fmt::format("{}\t{}/{}\t{}/{}\t{}/{}\t{}/{}\t{}/{}\t{}/{}\n", label, c.towns_without_leader,
                           c.towns, c.villages_without_unit, c.villages, c.villages_without_first_secretary,
                           c.poor_villages, c.villages_without_work_team, c.poor_villages,
                           c.groups_without_leader, c.groups, c.households_without_cadre, c.households);
  (void)ctx;
}

void RegisterCoverage(CLI::App& app, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string date;
    std::string policy;
    bool json = false;
    int limit = 20;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "coverage",
      "coverage audit 村村清、户户清: towns, villages, groups and households without their responsible "
      "person on a day; exit 0 even with gaps / 包保覆盖核查");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code (county, town or village)")->required();
  cmd->add_option("--date", o->date, "the day (default today)");
  cmd->add_option("--policy", o->policy, "policy file (load rule; default built in)");
  cmd->add_option("--limit", o->limit, "gaps listed per kind in the text output (0 = all)")
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "print as JSON (every gap listed)");
  cmd->callback([&ctx, o] {
    auto region = RegionCode::Parse(o->region);
    if (!region.ok()) {
      ctx.exit_code = Fail(ctx, region.status());
      return;
    }
    auto day = DayOption(o->date, o->db);
    if (!day.ok()) {
      ctx.exit_code = Fail(ctx, day.status());
      return;
    }
    auto pol = LoadPolicyOption(o->policy);
    if (!pol.ok()) {
      ctx.exit_code = Fail(ctx, pol.status());
      return;
    }
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    auto report = responsibility::CoverageAudit(**store, *region, *day, *pol);
    if (!report.ok()) {
      ctx.exit_code = Fail(ctx, report.status());
      return;
    }
    if (o->json) {
      std::cout << Dump(responsibility::CoverageToJson(*report)) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    const auto& r = *report;
    std::cout << (zh ? fmt::format("{}（{}）{} 包保覆盖：缺口 {} 处\n", r.region_name,
                                   r.region.ToShortString(), r.date.ToString(), Count(r.total.gaps()))
                     : fmt::format("{} ({}) coverage on {}: {} gaps\n", r.region_name,
                                   r.region.ToShortString(), r.date.ToString(), Count(r.total.gaps())));
    std::cout << (zh ? "区划\t乡镇无包镇领导\t村无帮扶单位\t贫困村无第一书记\t贫困村无工作队\t组无包组领导\t"
                       "户无帮扶责任人\n"
                     : "region\ttowns w/o leader\tvillages w/o unit\tpoor villages w/o first secretary\tpoor "
                       "villages "
                       "w/o work team\tgroups w/o leader\thouseholds w/o cadre\n");
    for (const auto& c : r.children) PrintCounts(ctx, c.name.empty() ? c.code.ToString() : c.name, c.counts);
    PrintCounts(ctx, zh ? "合计" : "total", r.total);
    std::map<responsibility::GapKind, std::vector<const responsibility::CoverageGap*>> by_kind;
    for (const auto& g : r.gaps) by_kind[g.kind].push_back(&g);
    for (const auto& [kind, gaps] : by_kind) {
      std::cout << fmt::format("\n{}（{}）：\n", responsibility::GapKindLabel(kind).In(ctx.lang),
                               gaps.size());
      size_t shown = 0;
      for (const auto* g : gaps) {
        if (o->limit > 0 && shown == static_cast<size_t>(o->limit)) {
          std::cout << (zh ? fmt::format("  …… 另有 {} 项（--limit 0 或 --json 列出全部）\n",
                                         gaps.size() - shown)
                           : fmt::format("  ... {} more (--limit 0 or --json lists all)\n",
                                         gaps.size() - shown));
          break;
        }
        std::cout << fmt::format("  {}\t{}\n", g->target, g->name);
        ++shown;
      }
    }
    if (!r.overloaded.empty()) {
      std::cout << (zh ? fmt::format("\n包保超过 {} 户的干部（{}）：\n", r.max_households_per_cadre,
                                     r.overloaded.size())
                       : fmt::format("\ncadres above {} households ({}):\n", r.max_households_per_cadre,
                                     r.overloaded.size()));
      size_t shown = 0;
      for (const auto& c : r.overloaded) {
        if (o->limit > 0 && shown++ == static_cast<size_t>(o->limit)) {
          std::cout << "  ……\n";
          break;
        }
        std::cout << fmt::format("  {}\t{}\t{}\n", c.cadre_id, c.name, c.households);
      }
    }
  });
}

void RegisterReassign(CLI::App& app, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string from;
    std::string to;
    std::string reason;
    std::string date;
    std::string policy;
    std::vector<std::string> moves;
    bool json = false;
    bool leaves = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "reassign",
      "move every open assignment of a cadre to other cadres in one transaction; refuses to leave one "
      "uncovered without --reason / 调整包保");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--from", o->from, "the cadre leaving (干部编号)")->required();
  cmd->add_option("--to", o->to, "the cadre taking over everything not given by --move");
  cmd->add_option("--move", o->moves,
                  "TARGET=CADRE: one target (e.g. a household id) to another cadre; repeatable");
  cmd->add_option("--reason", o->reason, "why; required to leave anything uncovered (no --to)");
  cmd->add_option("--date", o->date, "first day of the new responsibility (default today)");
  cmd->add_option("--policy", o->policy, "policy file (load rule; default built in)");
  cmd->add_flag("--leaves", o->leaves,
                "the cadre leaves office the day before --date (in the same transaction)");
  cmd->add_flag("--json", o->json, "print the result as JSON");
  cmd->callback([&ctx, o] {
    auto day = DayOption(o->date, o->db);
    if (!day.ok()) {
      ctx.exit_code = Fail(ctx, day.status());
      return;
    }
    auto pol = LoadPolicyOption(o->policy);
    if (!pol.ok()) {
      ctx.exit_code = Fail(ctx, pol.status());
      return;
    }
    responsibility::ReassignPlan plan;
    plan.date = *day;
    plan.to_cadre = o->to;
    plan.reason = o->reason;
    plan.cadre_leaves = o->leaves;
    for (const std::string& m : o->moves) {
      const size_t eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
        ctx.exit_code = Fail(ctx, Status::Invalid("move", "reassign.move_format",
                                                  {fmt::format("--move“{}”应写作 对象=干部编号", m),
                                                   fmt::format("--move \"{}\" must be TARGET=CADRE", m)}));
        return;
      }
      plan.moves[m.substr(0, eq)] = m.substr(eq + 1);
    }
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    auto result = responsibility::ReassignCadre(**store, *pol, o->from, plan, CliActor());
    if (!result.ok()) {
      ctx.exit_code = Fail(ctx, result.status());
      return;
    }
    if (o->json) {
      std::cout << Dump({{"from", o->from},
                         {"date", day->ToString()},
                         {"moved", result->moved},
                         {"taken", result->taken},
                         {"uncovered", result->uncovered}})
                << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? fmt::format("干部 {} 的包保自 {} 起移交 {} 项", o->from, day->ToString(),
                                   result->moved)
                     : fmt::format("cadre {}: {} assignments handed over from {}", o->from, result->moved,
                                   day->ToString()));
    for (const auto& [cadre, n] : result->taken) {
      std::cout << (zh ? fmt::format("，{} 接 {} 项", cadre, n) : fmt::format(", {} takes {}", cadre, n));
    }
    std::cout << '\n';
    if (!result->uncovered.empty()) {
      std::cout << (zh ? fmt::format("{} 项无人接替（原因：{}）\n", result->uncovered.size(), o->reason)
                       : fmt::format("{} left uncovered (reason: {})\n", result->uncovered.size(),
                                     o->reason));
    }
  });
}

}  // namespace

void RegisterResponsibilityCommands(CLI::App& app, Context& ctx) {
  auto* assignments = app.add_subcommand("assignments", "four-level responsibility assignments / 四级包保");
  assignments->require_subcommand(1);
  RegisterTableImport(
      assignments, ctx,
      "import dated assignments (units, cadres and households first); all or nothing unless --skip-invalid / "
      "导入包保",
      [](const TableImportCall& c) -> Result<registry::TableImportReport> {
        FUPIN_ASSIGN_OR_RETURN(policy::Policy pol, LoadPolicyOption(c.policy_path));
        return responsibility::ImportAssignmentFile(c.store, pol, c.file, c.options);
      },
      true);
  RegisterAssignmentList(assignments, ctx);
  RegisterResponsible(app, ctx);
  RegisterCoverage(app, ctx);
  RegisterReassign(app, ctx);
}

}  // namespace fupin::cli
