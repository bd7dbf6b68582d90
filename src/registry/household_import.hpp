// Import of household files (CSV in UTF-8 or GB18030, or XLSX) into the store.
//
// Atomic by default: if any row is invalid nothing is written and the report lists
// every problem. With skip_invalid the valid households are written and every row of
// a rejected household goes to a reject file (same layout plus the reasons) that
// re-imports once corrected. Unchanged households are counted, not rewritten, so
// importing the same file twice changes nothing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "registry/household_layout.hpp"
#include "store/store.hpp"

namespace fupin::registry {

struct ImportOptions {
  bool skip_invalid = false;
  std::string encoding;               // "" = detect (UTF-8, else GB18030)
  std::filesystem::path reject_file;  // with skip_invalid; default <file>.rejects.csv
  store::ChangeContext context;
  Date today = Date::Today();
  store::ProgressFn progress;  // called while writing
  /// Per-capita net income outside [min, max] yuan is implausible (rule income.implausible).
  int64_t max_per_capita_yuan = 100000;
  int64_t min_per_capita_yuan = -20000;
};

struct ImportReport {
  std::string encoding;  // detected or given
  size_t rows = 0;
  size_t households = 0;
  size_t persons = 0;
  store::WriteCounts counts;
  std::vector<RowProblem> problems;  // ordered by row
  size_t households_rejected = 0;
  size_t rows_rejected = 0;
  bool written = false;
  std::filesystem::path reject_file;  // set when one was written
};

/// Reads, validates and (unless a row is invalid and skip_invalid is off) writes the
/// file in one transaction. A Status is returned for what stops the whole file (it
/// cannot be read, its header is wrong); row problems are in the report.
Result<ImportReport> ImportHouseholdFile(store::Store& store, const std::filesystem::path& path,
                                         const ImportOptions& options);

}  // namespace fupin::registry
