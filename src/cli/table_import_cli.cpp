#include "cli/table_import_cli.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace fupin::cli {

std::string TableReportJson(const registry::TableImportReport& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"row", p.row},
                        {"column", p.column},
                        {"value", p.value},
                        {"rule", p.rule},
                        {"message_zh", p.message.zh},
                        {"message_en", p.message.en}});
  }
  nlohmann::json j = {{"encoding", r.encoding},
                      {"rows", r.rows},
                      {"inserted", r.counts.inserted},
                      {"updated", r.counts.updated},
                      {"unchanged", r.counts.unchanged},
                      {"written", r.written},
                      {"rejected_rows", r.rows_rejected},
                      {"reject_file", r.reject_file.string()},
                      {"problems", problems}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void RegisterTableImport(CLI::App* parent, Context& ctx, const std::string& description, TableImportFn fn,
                         bool with_policy) {
  struct Options {
    std::string db = "fupin.db";
    std::string file;
    std::string encoding;
    std::string rejects;
    std::string policy;
    bool skip_invalid = false;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("import", description);
  AddDbOption(cmd, &o->db);
  cmd->add_option("FILE", o->file, "CSV (UTF-8 or GB18030) or XLSX; layout: docs/data-format.md")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--encoding", o->encoding, "CSV encoding: utf-8, gb18030, gbk (default: detect)");
  cmd->add_flag("--skip-invalid", o->skip_invalid,
                "write the valid rows; rejected rows go to the reject file with their reasons");
  cmd->add_option("--rejects", o->rejects, "reject file path (default FILE.rejects.csv)");
  cmd->add_flag("--json", o->json, "print the report as JSON");
  if (with_policy) cmd->add_option("--policy", o->policy, "policy file (load rules; default built in)");
  cmd->callback([&ctx, o, fn] {
    auto store = store::OpenSqliteStore(o->db);
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    registry::TableImportOptions options;
    options.skip_invalid = o->skip_invalid;
    options.encoding = o->encoding;
    options.reject_file = o->rejects;
    options.context = {CliActor(), "import:" + std::filesystem::path(o->file).filename().string()};
    const std::filesystem::path file = o->file;
    auto report = fn(TableImportCall{**store, file, options, o->policy});
    if (!report.ok()) {
      ctx.exit_code = Fail(ctx, report.status());
      return;
    }
    const auto& r = *report;
    const bool zh = ctx.lang == Lang::kZh;
    if (o->json) {
      std::cout << TableReportJson(r) << '\n';
    } else {
      std::cout << (zh ? fmt::format("读取 {} 行（编码 {}）\n", Count(static_cast<int64_t>(r.rows)),
                                     r.encoding)
                       : fmt::format("read {} rows (encoding {})\n", Count(static_cast<int64_t>(r.rows)),
                                     r.encoding));
      if (!r.problems.empty()) {
        std::cout << (zh ? "行\t列\t值\t规则\t说明\n" : "row\tcolumn\tvalue\trule\tmessage\n");
        for (const auto& p : r.problems) {
          std::cout << p.row << '\t' << p.column << '\t' << p.value << '\t' << p.rule << '\t'
                    << p.message.In(ctx.lang) << '\n';
        }
      }
      if (r.written) {
        std::cout << (zh ? fmt::format("新增 {}，更新（或结束）{}，未变 {}\n", Count(r.counts.inserted),
                                       Count(r.counts.updated), Count(r.counts.unchanged))
                         : fmt::format("{} added, {} updated (or ended), {} unchanged\n",
                                       Count(r.counts.inserted), Count(r.counts.updated),
                                       Count(r.counts.unchanged)));
      } else {
        std::cout << (zh ? fmt::format(
                               "文件有 {} 处错误，未写入任何数据。改正后重新导入，或用 --skip-invalid "
                               "只导入有效的行。\n",
                               r.problems.size())
                         : fmt::format(
                               "the file has {} problems; nothing was written. Correct them and import "
                               "again, or use --skip-invalid to import the valid rows.\n",
                               r.problems.size()));
      }
      if (!r.reject_file.empty()) {
        std::cout << (zh ? fmt::format("退回 {} 行，已写入 {}（含错误原因，改正后可直接重新导入）\n",
                                       r.rows_rejected, r.reject_file.string())
                         : fmt::format(
                               "{} rows rejected and written to {} with the reasons; correct and re-import "
                               "it\n",
                               r.rows_rejected, r.reject_file.string()));
      }
    }
    ctx.exit_code = (!r.problems.empty() && !r.written) ? kExitInvalidInput : kExitOk;
  });
}

}  // namespace fupin::cli
