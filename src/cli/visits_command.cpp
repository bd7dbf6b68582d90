// fupin visits list | compliance: visits 帮扶走访 of a household and compliance per
// help-day cycle (who visited each of their households, who is "listed but not
// working" 挂名不出工) on the command line. Visits are logged from the phone (web).
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "policy/policy_file.hpp"
#include "store/store.hpp"
#include "visits/compliance.hpp"
#include "visits/visit.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename E>
std::string Label(const Context& ctx, const std::string& code) {
  auto v = ParseTerm<E>(code);
  if (!v) return code;
  return std::string(ctx.lang == Lang::kZh ? TermOf(*v).zh : TermOf(*v).en);
}

std::string Percent(double rate) {
  return fmt::format("{:.1f}%", rate * 100.0);
}

nlohmann::json VisitJson(const store::VisitRow& v) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : v.problems) {
    problems.push_back(
        {{"id", p.id}, {"description", p.description}, {"category", p.category}, {"status", p.status}});
  }
  nlohmann::json photos = nlohmann::json::array();
  for (const auto& p : v.photos) photos.push_back({{"sha256", p.sha256}, {"type", p.type}, {"size", p.size}});
  nlohmann::json location = nullptr;
  if (v.lat_e6 && v.lng_e6) {
    location = {{"lat", static_cast<double>(*v.lat_e6) / 1e6}, {"lng", static_cast<double>(*v.lng_e6) / 1e6}};
  }
  return {{"id", v.id},
          {"client_id", v.client_id},
          {"household_id", v.household_id},
          {"village", v.village.ToString()},
          {"cadre_id", v.cadre_id},
          {"date", v.date},
          {"time", v.time},
          {"kind", v.kind},
          {"measures", v.measures},
          {"problems", problems},
          {"notes", v.notes},
          {"location", location},
          {"photos", photos},
          {"recorded_at", v.recorded_at},
          {"recorded_by", v.recorded_by}};
}

void RegisterVisitList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string household;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "the visits of a household, newest first / 某户的走访记录");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--household", o->household, "household number 户编号")->required();
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    const std::vector<std::string> ids = {o->household};
    auto found = (*store)->FindHouseholds(ids);
    if (!found.ok()) {
      ctx.exit_code = Fail(ctx, found.status());
      return;
    }
    if (found->empty()) {
      ctx.exit_code = Fail(
          ctx, Status::NotFound("household", {fmt::format("没有户编号为 {} 的户", o->household),
                                              fmt::format("no household with number {}", o->household)}));
      return;
    }
    store::VisitFilter filter;
    filter.household_id = o->household;
    auto list = (*store)->ListVisits(filter);
    if (!list.ok()) {
      ctx.exit_code = Fail(ctx, list.status());
      return;
    }
    if (o->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& v : *list) j.push_back(VisitJson(v));
      std::cout << Dump({{"household_id", o->household}, {"items", j}, {"total", list->size()}}) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? "日期\t时间\t方式\t干部\t措施\t问题\t照片\t备注\n"
                     : "date\ttime\tkind\tcadre\tmeasures\tproblems\tphotos\tnotes\n");
    for (const auto& v : *list) {
      std::string measures;
      for (const auto& m : v.measures) {
        measures += (measures.empty() ? "" : zh ? "、" : ", ") + Label<visits::VisitMeasure>(ctx, m);
      }
      std::string problems;
      for (const auto& p : v.problems) {
        problems += (problems.empty() ? "" : "; ") + p.description + "（" +
                    Label<visits::ProblemStatus>(ctx, p.status) + "）";
      }
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", v.date, v.time,
                               Label<visits::VisitKind>(ctx, v.kind), v.cadre_id, measures,
                               problems.empty() ? "-" : problems, v.photos.size(), v.notes);
    }
    std::cout << (zh ? fmt::format("共 {} 次走访\n", list->size())
                     : fmt::format("{} visits\n", list->size()));
  });
}

void RegisterCompliance(CLI::App& app, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string cycle;
    std::string date;
    std::string policy;
    bool json = false;
    int limit = 20;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "compliance",
      "visits per help-day cycle: due and visited households per child region and unit, cadres listed but "
      "not working / 帮扶走访合规");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code (county, town or village)")->required();
  cmd->add_option("--cycle", o->cycle,
                  "the help day the cycle starts on (default the cycle containing today)");
  cmd->add_option("--date", o->date, "today (default the database's as-of date, else the real date)");
  cmd->add_option("--policy", o->policy, "policy file (help days, idle cycles; default built in)");
  cmd->add_option("--limit", o->limit, "idle cadres listed in the text output (0 = all)")
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "print as JSON (the shape of GET /compliance/{code})");
  cmd->callback([&ctx, o] {
    const auto fail = [&](const Status& s) { ctx.exit_code = Fail(ctx, s); };
    auto region = RegionCode::Parse(o->region);
    if (!region.ok()) return fail(region.status());
    auto today = DayOption(o->date, o->db);
    if (!today.ok()) return fail(today.status());
    std::optional<Date> cycle;
    if (!o->cycle.empty()) {
      auto d = Date::Parse(o->cycle);
      if (!d.ok()) return fail(d.status());
      cycle = *d;
    }
    auto loaded = o->policy.empty() ? Result<policy::Policy>(policy::DefaultPolicy())
                                    : policy::LoadPolicyFile(o->policy);
    if (!loaded.ok()) return fail(loaded.status());
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) return fail(store.status());
    auto report = visits::ComplianceFor(**store, *loaded, *region, cycle, *today);
    if (!report.ok()) return fail(report.status());
    if (o->json) {
      std::cout << Dump(visits::ComplianceToJson(*report, *today)) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    const auto& r = *report;
    const auto& s = r.summary;
    std::cout << (zh ? fmt::format("{}（{}）帮扶周期 {} 至 {}{}\n", r.region.name,
                                   r.region.code.ToShortString(), r.cycle.help_day.ToString(),
                                   r.cycle.end.ToString(), r.cycle.running ? "（进行中）" : "")
                     : fmt::format("{} ({}) help-day cycle {} to {}{}\n", r.region.name,
                                   r.region.code.ToShortString(), r.cycle.help_day.ToString(),
                                   r.cycle.end.ToString(), r.cycle.running ? " (running)" : ""));
    std::cout
        << (zh ? fmt::format(
                     "应走访 {} 户，已走访 {} 户（{}）；帮扶责任人 {} 名，全部走访 {} 名；挂名不出工 {} 名"
                     "（连续 {} 个周期无走访）\n\n",
                     Count(s.households_due), Count(s.households_visited), Percent(s.rate()), Count(s.cadres),
                     Count(s.cadres_all_visited), r.idle.size(), r.idle_cycles)
               : fmt::format("{} households due, {} visited ({}); {} responsible cadres, {} visited all; {} "
                             "listed but not working (no visit in {} cycles)\n\n",
                             Count(s.households_due), Count(s.households_visited), Percent(s.rate()),
                             Count(s.cadres), Count(s.cadres_all_visited), r.idle.size(), r.idle_cycles));
    if (!r.children.empty()) {
      std::cout << (zh ? "区划\t应走访户\t已走访户\t走访率\t干部\t挂名不出工\n"
                       : "region\tdue\tvisited\trate\tcadres\tidle\n");
      for (const auto& c : r.children) {
        std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", c.name, Count(c.counts.households_due),
                                 Count(c.counts.households_visited), Percent(c.counts.rate()),
                                 Count(c.counts.cadres), c.idle_cadres);
      }
      std::cout << '\n';
    }
    std::cout << (zh ? "单位\t应走访户\t已走访户\t走访率\t干部\n" : "unit\tdue\tvisited\trate\tcadres\n");
    for (const auto& u : r.units) {
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", u.name.empty() ? u.id : u.name,
                               Count(u.counts.households_due), Count(u.counts.households_visited),
                               Percent(u.counts.rate()), Count(u.counts.cadres));
    }
    if (r.idle.empty()) return;
    std::cout
        << (zh ? "\n挂名不出工：\n干部\t单位\t帮扶户\t无走访周期\t最近走访\n"
               : "\nlisted but not working:\ncadre\tunit\thouseholds\tcycles without a visit\tlast visit\n");
    size_t shown = 0;
    for (const auto& i : r.idle) {
      if (o->limit > 0 && shown == static_cast<size_t>(o->limit)) break;
      ++shown;
      std::cout << fmt::format("{}（{}）\t{}\t{}\t{}\t{}\n", i.name, i.cadre_id, i.unit_name, i.households,
                               i.cycles_without_visit, i.last_visit ? i.last_visit->ToString() : "-");
    }
    if (shown < r.idle.size()) {
      std::cout << (zh ? fmt::format("……另有 {} 名（--limit 0 全部列出）\n", r.idle.size() - shown)
                       : fmt::format("... and {} more (--limit 0 lists all)\n", r.idle.size() - shown));
    }
  });
}

}  // namespace

void RegisterVisitCommands(CLI::App& app, Context& ctx) {
  auto* visits = app.add_subcommand("visits", "visits 帮扶走访 of households / 帮扶走访记录");
  visits->require_subcommand(1);
  RegisterVisitList(visits, ctx);
  RegisterCompliance(app, ctx);
}

}  // namespace fupin::cli
