// Generic tabular import files (CSV in UTF-8 or GB18030, or XLSX) for the record
// kinds beside households: units, cadres, assignments (command/, responsibility/).
// Same machinery as the household import: io::RowSource for the rows, RowProblem for
// the report (row, column as written, value, rule, zh/en message), and a reject file
// with the reasons that re-imports once corrected.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registry/household_layout.hpp"
#include "store/store.hpp"

namespace fupin::registry {

/// One column of a layout: the Chinese header (written on export and in reject
/// files), the English alias, and whether the header must have it.
struct TableColumn {
  std::string_view zh;
  std::string_view en;
  bool required = false;
};

struct TableRow {
  size_t line = 0;                  // 1-based line (CSV) or sheet row (XLSX)
  std::vector<std::string> values;  // by layout column; "" when absent or empty (trimmed)
};

struct TableFile {
  std::string encoding;
  std::vector<std::string> header;  // by layout column: the header as written, or its zh name
  std::vector<TableRow> rows;       // non-blank rows after the header
};

/// Reads the whole file against `layout`. Header problems stop the file with a
/// Status: header.unknown_column, header.duplicate_column, header.missing_column
/// (the reject file's 导入错误 / import_error column is ignored); file.empty.
Result<TableFile> ReadTableFile(const std::filesystem::path& path, std::span<const TableColumn> layout,
                                std::string_view encoding);

/// Options and report shared by the table imports.
struct TableImportOptions {
  bool skip_invalid = false;
  std::string encoding;               // "" = detect
  std::filesystem::path reject_file;  // with skip_invalid; default <file>.rejects.csv
  store::ChangeContext context;
};

struct TableImportReport {
  std::string encoding;
  size_t rows = 0;
  store::WriteCounts counts;
  std::vector<RowProblem> problems;  // ordered by row
  size_t rows_rejected = 0;
  bool written = false;
  std::filesystem::path reject_file;  // set when one was written
};

/// Writes every row of `source` whose line has a reason to `target` as CSV (UTF-8
/// with BOM), the header first, with the reasons in an added (or reused) column
/// named `error_zh` (`error_en` is recognised too).
Status WriteRejectFile(const std::filesystem::path& source, std::string_view encoding,
                       const std::filesystem::path& target,
                       const std::unordered_map<size_t, std::string>& reasons_by_row,
                       std::string_view error_zh, std::string_view error_en);

/// The last step of a table import: sorts the problems, counts rejected rows and,
/// when rows were rejected under skip_invalid, writes the reject file.
Status FinishTableImport(const std::filesystem::path& path, const TableImportOptions& options,
                         TableImportReport* report);

}  // namespace fupin::registry
