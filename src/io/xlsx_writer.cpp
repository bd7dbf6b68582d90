#include "io/xlsx_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <type_traits>
#include <utility>

#include "io/file_util.hpp"

namespace fupin::io {
namespace {

constexpr size_t kWidthSampleRows = 1000;  // widths follow the first rows only
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;
constexpr size_t kMaxCellChars = 32767;

/// Display width: ASCII counts 1, anything else (mostly CJK) counts 2.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if (c < 0x80) {
      ++width;
    } else if ((c & 0xC0) != 0x80) {
      width += 2;  // a lead byte
    }
  }
  return width;
}

/// Characters (code points) in UTF-8 text.
size_t CharCount(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

const char* CStr(const std::string& s) {
  return s.c_str();
}

}  // namespace

Result<XlsxWriter> XlsxWriter::Create(const std::filesystem::path& path, std::string_view sheet_name,
                                      const XlsxWriterOptions& options) {
  std::error_code ec;
  const std::filesystem::path parent = path.parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    return FileWriteError(path, "所在文件夹不存在", "its folder does not exist");
  }
  const std::string name(sheet_name);
  std::string tmpdir = options.tmpdir.string();
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_options.tmpdir = tmpdir.empty() ? nullptr : tmpdir.data();
  lxw_options.use_zip64 = LXW_TRUE;  // exports may pass 4 GiB uncompressed

  XlsxWriter writer;
  writer.path_ = path;
  writer.workbook_ = workbook_new_opt(path.c_str(), &lxw_options);
  if (writer.workbook_ == nullptr) {
    return Status::Internal(
        {"无法创建 Excel 工作簿（内存不足？）", "cannot create an Excel workbook (out of memory?)"});
  }
  const lxw_error name_error = workbook_validate_sheet_name(writer.workbook_, name.c_str());
  if (name.empty() || name_error != LXW_NO_ERROR) {
    return Status::Invalid(
        "sheet_name", "xlsx.sheet_name",
        {fmt::format("工作表名“{}”无效：不能为空、不超过 31 个字符、不能含 []:*?/\\", name),
         fmt::format("invalid sheet name \"{}\": 1 to 31 characters, none of []:*?/\\", name)});
  }
  writer.sheet_ = workbook_add_worksheet(writer.workbook_, name.c_str());
  writer.header_format_ = workbook_add_format(writer.workbook_);
  writer.text_format_ = workbook_add_format(writer.workbook_);
  if (writer.sheet_ == nullptr || writer.header_format_ == nullptr || writer.text_format_ == nullptr) {
    return Status::Internal({"无法创建 Excel 工作表", "cannot create the Excel worksheet"});
  }
  format_set_bold(writer.header_format_);
  format_set_num_format(writer.header_format_, "@");
  format_set_num_format(writer.text_format_, "@");
  worksheet_ignore_errors(writer.sheet_, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
  return writer;
}

XlsxWriter::XlsxWriter(XlsxWriter&& other) noexcept
    : workbook_(std::exchange(other.workbook_, nullptr)),
      sheet_(std::exchange(other.sheet_, nullptr)),
      header_format_(std::exchange(other.header_format_, nullptr)),
      text_format_(std::exchange(other.text_format_, nullptr)),
      path_(std::move(other.path_)),
      next_row_(std::exchange(other.next_row_, 0)),
      widths_(std::move(other.widths_)) {}

XlsxWriter& XlsxWriter::operator=(XlsxWriter&& other) noexcept {
  if (this != &other) {
    Release();
    workbook_ = std::exchange(other.workbook_, nullptr);
    sheet_ = std::exchange(other.sheet_, nullptr);
    header_format_ = std::exchange(other.header_format_, nullptr);
    text_format_ = std::exchange(other.text_format_, nullptr);
    path_ = std::move(other.path_);
    next_row_ = std::exchange(other.next_row_, 0);
    widths_ = std::move(other.widths_);
  }
  return *this;
}

XlsxWriter::~XlsxWriter() {
  Release();
}

void XlsxWriter::Release() {
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);  // discards, writes nothing
  workbook_ = nullptr;
  sheet_ = nullptr;
  header_format_ = nullptr;
  text_format_ = nullptr;
}

Status XlsxWriter::CheckOpen() const {
  if (workbook_ == nullptr) {
    return Status::FailedPrecondition(
        "file", "xlsx.closed", {"Excel 工作簿已关闭，不能再写入", "the Excel workbook is already closed"});
  }
  return Status::Ok();
}

Status XlsxWriter::CheckRow(size_t cells) const {
  if (next_row_ >= LXW_ROW_MAX) {
    return Status::Invalid("file", "xlsx.too_many_rows",
                           {fmt::format("超过 Excel 的 {} 行上限，请改用 CSV 或分批导出", LXW_ROW_MAX),
                            fmt::format("more than Excel's {} rows; export CSV or in parts", LXW_ROW_MAX)});
  }
  if (cells > LXW_COL_MAX) {
    return Status::Invalid(
        "file", "xlsx.too_many_columns",
        {fmt::format("第 {} 行有 {} 列，超过 Excel 的 {} 列上限", next_row_ + 1, cells, LXW_COL_MAX),
         fmt::format("row {} has {} columns, more than Excel's {}", next_row_ + 1, cells, LXW_COL_MAX)});
  }
  return Status::Ok();
}

void XlsxWriter::Track(size_t column, std::string_view text) {
  if (next_row_ >= kWidthSampleRows) return;
  if (column >= widths_.size()) widths_.resize(column + 1, 0);
  widths_[column] = std::max(widths_[column], DisplayWidth(text));
}

Status XlsxWriter::WriteCell(size_t column, const char* text, size_t size, lxw_format* format) {
  if (size == 0) return Status::Ok();  // a blank cell
  const std::string_view view(text, size);
  if (size > kMaxCellChars && CharCount(view) > kMaxCellChars) {
    return Status::Invalid("file", "xlsx.cell_too_long",
                           {fmt::format("第 {} 行第 {} 列的内容超过 Excel 单元格 {} 个字符的上限",
                                        next_row_ + 1, column + 1, kMaxCellChars),
                            fmt::format("row {} column {}: text longer than Excel's {} characters per cell",
                                        next_row_ + 1, column + 1, kMaxCellChars)});
  }
  Track(column, view);
  const lxw_error error = worksheet_write_string(sheet_, static_cast<lxw_row_t>(next_row_),
                                                 static_cast<lxw_col_t>(column), text, format);
  if (error != LXW_NO_ERROR) {
    return Status::Internal(
        {fmt::format("写入第 {} 行第 {} 列失败：{}", next_row_ + 1, column + 1, lxw_strerror(error)),
         fmt::format("writing row {} column {} failed: {}", next_row_ + 1, column + 1, lxw_strerror(error))});
  }
  return Status::Ok();
}

template <typename String>
Status XlsxWriter::WriteCells(std::span<const String> cells, lxw_format* format) {
  FUPIN_RETURN_IF_ERROR(CheckOpen());
  FUPIN_RETURN_IF_ERROR(CheckRow(cells.size()));
  std::string buffer;  // NUL-terminated copy for string_view cells
  for (size_t column = 0; column < cells.size(); ++column) {
    const auto& cell = cells[column];
    if constexpr (std::is_same_v<String, std::string>) {
      FUPIN_RETURN_IF_ERROR(WriteCell(column, CStr(cell), cell.size(), format));
    } else {
      buffer.assign(cell);
      FUPIN_RETURN_IF_ERROR(WriteCell(column, buffer.c_str(), buffer.size(), format));
    }
  }
  ++next_row_;
  return Status::Ok();
}

Status XlsxWriter::WriteHeader(std::span<const std::string> names) {
  const size_t header_row = next_row_;
  FUPIN_RETURN_IF_ERROR(WriteCells(names, header_format_));
  worksheet_freeze_panes(sheet_, static_cast<lxw_row_t>(header_row + 1), 0);
  return Status::Ok();
}

Status XlsxWriter::WriteRow(std::span<const std::string> cells) {
  return WriteCells(cells, text_format_);
}

Status XlsxWriter::WriteRow(std::span<const std::string_view> cells) {
  return WriteCells(cells, text_format_);
}

Status XlsxWriter::Close() {
  FUPIN_RETURN_IF_ERROR(CheckOpen());
  for (size_t column = 0; column < widths_.size(); ++column) {
    const double width = std::clamp(static_cast<double>(widths_[column]) + 2, kMinWidth, kMaxWidth);
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(column), static_cast<lxw_col_t>(column), width,
                         text_format_);
  }
  // workbook_close frees the workbook whatever happens.
  const lxw_error error = workbook_close(std::exchange(workbook_, nullptr));
  sheet_ = nullptr;
  header_format_ = nullptr;
  text_format_ = nullptr;
  if (error != LXW_NO_ERROR) return FileWriteError(path_, lxw_strerror(error), lxw_strerror(error));
  return Status::Ok();
}

}  // namespace fupin::io
