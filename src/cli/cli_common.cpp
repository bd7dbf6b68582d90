#include "cli/cli_common.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "store/store.hpp"

namespace fupin::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInternal:
    case StatusCode::kUnavailable:
      return kExitInternal;
    default:
      return kExitInvalidInput;
  }
}

int Fail(const Context& ctx, const Status& status) {
  const bool zh = ctx.lang == Lang::kZh;
  std::cerr << (zh ? "错误：" : "error: ") << status.message().In(ctx.lang);
  if (!status.field().empty() || !status.rule().empty()) {
    std::cerr << (zh ? fmt::format("（字段 {}，规则 {}）", status.field(), status.rule())
                     : fmt::format(" (field {}, rule {})", status.field(), status.rule()));
  }
  std::cerr << '\n';
  return ExitCodeFor(status);
}

void AddDbOption(CLI::App* cmd, std::string* db) {
  cmd->add_option("--db", *db, "SQLite database file / 数据库文件")->capture_default_str();
}

std::string CliActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

std::string Count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    out.push_back(digits[i]);
    const size_t left = digits.size() - i - 1;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  return n < 0 ? "-" + out : out;
}

int Run(int argc, char** argv) {
  CLI::App app{
      "fupin 扶贫 — county command platform for poverty alleviation\n"
      "exit codes / 退出码: 0 ok 成功, 1 usage 用法错误, 2 invalid input 输入无效, 3 internal error 内部错误",
      "fupin"};
  app.require_subcommand(1);
  app.fallthrough();  // global options such as --lang may follow the subcommand
  app.set_version_flag("--version", std::string("fupin ") + FUPIN_VERSION);
  Context ctx;
  if (const char* env = std::getenv("FUPIN_LANG");
      env != nullptr && std::string_view(env).substr(0, 2) == "en") {
    ctx.lang = Lang::kEn;
  }
  std::string lang_text;
  app.add_option_function<std::string>(
         "--lang", [&](const std::string& v) { ctx.lang = v.substr(0, 2) == "en" ? Lang::kEn : Lang::kZh; },
         "message language: zh (default) or en / 提示语言")
      ->check(CLI::IsMember({"zh", "en"}));

  RegisterInitCommand(app, ctx);
  RegisterIdCommands(app, ctx);
  RegisterRegionCommands(app, ctx);
  RegisterHouseholdCommands(app, ctx);
  RegisterDemoCommand(app, ctx);
  RegisterEvaluateCommands(app, ctx);
  RegisterServeCommand(app, ctx);
  RegisterUsersCommands(app, ctx);
  RegisterProcedureCommands(app, ctx);
  RegisterMonitorCommands(app, ctx);
  RegisterIndicatorCommand(app, ctx);
  RegisterStructureCommands(app, ctx);
  RegisterResponsibilityCommands(app, ctx);
  RegisterCalendarCommands(app, ctx);
  RegisterVisitCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  return ctx.exit_code;
}

Result<Date> DayOption(const std::string& text, const std::string& db) {
  if (!text.empty()) return Date::Parse(text);
  if (std::filesystem::exists(db)) {
    auto store = store::OpenSqliteStore(db, {.create = false});
    if (store.ok()) {
      FUPIN_ASSIGN_OR_RETURN(auto as_of, (*store)->GetSetting(store::kAsOfDateSetting));
      if (as_of) return Date::Parse(*as_of);
    }
  }
  return Date::Today();
}

}  // namespace fupin::cli
