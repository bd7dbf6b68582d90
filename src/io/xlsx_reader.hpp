// Reading the first worksheet of an .xlsx workbook (Office Open XML) into a table of
// strings, streaming every XML part through expat (no DOM) out of the zip with minizip.
//
// Cell values become the text a user sees for the common cases: shared and inline
// strings (rich-text runs joined, phonetic runs dropped, _xHHHH_ escapes decoded),
// formula results, booleans (TRUE/FALSE), error codes (#N/A), numbers (integers
// without ".0" or exponent, e.g. 510321100001; others with at most 15 significant
// digits and no trailing zeros) and date-formatted numbers as YYYY-MM-DD (with
// " HH:MM:SS" when there is a time part). Sparse cells land in their column with
// empty strings for gaps. Rows with no non-empty cell are dropped (Excel writes many
// styled but empty rows) and trailing empty cells are not materialised, so rows may be
// shorter than the header: treat missing cells as empty.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace fupin::io {

struct XlsxLimits {
  /// Total bytes decompressed from the archive, all parts together (zip-bomb guard).
  uint64_t max_uncompressed_bytes = uint64_t{512} << 20;
  /// Cells materialised in the table, gaps included (guards sparse-cell blow-up).
  uint64_t max_cells = 50'000'000;
};

struct Table {
  std::vector<std::vector<std::string>> rows;
  /// The 1-based worksheet row number of each entry of `rows`.
  std::vector<size_t> row_numbers;
};

/// Reads the first worksheet (in workbook order) of the .xlsx at `path`.
/// Failures: "file.open" (missing/unreadable), "xlsx.corrupt" (not a zip, damaged
/// archive or XML, missing parts; names the file and part), "xlsx.too_large" (a limit
/// in `limits` exceeded).
Result<Table> ReadXlsxFirstSheet(const std::filesystem::path& path, const XlsxLimits& limits = {});

/// The display text of a numeric cell value, as described above. Exposed for tests.
std::string FormatSpreadsheetNumber(double value);

/// An Excel date serial (days since 1899-12-30, 1900 leap-year bug honoured; with
/// `date1904` days since 1904-01-01) as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS".
/// Exposed for tests.
std::string FormatSpreadsheetDate(double serial, bool date1904);

}  // namespace fupin::io
