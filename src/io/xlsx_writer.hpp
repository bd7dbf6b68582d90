// Writing a one-sheet .xlsx workbook for exports, over libxlsxwriter.
//
// Every cell is written as a string with the text number format "@", so ID numbers,
// region codes and account numbers keep every digit (Excel would round an 18-digit
// number to 15 digits) and Excel's "number stored as text" warning is switched off.
// The header row is bold and frozen; column widths follow the content of the first
// rows (CJK characters count double). Nothing reaches disk until Close().
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace fupin::io {

struct XlsxWriterOptions {
  /// Stream finished rows to a temporary file instead of keeping the whole sheet in
  /// memory; rows must then be written top to bottom (this class always does).
  bool constant_memory = true;
  /// Folder for libxlsxwriter's temporary files; empty = the system default.
  std::filesystem::path tmpdir;
};

class XlsxWriter {
 public:
  /// Starts a workbook at `path` with one sheet named `sheet_name` (at most 31
  /// characters, none of []:*?/\). Fails "xlsx.sheet_name" for a bad name and
  /// "file.write" when the destination folder does not exist.
  static Result<XlsxWriter> Create(const std::filesystem::path& path, std::string_view sheet_name,
                                   const XlsxWriterOptions& options = {});

  XlsxWriter(XlsxWriter&& other) noexcept;
  XlsxWriter& operator=(XlsxWriter&& other) noexcept;
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;
  /// Without a successful Close() the workbook is discarded and no file is written.
  ~XlsxWriter();

  /// Writes a bold row (normally the first) and freezes the panes below it.
  Status WriteHeader(std::span<const std::string> names);
  /// Writes the next row; empty strings leave the cell blank. Fails
  /// "xlsx.too_many_rows" past Excel's 1,048,576 rows, "xlsx.too_many_columns" past
  /// 16,384 columns and "xlsx.cell_too_long" for text over 32,767 characters.
  Status WriteRow(std::span<const std::string> cells);
  Status WriteRow(std::span<const std::string_view> cells);

  /// Sets the column widths and writes the file. Fails "file.write" when the file
  /// cannot be created. The writer is unusable afterwards (a second call is an error).
  Status Close();

  /// Rows written so far, header included.
  size_t rows_written() const { return next_row_; }

 private:
  XlsxWriter() = default;
  template <typename String>
  Status WriteCells(std::span<const String> cells, lxw_format* format);
  Status CheckOpen() const;
  Status CheckRow(size_t cells) const;
  Status WriteCell(size_t column, const char* text, size_t size, lxw_format* format);
  void Track(size_t column, std::string_view text);
  void Release();

  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_format_ = nullptr;
  lxw_format* text_format_ = nullptr;
  std::filesystem::path path_;
  size_t next_row_ = 0;         // 0-based index of the next row
  std::vector<size_t> widths_;  // display width per column, in characters
};

}  // namespace fupin::io
