// Shared pieces of the command line: exit codes, the language of messages, and the
// one place where a Status becomes text on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/date.hpp"
#include "core/status.hpp"

namespace fupin::cli {

/// Documented exit codes (README, `fupin --help`).
enum ExitCode : int { kExitOk = 0, kExitUsage = 1, kExitInvalidInput = 2, kExitInternal = 3 };

/// State shared by every command of one invocation.
struct Context {
  Lang lang = Lang::kZh;
  int exit_code = kExitOk;
};

/// Maps a failure to its exit code: bad input 2, internal or unavailable 3.
int ExitCodeFor(const Status& status);

/// Prints "错误：…" (or "error: …" in English) with field and rule to stderr and
/// returns ExitCodeFor(status).
int Fail(const Context& ctx, const Status& status);

/// Adds `--db PATH` (default ./fupin.db) to a command.
void AddDbOption(CLI::App* cmd, std::string* db);

/// The day a command works on: `text` when given (YYYY-MM-DD), else the database's
/// as-of date (a demo county describes 2020), else the real date.
Result<Date> DayOption(const std::string& text, const std::string& db);

/// Who runs the command, for history and audit rows: "cli:<login name>".
std::string CliActor();

/// Thousands separators for counts: 23098 -> "23,098".
std::string Count(int64_t n);

// Command groups; each lives in cli/<group>_command.cpp.
void RegisterIdCommands(CLI::App& app, Context& ctx);
void RegisterInitCommand(CLI::App& app, Context& ctx);
void RegisterRegionCommands(CLI::App& app, Context& ctx);
void RegisterHouseholdCommands(CLI::App& app, Context& ctx);
void RegisterDemoCommand(CLI::App& app, Context& ctx);
void RegisterEvaluateCommands(CLI::App& app, Context& ctx);
void RegisterServeCommand(CLI::App& app, Context& ctx);
void RegisterUsersCommands(CLI::App& app, Context& ctx);
void RegisterProcedureCommands(CLI::App& app, Context& ctx);
void RegisterMonitorCommands(CLI::App& app, Context& ctx);
void RegisterIndicatorCommand(CLI::App& app, Context& ctx);
void RegisterStructureCommands(CLI::App& app, Context& ctx);
void RegisterResponsibilityCommands(CLI::App& app, Context& ctx);
void RegisterCalendarCommands(CLI::App& app, Context& ctx);
void RegisterVisitCommands(CLI::App& app, Context& ctx);
void RegisterWorkListCommands(CLI::App& app, Context& ctx);

int Run(int argc, char** argv);

}  // namespace fupin::cli
