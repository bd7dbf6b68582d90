// fupin evaluate / fupin explain: the policy's verdicts for a region or one household.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "policy/exit_evaluation.hpp"
#include "policy/policy_file.hpp"
#include "registry/household.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json CriteriaJson(const policy::ExitVerdict& v) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : v.criteria) {
    out.push_back({{"rule", c.rule_id},
                   {"name_zh", c.name.zh},
                   {"name_en", c.name.en},
                   {"pass", c.pass},
                   {"reason_zh", c.reason.zh},
                   {"reason_en", c.reason.en},
                   {"basis", c.basis}});
  }
  return out;
}

void PrintVerdict(const Context& ctx, const policy::ExitVerdict& v, const std::string& indent) {
  for (const auto& c : v.criteria) {
    std::cout << indent << (c.pass ? "✓ " : "✗ ") << c.name.In(ctx.lang) << "：" << c.reason.In(ctx.lang)
              << '\n';
  }
}

bool IsPoor(registry::HouseholdStatus s) {
  return s == registry::HouseholdStatus::kPoor || s == registry::HouseholdStatus::kReturned;
}

// Region-level facts read from the registry. The rural population is taken as the
// persons of every household on record in the region (registered or not): the
// registry is the only population source fupin has until region figures are imported.
struct Tally {
  int64_t households = 0;
  int64_t poor_persons = 0;
  int64_t population = 0;
  int64_t eligible_not_exited = 0;
  int64_t exited_failing = 0;
  int64_t exited_persons = 0;
  int64_t exited_failing_persons = 0;
  int64_t unregistered_persons = 0;
  int64_t unregistered_below_persons = 0;
  std::map<std::string, int64_t> failures;  // rule id -> households failing it
};

Result<policy::Policy> PolicyFromOption(const std::string& path) {
  if (path.empty()) return policy::DefaultPolicy();
  return policy::LoadPolicyFile(path);
}

/// The latest year whose poverty line has started by today: the year evaluations
/// default to, so a county sees its current standard without naming a year.
int DefaultYear(const policy::Policy& p) {
  const int this_year = Date::Today().year();
  int best = 0;
  for (const auto& line : p.poverty_lines) {
    const int y = line.range.from.year();
    if (y <= this_year && y > best) best = y;
  }
  return best;
}

struct CommonOptions {
  std::string db = "fupin.db";
  std::string policy_path;
  int year = 0;
  bool json = false;
};

void AddCommon(CLI::App* cmd, CommonOptions* o) {
  AddDbOption(cmd, &o->db);
  cmd->add_option("--year", o->year, "year of the standards (default: the latest year with a poverty line)");
  cmd->add_option("--policy", o->policy_path, "policy file replacing the built-in defaults (docs/policy.md)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", o->json, "print JSON");
}

Status Evaluate(const Context& ctx, const CommonOptions& o, const std::string& region_text) {
  FUPIN_ASSIGN_OR_RETURN(RegionCode region, RegionCode::Parse(region_text));
  FUPIN_ASSIGN_OR_RETURN(policy::Policy pol, PolicyFromOption(o.policy_path));
  const int year = o.year != 0 ? o.year : DefaultYear(pol);
  FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(o.db, {.create = false}));
  FUPIN_ASSIGN_OR_RETURN(auto found, store->FindRegion(region));
  if (!found && region != RegionCode()) {
    return Status::NotFound("region",
                            {fmt::format("区划 {} 不在区划表中", region.ToShortString()),
                             fmt::format("region {} is not in the region table", region.ToShortString())});
  }
  FUPIN_ASSIGN_OR_RETURN(auto households, store->LoadHouseholds(region));
  Tally t;
  for (const auto& h : households) {
    const int64_t persons = static_cast<int64_t>(h.members.size());
    t.population += persons;
    if (h.status == registry::HouseholdStatus::kNotRegistered) {
      t.unregistered_persons += persons;
      auto below = policy::IncomeBelowLine(pol, h, year);
      if (below.ok() && *below) t.unregistered_below_persons += persons;
      continue;
    }
    if (h.status == registry::HouseholdStatus::kRemoved) continue;
    ++t.households;
    const auto verdict = policy::EvaluateHousehold(pol, h, year);
    for (const auto& c : verdict.criteria) {
      if (!c.pass) ++t.failures[c.rule_id];
    }
    if (IsPoor(h.status)) {
      t.poor_persons += persons;
      if (verdict.eligible_to_exit) ++t.eligible_not_exited;
    }
    if (h.status == registry::HouseholdStatus::kExited) {
      t.exited_persons += persons;
      if (!verdict.eligible_to_exit) {
        ++t.exited_failing;
        t.exited_failing_persons += persons;
      }
    }
  }
  std::optional<policy::ExitVerdict> verdict;
  if (region.level() == RegionLevel::kVillage) {
    policy::VillageFacts facts;
    facts.poor_not_exited = t.poor_persons;
    facts.rural_population = t.population;
    verdict = policy::EvaluateVillage(pol, region, facts, year);
  } else if (region.level() == RegionLevel::kCounty) {
    policy::CountyFacts facts;
    facts.poor_not_exited = t.poor_persons;
    facts.rural_population = t.population;
    if (t.exited_persons > 0) facts.wrong_exit = policy::Ratio{t.exited_failing_persons, t.exited_persons};
    if (t.unregistered_persons > 0) {
      facts.missed_assessment = policy::Ratio{t.unregistered_below_persons, t.unregistered_persons};
    }
    verdict = policy::EvaluateCounty(pol, region, facts, year);
  }
  const std::string name = found ? found->name : (ctx.lang == Lang::kZh ? "全国" : "nation");
  if (o.json) {
    nlohmann::json j = {{"region", region.ToString()},
                        {"name", name},
                        {"level", RegionLevelName(region.level()).en},
                        {"year", year},
                        {"policy", pol.source_name},
                        {"households", t.households},
                        {"population", t.population},
                        {"poor_persons", t.poor_persons},
                        {"eligible_not_exited", t.eligible_not_exited},
                        {"exited_failing", t.exited_failing},
                        {"failures", t.failures}};
    if (verdict)
      j["verdict"] = {{"eligible_to_exit", verdict->eligible_to_exit}, {"criteria", CriteriaJson(*verdict)}};
    std::cout << Dump(j) << '\n';
    return Status::Ok();
  }
  const bool zh = ctx.lang == Lang::kZh;
  std::cout << (zh ? fmt::format("{}（{}）{} 年评估，政策：{}\n", name, region.ToShortString(), year,
                                 pol.source_name)
                   : fmt::format("{} ({}) evaluated for {}, policy: {}\n", name, region.ToShortString(), year,
                                 pol.source_name));
  if (verdict) {
    const char* what = region.level() == RegionLevel::kVillage ? (zh ? "贫困村退出" : "village exit")
                                                               : (zh ? "贫困县摘帽" : "county exit");
    std::cout << fmt::format(
        "{}：{}\n", what,
        verdict->eligible_to_exit ? (zh ? "符合条件" : "eligible") : (zh ? "不符合条件" : "not eligible"));
    PrintVerdict(ctx, *verdict, "  ");
  }
  std::cout << (zh ? fmt::format("建档立卡户 {} 户；未脱贫人口 {} 人 / 人口 {} 人\n", Count(t.households),
                                 Count(t.poor_persons), Count(t.population))
                   : fmt::format("registered households {}; poor persons {} of population {}\n",
                                 Count(t.households), Count(t.poor_persons), Count(t.population)));
  std::cout << (zh ? fmt::format("未脱贫但已符合退出条件：{} 户\n已脱贫但有指标不达标（疑似错退）：{} 户\n",
                                 Count(t.eligible_not_exited), Count(t.exited_failing))
                   : fmt::format(
                         "in poverty but eligible to exit: {} households\nexited but failing a criterion "
                         "(possible wrong exits): {} households\n",
                         Count(t.eligible_not_exited), Count(t.exited_failing)));
  if (!t.failures.empty()) {
    std::cout << (zh ? "各项指标不达标户数：\n" : "households failing each criterion:\n");
    for (const auto& [rule, n] : t.failures) std::cout << "  " << rule << '\t' << Count(n) << '\n';
  }
  return Status::Ok();
}

Status Explain(const Context& ctx, const CommonOptions& o, const std::string& id) {
  FUPIN_ASSIGN_OR_RETURN(policy::Policy pol, PolicyFromOption(o.policy_path));
  const int year = o.year != 0 ? o.year : DefaultYear(pol);
  FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(o.db, {.create = false}));
  const std::vector<std::string> ids = {id};
  FUPIN_ASSIGN_OR_RETURN(auto found, store->FindHouseholds(ids));
  if (found.empty()) {
    return Status::NotFound("household_id", {fmt::format("没有户编号为 {} 的户", id),
                                             fmt::format("no household with number {}", id)});
  }
  const auto& h = found.begin()->second;
  const auto verdict = policy::EvaluateHousehold(pol, h, year);
  if (o.json) {
    std::cout << Dump({{"household", h.id},
                       {"year", year},
                       {"profile", verdict.profile},
                       {"status", TermOf(h.status).code},
                       {"eligible_to_exit", verdict.eligible_to_exit},
                       {"criteria", CriteriaJson(verdict)}})
              << '\n';
    return Status::Ok();
  }
  const bool zh = ctx.lang == Lang::kZh;
  const std::string head = h.members.empty() ? std::string() : h.members.front().name;
  std::cout << (zh ? fmt::format("户 {}（户主 {}，{}），{} 年，标准：{}\n", h.id, head, TermOf(h.status).zh,
                                 year, verdict.profile)
                   : fmt::format("household {} (head {}, {}), {}, standard: {}\n", h.id, head,
                                 TermOf(h.status).en, year, verdict.profile));
  PrintVerdict(ctx, verdict, "  ");
  std::cout << (verdict.eligible_to_exit
                    ? (zh ? "结论：符合退出条件\n" : "verdict: eligible to exit\n")
                    : (zh ? "结论：不符合退出条件\n" : "verdict: not eligible to exit\n"));
  return Status::Ok();
}

}  // namespace

void RegisterEvaluateCommands(CLI::App& app, Context& ctx) {
  auto eo = std::make_shared<CommonOptions>();
  auto region = std::make_shared<std::string>();
  auto* evaluate = app.add_subcommand(
      "evaluate",
      "evaluate the exit criteria of a region's households, and of the village or county / 退出评估");
  evaluate->add_option("--region", *region, "region code")->required();
  AddCommon(evaluate, eo.get());
  evaluate->callback([&ctx, eo, region] {
    Status s = Evaluate(ctx, *eo, *region);
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });

  auto xo = std::make_shared<CommonOptions>();
  auto id = std::make_shared<std::string>();
  auto* explain =
      app.add_subcommand("explain", "one household's verdict, criterion by criterion / 逐项说明一户");
  explain->add_option("HOUSEHOLD_ID", *id, "household number 户编号")->required();
  AddCommon(explain, xo.get());
  explain->callback([&ctx, xo, id] {
    Status s = Explain(ctx, *xo, *id);
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });
}

}  // namespace fupin::cli
