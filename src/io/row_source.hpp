// RowSource: the rows of an import file, CSV or XLSX, behind one interface.
//
// OpenRowSource picks the format from the extension (.xlsx/.xlsm) or the zip magic
// bytes, else reads CSV: the whole file is loaded, decoded to UTF-8 (see DecodeText)
// and owned by the source, so the views Next hands out need no copies. Old binary
// .xls workbooks (and password-protected ones, which are OLE2 files too) are refused
// with advice to save as .xlsx or CSV.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "io/xlsx_reader.hpp"

namespace fupin::io {

class RowSource {
 public:
  virtual ~RowSource();

  /// Fills `fields` with the next non-empty row; false at the end or on an error
  /// (see status()). The views stay valid until the next call.
  virtual bool Next(std::vector<std::string_view>* fields) = 0;
  /// Where the row last returned starts: the physical line of a CSV file or the
  /// worksheet row number of an XLSX file (1-based), for error reports.
  virtual size_t line() const = 0;
  /// Ok unless Next stopped on malformed input.
  virtual Status status() const = 0;
  /// "utf-8" or "gb18030" for CSV; "utf-8" for XLSX (its XML is always Unicode).
  virtual std::string detected_encoding() const = 0;
  /// "csv" or "xlsx".
  virtual std::string_view format() const = 0;
};

struct RowSourceOptions {
  /// "" detects (UTF-8, else GB18030); otherwise a name CanonicalEncoding accepts.
  /// Ignored for XLSX.
  std::string_view encoding;
  XlsxLimits xlsx_limits;
};

/// Opens `path` for import. Failures: "file.open" (missing or unreadable, naming the
/// path), "file.format" (an old .xls or an encrypted workbook), the encoding.* rules of DecodeText
/// (messages name the file) and those of ReadXlsxFirstSheet.
Result<std::unique_ptr<RowSource>> OpenRowSource(const std::filesystem::path& path,
                                                 const RowSourceOptions& options);
inline Result<std::unique_ptr<RowSource>> OpenRowSource(const std::filesystem::path& path,
                                                        std::string_view encoding) {
  return OpenRowSource(path, RowSourceOptions{.encoding = encoding, .xlsx_limits = {}});
}

}  // namespace fupin::io
