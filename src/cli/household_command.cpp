// fupin households import|export|show: the registry 建档立卡 on the command line.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "registry/household_export.hpp"
#include "registry/household_import.hpp"
#include "registry/household_json.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void PrintProblems(const Context& ctx, const std::vector<registry::RowProblem>& problems) {
  const bool zh = ctx.lang == Lang::kZh;
  std::cout << (zh ? "行\t列\t值\t规则\t说明\n" : "row\tcolumn\tvalue\trule\tmessage\n");
  for (const auto& p : problems) {
    std::cout << p.row << '\t' << p.column << '\t' << p.value << '\t' << p.rule << '\t'
              << p.message.In(ctx.lang) << '\n';
  }
}

nlohmann::json ReportJson(const registry::ImportReport& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"row", p.row},
                        {"column", p.column},
                        {"value", p.value},
                        {"rule", p.rule},
                        {"household_id", p.household_id},
                        {"message_zh", p.message.zh},
                        {"message_en", p.message.en}});
  }
  return {{"encoding", r.encoding},
          {"rows", r.rows},
          {"households", r.households},
          {"persons", r.persons},
          {"inserted", r.counts.inserted},
          {"updated", r.counts.updated},
          {"unchanged", r.counts.unchanged},
          {"written", r.written},
          {"rejected_households", r.households_rejected},
          {"rejected_rows", r.rows_rejected},
          {"reject_file", r.reject_file.string()},
          {"problems", problems}};
}

void RegisterImport(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string file;
    std::string encoding;
    std::string rejects;
    bool skip_invalid = false;
    bool json = false;
    bool progress = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("import",
                                     "import households from CSV (UTF-8 or GB18030/GBK) or XLSX; all or "
                                     "nothing unless --skip-invalid; exit 2 "
                                     "when a row is invalid / 导入建档立卡户");
  AddDbOption(cmd, &o->db);
  cmd->add_option("FILE", o->file, "the file (layout: docs/data-format.md)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--encoding", o->encoding, "CSV encoding: utf-8, gb18030, gbk (default: detect)");
  cmd->add_flag("--skip-invalid", o->skip_invalid,
                "write the valid households; rejected rows go to the reject file with their reasons");
  cmd->add_option("--rejects", o->rejects, "reject file path (default FILE.rejects.csv)");
  cmd->add_flag("--json", o->json, "print the report as JSON");
  cmd->add_flag("--progress", o->progress, "print write progress to stderr");
  cmd->callback([&ctx, o] {
    auto store = store::OpenSqliteStore(o->db);
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    registry::ImportOptions options;
    options.skip_invalid = o->skip_invalid;
    options.encoding = o->encoding;
    options.reject_file = o->rejects;
    options.context = {CliActor(), "import:" + std::filesystem::path(o->file).filename().string()};
    if (o->progress) {
      options.progress = [](size_t done, size_t total) {
        std::cerr << "progress " << done << "/" << total << std::endl;
      };
    }
    auto report = registry::ImportHouseholdFile(**store, o->file, options);
    if (!report.ok()) {
      ctx.exit_code = Fail(ctx, report.status());
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    const auto& r = *report;
    if (o->json) {
      std::cout << Dump(ReportJson(r)) << '\n';
    } else {
      std::cout << (zh ? fmt::format("读取 {} 行：{} 户，{} 人（编码 {}）\n",
                                     Count(static_cast<int64_t>(r.rows)),
                                     Count(static_cast<int64_t>(r.households)),
                                     Count(static_cast<int64_t>(r.persons)), r.encoding)
                       : fmt::format("read {} rows: {} households, {} persons (encoding {})\n",
                                     Count(static_cast<int64_t>(r.rows)),
                                     Count(static_cast<int64_t>(r.households)),
                                     Count(static_cast<int64_t>(r.persons)), r.encoding));
      if (!r.problems.empty()) PrintProblems(ctx, r.problems);
      if (r.written) {
        std::cout << (zh ? fmt::format("新增 {} 户，更新 {} 户，未变 {} 户\n", Count(r.counts.inserted),
                                       Count(r.counts.updated), Count(r.counts.unchanged))
                         : fmt::format("{} households added, {} updated, {} unchanged\n",
                                       Count(r.counts.inserted), Count(r.counts.updated),
                                       Count(r.counts.unchanged)));
      }
      if (!r.problems.empty() && !r.written) {
        std::cout << (zh ? fmt::format(
                               "文件有 {} 处错误，未写入任何数据。改正后重新导入，或用 --skip-invalid "
                               "只导入有效的户。\n",
                               r.problems.size())
                         : fmt::format(
                               "the file has {} problems; nothing was written. Correct them and import "
                               "again, or use --skip-invalid to import the valid households.\n",
                               r.problems.size()));
      }
      if (!r.reject_file.empty()) {
        std::cout << (zh ? fmt::format("退回 {} 户 {} 行，已写入 {}（含错误原因，改正后可直接重新导入）\n",
                                       r.households_rejected, r.rows_rejected, r.reject_file.string())
                         : fmt::format("{} households ({} rows) rejected and written to {} with the reasons; "
                                       "correct and re-import it\n",
                                       r.households_rejected, r.rows_rejected, r.reject_file.string()));
      }
    }
    ctx.exit_code = (!r.problems.empty() && !r.written) ? kExitInvalidInput : kExitOk;
  });
}

void RegisterExport(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string region;
    std::string format = "csv";
    std::string output;
    bool unmasked = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand(
      "export",
      "export households of a region in the import layout; ID and phone numbers masked unless "
      "--unmasked (audited) / 导出建档立卡户");
  AddDbOption(cmd, &o->db);
  cmd->add_option("--region", o->region, "region code (2-12 digits)")->required();
  cmd->add_option("--format", o->format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "output file (default households-REGION.csv|xlsx)");
  cmd->add_flag("--unmasked", o->unmasked, "ID and phone numbers in clear (recorded in the audit log)");
  cmd->callback([&ctx, o] {
    auto region = RegionCode::Parse(o->region);
    if (!region.ok()) {
      ctx.exit_code = Fail(ctx, region.status());
      return;
    }
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    const std::string output =
        o->output.empty() ? fmt::format("households-{}.{}", region->ToShortString(), o->format) : o->output;
    registry::ExportOptions options;
    options.format = o->format == "xlsx" ? registry::ExportFormat::kXlsx : registry::ExportFormat::kCsv;
    options.unmasked = o->unmasked;
    options.actor = CliActor();
    auto summary = registry::ExportHouseholds(**store, *region, output, options);
    if (!summary.ok()) {
      ctx.exit_code = Fail(ctx, summary.status());
      return;
    }
    std::cout << (ctx.lang == Lang::kZh
                      ? fmt::format("已导出 {} 户 {} 人到 {}{}\n",
                                    Count(static_cast<int64_t>(summary->households)),
                                    Count(static_cast<int64_t>(summary->persons)), output,
                                    o->unmasked ? "（未脱敏，已记入审计日志）" : "（身份证号、电话已脱敏）")
                      : fmt::format("exported {} households, {} persons to {}{}\n",
                                    Count(static_cast<int64_t>(summary->households)),
                                    Count(static_cast<int64_t>(summary->persons)), output,
                                    o->unmasked ? " (unmasked; recorded in the audit log)"
                                                : " (ID and phone numbers masked)"));
  });
}

void RegisterShow(CLI::App* parent, Context& ctx) {
  struct Options {
    std::string db = "fupin.db";
    std::string id;
    bool unmasked = false;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = parent->add_subcommand("show", "show one household with its members and history / 查看一户");
  AddDbOption(cmd, &o->db);
  cmd->add_option("HOUSEHOLD_ID", o->id, "household number 户编号")->required();
  cmd->add_flag("--unmasked", o->unmasked, "ID and phone numbers in clear (recorded in the audit log)");
  cmd->add_flag("--json", o->json, "print as JSON");
  cmd->callback([&ctx, o] {
    auto store = store::OpenSqliteStore(o->db, {.create = false});
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    const std::vector<std::string> ids = {o->id};
    auto found = (*store)->FindHouseholds(ids);
    if (!found.ok()) {
      ctx.exit_code = Fail(ctx, found.status());
      return;
    }
    if (found->empty()) {
      ctx.exit_code =
          Fail(ctx, Status::NotFound("household_id", {fmt::format("没有户编号为 {} 的户", o->id),
                                                      fmt::format("no household with number {}", o->id)}));
      return;
    }
    const registry::Household& h = found->begin()->second;
    if (o->unmasked) {
      Status audit = (*store)->RecordAudit({CliActor(), "households.show.unmasked", h.id, "{}"});
      if (!audit.ok()) {
        ctx.exit_code = Fail(ctx, audit);
        return;
      }
    }
    auto history = (*store)->History("household", h.id);
    if (!history.ok()) {
      ctx.exit_code = Fail(ctx, history.status());
      return;
    }
    const auto masking = o->unmasked ? registry::Masking::kUnmasked : registry::Masking::kMasked;
    if (o->json) {
      nlohmann::json j = registry::HouseholdToJson(h, masking);
      nlohmann::json hist = nlohmann::json::array();
      for (const auto& e : *history) {
        hist.push_back(
            {{"version", e.version}, {"changed_at", e.changed_at}, {"actor", e.actor}, {"source", e.source}});
      }
      j["history"] = hist;
      std::cout << Dump(j) << '\n';
      return;
    }
    const bool zh = ctx.lang == Lang::kZh;
    const auto& head = h.members.empty() ? registry::Person() : h.members.front();
    std::cout << fmt::format("{} {}  {} {}\n", zh ? "户编号" : "household", h.id, zh ? "户主" : "head",
                             head.name);
    std::cout << fmt::format("{}: {}  {}: {}\n", zh ? "村" : "village", h.village.ToString(),
                             zh ? "组" : "group", h.group);
    std::cout << fmt::format("{}: {}  {}: {}  {}: {}\n", zh ? "属性" : "attribute",
                             zh ? TermOf(h.attribute).zh : TermOf(h.attribute).en, zh ? "状态" : "status",
                             zh ? TermOf(h.status).zh : TermOf(h.status).en,
                             zh ? "主要致贫原因" : "main cause",
                             zh ? TermOf(h.main_cause).zh : TermOf(h.main_cause).en);
    std::cout << fmt::format("{}: {} {}\n", zh ? "人均纯收入" : "per-capita net income",
                             h.PerCapitaNetIncome().ToDisplay(), zh ? "元" : "yuan");
    std::cout << fmt::format("{}: {}\n", zh ? "联系电话" : "phone",
                             o->unmasked ? h.phone : MaskPhone(h.phone));
    for (const auto& p : h.members) {
      std::cout << fmt::format("  {}\t{}\t{}\t{}\t{}\n", zh ? TermOf(p.relation).zh : TermOf(p.relation).en,
                               p.name, o->unmasked ? p.id_number : IdNumber::Mask(p.id_number),
                               SexName(p.sex).In(ctx.lang), p.birth_date.ToString());
    }
    std::cout << fmt::format("{}: {}\n", zh ? "版本" : "version", h.version);
    for (const auto& e : *history) {
      std::cout << fmt::format("  v{} {} {} {}\n", e.version, e.changed_at, e.actor, e.source);
    }
  });
}

}  // namespace

void RegisterHouseholdCommands(CLI::App& app, Context& ctx) {
  auto* households = app.add_subcommand("households", "the household registry / 建档立卡户");
  households->require_subcommand(1);
  RegisterImport(households, ctx);
  RegisterExport(households, ctx);
  RegisterShow(households, ctx);
}

}  // namespace fupin::cli
