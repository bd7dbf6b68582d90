// fupin units|cadres|campaigns|party-orgs|roster: the command structure 指挥体系 on
// the command line — units and cadres (import, list), campaigns with their HQ, war
// zones and battlefields, party organizations with their "4+N" rectification, and
// the village cadre roster statistics.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "cli/table_import_cli.hpp"
#include "command/cadre.hpp"
#include "command/campaign.hpp"
#include "command/party_org.hpp"
#include "command/village_roster.hpp"
#include "core/id_number.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename E>
std::string_view Label(const Context& ctx, std::string_view code) {
  auto v = ParseTerm<E>(code);
  if (!v) return code;
  return ctx.lang == Lang::kZh ? TermOf(*v).zh : TermOf(*v).en;
}

// Opens the store for reading, or sets the exit code and returns nullptr.
std::unique_ptr<store::Store> OpenExisting(Context& ctx, const std::string& db) {
  auto store = store::OpenSqliteStore(db, {.create = false});
  if (!store.ok()) {
    ctx.exit_code = Fail(ctx, store.status());
    return nullptr;
  }
  return std::move(store).value();
}

void RegisterUnitList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "list units / 列出单位");
  AddDbOption(cmd, &o->db);
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto units = store->ListUnits();
    if (!units.ok()) {
      ctx.exit_code = Fail(ctx, units.status());
      return;
    }
    if (o->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& u : *units) {
        j.push_back({{"id", u.id}, {"name", u.name}, {"kind", u.kind}, {"region", u.region.ToString()}});
      }
      std::cout << Dump(j) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? "单位编码\t单位名称\t单位类别\t所属区划\n" : "id\tname\tkind\tregion\n");
    for (const auto& u : *units) {
      std::cout << fmt::format("{}\t{}\t{}\t{}\n", u.id, u.name, Label<command::UnitKind>(ctx, u.kind),
                               u.region.ToShortString());
    }
    std::cout << (zh ? fmt::format("共 {} 个单位\n", Count(static_cast<int64_t>(units->size())))
                     : fmt::format("{} units\n", Count(static_cast<int64_t>(units->size()))));
  });
}

void RegisterCadreList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string unit;
    std::string level;
    bool json = false;
    bool unmasked = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand(
      "list", "list cadres; phone numbers masked unless --unmasked (audited) / 列出干部");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--unit", o->unit, "only this unit (单位编码)");
  cmd->add_option("--level", o->level, "only this level: county_leader, section, other");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->add_flag("--unmasked", o->unmasked, "phone numbers in clear (recorded in the audit log)");
  cmd->callback([&ctx, o] {
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    std::string level;
    if (!o->level.empty()) {
      auto l = ParseTerm<command::CadreLevel>(o->level);
      if (!l) {
        ctx.exit_code = Fail(
            ctx,
            Status::Invalid("level", "cadre.level",
                            {fmt::format("职级“{}”应为 县级领导、科级 或 其他", o->level),
                             fmt::format("level \"{}\" must be county_leader, section or other", o->level)}));
        return;
      }
      level = std::string(TermOf(*l).code);
    }
    auto cadres = store->ListCadres();
    auto units = store->ListUnits();
    if (!cadres.ok() || !units.ok()) {
      ctx.exit_code = Fail(ctx, cadres.ok() ? units.status() : cadres.status());
      return;
    }
    if (o->unmasked) {
      Status audit =
          store->RecordAudit({CliActor(), "cadres.list.unmasked", o->unit.empty() ? "*" : o->unit, "{}"});
      if (!audit.ok()) {
        ctx.exit_code = Fail(ctx, audit);
        return;
      }
    }
    std::map<std::string, std::string> unit_names;
    for (const auto& u : *units) unit_names[u.id] = u.name;
    nlohmann::json j = nlohmann::json::array();
    const bool zh = ctx.lang == Lang::kZh;
    if (!o->json) {
      std::cout << (zh ? "干部编号\t姓名\t单位\t职务\t职级\t党员\t电话\t任职\n"
                       : "id\tname\tunit\tpost\tlevel\tparty member\tphone\tin office\n");
    }
    int64_t shown = 0;
    for (const auto& c : *cadres) {
      if ((!o->unit.empty() && c.unit_id != o->unit) || (!level.empty() && c.level != level)) continue;
      ++shown;
      const std::string phone = o->unmasked ? c.phone : MaskPhone(c.phone);
      if (o->json) {
        j.push_back({{"id", c.id},
                     {"name", c.name},
                     {"unit_id", c.unit_id},
                     {"unit", unit_names[c.unit_id]},
                     {"post", c.post},
                     {"level", c.level},
                     {"party_member", c.party_member},
                     {"phone", phone},
                     {"active_from", c.active_from},
                     {"active_to", c.active_to}});
        continue;
      }
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}–{}\n", c.id, c.name, unit_names[c.unit_id],
                               c.post, Label<command::CadreLevel>(ctx, c.level),
                               c.party_member ? (zh ? "是" : "yes") : (zh ? "否" : "no"), phone,
                               c.active_from, c.active_to);
    }
    if (o->json) {
      std::cout << Dump(j) << '\n';
    } else {
      std::cout << (zh ? fmt::format("共 {} 名干部\n", Count(shown))
                       : fmt::format("{} cadres\n", Count(shown)));
    }
  });
}

void RegisterCampaignShow(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string date;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd =
      parent->add_subcommand("list", "campaigns with their countdown, HQ, war zones and battlefields / 战役");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--date", o->date, "count down from this day (default today)");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    auto day = DayOption(o->date, o->db);
    if (!day.ok()) {
      ctx.exit_code = Fail(ctx, day.status());
      return;
    }
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto list = command::SummarizeCampaigns(*store, *day);
    if (!list.ok()) {
      ctx.exit_code = Fail(ctx, list.status());
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& s : *list) {
      if (o->json) {
        j.push_back({{"id", s.campaign.id},
                     {"name", s.campaign.name},
                     {"region", s.campaign.region.ToString()},
                     {"start", s.campaign.start},
                     {"end", s.campaign.end},
                     {"days_total", s.days_total},
                     {"days_left", s.days_left},
                     {"commander_in_chief", s.commander_in_chief},
                     {"hq_posts", s.hq_posts},
                     {"deputy_commanders", s.deputy_commanders},
                     {"working_groups", s.working_groups},
                     {"war_zones", s.war_zones},
                     {"battlefields", s.battlefields},
                     {"temporary_party_orgs", s.temporary_party_orgs}});
        continue;
      }
      std::cout << (zh ? fmt::format("{}（{}）{} 至 {}，共 {} 天；{} 距结束 {} 天\n", s.campaign.name,
                                     s.campaign.id, s.campaign.start, s.campaign.end, s.days_total,
                                     day->ToString(), s.days_left)
                       : fmt::format("{} ({}) {} to {}, {} days; on {}: {} days left\n", s.campaign.name,
                                     s.campaign.id, s.campaign.start, s.campaign.end, s.days_total,
                                     day->ToString(), s.days_left));
      std::cout
          << (zh ? fmt::format(
                       "  指挥部 {} 人（指挥长 {}，副指挥长 {} 人），工作组 {} 个，镇战区 {} 个，村战场 {} "
                       "个，临时党组织 {} 个\n",
                       s.hq_posts, s.commander_in_chief, s.deputy_commanders, s.working_groups, s.war_zones,
                       s.battlefields, s.temporary_party_orgs)
                 : fmt::format(
                       "  HQ {} posts (commander-in-chief {}, {} deputy commanders), {} working groups, "
                       "{} war zones, {} battlefields, {} temporary party organizations\n",
                       s.hq_posts, s.commander_in_chief, s.deputy_commanders, s.working_groups, s.war_zones,
                       s.battlefields, s.temporary_party_orgs));
    }
    if (o->json) std::cout << Dump(j) << '\n';
  });
}

void RegisterPartyOrgList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    bool weak = false;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "party organizations and their \"4+N\" rectification / 党组织");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code (default: everywhere)");
  cmd->add_flag("--weak", o->weak, "only weak and lax organizations (软弱涣散)");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    RegionCode region;
    if (!o->region.empty()) {
      auto r = RegionCode::Parse(o->region);
      if (!r.ok()) {
        ctx.exit_code = Fail(ctx, r.status());
        return;
      }
      region = *r;
    }
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto list = command::PartyOrgStatuses(*store, region);
    if (!list.ok()) {
      ctx.exit_code = Fail(ctx, list.status());
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    nlohmann::json j = nlohmann::json::array();
    std::map<std::string, int64_t> by_kind;
    int64_t weak = 0;
    if (!o->json) {
      std::cout
          << (zh ? "编号\t名称\t类别\t党员数\t状态\t4+N（联系领导/指导部门/驻村委员/驻村干部/+N）\t进度\n"
                 : "id\tname\tkind\tmembers\tstate\t4+N (liaison/department/town member/village cadre/+N)\t"
                   "progress\n");
    }
    for (const auto& s : *list) {
      ++by_kind[s.org.kind];
      weak += s.org.weak_lax ? 1 : 0;
      if (o->weak && !s.org.weak_lax) continue;
      const auto state = TermOf(s.state);
      if (o->json) {
        nlohmann::json item = {{"id", s.org.id},
                               {"name", s.org.name},
                               {"kind", s.org.kind},
                               {"region", s.org.region.ToString()},
                               {"campaign_id", s.org.campaign_id},
                               {"members", s.org.members},
                               {"weak_lax", s.org.weak_lax},
                               {"state", state.code}};
        if (s.rectification) {
          const auto& r = *s.rectification;
          item["rectification"] = {{"id", r.id},
                                   {"opened", r.opened},
                                   {"county_leader_id", r.county_leader_id},
                                   {"guiding_unit_id", r.guiding_unit_id},
                                   {"town_member_id", r.town_member_id},
                                   {"village_cadre_id", r.village_cadre_id},
                                   {"others", r.others},
                                   {"progress", r.progress},
                                   {"closed", r.closed}};
        }
        j.push_back(item);
        continue;
      }
      std::string four;
      std::string progress;
      if (s.rectification) {
        const auto& r = *s.rectification;
        four = fmt::format("{}/{}/{}/{}/+{}", r.county_leader_id, r.guiding_unit_id, r.town_member_id,
                           r.village_cadre_id, r.others.size());
        progress =
            r.closed.empty() ? fmt::format("{}%", r.progress) : fmt::format("{}% {}", r.progress, r.closed);
      }
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", s.org.id, s.org.name,
                               Label<command::PartyOrgKind>(ctx, s.org.kind), s.org.members,
                               zh ? state.zh : state.en, four, progress);
    }
    if (o->json) {
      std::cout << Dump(j) << '\n';
      return;
    }
    std::string kinds;
    for (const auto& [kind, n] : by_kind) {
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : (zh ? "，" : ", "),
                           Label<command::PartyOrgKind>(ctx, kind), n);
    }
    std::cout << (zh ? fmt::format("共 {} 个党组织（{}），软弱涣散 {} 个\n", list->size(), kinds, weak)
                     : fmt::format("{} party organizations ({}), {} weak and lax\n", list->size(), kinds,
                                   weak));
  });
}

void RegisterRosterStats(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    int year = 0;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand(
      "stats",
      "village cadre statistics against the previous year: one-shoulder ratio, college education, age / "
      "村干部统计");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code")->required();
  cmd->add_option("--year", o->year, "roster year")->required();
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    auto region = RegionCode::Parse(o->region);
    if (!region.ok()) {
      ctx.exit_code = Fail(ctx, region.status());
      return;
    }
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto cmp = command::CompareRosters(*store, o->year, *region);
    if (!cmp.ok()) {
      ctx.exit_code = Fail(ctx, cmp.status());
      return;
    }
    const auto& c = cmp->current;
    if (o->json) {
      const auto stats = [](const command::RosterStats& s) {
        return nlohmann::json{{"year", s.year},
                              {"villages", s.villages},
                              {"one_shoulder", s.one_shoulder},
                              {"one_shoulder_percent", s.one_shoulder_percent()},
                              {"cadres", s.cadres},
                              {"college", s.college},
                              {"college_percent", s.college_percent()},
                              {"average_age", s.average_age()}};
      };
      nlohmann::json j = {{"region", region->ToString()}, {"current", stats(c)}};
      if (cmp->previous) {
        j["previous"] = stats(*cmp->previous);
        j["change"] = {{"one_shoulder_points", cmp->one_shoulder_points()},
                       {"college", cmp->college_change()},
                       {"college_points", cmp->college_points()},
                       {"average_age", cmp->average_age_change()}};
      }
      std::cout << Dump(j) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? fmt::format("{} 年村干部：{} 个村，{} 人\n", c.year, c.villages, c.cadres)
                     : fmt::format("village cadres {}: {} villages, {} persons\n", c.year, c.villages,
                                   c.cadres));
    const auto change = [&](double v, const char* unit) {
      return cmp->previous ? fmt::format("（{:+.1f}{}）", v, unit) : std::string();
    };
    std::cout << (zh ? fmt::format("  书记主任一肩挑 {} 个村，占 {:.1f}%{}\n", c.one_shoulder,
                                   c.one_shoulder_percent(), change(cmp->one_shoulder_points(), " 个百分点"))
                     : fmt::format("  one person both posts: {} villages, {:.1f}%{}\n", c.one_shoulder,
                                   c.one_shoulder_percent(), change(cmp->one_shoulder_points(), " points")));
    std::cout << (zh ? fmt::format("  大专及以上学历 {} 人，占 {:.1f}%{}\n", c.college, c.college_percent(),
                                   change(cmp->college_points(), " 个百分点"))
                     : fmt::format("  college-educated: {}, {:.1f}%{}\n", c.college, c.college_percent(),
                                   change(cmp->college_points(), " points")));
    std::cout << (zh ? fmt::format("  平均年龄 {:.1f} 岁{}\n", c.average_age(),
                                   change(cmp->average_age_change(), " 岁"))
                     : fmt::format("  average age {:.1f}{}\n", c.average_age(),
                                   change(cmp->average_age_change(), " years")));
  });
}

}  // namespace

void RegisterStructureCommands(CLI::App& app, Context& ctx) {
  auto* units = app.add_subcommand("units", "units: county departments, towns, helping units / 单位");
  units->require_subcommand(1);
  RegisterTableImport(
      units, ctx,
      "import units from CSV/XLSX; all or nothing unless --skip-invalid; exit 2 when a row is invalid / "
      "导入单位",
      [](const TableImportCall& c) { return command::ImportUnitFile(c.store, c.file, c.options); });
  RegisterUnitList(units, ctx);

  auto* cadres = app.add_subcommand("cadres", "cadres of the units / 干部");
  cadres->require_subcommand(1);
  RegisterTableImport(
      cadres, ctx, "import cadres (units first); all or nothing unless --skip-invalid / 导入干部",
      [](const TableImportCall& c) { return command::ImportCadreFile(c.store, c.file, c.options); });
  RegisterCadreList(cadres, ctx);

  auto* campaigns = app.add_subcommand("campaigns", "campaigns and their command structure / 战役与指挥体系");
  campaigns->require_subcommand(1);
  RegisterCampaignShow(campaigns, ctx);

  auto* orgs = app.add_subcommand("party-orgs",
                                  "party organizations, weak and lax ones and their rectification / 党组织");
  orgs->require_subcommand(1);
  RegisterPartyOrgList(orgs, ctx);

  auto* roster = app.add_subcommand("roster", "the village cadre roster / 村干部");
  roster->require_subcommand(1);
  RegisterRosterStats(roster, ctx);
}

}  // namespace fupin::cli
