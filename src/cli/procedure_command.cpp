// fupin procedure start|step|reject|show|list and fupin monitor
// identify|measure|income|check|eliminate: the recorded procedures on the command line.
// Refused steps exit with 2 and say why on stderr.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "policy/policy_file.hpp"
#include "procedures/monitoring.hpp"
#include "procedures/procedure.hpp"
#include "registry/household_json.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

using procedures::Procedure;

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Options every procedure command shares.
struct Common {
  std::string db = "fupin.db";
  std::string policy_file;
  bool json = false;
};

void AddCommon(CLI::App* cmd, Common* c) {
  AddDbOption(cmd, &c->db);
  cmd->add_option("--policy", c->policy_file, "policy file (default: the built-in policy) / 政策文件");
  cmd->add_flag("--json", c->json, "print the result as JSON");
}

/// Options of a command that records a step.
struct StepOptions {
  std::string date;
  std::string note;
  CLI::Option* expect_version_option = nullptr;
  int64_t expect_version = 0;
};

void AddStepOptions(CLI::App* cmd, StepOptions* s, bool with_version) {
  cmd->add_option("--date", s->date, "the day the step happened, YYYY-MM-DD (not after today) / 办理日期")
      ->required();
  cmd->add_option("--note", s->note, "note / 备注");
  if (with_version) {
    s->expect_version_option =
        cmd->add_option("--expect-version", s->expect_version,
                        "refuse unless the procedure is still at this version / 期望版本");
  }
}

/// An open store and the policy in force for one command.
struct Session {
  std::unique_ptr<store::Store> store;
  std::optional<policy::Policy> loaded;  // from --policy; else the built-in policy

  procedures::Env Env() const { return {*store, loaded ? *loaded : policy::DefaultPolicy(), Date::Today()}; }
};

Result<Session> OpenSession(const Common& c) {
  Session s;
  FUPIN_ASSIGN_OR_RETURN(s.store, store::OpenSqliteStore(c.db, {.create = false}));
  if (!c.policy_file.empty()) {
    FUPIN_ASSIGN_OR_RETURN(s.loaded, policy::LoadPolicyFile(c.policy_file));
  }
  return s;
}

Result<procedures::StepInput> MakeInput(const StepOptions& s) {
  procedures::StepInput in;
  in.actor = CliActor();
  FUPIN_ASSIGN_OR_RETURN(in.date, Date::Parse(s.date));
  in.note = s.note;
  if (s.expect_version_option != nullptr && s.expect_version_option->count() > 0) {
    in.expected_version = s.expect_version;
  }
  return in;
}

Result<nlohmann::json> ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Status::NotFound("file",
                            {fmt::format("无法读取文件 {}", path), fmt::format("cannot read file {}", path)});
  }
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Invalid(
        "file", "json.syntax",
        {fmt::format("{} 不是有效的 JSON 对象", path), fmt::format("{} is not a valid JSON object", path)});
  }
  return j;
}

std::string Name(const Message& m, Lang lang) {
  return m.In(lang);
}

std::string NextText(const Procedure& p, Lang lang) {
  std::string out;
  for (const procedures::NextStep& n : procedures::NextSteps(p)) {
    if (!out.empty()) out += lang == Lang::kZh ? "、" : ", ";
    out += lang == Lang::kZh ? fmt::format("「{}」({})", n.name.zh, n.code)
                             : fmt::format("'{}' ({})", n.name.en, n.code);
  }
  return out;
}

/// One line after a step: what was done and what may come next.
void PrintAfterStep(const Context& ctx, const Procedure& p, bool json) {
  if (json) {
    std::cout << Dump(procedures::ProcedureToJson(p)) << '\n';
    return;
  }
  const bool zh = ctx.lang == Lang::kZh;
  const procedures::StepRecord& last = p.steps.back();
  const Message step = procedures::StepName(p.kind, last.step);
  const Message state = procedures::StateName(p.kind, p.state);
  const Term& kind = TermOf(p.kind);
  std::cout << (zh ? fmt::format("程序 #{}（{}，{}）：{} 已办理「{}」，当前状态「{}」，版本 {}\n", p.id,
                                 kind.zh, p.subject, last.date.ToString(), step.zh, state.zh, p.version)
                   : fmt::format("procedure #{} ({}, {}): '{}' recorded on {}; state '{}', version {}\n",
                                 p.id, kind.en, p.subject, step.en, last.date.ToString(), state.en,
                                 p.version));
  if (p.open()) {
    std::cout << (zh ? "下一步：" : "next: ") << NextText(p, ctx.lang) << '\n';
  } else {
    const Term& outcome = TermOf(p.outcome);
    std::cout << (zh ? fmt::format("程序已办结：{}\n", outcome.zh)
                     : fmt::format("procedure closed: {}\n", outcome.en));
  }
}

void PrintProcedure(const Context& ctx, const Procedure& p) {
  const bool zh = ctx.lang == Lang::kZh;
  const Term& kind = TermOf(p.kind);
  const Term& outcome = TermOf(p.outcome);
  const Message state = procedures::StateName(p.kind, p.state);
  std::cout << fmt::format("{} #{}  {}  {}\n", zh ? "程序" : "procedure", p.id, zh ? kind.zh : kind.en,
                           p.subject);
  std::cout << (zh ? fmt::format("状态：{}（{}）  版本 {}  开启 {}{}\n", state.zh, outcome.zh, p.version,
                                 p.opened_at.ToString(),
                                 p.closed_at ? "  办结 " + p.closed_at->ToString() : "")
                   : fmt::format("state: {} ({})  version {}  opened {}{}\n", state.en, outcome.en, p.version,
                                 p.opened_at.ToString(),
                                 p.closed_at ? "  closed " + p.closed_at->ToString() : ""));
  std::cout << (zh ? "序号\t日期\t步骤\t办理人\t状态\t备注\n" : "seq\tdate\tstep\tactor\tstate\tnote\n");
  for (const procedures::StepRecord& r : p.steps) {
    const Message step = procedures::StepName(p.kind, r.step);
    const Message after = procedures::StateName(p.kind, r.state_after);
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", r.seq, r.date.ToString(), Name(step, ctx.lang),
                             r.actor, Name(after, ctx.lang), r.note);
    if (r.evidence.is_object()) {
      if (r.evidence.contains("verdict")) {
        const bool eligible = r.evidence["verdict"].value("eligible_to_exit", false);
        std::cout << (zh ? fmt::format("\t\t退出评估（{} 年）：{}\n", r.evidence["verdict"].value("year", 0),
                                       eligible ? "符合" : "不符合")
                         : fmt::format("\t\texit verdict ({}): {}\n", r.evidence["verdict"].value("year", 0),
                                       eligible ? "eligible" : "not eligible"));
      }
      if (r.evidence.contains("override_reason")) {
        std::cout << (zh ? "\t\t强制启动理由：" : "\t\toverride reason: ")
                  << r.evidence["override_reason"].get<std::string>() << '\n';
      }
    }
  }
  if (p.open()) std::cout << (zh ? "下一步：" : "next: ") << NextText(p, ctx.lang) << '\n';
}

// Village or county facts from a JSON file. When "poor_not_exited" is absent it is
// counted from the registry: members of households in the region that are 未脱贫 or
// 返贫.
template <typename Facts>
Status ReadAreaFacts(const std::string& path, store::Store& store, RegionCode region, Facts* facts) {
  FUPIN_ASSIGN_OR_RETURN(nlohmann::json j, ReadJsonFile(path));
  try {
    facts->rural_population = j.at("rural_population").get<int64_t>();
    if (j.contains("poor_not_exited")) {
      facts->poor_not_exited = j.at("poor_not_exited").get<int64_t>();
    } else {
      FUPIN_ASSIGN_OR_RETURN(std::vector<registry::Household> households, store.LoadHouseholds(region));
      facts->poor_not_exited = 0;
      for (const registry::Household& h : households) {
        if (h.status == registry::HouseholdStatus::kPoor ||
            h.status == registry::HouseholdStatus::kReturned) {
          facts->poor_not_exited += static_cast<int64_t>(h.members.size());
        }
      }
    }
    if (j.contains("checklist")) {
      for (const auto& [id, value] : j.at("checklist").items())
        facts->checklist[id] = value.template get<bool>();
    }
    if constexpr (std::is_same_v<Facts, policy::CountyFacts>) {
      auto ratio = [&](const char* key, std::optional<policy::Ratio>* out) {
        if (!j.contains(key) || j.at(key).is_null()) return;
        const auto& r = j.at(key);
        *out = policy::Ratio{r.at("numerator").get<int64_t>(), r.at("denominator").get<int64_t>()};
      };
      ratio("missed_assessment", &facts->missed_assessment);
      ratio("wrong_exit", &facts->wrong_exit);
      ratio("recognition", &facts->recognition);
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Invalid(
        "facts", "facts.format",
        {fmt::format("{} 的内容不符合格式（见 docs/procedures.md）：{}", path, e.what()),
         fmt::format("{} does not have the expected layout (docs/procedures.md): {}", path, e.what())});
  }
  return Status::Ok();
}

void RegisterStart(CLI::App* parent, Context& ctx) {
  struct Options {
    Common common;
    StepOptions step;
    std::string kind;
    std::string subject;
    std::string override_reason;
    std::string facts;
    std::string household_json;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand(
      "start",
      "open a procedure with its first step / 启动程序: exit 贫困户退出, identify 识别纳入, return 返贫, "
      "village-exit 贫困村退出, county-exit 贫困县退出");
  AddCommon(cmd, &o->common);
  AddStepOptions(cmd, &o->step, false);
  cmd->add_option("KIND", o->kind, "exit | identify | return | village-exit | county-exit")->required();
  cmd->add_option("SUBJECT", o->subject, "household number 户编号, or region code 区划代码")->required();
  cmd->add_option("--override-reason", o->override_reason,
                  "start although the exit verdict fails; the reason is recorded / 强制启动理由");
  cmd->add_option("--facts", o->facts, "village-exit / county-exit: facts JSON file (docs/procedures.md)");
  cmd->add_option("--household-json", o->household_json,
                  "identify: the applicant household as JSON when it is not in the registry yet");
  cmd->callback([&ctx, o] {
    const auto kind = ParseTerm<procedures::ProcedureKind>(o->kind);
    if (!kind || *kind == procedures::ProcedureKind::kMonitoring) {
      ctx.exit_code =
          Fail(ctx, Status::Invalid("kind", "procedure.unknown_kind",
                                    {fmt::format("不能用 start 启动「{}」：可用 exit、identify、return、"
                                                 "village-exit、county-exit（监测用 fupin monitor identify）",
                                                 o->kind),
                                     fmt::format("'{}' cannot be started here: use exit, identify, "
                                                 "return, village-exit or county-exit (monitoring: "
                                                 "fupin monitor identify)",
                                                 o->kind)}));
      return;
    }
    auto session = OpenSession(o->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    auto input = MakeInput(o->step);
    if (!input.ok()) {
      ctx.exit_code = Fail(ctx, input.status());
      return;
    }
    const procedures::Env env = session->Env();
    Result<Procedure> result = Status::Internal({"未启动", "not started"});
    switch (*kind) {
      case procedures::ProcedureKind::kHouseholdExit:
        result = procedures::StartHouseholdExit(env, o->subject, *input, o->override_reason);
        break;
      case procedures::ProcedureKind::kIdentification:
        if (o->household_json.empty()) {
          result = procedures::StartIdentification(env, o->subject, *input);
        } else {
          auto j = ReadJsonFile(o->household_json);
          if (!j.ok()) {
            result = j.status();
            break;
          }
          auto applicant = registry::HouseholdFromJson(*j);
          if (!applicant.ok()) {
            result = applicant.status();
          } else if (applicant->id != o->subject) {
            result = Status::Invalid(
                "household_id", "procedure.subject_mismatch",
                {fmt::format("文件中的户编号 {} 与 {} 不一致", applicant->id, o->subject),
                 fmt::format("the file's household number {} is not {}", applicant->id, o->subject)});
          } else {
            result = procedures::StartIdentification(env, *applicant, *input);
          }
        }
        break;
      case procedures::ProcedureKind::kReturnToPoverty:
        result = procedures::StartReturnToPoverty(env, o->subject, *input);
        break;
      case procedures::ProcedureKind::kVillageExit:
      case procedures::ProcedureKind::kCountyExit: {
        auto region = RegionCode::Parse(o->subject);
        if (!region.ok()) {
          result = region.status();
          break;
        }
        if (o->facts.empty()) {
          result = Status::Invalid("facts", "facts.missing",
                                   {"村、县退出申请须用 --facts 提供事实数据文件",
                                    "a village or county exit needs the facts file (--facts)"});
          break;
        }
        if (*kind == procedures::ProcedureKind::kVillageExit) {
          policy::VillageFacts facts;
          Status s = ReadAreaFacts(o->facts, *session->store, *region, &facts);
          result = s.ok() ? procedures::StartVillageExit(env, *region, facts, *input, o->override_reason)
                          : Result<Procedure>(s);
        } else {
          policy::CountyFacts facts;
          Status s = ReadAreaFacts(o->facts, *session->store, *region, &facts);
          result = s.ok() ? procedures::StartCountyExit(env, *region, facts, *input, o->override_reason)
                          : Result<Procedure>(s);
        }
        break;
      }
      case procedures::ProcedureKind::kMonitoring:
        break;
    }
    if (!result.ok()) {
      ctx.exit_code = Fail(ctx, result.status());
      return;
    }
    PrintAfterStep(ctx, *result, o->common.json);
  });
}

void RegisterStep(CLI::App* parent, Context& ctx) {
  struct Options {
    Common common;
    StepOptions step;
    int64_t id = 0;
    std::string name;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("step", "record the next step of a procedure / 办理下一步");
  AddCommon(cmd, &o->common);
  AddStepOptions(cmd, &o->step, true);
  cmd->add_option("ID", o->id, "procedure id 程序编号")->required();
  cmd->add_option("STEP", o->name, "step code or name, e.g. town_review or 乡镇审核")->required();
  cmd->callback([&ctx, o] {
    auto session = OpenSession(o->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    auto input = MakeInput(o->step);
    if (!input.ok()) {
      ctx.exit_code = Fail(ctx, input.status());
      return;
    }
    auto result = procedures::TakeStep(session->Env(), o->id, o->name, *input);
    if (!result.ok()) {
      ctx.exit_code = Fail(ctx, result.status());
      return;
    }
    PrintAfterStep(ctx, *result, o->common.json);
  });
}

void RegisterReject(CLI::App* parent, Context& ctx) {
  struct Options {
    Common common;
    StepOptions step;
    int64_t id = 0;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("reject", "reject an open procedure with a reason; it ends / 否决");
  AddCommon(cmd, &o->common);
  cmd->add_option("--date", o->step.date, "the day of the decision, YYYY-MM-DD / 日期")->required();
  cmd->add_option("--reason", o->step.note, "why / 否决理由")->required();
  o->step.expect_version_option = cmd->add_option("--expect-version", o->step.expect_version,
                                                  "refuse unless the procedure is still at this version");
  cmd->add_option("ID", o->id, "procedure id 程序编号")->required();
  cmd->callback([&ctx, o] {
    auto session = OpenSession(o->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    auto input = MakeInput(o->step);
    if (!input.ok()) {
      ctx.exit_code = Fail(ctx, input.status());
      return;
    }
    auto result = procedures::Reject(session->Env(), o->id, *input);
    if (!result.ok()) {
      ctx.exit_code = Fail(ctx, result.status());
      return;
    }
    PrintAfterStep(ctx, *result, o->common.json);
  });
}

void RegisterShow(CLI::App* parent, Context& ctx) {
  struct Options {
    Common common;
    int64_t id = 0;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("show", "a procedure with every step / 查看程序");
  AddCommon(cmd, &o->common);
  cmd->add_option("ID", o->id, "procedure id 程序编号")->required();
  cmd->callback([&ctx, o] {
    auto session = OpenSession(o->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    auto p = procedures::LoadProcedure(*session->store, o->id);
    if (!p.ok()) {
      ctx.exit_code = Fail(ctx, p.status());
      return;
    }
    if (o->common.json) {
      std::cout << Dump(procedures::ProcedureToJson(*p)) << '\n';
    } else {
      PrintProcedure(ctx, *p);
    }
  });
}

void RegisterList(CLI::App* parent, Context& ctx) {
  struct Options {
    Common common;
    std::string subject;
    std::string kind;
    bool open = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "list procedures / 程序列表");
  AddCommon(cmd, &o->common);
  cmd->add_option("--subject", o->subject, "household number or region code");
  cmd->add_option("--kind", o->kind, "exit | identify | return | monitor | village-exit | county-exit");
  cmd->add_flag("--open", o->open, "only open procedures / 只列办理中的");
  cmd->callback([&ctx, o] {
    auto session = OpenSession(o->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    store::ProcedureFilter filter;
    filter.open_only = o->open;
    filter.subject = o->subject;
    // Region subjects are stored as 12 digits; "511025" means the county.
    if (auto region = RegionCode::Parse(o->subject); !o->subject.empty() && region.ok()) {
      filter.subject = region->ToString();
    }
    if (!o->kind.empty()) {
      const auto kind = ParseTerm<procedures::ProcedureKind>(o->kind);
      if (!kind) {
        ctx.exit_code = Fail(ctx, Status::Invalid("kind", "procedure.unknown_kind",
                                                  {fmt::format("未知的程序类别 {}", o->kind),
                                                   fmt::format("unknown procedure kind {}", o->kind)}));
        return;
      }
      filter.kind = std::string(TermOf(*kind).code);
    }
    auto list = procedures::ListProcedures(*session->store, filter);
    if (!list.ok()) {
      ctx.exit_code = Fail(ctx, list.status());
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    if (o->common.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const Procedure& p : *list) {
        nlohmann::json j = procedures::ProcedureToJson(p);
        j.erase("steps");
        j.erase("next_steps");
        out.push_back(std::move(j));
      }
      std::cout << Dump(out) << '\n';
      return;
    }
    std::cout << (zh ? "编号\t类别\t对象\t状态\t结果\t开启\t办结\n"
                     : "id\tkind\tsubject\tstate\toutcome\topened\tclosed\n");
    for (const Procedure& p : *list) {
      const Term& kind = TermOf(p.kind);
      const Term& outcome = TermOf(p.outcome);
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", p.id, zh ? kind.zh : kind.en, p.subject,
                               Name(procedures::StateName(p.kind, p.state), ctx.lang),
                               zh ? outcome.zh : outcome.en, p.opened_at.ToString(),
                               p.closed_at ? p.closed_at->ToString() : "");
    }
  });
}

// --- fupin monitor ---------------------------------------------------------------------

template <typename E>
Result<E> ParseVocabulary(const std::string& text, const char* field, const Message& what) {
  if (auto v = ParseTerm<E>(text)) return *v;
  std::string choices;
  for (const Term& t : TermsOf<E>()) {
    if (t.code.empty() || t.code == "none") continue;
    if (!choices.empty()) choices += ", ";
    choices += fmt::format("{} {}", t.code, t.zh);
  }
  return Status::Invalid(field, "term.unknown",
                         {fmt::format("未知的{}「{}」；可用：{}", what.zh, text, choices),
                          fmt::format("unknown {} '{}'; one of: {}", what.en, text, choices)});
}

/// Runs one monitor command: opens the session, builds the input, runs `action`.
template <typename Action>
void RunMonitor(Context& ctx, const Common& common, const StepOptions& step, Action action) {
  auto session = OpenSession(common);
  if (!session.ok()) {
    ctx.exit_code = Fail(ctx, session.status());
    return;
  }
  auto input = MakeInput(step);
  if (!input.ok()) {
    ctx.exit_code = Fail(ctx, input.status());
    return;
  }
  Result<Procedure> result = action(session->Env(), *input);
  if (!result.ok()) {
    ctx.exit_code = Fail(ctx, result.status());
    return;
  }
  PrintAfterStep(ctx, *result, common.json);
}

struct MonitorOptions {
  Common common;
  StepOptions step;
  std::string household;
  std::string category;
  std::string trigger;
  std::string kind;
  std::string income;
  bool risk_resolved = false;
};

CLI::App* AddMonitorCommand(CLI::App* parent, const char* name, const char* help, MonitorOptions* o) {
  auto* cmd = parent->add_subcommand(name, help);
  AddCommon(cmd, &o->common);
  AddStepOptions(cmd, &o->step, false);
  cmd->add_option("HOUSEHOLD", o->household, "household number 户编号")->required();
  return cmd;
}

void PrintConditions(const Context& ctx, const std::vector<procedures::EliminationCondition>& conditions,
                     bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : conditions) {
      out.push_back({{"id", c.id},
                     {"name_zh", c.name.zh},
                     {"name_en", c.name.en},
                     {"met", c.met},
                     {"reason_zh", c.reason.zh},
                     {"reason_en", c.reason.en}});
    }
    std::cout << Dump(out) << '\n';
    return;
  }
  const bool zh = ctx.lang == Lang::kZh;
  for (const auto& c : conditions) {
    std::cout << (c.met ? (zh ? "满足" : "met") : (zh ? "未满足" : "unmet")) << '\t' << c.name.In(ctx.lang)
              << '\t' << c.reason.In(ctx.lang) << '\n';
  }
}

}  // namespace

void RegisterProcedureCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "procedure",
      "recorded procedures: household exit, identification, return to poverty, village and county "
      "exit (docs/procedures.md); refused steps exit with 2 / 退出、识别、返贫、村县退出程序");
  group->require_subcommand(1);
  RegisterStart(group, ctx);
  RegisterStep(group, ctx);
  RegisterReject(group, ctx);
  RegisterShow(group, ctx);
  RegisterList(group, ctx);
}

void RegisterMonitorCommands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "monitor", "monitoring objects: identify, measures, income checks, risk elimination / 防返贫监测");
  group->require_subcommand(1);

  auto identify = std::make_shared<MonitorOptions>();
  auto* cmd = AddMonitorCommand(group, "identify",
                                "identify a household as a monitoring object / 识别监测对象", identify.get());
  cmd->add_option("--category", identify->category,
                  "unstable_exited 脱贫不稳定户 | marginal 边缘易致贫户 | sudden_hardship 突发严重困难户")
      ->required();
  cmd->add_option("--trigger", identify->trigger,
                  "income_below_threshold | medical_expense | schooling_expense | disaster | sudden_loss")
      ->required();
  cmd->callback([&ctx, identify] {
    RunMonitor(ctx, identify->common, identify->step,
               [&](const procedures::Env& env, const procedures::StepInput& in) -> Result<Procedure> {
                 FUPIN_ASSIGN_OR_RETURN(auto category,
                                        ParseVocabulary<registry::MonitoringCategory>(
                                            identify->category, "category", {"监测对象类别", "category"}));
                 FUPIN_ASSIGN_OR_RETURN(auto trigger,
                                        ParseVocabulary<procedures::MonitoringTrigger>(
                                            identify->trigger, "trigger", {"触发原因", "trigger"}));
                 return procedures::IdentifyMonitoringObject(env, identify->household, category, trigger, in);
               });
  });

  auto measure = std::make_shared<MonitorOptions>();
  cmd = AddMonitorCommand(group, "measure", "record an assistance measure / 登记帮扶措施", measure.get());
  cmd->add_option("--kind", measure->kind,
                  "industry | employment | health | education | housing | social_assistance 兜底保障 | other")
      ->required();
  cmd->callback([&ctx, measure] {
    RunMonitor(ctx, measure->common, measure->step,
               [&](const procedures::Env& env, const procedures::StepInput& in) -> Result<Procedure> {
                 FUPIN_ASSIGN_OR_RETURN(
                     auto kind, ParseVocabulary<procedures::MeasureKind>(measure->kind, "kind",
                                                                         {"帮扶措施类别", "measure kind"}));
                 return procedures::RecordMeasure(env, measure->household, kind, in);
               });
  });

  auto income = std::make_shared<MonitorOptions>();
  cmd = AddMonitorCommand(group, "income", "record an income check (per-capita yuan per year) / 登记收入核查",
                          income.get());
  cmd->add_option("--income", income->income, "per-capita yearly income in yuan / 人均年收入（元）")
      ->required();
  cmd->callback([&ctx, income] {
    RunMonitor(ctx, income->common, income->step,
               [&](const procedures::Env& env, const procedures::StepInput& in) -> Result<Procedure> {
                 FUPIN_ASSIGN_OR_RETURN(Money amount, Money::Parse(income->income));
                 return procedures::RecordIncomeCheck(env, income->household, amount, in);
               });
  });

  auto check = std::make_shared<MonitorOptions>();
  cmd = AddMonitorCommand(group, "check",
                          "show the risk-elimination conditions on a day (writes nothing) / 核对风险消除条件",
                          check.get());
  cmd->add_flag("--risk-resolved", check->risk_resolved, "the risk source is resolved / 致险因素已消除");
  cmd->callback([&ctx, check] {
    auto session = OpenSession(check->common);
    if (!session.ok()) {
      ctx.exit_code = Fail(ctx, session.status());
      return;
    }
    auto date = Date::Parse(check->step.date);
    if (!date.ok()) {
      ctx.exit_code = Fail(ctx, date.status());
      return;
    }
    auto conditions =
        procedures::CheckRiskElimination(session->Env(), check->household, *date, check->risk_resolved);
    if (!conditions.ok()) {
      ctx.exit_code = Fail(ctx, conditions.status());
      return;
    }
    PrintConditions(ctx, *conditions, check->common.json);
  });

  auto eliminate = std::make_shared<MonitorOptions>();
  cmd = AddMonitorCommand(group, "eliminate", "eliminate the risk when every condition holds / 风险消除",
                          eliminate.get());
  cmd->add_flag("--risk-resolved", eliminate->risk_resolved, "the risk source is resolved / 致险因素已消除");
  cmd->callback([&ctx, eliminate] {
    RunMonitor(ctx, eliminate->common, eliminate->step,
               [&](const procedures::Env& env, const procedures::StepInput& in) -> Result<Procedure> {
                 return procedures::EliminateRisk(env, eliminate->household, eliminate->risk_resolved, in);
               });
  });
}

}  // namespace fupin::cli
