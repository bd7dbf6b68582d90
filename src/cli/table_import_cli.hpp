// The `import` subcommand shared by the table imports (units, cadres, assignments):
// options, report printing (text or JSON) and exit codes as for households import.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "cli/cli_common.hpp"
#include "registry/table_file.hpp"
#include "store/store.hpp"

namespace fupin::cli {

struct TableImportCall {
  store::Store& store;
  const std::filesystem::path& file;
  const registry::TableImportOptions& options;
  const std::string& policy_path;  // "" = built-in policy
};

using TableImportFn = std::function<Result<registry::TableImportReport>(const TableImportCall&)>;

/// Adds `import FILE [--encoding] [--skip-invalid] [--rejects] [--json] [--db]`
/// (and `--policy` when `with_policy`) to `parent`.
void RegisterTableImport(CLI::App* parent, Context& ctx, const std::string& description, TableImportFn fn,
                         bool with_policy = false);

/// The JSON of an import report.
std::string TableReportJson(const registry::TableImportReport& report);

}  // namespace fupin::cli
