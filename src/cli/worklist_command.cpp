// fupin tasks list|add|commit|progress|complete and fupin meetings list: the work lists
// 清单制 with their escalation on a day, and the meetings 会议 of the command system.
#include <fmt/format.h>

#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli/cli_common.hpp"
#include "meetings/meeting.hpp"
#include "policy/policy_file.hpp"
#include "store/store.hpp"
#include "worklist/work_list.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::unique_ptr<store::Store> OpenExisting(Context& ctx, const std::string& db) {
  auto store = store::OpenSqliteStore(db, {.create = false});
  if (!store.ok()) {
    ctx.exit_code = Fail(ctx, store.status());
    return nullptr;
  }
  return std::move(store).value();
}

Result<policy::Policy> LoadPolicyOption(const std::string& path) {
  if (path.empty()) return policy::DefaultPolicy();
  return policy::LoadPolicyFile(path);
}

worklist::Actor CliWriter(const std::string& by) {
  const std::string id = CliActor();
  return {id, by.empty() ? id.substr(4) : by, "cli"};
}

Result<RegionCode> RegionOption(const std::string& text) {
  if (text.empty()) return RegionCode();
  return RegionCode::Parse(text);
}

template <typename E>
Result<std::optional<E>> TermOption(const std::string& text, const char* name) {
  if (text.empty()) return std::optional<E>();
  auto v = ParseTerm<E>(text);
  if (!v) {
    return Status::Invalid(name, "option.term",
                           {fmt::format("--{} 的值“{}”无效", name, text),
                            fmt::format("--{} has an invalid value \"{}\"", name, text)});
  }
  return std::optional<E>(*v);
}

template <typename E>
std::string_view Label(const Context& ctx, E value) {
  return ctx.lang == Lang::kZh ? TermOf(value).zh : TermOf(value).en;
}

// Common options of the commands that change one task.
struct TaskChangeOptions {
  std::string db = "fupin.db";
  int64_t id = 0;
  int64_t version = 0;  // 0: the stored version
  std::string date;
  std::string note;
  std::string by;
  bool json = false;
};

void AddTaskChangeOptions(CLI::App* cmd, TaskChangeOptions* o) {
  AddDbOption(cmd, &o->db);
  cmd->add_option("id", o->id, "task id / 任务编号")->required();
  cmd->add_option("--version", o->version, "the version read (refused when stale); default the stored one");
  cmd->add_option("--date", o->date, "the day (YYYY-MM-DD); default the database's as-of date, else today");
  cmd->add_option("--by", o->by, "who reports it, as shown (default the login name)");
  cmd->add_flag("--json", o->json, "print the task as JSON");
}

// Runs `change` on the task with the options' version and prints the task after it.
void RunTaskChange(Context& ctx, const TaskChangeOptions& o,
                   const std::function<Result<worklist::Task>(store::Store&, int64_t version, Date day,
                                                              Date today)>& change) {
  auto store = OpenExisting(ctx, o.db);
  if (!store) return;
  auto today = DayOption("", o.db);
  auto day = DayOption(o.date, o.db);
  if (!today.ok() || !day.ok()) {
    ctx.exit_code = Fail(ctx, today.ok() ? day.status() : today.status());
    return;
  }
  int64_t version = o.version;
  if (version == 0) {
    auto task = store->FindTask(o.id);
    if (task.ok() && *task) version = (*task)->version;
  }
  auto written = change(*store, version, *day, *today);
  if (!written.ok()) {
    ctx.exit_code = Fail(ctx, written.status());
    return;
  }
  auto view = worklist::FindTaskView(*store, policy::DefaultPolicy(), o.id, *today);
  if (!view.ok() || !*view) {
    ctx.exit_code =
        Fail(ctx, view.ok() ? Status::Internal({"任务读回失败", "the task could not be read back"})
                            : view.status());
    return;
  }
  const worklist::TaskView& v = **view;
  if (o.json) {
    std::cout << Dump(worklist::TaskToJson(v, true)) << '\n';
    return;
  }
  const bool zh = ctx.lang == Lang::kZh;
  std::cout << (zh ? fmt::format("任务 #{}“{}”：进度 {}%，{}，{}（版本 {}）\n", v.task.id, v.task.title,
                                 v.task.progress,
                                 Label(ctx, ParseTerm<worklist::TaskStatus>(v.task.status).value()),
                                 Label(ctx, v.escalation), v.task.version)
                   : fmt::format("task #{} \"{}\": {}% done, {}, {} (version {})\n", v.task.id, v.task.title,
                                 v.task.progress,
                                 Label(ctx, ParseTerm<worklist::TaskStatus>(v.task.status).value()),
                                 Label(ctx, v.escalation), v.task.version));
}

void RegisterTaskList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string escalation;
    std::string status;
    std::string assignee;
    std::string period;
    std::string date;
    std::string policy;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd =
      parent->add_subcommand("list", "list tasks, most urgent first / 列出工作清单任务（最紧急的在前）");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "only tasks of this region (county, town)");
  cmd->add_option("--escalation", o->escalation, "none, due_soon, overdue, overdue_week or done");
  cmd->add_option("--status", o->status, "open or done");
  cmd->add_option("--assignee", o->assignee, "a unit id or a town code");
  cmd->add_option("--period", o->period, "a period label: 2020, 2020-Q3, 2020-09");
  cmd->add_option("--date", o->date, "the day escalation is computed on; default the as-of date, else today");
  cmd->add_option("--policy", o->policy, "policy file (work_lists escalation; default built in)");
  cmd->add_flag("--json", o->json, "print {today, summary, items} as JSON");
  cmd->callback([&ctx, o] {
    worklist::TaskQuery q;
    q.assignee_id = o->assignee;
    q.period = o->period;
    auto region = RegionOption(o->region);
    auto escalation = TermOption<worklist::EscalationLevel>(o->escalation, "escalation");
    auto status = TermOption<worklist::TaskStatus>(o->status, "status");
    auto day = DayOption(o->date, o->db);
    auto pol = LoadPolicyOption(o->policy);
    for (const Status& s :
         {region.status(), escalation.status(), status.status(), day.status(), pol.status()}) {
      if (!s.ok()) {
        ctx.exit_code = Fail(ctx, s);
        return;
      }
    }
    q.within = *region;
    q.escalation = *escalation;
    q.status = *status;
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto views = worklist::ListTaskViews(*store, *pol, q, *day);
    if (!views.ok()) {
      ctx.exit_code = Fail(ctx, views.status());
      return;
    }
    const worklist::TaskSummary sum = worklist::Summarize(*views);
    if (o->json) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& v : *views) items.push_back(worklist::TaskToJson(v, false));
      std::cout << Dump({{"today", day->ToString()},
                         {"summary",
                          {{"total", sum.total},
                           {"done", sum.done},
                           {"open", sum.open},
                           {"due_soon", sum.due_soon},
                           {"overdue", sum.overdue},
                           {"overdue_week", sum.overdue_week}}},
                         {"items", items}})
                << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? "编号\t预警\t时限\t剩余天数\t进度\t期间\t承办\t任务\n"
                     : "id\tescalation\tdeadline\tdays left\tprogress\tperiod\tassignee\ttask\n");
    for (const auto& v : *views) {
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}%\t{}\t{}\t{}\n", v.task.id, Label(ctx, v.escalation),
                               v.task.deadline, v.days_to_deadline, v.task.progress, v.task.period,
                               v.assignee_name, v.task.title);
    }
    std::cout << (zh ? fmt::format(
                           "{} 共 {} 项：已完成 {}，未完成 {}（即将到期 {}，已逾期 {}，逾期超过一周 {}）\n",
                           day->ToString(), sum.total, sum.done, sum.open, sum.due_soon, sum.overdue,
                           sum.overdue_week)
                     : fmt::format(
                           "{}: {} tasks: {} done, {} open ({} due soon, {} overdue, {} overdue by more "
                           "than a week)\n",
                           day->ToString(), sum.total, sum.done, sum.open, sum.due_soon, sum.overdue,
                           sum.overdue_week));
  });
}

void RegisterTaskAdd(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    worklist::TaskDraft draft;
    std::string date;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("add", "issue a task to a unit or a town / 下达任务");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--title", o->draft.title, "what is to be done / 任务")->required();
  cmd->add_option("--description", o->draft.description, "details / 具体要求");
  cmd->add_option("--assignee-type", o->draft.assignee_type, "unit (单位) or town (乡镇)")->required();
  cmd->add_option("--assignee", o->draft.assignee_id, "a unit id, or a town code")->required();
  cmd->add_option("--period-kind", o->draft.period_kind, "year, quarter or month")->required();
  cmd->add_option("--period", o->draft.period, "2020, 2020-Q3 or 2020-09")->required();
  cmd->add_option("--deadline", o->draft.deadline, "YYYY-MM-DD, within the period")->required();
  cmd->add_option("--campaign", o->draft.campaign_id, "campaign id (fupin campaigns list)");
  cmd->add_option("--by", o->draft.issued_by, "who issues it, as shown (default 县指挥部)");
  cmd->add_option("--date", o->date, "issue date; default the as-of date, else today");
  cmd->add_flag("--json", o->json, "print the task as JSON");
  cmd->callback([&ctx, o] {
    auto day = DayOption(o->date, o->db);
    if (!day.ok()) {
      ctx.exit_code = Fail(ctx, day.status());
      return;
    }
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    worklist::TaskDraft draft = o->draft;
    draft.issued_on = day->ToString();
    if (draft.issued_by.empty()) draft.issued_by = "县指挥部";
    auto task = worklist::IssueTask(*store, draft, CliWriter(""));
    if (!task.ok()) {
      ctx.exit_code = Fail(ctx, task.status());
      return;
    }
    auto view = worklist::FindTaskView(*store, policy::DefaultPolicy(), task->id, *day);
    if (o->json && view.ok() && *view) {
      std::cout << Dump(worklist::TaskToJson(**view, true)) << '\n';
      return;
    }
    std::cout << (ctx.lang == Lang::kZh
                      ? fmt::format("已下达任务 #{}“{}”，时限 {}\n", task->id, task->title, task->deadline)
                      : fmt::format("issued task #{} \"{}\", due {}\n", task->id, task->title,
                                    task->deadline));
  });
}

void RegisterTaskCommit(CLI::App* parent, Context& ctx) {
  auto o = std::make_shared<TaskChangeOptions>();
  auto commitment = std::make_shared<std::string>();
  auto* cmd = parent->add_subcommand("commit", "record the assignee's commitment / 记录承办单位的承诺");
  AddTaskChangeOptions(cmd, o.get());
  cmd->add_option("--commitment", *commitment, "what the assignee commits to / 承诺内容")->required();
  cmd->callback([&ctx, o, commitment] {
    RunTaskChange(ctx, *o, [&](store::Store& s, int64_t version, Date day, Date) {
      return worklist::SetCommitment(s, o->id, version, *commitment, day, CliWriter(o->by));
    });
  });
}

void RegisterTaskProgress(CLI::App* parent, Context& ctx) {
  auto o = std::make_shared<TaskChangeOptions>();
  auto progress = std::make_shared<int64_t>(0);
  auto evidence = std::make_shared<std::string>();
  auto* cmd = parent->add_subcommand("progress", "report progress with evidence / 报告任务进度");
  AddTaskChangeOptions(cmd, o.get());
  cmd->add_option("--progress", *progress, "percent done, 0–100 (never going back)")->required();
  cmd->add_option("--note", o->note, "what was done / 进展情况");
  cmd->add_option("--evidence", *evidence, "what shows it: a document, a list, photos / 佐证材料");
  cmd->callback([&ctx, o, progress, evidence] {
    RunTaskChange(ctx, *o, [&](store::Store& s, int64_t version, Date day, Date today) {
      store::TaskUpdateRow update;
      update.date = day.ToString();
      update.progress = *progress;
      update.note = o->note;
      update.evidence = *evidence;
      return worklist::RecordProgress(s, o->id, version, update, today, CliWriter(o->by));
    });
  });
}

void RegisterTaskComplete(CLI::App* parent, Context& ctx) {
  auto o = std::make_shared<TaskChangeOptions>();
  auto* cmd = parent->add_subcommand("complete", "complete a task (销号) / 任务完成销号");
  AddTaskChangeOptions(cmd, o.get());
  cmd->add_option("--note", o->note, "how it was completed / 完成情况");
  cmd->callback([&ctx, o] {
    RunTaskChange(ctx, *o, [&](store::Store& s, int64_t version, Date day, Date today) {
      return worklist::CompleteTask(s, o->id, version, day, o->note, today, CliWriter(o->by));
    });
  });
}

void RegisterMeetingList(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string from;
    std::string to;
    std::string kind;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("list", "list meetings by date / 按日期列出会议");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "only meetings of this region (county, town)");
  cmd->add_option("--from", o->from, "first date (YYYY-MM-DD)");
  cmd->add_option("--to", o->to, "last date (YYYY-MM-DD)");
  cmd->add_option("--kind", o->kind, "daily, weekly_dispatch, half_monthly_special or task_force_weekly");
  cmd->add_flag("--json", o->json, "print {items} as JSON");
  cmd->callback([&ctx, o] {
    store::MeetingFilter f;
    auto region = RegionOption(o->region);
    auto kind = TermOption<meetings::MeetingKind>(o->kind, "kind");
    for (const Status& s : {region.status(), kind.status()}) {
      if (!s.ok()) {
        ctx.exit_code = Fail(ctx, s);
        return;
      }
    }
    f.within = *region;
    if (*kind) f.kind = std::string(TermOf(**kind).code);
    for (auto [text, out, name] : {std::tuple{&o->from, &f.from, "from"}, std::tuple{&o->to, &f.to, "to"}}) {
      if (text->empty()) continue;
      auto d = Date::Parse(*text);
      if (!d.ok()) {
        ctx.exit_code = Fail(
            ctx,
            Status::Invalid(name, "option.date",
                            {fmt::format("--{} 的值“{}”不是有效日期（YYYY-MM-DD）", name, *text),
                             fmt::format("--{} is not a valid date (YYYY-MM-DD): \"{}\"", name, *text)}));
        return;
      }
      *out = d->ToString();
    }
    auto store = OpenExisting(ctx, o->db);
    if (!store) return;
    auto views = meetings::ListMeetingViews(*store, f);
    if (!views.ok()) {
      ctx.exit_code = Fail(ctx, views.status());
      return;
    }
    if (o->json) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& v : *views) items.push_back(meetings::MeetingToJson(v, false));
      std::cout << Dump({{"items", items}}) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    std::cout << (zh ? "编号\t日期\t状态\t出席/应到\t决定\t区划\t会议\n"
                     : "id\tdate\tstatus\tpresent/expected\tdecisions\tregion\tmeeting\n");
    int held = 0;
    for (const auto& v : *views) {
      const auto status = ParseTerm<meetings::MeetingStatus>(v.meeting.status).value();
      held += status == meetings::MeetingStatus::kHeld ? 1 : 0;
      std::cout << fmt::format("{}\t{}\t{}\t{}/{}\t{}\t{}\t{}\n", v.meeting.id, v.meeting.date,
                               Label(ctx, status), v.present.size(), v.expected.size(), v.decisions.size(),
                               v.region_name, v.meeting.title);
    }
    std::cout << (zh ? fmt::format("共 {} 次会议：已召开 {}，待召开 {}\n", views->size(), held,
                                   views->size() - static_cast<size_t>(held))
                     : fmt::format("{} meetings: {} held, {} scheduled\n", views->size(), held,
                                   views->size() - static_cast<size_t>(held)));
  });
}

}  // namespace

void RegisterWorkListCommands(CLI::App& app, Context& ctx) {
  auto* tasks = app.add_subcommand("tasks", "work lists 工作清单: tasks, commitments, progress, escalation");
  tasks->require_subcommand(1);
  RegisterTaskList(tasks, ctx);
  RegisterTaskAdd(tasks, ctx);
  RegisterTaskCommit(tasks, ctx);
  RegisterTaskProgress(tasks, ctx);
  RegisterTaskComplete(tasks, ctx);
  auto* meetings =
      app.add_subcommand("meetings", "meetings 会议: daily, weekly dispatch, half-monthly, task force");
  meetings->require_subcommand(1);
  RegisterMeetingList(meetings, ctx);
}

}  // namespace fupin::cli
