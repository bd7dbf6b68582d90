// fupin demo: builds the demo county (real division codes, synthetic registry) and
// prints its summary per town.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "accounts/password.hpp"
#include "accounts/role.hpp"
#include "cli/cli_common.hpp"
#include "command/party_org.hpp"
#include "demo/demo_generator.hpp"
#include "demo/structure_generator.hpp"
#include "demo/visit_generator.hpp"
#include "demo/worklist_generator.hpp"
#include "policy/help_days.hpp"
#include "policy/policy_file.hpp"
#include "regions/region_import.hpp"
#include "store/store.hpp"
#include "worklist/work_list.hpp"

namespace fupin::cli {
namespace {

struct TownSummary {
  std::string name;
  int villages = 0;
  int poor_villages = 0;
  int64_t households = 0;
  int64_t persons = 0;
  int64_t poor = 0;
  int64_t exited = 0;
  std::set<std::string> cadres;
};

// One demo account per role, all with the password kDemoPassword. The town
// commander gets the town with the most households, the village staff its busiest poor
// village, the responsible cadre that village's cadre with the most households (so
// that the demo can show one household visited this cycle and another still due).
constexpr const char* kDemoPassword = "Demo2020";

struct DemoAccountTargets {
  RegionCode town;
  RegionCode village;
  std::string cadre_phone;
  std::string cadre_name;
};

DemoAccountTargets ChooseDemoAccountTargets(RegionCode county,
                                            const std::vector<registry::Household>& households,
                                            const std::vector<store::Region>& regions) {
  std::map<RegionCode, int> per_town, per_village;
  std::set<uint64_t> poor_villages;
  for (const auto& r : regions) {
    if (r.poor_village) poor_villages.insert(r.code.number());
  }
  for (const auto& h : households) {
    ++per_town[h.village.parent()];
    if (poor_villages.contains(h.village.number())) ++per_village[h.village];
  }
  DemoAccountTargets t{county, county, "", ""};
  int best = -1;
  for (const auto& [code, n] : per_town) {
    if (n > best) best = n, t.town = code;
  }
  best = -1;
  for (const auto& [code, n] : per_village) {
    if (code.parent() == t.town && n > best) best = n, t.village = code;
  }
  std::map<std::string, int> per_cadre;
  for (const auto& h : households) {
    if (h.village == t.village) ++per_cadre[h.cadre_phone];
  }
  best = 0;
  for (const auto& h : households) {  // in registry order: the first of the busiest
    if (h.village != t.village || per_cadre[h.cadre_phone] <= best) continue;
    best = per_cadre[h.cadre_phone];
    t.cadre_phone = h.cadre_phone;
    t.cadre_name = h.cadre_name;
  }
  return t;
}

Status CreateDemoAccounts(const Context& ctx, store::Store& store, RegionCode county,
                          const DemoAccountTargets& t, const std::vector<store::Region>& regions) {
  const RegionCode town = t.town, village = t.village;
  const std::string& cadre_phone = t.cadre_phone;
  const std::string& cadre_name = t.cadre_name;
  struct Account {
    const char* username;
    accounts::Role role;
    RegionCode scope;
    std::string name;
  };
  const Account accounts_list[] = {
      {"admin", accounts::Role::kAdmin, county, "系统管理员"},
      {"hq", accounts::Role::kCountyHq, county, "县指挥部值班员"},
      {"org", accounts::Role::kOrgDept, county, "组织部干部"},
      {"town", accounts::Role::kTownCommander, town, "战区指挥员"},
      {"village", accounts::Role::kVillageStaff, village, "第一书记"},
      {"cadre", accounts::Role::kResponsibleCadre, village, cadre_name},
      {"supervisor", accounts::Role::kSupervisor, county, "督战队员"},
      {"discipline", accounts::Role::kDiscipline, county, "纪检干部"},
      {"viewer", accounts::Role::kViewer, county, "只读用户"},
  };
  FUPIN_ASSIGN_OR_RETURN(std::string hash, accounts::HashPassword(kDemoPassword));
  const bool zh = ctx.lang == Lang::kZh;
  std::cout << (zh ? fmt::format("\n演示账号（密码均为 {}）：\n", kDemoPassword)
                   : fmt::format("\ndemo accounts (password {} for all):\n", kDemoPassword));
  std::map<uint64_t, std::string> names;
  for (const auto& r : regions) names[r.code.number()] = r.name;
  for (const auto& a : accounts_list) {
    accounts::User u;
    u.username = a.username;
    u.display_name = a.name;
    u.role = a.role;
    u.scope = a.scope;
    u.password_hash = hash;
    u.must_change_password = true;
    u.demo = true;
    if (a.role == accounts::Role::kResponsibleCadre) u.cadre_phone = cadre_phone;
    FUPIN_RETURN_IF_ERROR(store.CreateUser(u).status());
    std::cout << fmt::format("  {:<11} {}（{}）\n", a.username, zh ? TermOf(a.role).zh : TermOf(a.role).en,
                             names[a.scope.number()]);
  }
  return Status::Ok();
}

Status BuildDemo(const Context& ctx, RegionCode county, uint64_t seed, const std::string& db, bool force) {
  const auto targets = demo::TargetsFor(county);
  if (!targets) {
    return Status::Invalid(
        "county", "demo.county",
        {fmt::format("没有县 {} 的演示数据，可选 510321（荣县）或 511025（资中县）", county.ToShortString()),
         fmt::format("no demo data for county {}; choose 510321 (Rong) or 511025 (Zizhong)",
                     county.ToShortString())});
  }
  if (std::filesystem::exists(db)) {
    if (!force) {
      return Status::AlreadyExists("db", {fmt::format("数据库 {} 已存在；加 --force 覆盖", db),
                                          fmt::format("database {} exists; add --force to replace it", db)});
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  }
  FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(db));
  FUPIN_ASSIGN_OR_RETURN(auto regions, regions::EmbeddedDemoRegions());
  FUPIN_RETURN_IF_ERROR(store->UpsertRegions(regions).status());

  std::map<RegionCode, std::string> town_names;
  for (const auto& r : regions) {
    if (r.code.level() == RegionLevel::kTown && r.code.IsWithin(county)) town_names[r.code] = r.name;
  }
  std::vector<demo::DemoVillage> villages;
  for (const auto& r : regions) {
    if (r.code.level() == RegionLevel::kVillage && r.code.IsWithin(county)) {
      villages.push_back({r.code, r.name, town_names[r.code.parent()]});
    }
  }
  FUPIN_ASSIGN_OR_RETURN(auto registry, demo::GenerateDemoCounty(*targets, villages, seed));
  FUPIN_RETURN_IF_ERROR(store->SetPoorVillages(county, registry.poor_villages));
  std::vector<store::HouseholdWrite> writes;
  writes.reserve(registry.households.size());
  for (const auto& h : registry.households) writes.push_back({nullptr, &h});
  FUPIN_RETURN_IF_ERROR(store->WriteHouseholds(
      writes, {"demo", fmt::format("demo:{}:seed{}", county.ToShortString(), seed)}, {}));

  // Units, cadres, four-level assignments, the campaign, party organizations and the
  // village cadre roster (demo/structure_generator.hpp).
  std::vector<demo::DemoRegion> town_regions, village_regions;
  for (const auto& [code, name] : town_names) town_regions.push_back({code, name});
  for (const auto& v : villages) village_regions.push_back({v.code, v.name});
  const auto structure = demo::GenerateDemoStructure(*targets, town_regions, village_regions, registry, seed);
  const store::ChangeContext demo_context{"demo",
                                          fmt::format("demo:{}:seed{}", county.ToShortString(), seed)};
  FUPIN_RETURN_IF_ERROR(store->WriteUnits(structure.units, demo_context).status());
  FUPIN_RETURN_IF_ERROR(store->WriteCadres(structure.cadres, demo_context).status());
  store::AssignmentChange assignments;
  assignments.inserts = structure.assignments;
  FUPIN_RETURN_IF_ERROR(store->WriteAssignments(assignments, demo_context).status());
  FUPIN_RETURN_IF_ERROR(store->WriteCampaign(structure.campaign, structure.posts, demo_context));
  FUPIN_RETURN_IF_ERROR(store->WritePartyOrgs(structure.party_orgs, demo_context).status());
  for (const auto& r : structure.rectifications) {
    FUPIN_ASSIGN_OR_RETURN(auto opened, command::OpenRectification(*store, r, demo_context));
    FUPIN_ASSIGN_OR_RETURN(opened, command::RecordRectificationProgress(*store, opened.id, opened.version,
                                                                        r.progress, r.note, demo_context));
    if (!r.closed.empty()) {
      FUPIN_ASSIGN_OR_RETURN(Date closed, Date::Parse(r.closed));
      FUPIN_RETURN_IF_ERROR(
          command::CloseRectification(*store, opened.id, opened.version, closed, r.note, demo_context)
              .status());
    }
  }
  FUPIN_RETURN_IF_ERROR(
      store->WriteVillageRoster(targets->as_of_year - 1, county, structure.roster_previous, demo_context));
  FUPIN_RETURN_IF_ERROR(
      store->WriteVillageRoster(targets->as_of_year, county, structure.roster_current, demo_context));
  // Work lists and meetings of the campaign (demo/worklist_generator.hpp): the plan's
  // tasks in one transaction, the cadences with their occurrences in one, the held
  // meetings with their decisions (and the tasks they create) in one.
  const auto work = demo::GenerateDemoWorkLists(*targets, town_regions, structure, registry, seed);
  const worklist::Actor demo_actor{"demo", fmt::format("{}指挥部", structure.campaign.name),
                                   demo_context.source, "", false};
  FUPIN_RETURN_IF_ERROR(worklist::ImportTasks(*store, work.tasks, demo_actor).status());
  FUPIN_ASSIGN_OR_RETURN(auto cadence_ids, meetings::CreateCadences(*store, work.cadences, demo_actor));
  std::map<std::pair<size_t, std::string>, int64_t> meeting_id;
  for (size_t c = 0; c < cadence_ids.size(); ++c) {
    store::MeetingFilter of_cadence;
    of_cadence.cadence_id = cadence_ids[c];
    FUPIN_ASSIGN_OR_RETURN(auto occurrences, store->ListMeetings(of_cadence));
    for (const auto& m : occurrences) meeting_id[{c, m.date}] = m.id;
  }
  std::vector<std::pair<int64_t, meetings::MeetingRecord>> records;
  for (const auto& r : work.records) records.emplace_back(meeting_id.at({r.cadence, r.date}), r.record);
  FUPIN_RETURN_IF_ERROR(meetings::RecordMeetings(*store, records, work.as_of, demo_actor).status());
  // Decision tasks done before the as-of date.
  size_t decision_tasks = 0;
  for (size_t i = 0; i < work.records.size(); ++i) {
    FUPIN_ASSIGN_OR_RETURN(auto decisions, store->MeetingDecisions(records[i].first));
    for (const auto& d : decisions) decision_tasks += d.task_id != 0 ? 1 : 0;
    for (const auto& done : work.records[i].done) {
      const int64_t task_id = decisions.at(done.decision).task_id;
      FUPIN_ASSIGN_OR_RETURN(Date day, Date::Parse(done.date));
      FUPIN_RETURN_IF_ERROR(
          worklist::CompleteTask(*store, task_id, 1, day, done.note, work.as_of, demo_actor).status());
    }
  }

  // The demo's "today": day 81 of the 100-day campaign (2020-08-01 to 2020-11-08), so the
  // countdown, the help-day cycles, due and overdue work all have something to show.
  // The server and the CLI take it as today for this database (store::kAsOfDateSetting).
  const std::string as_of_text = work.as_of.ToString();
  FUPIN_RETURN_IF_ERROR(store->PutSetting(store::kAsOfDateSetting, as_of_text));

  // The summary is read back from the store, not from the generator's memory.
  FUPIN_ASSIGN_OR_RETURN(auto stored_regions, store->ListRegions(county));
  FUPIN_ASSIGN_OR_RETURN(auto households, store->LoadHouseholds(county));

  // Visits in every help-day cycle of the campaign up to the as-of date, written in
  // one transaction (demo/visit_generator.hpp).
  const DemoAccountTargets account_targets = ChooseDemoAccountTargets(county, households, stored_regions);
  std::string demo_cadre;
  for (const auto& c : structure.cadres) {
    if (c.phone == account_targets.cadre_phone) demo_cadre = c.id;
  }
  FUPIN_ASSIGN_OR_RETURN(const Date campaign_start, Date::Parse(structure.campaign.start));
  FUPIN_ASSIGN_OR_RETURN(const Date as_of, Date::Parse(as_of_text));
  std::vector<Date> help_days;
  for (const auto& h : policy::HelpDays(policy::DefaultPolicy(), as_of.year())) {
    if (h.date >= campaign_start && h.date <= as_of) help_days.push_back(h.date);
  }
  const auto visits = demo::GenerateDemoVisits(structure, help_days, as_of, demo_cadre, seed);
  FUPIN_RETURN_IF_ERROR(store->WriteVisits(visits.visits, demo_context).status());
  std::map<RegionCode, TownSummary> towns;
  for (const auto& r : stored_regions) {
    if (r.code.level() == RegionLevel::kTown) towns[r.code].name = r.name;
    if (r.code.level() == RegionLevel::kVillage) {
      auto& t = towns[r.code.parent()];
      ++t.villages;
      t.poor_villages += r.poor_village ? 1 : 0;
    }
  }
  for (const auto& h : households) {
    auto& t = towns[h.village.parent()];
    ++t.households;
    t.persons += static_cast<int64_t>(h.members.size());
    t.poor +=
        (h.status == registry::HouseholdStatus::kPoor || h.status == registry::HouseholdStatus::kReturned)
            ? 1
            : 0;
    t.exited += h.status == registry::HouseholdStatus::kExited ? 1 : 0;
    t.cadres.insert(h.cadre_phone);
  }
  const bool zh = ctx.lang == Lang::kZh;
  std::cout << (zh ? fmt::format("演示县：{}（{}），{} 年，种子 {}\n数据库：{}\n\n", targets->county_name,
                                 county.ToShortString(), targets->as_of_year, seed, db)
                   : fmt::format("demo county: {} ({}), year {}, seed {}\ndatabase: {}\n\n",
                                 targets->county_name, county.ToShortString(), targets->as_of_year, seed,
                                 db));
  std::cout << (zh ? "乡镇\t村(社区)\t贫困村\t建档立卡户\t人数\t未脱贫户\t已脱贫户\t帮扶责任人\n"
                   : "town\tvillages\tpoor villages\thouseholds\tpersons\tin poverty\texited\tresponsible "
                     "cadres\n");
  TownSummary total;
  total.name = zh ? "合计" : "total";
  for (const auto& [code, t] : towns) {
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", t.name, t.villages, t.poor_villages,
                             Count(t.households), Count(t.persons), Count(t.poor), Count(t.exited),
                             Count(static_cast<int64_t>(t.cadres.size())));
    total.villages += t.villages;
    total.poor_villages += t.poor_villages;
    total.households += t.households;
    total.persons += t.persons;
    total.poor += t.poor;
    total.exited += t.exited;
    total.cadres.insert(t.cadres.begin(), t.cadres.end());
  }
  std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", total.name, total.villages,
                           total.poor_villages, Count(total.households), Count(total.persons),
                           Count(total.poor), Count(total.exited),
                           Count(static_cast<int64_t>(total.cadres.size())));
  std::cout
      << (zh ? fmt::format(
                   "\n指挥体系：单位 {} 个，干部 {} 名，包保记录 {} 条，党组织 {} 个（软弱涣散 {} "
                   "个整顿），战役“{}”\n"
                   "有意留下的缺口：{} 个贫困村无第一书记，{} 户无帮扶责任人（fupin coverage --region {}）\n"
                   "工作清单：{} 项任务（会议交办 {} 项），会议周期 {} 个、已召开会议 {} 次\n"
                   "（fupin tasks list、fupin meetings list）\n",
                   structure.units.size(), Count(static_cast<int64_t>(structure.cadres.size())),
                   Count(static_cast<int64_t>(structure.assignments.size())), structure.party_orgs.size(),
                   structure.rectifications.size(), structure.campaign.name,
                   structure.villages_without_first_secretary.size(),
                   structure.households_without_cadre.size(), county.ToShortString(),
                   work.tasks.size() + decision_tasks, decision_tasks, work.cadences.size(),
                   work.records.size())
             : fmt::format(
                   "\ncommand structure: {} units, {} cadres, {} assignments, {} party organizations "
                   "({} weak and lax under rectification), campaign \"{}\"\n"
                   "deliberate gaps: {} poor villages without a first secretary, {} households without a "
                   "responsible cadre (fupin coverage --region {})\n"
                   "work lists: {} tasks ({} from meeting decisions), {} meeting cadences, {} meetings held "
                   "(fupin tasks list, fupin meetings list)\n",
                   structure.units.size(), Count(static_cast<int64_t>(structure.cadres.size())),
                   Count(static_cast<int64_t>(structure.assignments.size())), structure.party_orgs.size(),
                   structure.rectifications.size(), structure.campaign.name,
                   structure.villages_without_first_secretary.size(),
                   structure.households_without_cadre.size(), county.ToShortString(),
                   work.tasks.size() + decision_tasks, decision_tasks, work.cadences.size(),
                   work.records.size()));
  std::cout << (zh ? fmt::format("帮扶走访：{} 个帮扶日周期（{} 起）共 {} 次走访，发现问题 {} 个；{} "
                                 "名干部从未走访（挂名不出工），"
                                 "{} 名干部本周期尚未走访（fupin compliance --region {}）\n",
                                 help_days.size(), help_days.empty() ? "" : help_days.front().ToString(),
                                 Count(static_cast<int64_t>(visits.visits.size())), Count(visits.problems),
                                 visits.idle_cadres.size(), visits.late_cadres.size(), county.ToShortString())
                   : fmt::format(
                         "visits: {} help-day cycles from {}, {} visits, {} problems found; {} cadres never "
                         "visited (listed but not working), {} not yet this cycle (fupin compliance "
                         "--region {})\n",
                         help_days.size(), help_days.empty() ? "" : help_days.front().ToString(),
                         Count(static_cast<int64_t>(visits.visits.size())), Count(visits.problems),
                         visits.idle_cadres.size(), visits.late_cadres.size(), county.ToShortString()));
  std::cout << (zh ? fmt::format("演示数据日期：{}（{}第 {} 天）；本数据库的服务和命令以这一天为“今天”\n",
                                 as_of_text, structure.campaign.name,
                                 as_of.days() - campaign_start.days() + 1)
                   : fmt::format(
                         "the demo data describes {} (day {} of \"{}\"); the server and the commands take "
                         "that day as today for this database\n",
                         as_of_text, as_of.days() - campaign_start.days() + 1, structure.campaign.name));
  return CreateDemoAccounts(ctx, *store, county, account_targets, stored_regions);
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string county = "511025";
    uint64_t seed = 1;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "demo",
      "create the demo county: real villages, synthetic households at the article's scale / 创建演示县");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--county", o->county, "511025 (资中县) or 510321 (荣县)")->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed; the same seed gives the same county")
      ->capture_default_str();
  cmd->add_flag("--force", o->force, "replace an existing database file");
  cmd->callback([&ctx, o] {
    auto county = RegionCode::Parse(o->county);
    if (!county.ok()) {
      ctx.exit_code = Fail(ctx, county.status());
      return;
    }
    Status s = BuildDemo(ctx, *county, o->seed, o->db, o->force);
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });
}

}  // namespace fupin::cli
