#include "io/row_source.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "io/csv.hpp"
#include "io/file_util.hpp"
#include "io/text_encoding.hpp"

namespace fupin::io {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";  // old .xls

std::string LowerExtension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

/// The first bytes of the file (fewer if it is shorter).
std::string Head(const std::filesystem::path& path, size_t n) {
  std::string head(n, '\0');
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  head.resize(std::fread(head.data(), 1, n, file));
  std::fclose(file);
  return head;
}

Status OldXlsError(const std::filesystem::path& path) {
  const std::string file = DisplayPath(path);
  return Status::Invalid(
      "file", "file.format",
      {fmt::format("文件 {} 是旧版 Excel 97-2003（.xls）格式或加密的工作簿，请在 Excel 或 WPS "
                   "中取消密码并另存为 .xlsx 或 CSV（UTF-8）后再导入",
                   file),
       fmt::format("{} is an old Excel 97-2003 (.xls) or password-protected workbook; "
                   "remove the password and save it as .xlsx or CSV (UTF-8) in Excel or "
                   "WPS, then import that",
                   file)});
}

/// Prefixes the file name to a decoding error.
Status InFile(const std::filesystem::path& path, const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument) return status;
  const std::string file = DisplayPath(path);
  return Status::Invalid(status.field(), status.rule(),
                         {fmt::format("文件 {}：{}", file, status.message().zh),
                          fmt::format("{}: {}", file, status.message().en)});
}

class CsvRowSource : public RowSource {
 public:
  CsvRowSource(Decoded decoded, std::string source_name)
      : decoded_(std::move(decoded)), reader_(decoded_.text, std::move(source_name)) {}

  bool Next(std::vector<std::string_view>* fields) override { return reader_.Next(fields); }
  size_t line() const override { return reader_.line(); }
  Status status() const override { return reader_.status(); }
  std::string detected_encoding() const override { return decoded_.encoding; }
  std::string_view format() const override { return "csv"; }

 private:
  Decoded decoded_;  // owns the text reader_ points into; never moved after construction
  CsvReader reader_;
};

class XlsxRowSource : public RowSource {
 public:
  explicit XlsxRowSource(Table table) : table_(std::move(table)) {}

  bool Next(std::vector<std::string_view>* fields) override {
    fields->clear();
    if (next_ >= table_.rows.size()) return false;
    line_ = table_.row_numbers[next_];
    for (const std::string& cell : table_.rows[next_]) fields->emplace_back(cell);
    ++next_;
    return true;
  }
  size_t line() const override { return line_; }
  Status status() const override { return Status::Ok(); }
  std::string detected_encoding() const override { return "utf-8"; }
  std::string_view format() const override { return "xlsx"; }

 private:
  Table table_;
  size_t next_ = 0;
  size_t line_ = 0;
};

}  // namespace

RowSource::~RowSource() = default;

Result<std::unique_ptr<RowSource>> OpenRowSource(const std::filesystem::path& path,
                                                 const RowSourceOptions& options) {
  FUPIN_RETURN_IF_ERROR(CheckReadableFile(path));
  const std::string ext = LowerExtension(path);
  const std::string head = Head(path, kOle2Magic.size());
  if (head == kOle2Magic || ext == ".xls") return OldXlsError(path);
  if (ext == ".xlsx" || ext == ".xlsm" || std::string_view(head).starts_with(kZipMagic)) {
    FUPIN_ASSIGN_OR_RETURN(Table table, ReadXlsxFirstSheet(path, options.xlsx_limits));
    return std::unique_ptr<RowSource>(std::make_unique<XlsxRowSource>(std::move(table)));
  }

  FUPIN_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  Result<Decoded> decoded = DecodeText(std::move(bytes), options.encoding);
  if (!decoded.ok()) return InFile(path, decoded.status());
  return std::unique_ptr<RowSource>(
      std::make_unique<CsvRowSource>(std::move(decoded).value(), DisplayPath(path)));
}

}  // namespace fupin::io
