// Work-list operations over the store: issuing tasks, the assignee's commitment,
// progress updates, completion, and reading tasks back with their escalation on a day.
// Every write checks the stored version first (conflict task.stale) and commits the
// task, its history row and (for an audited actor) its audit entry in one transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "worklist/task.hpp"

namespace fupin::worklist {

/// Who makes a change: `id` goes into history rows and the audit log ("user:hq",
/// "cli:root", "demo"), `name` is shown on what they report ("县指挥部值班员"),
/// `source` says from where ("web", "cli", "demo"), `ip` the request's address. With
/// `audited` every change also writes an audit entry, in the same transaction.
struct Actor {
  std::string id;
  std::string name;
  std::string source;
  std::string ip = {};
  bool audited = true;
};

/// The fields of a new task as given by a person (codes or Chinese terms).
struct TaskDraft {
  std::string title;
  std::string description;
  std::string campaign_id;  // optional
  std::string issued_by;    // who issues it, as shown
  std::string issued_on;    // YYYY-MM-DD
  std::string assignee_type;
  std::string assignee_id;  // a unit id, or a 12-digit town code
  std::string period_kind;
  std::string period;  // "2020", "2020-Q3", "2020-09"
  std::string deadline;
};

/// A draft checked against the rules and the store, as the row it would become (id 0,
/// status open, progress 0, region resolved: the town, or the unit's region). `field`
/// prefixes the field of every refusal (e.g. "decisions[2].task."). Rules:
/// task.title, task.assignee_type, task.assignee_unknown (a unit or region that is not
/// stored), task.assignee_level (a code that is not a town), task.period_kind,
/// task.period, task.deadline (not a date), task.deadline_period (outside the period),
/// task.deadline_before_issue, task.issued_on, task.campaign_unknown.
Result<Task> CheckDraft(store::Store& store, const TaskDraft& draft, const std::string& field = "");

/// Checks a complete task (with the updates it already has) as ImportTasks writes it:
/// the draft rules, plus progress 0–100 that never goes back (task.progress,
/// task.progress_back), updates on or after the issue day (task.update_date), a done
/// task with its completion day and an open one without (task.status), a commitment
/// with its day (task.commitment). Returns it with codes normalized and the region resolved.
Result<store::NewTask> CheckTask(store::Store& store, const store::NewTask& task);

/// Writes a checked row as a new task (version 1). Returns it as stored.
Result<Task> WriteNewTask(store::Store& store, const Task& row, const Actor& actor);

/// CheckDraft then WriteNewTask.
Result<Task> IssueTask(store::Store& store, const TaskDraft& draft, const Actor& actor);

/// Checks every task (CheckTask) and writes them all in one transaction (imports, the
/// demo). Returns the new ids in order.
Result<std::vector<int64_t>> ImportTasks(store::Store& store, std::span<const store::NewTask> tasks,
                                         const Actor& actor);

/// The assignee's commitment 承诺 (non-empty: task.commitment) to an open task
/// (task.done), made on `day`.
Result<Task> SetCommitment(store::Store& store, int64_t id, int64_t expected_version,
                           const std::string& commitment, Date day, const Actor& actor);

/// A progress update on `update.date` (not before the issue day nor after `today`:
/// task.update_date) to `update.progress` percent (0–100, never going back:
/// task.progress, task.progress_back) on an open task (task.done), with its note and
/// evidence; `by` is taken from the actor.
Result<Task> RecordProgress(store::Store& store, int64_t id, int64_t expected_version,
                            store::TaskUpdateRow update, Date today, const Actor& actor);

/// Completes an open task (task.done) on `day` (not before the issue day nor after
/// `today`: task.update_date): progress 100, status done, an update with the note.
Result<Task> CompleteTask(store::Store& store, int64_t id, int64_t expected_version, Date day,
                          const std::string& note, Date today, const Actor& actor);

/// A task as shown on a day: its assignee's name, escalation and days to the
/// deadline; `updates` filled only by FindTaskView.
struct TaskView {
  Task task;
  std::string assignee_name;
  EscalationLevel escalation = EscalationLevel::kNone;
  int days_to_deadline = 0;
  std::vector<store::TaskUpdateRow> updates;
};

/// Which tasks ListTaskViews returns; empty fields do not filter.
struct TaskQuery {
  RegionCode within;        // tasks whose region is within (the nation = all)
  std::string assignee_id;  // a unit id or a town code
  std::optional<TaskStatus> status;
  std::optional<EscalationLevel> escalation;
  std::string period;  // a period label
};

/// Matching tasks on `day`, most urgent first (UrgencyRank), then by deadline and id.
Result<std::vector<TaskView>> ListTaskViews(store::Store& store, const policy::Policy& policy,
                                            const TaskQuery& query, Date day);

/// One task with its updates on `day`; nullopt when there is no such task.
Result<std::optional<TaskView>> FindTaskView(store::Store& store, const policy::Policy& policy, int64_t id,
                                             Date day);

/// Counts for the dashboard: total = done + open; due_soon, overdue and overdue_week
/// count open tasks (so they are part of `open`).
struct TaskSummary {
  int total = 0;
  int done = 0;
  int open = 0;
  int due_soon = 0;
  int overdue = 0;
  int overdue_week = 0;
};
TaskSummary Summarize(std::span<const TaskView> tasks);

/// The API's task object (docs/api.md): with `updates` only when `with_updates`.
nlohmann::json TaskToJson(const TaskView& view, bool with_updates);

}  // namespace fupin::worklist
