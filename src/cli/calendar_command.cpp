// fupin calendar help-days: the help days 脱贫帮扶日 of a year under the policy.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "policy/help_days.hpp"
#include "policy/policy_file.hpp"

namespace fupin::cli {

void RegisterCalendarCommands(CLI::App& app, Context& ctx) {
  auto* calendar = app.add_subcommand("calendar", "dates of the policy / 日历");
  calendar->require_subcommand(1);
  struct Options {
    int year = 0;
    std::string policy;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = calendar->add_subcommand(
      "help-days",
      "the help days of a year: the Monday of the month's first and third week by default, with extra "
      "and moved dates from the policy / 脱贫帮扶日");
  cmd->add_option("--year", o->year, "the year")->required()->check(CLI::Range(1900, 9999));
  cmd->add_option("--policy", o->policy, "policy file (default built in; docs/policy.md)");
  cmd->add_flag("--json", o->json, "print the dates as a JSON array of ISO strings");
  cmd->callback([&ctx, o] {
    auto pol = o->policy.empty() ? Result<policy::Policy>(policy::DefaultPolicy())
                                 : policy::LoadPolicyFile(o->policy);
    if (!pol.ok()) {
      ctx.exit_code = Fail(ctx, pol.status());
      return;
    }
    const auto days = policy::HelpDays(*pol, o->year);
    if (o->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& d : days) j.push_back(d.date.ToString());
      std::cout << j.dump() << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    static constexpr const char* kWeekdayZh[] = {"", "一", "二", "三", "四", "五", "六", "日"};
    static constexpr const char* kWeekdayEn[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                                 "Thursday", "Friday", "Saturday", "Sunday"};
    for (const auto& d : days) {
      std::string what;
      if (d.kind == policy::HelpDayKind::kExtra) what = zh ? "（加开）" : " (extra)";
      if (d.kind == policy::HelpDayKind::kMoved) {
        what = zh ? fmt::format("（由 {} 调整{}）", d.moved_from->ToString(),
                                d.reason.empty() ? std::string() : fmt::format("：{}", d.reason))
                  : fmt::format(" (moved from {}{})", d.moved_from->ToString(),
                                d.reason.empty() ? std::string() : fmt::format(": {}", d.reason));
      }
      std::cout << fmt::format("{} {}{}\n", d.date.ToString(),
                               zh ? fmt::format("星期{}", kWeekdayZh[d.date.weekday()])
                                  : std::string(kWeekdayEn[d.date.weekday()]),
                               what);
    }
    std::cout << (zh ? fmt::format("{} 年共 {} 个帮扶日\n", o->year, days.size())
                     : fmt::format("{} help days in {}\n", days.size(), o->year));
  });
}

}  // namespace fupin::cli
