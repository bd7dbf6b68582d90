// fupin indicators: the indicators 指标 of a region and its descendants, as JSON, CSV
// or XLSX.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "analytics/engine_builder.hpp"
#include "analytics/indicator_report.hpp"
#include "cli/cli_common.hpp"
#include "io/csv.hpp"
#include "io/xlsx_writer.hpp"
#include "policy/policy_file.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

struct Options {
  std::string db = "fupin.db";
  std::string region;
  int depth = 1;
  int year = 0;  // 0: DefaultIndicatorYear
  std::string policy_file;
  std::string format = "json";
  std::string output;
};

Status WriteText(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? Status::Ok()
                     : Status::Unavailable({"无法写入标准输出", "cannot write to standard output"});
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    return Status::Unavailable(
        {fmt::format("无法写入文件 {}", output), fmt::format("cannot write file {}", output)});
  }
  return Status::Ok();
}

Status RunIndicators(const Context& ctx, const Options& o) {
  (void)ctx;
  FUPIN_ASSIGN_OR_RETURN(RegionCode region, RegionCode::Parse(o.region));
  if (o.depth < 0 || o.depth > 5) {
    return Status::Invalid("depth", "indicators.depth",
                           {"--depth 须在 0 到 5 之间", "--depth must be between 0 and 5"});
  }
  policy::Policy policy;
  if (o.policy_file.empty()) {
    policy = policy::DefaultPolicy();
  } else {
    FUPIN_ASSIGN_OR_RETURN(policy, policy::LoadPolicyFile(o.policy_file));
  }
  int year = o.year;
  if (year == 0) {
    const auto latest = analytics::DefaultIndicatorYear(policy);
    if (!latest) {
      return Status::Invalid("year", "indicators.year",
                             {"政策文件没有任何年度的扶贫标准，请用 --year 指定年度",
                              "the policy has no poverty line for any year; give --year"});
    }
    year = *latest;
  }
  FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(o.db, {.create = false}));
  FUPIN_ASSIGN_OR_RETURN(analytics::IndicatorEngine engine,
                         analytics::BuildIndicatorEngine(*store, region, policy, year));
  const analytics::NodeIndex root = engine.tree().Find(region);
  if (root == analytics::kNoNode) {
    const std::string code = region.ToShortString();
    return Status::NotFound("region", {fmt::format("没有区划 {}", code), fmt::format("no region {}", code)});
  }

  if (o.format == "json") {
    const nlohmann::ordered_json report = {{"year", year},
                                           {"policy", policy.source_name},
                                           {"depth", o.depth},
                                           {"region", analytics::RegionReportJson(engine, root, o.depth)}};
    return WriteText(report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
                     o.output);
  }
  const std::vector<analytics::NodeIndex> nodes = analytics::ReportNodes(engine.tree(), root, o.depth);
  const std::vector<std::string> header = analytics::ReportHeader(Lang::kZh);
  if (o.format == "csv") {
    std::string text;
    io::CsvWriter csv(&text, {.bom = true});
    FUPIN_RETURN_IF_ERROR(csv.WriteRow(header));
    for (analytics::NodeIndex n : nodes) FUPIN_RETURN_IF_ERROR(csv.WriteRow(analytics::ReportRow(engine, n)));
    return WriteText(text, o.output);
  }
  const std::string output =
      o.output.empty() ? fmt::format("indicators-{}-{}.xlsx", region.ToShortString(), year) : o.output;
  FUPIN_ASSIGN_OR_RETURN(io::XlsxWriter xlsx, io::XlsxWriter::Create(output, fmt::format("指标{}", year)));
  FUPIN_RETURN_IF_ERROR(xlsx.WriteHeader(header));
  for (analytics::NodeIndex n : nodes) FUPIN_RETURN_IF_ERROR(xlsx.WriteRow(analytics::ReportRow(engine, n)));
  FUPIN_RETURN_IF_ERROR(xlsx.Close());
  std::cerr << (ctx.lang == Lang::kZh ? fmt::format("已写入 {}（{} 个区划）\n", output, nodes.size())
                                      : fmt::format("wrote {} ({} regions)\n", output, nodes.size()));
  return Status::Ok();
}

}  // namespace

void RegisterIndicatorCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("indicators",
                                 "indicators of a region and its descendants: registered, poor, exited per "
                                 "year, incidence, eligible not "
                                 "exited, possible wrong exits and missed assessments, monitoring, income, "
                                 "failed criteria, causes / 指标");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code (2-12 digits; 0 = the nation)")->required();
  cmd->add_option("--depth", o->depth, "levels below the region to include (0-5)")->capture_default_str();
  cmd->add_option(
      "--year", o->year,
      "year whose standards the verdicts use (default: the last year the policy has a poverty line)");
  cmd->add_option("--policy", o->policy_file, "policy file (default: the built-in policy)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", o->format, "json, csv or xlsx")
      ->check(CLI::IsMember({"json", "csv", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output,
                  "output file (default: standard output; xlsx: indicators-REGION-YEAR.xlsx)");
  cmd->callback([&ctx, o] {
    Status s = RunIndicators(ctx, *o);
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });
}

}  // namespace fupin::cli
