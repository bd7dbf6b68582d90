#include "io/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <unzip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "core/date.hpp"
#include "io/file_util.hpp"

namespace fupin::io {
namespace {

constexpr int kReadChunk = 1 << 16;
constexpr size_t kMaxColumns = 16384;  // XFD, Excel's last column

Status Corrupt(const std::string& file, std::string_view zh, std::string_view en) {
  return Status::Invalid("file", "xlsx.corrupt",
                         {fmt::format("文件 {} 不是有效的 Excel .xlsx 文件：{}", file, zh),
                          fmt::format("{} is not a valid Excel .xlsx file: {}", file, en)});
}

Status TooLarge(const std::string& file, std::string_view zh, std::string_view en) {
  return Status::Invalid("file", "xlsx.too_large",
                         {fmt::format("文件 {} 过大，拒绝读取：{}", file, zh),
                          fmt::format("{} is too large to read: {}", file, en)});
}

std::string_view LocalName(const XML_Char* name) {
  const std::string_view full(name);
  const size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

const char* Attr(const XML_Char** attrs, std::string_view name) {
  for (; attrs[0] != nullptr; attrs += 2) {
    if (name == attrs[0]) return attrs[1];
  }
  return nullptr;
}

template <typename T>
bool ParseInt(std::string_view text, T* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

/// Decodes the OOXML ST_Xstring escapes "_xHHHH_" (Excel writes e.g. _x000D_ for CR
/// and _x005F_ for a literal underscore before "x").
void DecodeOoxmlEscapes(std::string* text) {
  if (text->find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  const std::string& s = *text;
  size_t i = 0;
  while (i < s.size()) {
    uint32_t code = 0;
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      const auto [end, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
      if (ec == std::errc() && end == s.data() + i + 6 && (code < 0xD800 || code > 0xDFFF)) {
        AppendUtf8(code, &out);
        i += 7;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  *text = std::move(out);
}

/// True when a number format code displays a date or time.
bool IsDateFormatCode(std::string_view code) {
  bool in_quotes = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        continue;
      case '\\':
      case '_':
      case '*':
        ++i;
        continue;  // the next character is literal or padding
      case ';':
        return false;  // only the first section matters
      case '[': {
        const size_t close = code.find(']', i);
        if (close == std::string_view::npos) return false;
        const std::string_view inner = code.substr(i + 1, close - i - 1);
        if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
        i = close;
        continue;
      }
      default:
        break;
    }
    if (std::string_view("yYmMdDhHsS").find(c) != std::string_view::npos) return true;
  }
  return false;
}

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// ---------------------------------------------------------------------------------
// Streaming XML plumbing.

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  void Text(const XML_Char* s, int len) {
    if (collecting_) text_.append(s, static_cast<size_t>(len));
  }

  /// Stops parsing; Zip::Parse returns `status`.
  void Abort(Status status) {
    if (error_.ok()) error_ = std::move(status);
    XML_StopParser(parser_, XML_FALSE);
  }
  /// Stops parsing as corrupt.
  void AbortCorrupt(std::string_view zh, std::string_view en) {
    Abort(Corrupt(file_, fmt::format("{}：{}", part_, zh), fmt::format("{}: {}", part_, en)));
  }
  const Status& error() const { return error_; }

  void Bind(XML_Parser parser, std::string file, std::string part) {
    parser_ = parser;
    file_ = std::move(file);
    part_ = std::move(part);
  }

 protected:
  const std::string& file() const { return file_; }

  bool collecting_ = false;
  std::string text_;

 private:
  XML_Parser parser_ = nullptr;
  std::string file_;
  std::string part_;
  Status error_;
};

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  static_cast<XmlHandler*>(data)->Start(LocalName(name), attrs);
}
void XMLCALL OnEnd(void* data, const XML_Char* name) {
  static_cast<XmlHandler*>(data)->End(LocalName(name));
}
void XMLCALL OnText(void* data, const XML_Char* s, int len) {
  static_cast<XmlHandler*>(data)->Text(s, len);
}
void XMLCALL OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  // OOXML parts never carry a DTD; refuse entity games outright.
  static_cast<XmlHandler*>(data)->AbortCorrupt("含有 DTD 声明", "contains a DTD declaration");
}

struct ParserFree {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree>;

/// An open archive with a budget of decompressed bytes shared by all its parts.
class Zip {
 public:
  Zip(unzFile zip, std::string file, uint64_t budget) : zip_(zip), file_(std::move(file)), budget_(budget) {}
  ~Zip() { unzClose(zip_); }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  const std::string& file() const { return file_; }

  bool Has(const std::string& part) {
    return unzLocateFile(zip_, part.c_str(), /*case-insensitive*/ 2) == UNZ_OK;
  }

  /// Streams `part` through `handler`.
  Status Parse(const std::string& part, XmlHandler* handler) {
    if (unzLocateFile(zip_, part.c_str(), 2) != UNZ_OK) {
      return Corrupt(file_, fmt::format("缺少 {}", part), fmt::format("part {} is missing", part));
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return Corrupt(file_, fmt::format("无法读取 {} 的目录项", part),
                     fmt::format("cannot read the directory entry of {}", part));
    }
    if (info.uncompressed_size > budget_ - used_) return OverBudget();
    if (unzOpenCurrentFile(zip_) != UNZ_OK) {
      return Corrupt(file_, fmt::format("无法解压 {}", part), fmt::format("cannot decompress {}", part));
    }
    struct CloseCurrent {
      unzFile zip;
      bool open = true;
      ~CloseCurrent() {
        if (open) unzCloseCurrentFile(zip);
      }
    } current{zip_};

    ParserPtr parser(XML_ParserCreate(nullptr));
    if (parser == nullptr) return Status::Internal({"无法创建 XML 解析器", "cannot create an XML parser"});
    handler->Bind(parser.get(), file_, part);
    XML_SetUserData(parser.get(), handler);
    XML_SetElementHandler(parser.get(), OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser.get(), OnText);
    XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
    for (;;) {
      void* buffer = XML_GetBuffer(parser.get(), kReadChunk);
      if (buffer == nullptr) return Status::Internal({"XML 缓冲区分配失败", "cannot allocate an XML buffer"});
      const int n = unzReadCurrentFile(zip_, buffer, kReadChunk);
      if (n < 0) {
        return Corrupt(file_, fmt::format("{} 的压缩数据已损坏", part),
                       fmt::format("the compressed data of {} is damaged", part));
      }
      used_ += static_cast<uint64_t>(n);
      if (used_ > budget_) return OverBudget();
      if (XML_ParseBuffer(parser.get(), n, n == 0) != XML_STATUS_OK) {
        if (!handler->error().ok()) return handler->error();
        const auto line = XML_GetCurrentLineNumber(parser.get());
        const char* what = XML_ErrorString(XML_GetErrorCode(parser.get()));
        return Corrupt(file_, fmt::format("{} 第 {} 行 XML 格式错误（{}）", part, line, what),
                       fmt::format("{} line {}: malformed XML ({})", part, line, what));
      }
      if (n == 0) break;
    }
    current.open = false;
    if (unzCloseCurrentFile(zip_) != UNZ_OK) {
      return Corrupt(file_, fmt::format("{} 校验失败（CRC 不符）", part),
                     fmt::format("{} fails its CRC check", part));
    }
    return Status::Ok();
  }

 private:
  Status OverBudget() const {
    return TooLarge(
        file_, fmt::format("解压后的内容超过 {} 字节的上限（可能是压缩炸弹）", budget_),
        fmt::format("its decompressed content exceeds the limit of {} bytes (zip bomb?)", budget_));
  }

  unzFile zip_;
  std::string file_;
  uint64_t budget_;
  uint64_t used_ = 0;
};

// ---------------------------------------------------------------------------------
// Part handlers.

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
};

class RelsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* mode = Attr(attrs, "TargetMode");
    if (mode != nullptr && std::string_view(mode) == "External") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    if (id == nullptr || target == nullptr) return;
    rels.push_back({id, type != nullptr ? type : "", target});
  }
  void End(std::string_view) override {}

  const Relationship* ById(std::string_view id) const {
    for (const auto& rel : rels) {
      if (rel.id == id) return &rel;
    }
    return nullptr;
  }
  const Relationship* ByTypeSuffix(std::string_view suffix) const {
    for (const auto& rel : rels) {
      if (std::string_view(rel.type).ends_with(suffix)) return &rel;
    }
    return nullptr;
  }

  std::vector<Relationship> rels;
};

class WorkbookHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet" && first_sheet_rel.empty()) {
      // r:id, whatever the prefix bound to the relationships namespace.
      for (const XML_Char** a = attrs; a[0] != nullptr; a += 2) {
        const std::string_view attr(a[0]);
        if (attr.find(':') != std::string_view::npos && LocalName(a[0]) == "id") {
          first_sheet_rel = a[1];
          break;
        }
      }
    }
  }
  void End(std::string_view) override {}

  bool date1904 = false;
  std::string first_sheet_rel;
};

class SharedStringsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_si_ && phonetic_depth_ == 0) {
      collecting_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      collecting_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_si_ = false;
      DecodeOoxmlEscapes(&text_);
      strings.push_back(std::move(text_));
      text_.clear();
    }
  }

  std::vector<std::string> strings;

 private:
  bool in_si_ = false;
  int phonetic_depth_ = 0;
};

class StylesHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      int value = 0;
      if (id != nullptr && code != nullptr && ParseInt(id, &value))
        custom_date_[value] = IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      int value = 0;
      if (id == nullptr || !ParseInt(id, &value)) value = 0;
      xf_formats_.push_back(value);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  /// For each cell style index: does it display a date?
  std::vector<bool> DateStyles() const {
    std::vector<bool> out;
    out.reserve(xf_formats_.size());
    for (int id : xf_formats_) {
      const auto custom = custom_date_.find(id);
      out.push_back(custom != custom_date_.end() ? custom->second : IsBuiltinDateFormat(id));
    }
    return out;
  }

 private:
  bool in_cell_xfs_ = false;
  std::unordered_map<int, bool> custom_date_;
  std::vector<int> xf_formats_;
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::vector<std::string>& shared, const std::vector<bool>& date_styles, bool date1904,
               uint64_t max_cells, Table* table)
      : shared_(shared),
        date_styles_(date_styles),
        date1904_(date1904),
        max_cells_(max_cells),
        table_(table) {}

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "c") {
      StartCell(attrs);
    } else if (name == "v") {
      if (in_cell_) collecting_ = true;
    } else if (name == "is") {
      in_inline_ = in_cell_;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      if (in_inline_ && phonetic_depth_ == 0) collecting_ = true;
    } else if (name == "row") {
      StartRow(attrs);
    }
  }

  void End(std::string_view name) override {
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "c") {
      if (in_cell_) EndCell();
      in_cell_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "row") {
      EndRow();
    }
  }

 private:
  enum class CellType { kNumber, kShared, kInline, kString, kBool, kError, kIsoDate };

  void StartRow(const XML_Char** attrs) {
    const char* r = Attr(attrs, "r");
    size_t number = row_number_ + 1;
    if (r != nullptr && (!ParseInt(r, &number) || number == 0)) {
      return AbortCorrupt(fmt::format("行号“{}”无效", r), fmt::format("invalid row number \"{}\"", r));
    }
    row_number_ = number;
    row_.clear();
    next_column_ = 0;
  }

  void EndRow() {
    if (row_.empty()) return;  // nothing but empty cells
    table_->rows.push_back(std::move(row_));
    table_->row_numbers.push_back(row_number_);
    row_.clear();
  }

  void StartCell(const XML_Char** attrs) {
    in_cell_ = true;
    text_.clear();
    column_ = next_column_;
    if (const char* ref = Attr(attrs, "r")) {
      // "C5": letters give the column.
      size_t column = 0;
      const char* p = ref;
      for (; *p >= 'A' && *p <= 'Z'; ++p) {
        column = column * 26 + static_cast<size_t>(*p - 'A' + 1);
        if (column > kMaxColumns) break;
      }
      if (column == 0 || column > kMaxColumns) {
        in_cell_ = false;
        return AbortCorrupt(fmt::format("单元格引用“{}”无效", ref),
                            fmt::format("invalid cell reference \"{}\"", ref));
      }
      column_ = column - 1;
    }
    next_column_ = column_ + 1;

    type_ = CellType::kNumber;
    if (const char* t = Attr(attrs, "t")) {
      const std::string_view type(t);
      if (type == "s")
        type_ = CellType::kShared;
      else if (type == "inlineStr")
        type_ = CellType::kInline;
      else if (type == "str")
        type_ = CellType::kString;
      else if (type == "b")
        type_ = CellType::kBool;
      else if (type == "e")
        type_ = CellType::kError;
      else if (type == "d")
        type_ = CellType::kIsoDate;
    }
    is_date_ = false;
    if (const char* s = Attr(attrs, "s")) {
      size_t style = 0;
      if (ParseInt(s, &style) && style < date_styles_.size()) is_date_ = date_styles_[style];
    }
  }

  void EndCell() {
    std::string value;
    switch (type_) {
      case CellType::kShared: {
        size_t index = 0;
        if (text_.empty()) return;
        if (!ParseInt(text_, &index) || index >= shared_.size()) {
          return AbortCorrupt(fmt::format("第 {} 行引用了不存在的共享字符串 {}", row_number_, text_),
                              fmt::format("row {} refers to missing shared string {}", row_number_, text_));
        }
        value = shared_[index];
        break;
      }
      case CellType::kInline:
      case CellType::kString:
        value = std::move(text_);
        DecodeOoxmlEscapes(&value);
        break;
      case CellType::kBool:
        if (!text_.empty()) value = text_ == "1" || text_ == "true" ? "TRUE" : "FALSE";
        break;
      case CellType::kError:
      case CellType::kIsoDate:
        value = std::move(text_);
        break;
      case CellType::kNumber: {
        if (text_.empty()) return;
        double number = 0;
        const auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), number);
        if (ec != std::errc() || end != text_.data() + text_.size()) {
          value = std::move(text_);  // not a number after all: keep the text
        } else {
          value = is_date_ ? FormatSpreadsheetDate(number, date1904_) : FormatSpreadsheetNumber(number);
        }
        break;
      }
    }
    text_.clear();
    if (value.empty()) return;
    if (column_ >= row_.size()) {
      cells_ += column_ + 1 - row_.size();
      if (cells_ > max_cells_) {
        return Abort(TooLarge(file(), fmt::format("单元格数超过 {} 的上限", max_cells_),
                              fmt::format("more than {} cells", max_cells_)));
      }
      row_.resize(column_ + 1);
    }
    row_[column_] = std::move(value);
  }

  const std::vector<std::string>& shared_;
  const std::vector<bool>& date_styles_;
  const bool date1904_;
  const uint64_t max_cells_;
  Table* table_;

  uint64_t cells_ = 0;
  size_t row_number_ = 0;
  std::vector<std::string> row_;
  size_t next_column_ = 0;
  size_t column_ = 0;
  bool in_cell_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
  CellType type_ = CellType::kNumber;
  bool is_date_ = false;
};

// ---------------------------------------------------------------------------------
// Part names.

/// "xl/workbook.xml" -> "xl/".
std::string DirOf(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

/// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelsOf(const std::string& part) {
  const size_t slash = part.rfind('/');
  const size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  return part.substr(0, name_start) + "_rels/" + part.substr(name_start) + ".rels";
}

/// Resolves a relationship target against the folder of its source part.
std::string ResolveTarget(const std::string& source_dir, std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : source_dir + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& segment : segments) {
    if (!out.empty()) out.push_back('/');
    out += segment;
  }
  return out;
}

}  // namespace

std::string FormatSpreadsheetNumber(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "INF" : "-INF");
  if (value == 0) return "0";
  char buffer[64];
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(value));
    return std::string(buffer, end);
  }
  // 15 significant digits: "-d.dddddddddddddde+XX".
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific, 14);
  const std::string_view text(buffer, static_cast<size_t>(end - buffer));
  const bool negative = text.front() == '-';
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = 0;
  std::string_view exp_text = text.substr(e + 1);
  if (exp_text.starts_with('+')) exp_text.remove_prefix(1);
  ParseInt(exp_text, &exponent);

  std::string out = negative ? "-" : "";
  const int count = static_cast<int>(digits.size());
  if (exponent > 20 || exponent < -10) {
    out += digits[0];
    if (count > 1) out += "." + digits.substr(1);
    out += fmt::format("E{}{:02}", exponent < 0 ? '-' : '+', std::abs(exponent));
  } else if (exponent >= 0) {
    const int int_digits = exponent + 1;
    if (count <= int_digits) {
      out += digits;
      out.append(static_cast<size_t>(int_digits - count), '0');
    } else {
      out += digits.substr(0, static_cast<size_t>(int_digits));
      out += '.';
      out += digits.substr(static_cast<size_t>(int_digits));
    }
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  }
  return out;
}

std::string FormatSpreadsheetDate(double serial, bool date1904) {
  if (date1904) serial += 1462;  // to the 1900 system
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return FormatSpreadsheetNumber(serial);
  double whole = std::floor(serial);
  auto seconds = static_cast<int64_t>(std::llround((serial - whole) * 86400.0));
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  const std::string time = fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (whole == 0 && seconds != 0) return time;  // a time of day without a date
  auto days = static_cast<int32_t>(whole);
  // Serial 25569 is 1970-01-01. Excel counts a 1900-02-29 that never was (serial
  // 60), so serials before 61 are one day further from 1970.
  int32_t unix_days = days - 25569;
  if (days < 61) unix_days += 1;
  std::string out = Date::FromDays(unix_days).ToString();
  if (seconds != 0) out += " " + time;
  return out;
}

Result<Table> ReadXlsxFirstSheet(const std::filesystem::path& path, const XlsxLimits& limits) {
  FUPIN_RETURN_IF_ERROR(CheckReadableFile(path));
  const std::string file = DisplayPath(path);
  unzFile handle = unzOpen64(path.c_str());
  if (handle == nullptr) {
    return Corrupt(file, "不是 zip 压缩包（.xlsx 实为 zip 格式），文件可能已损坏或并非 Excel 文件",
                   "not a zip archive (an .xlsx is one); the file is damaged or not an Excel workbook");
  }
  Zip zip(handle, file, limits.max_uncompressed_bytes);

  // The workbook part, from the package relationships.
  std::string workbook_part = "xl/workbook.xml";
  if (zip.Has("_rels/.rels")) {
    RelsHandler package_rels;
    FUPIN_RETURN_IF_ERROR(zip.Parse("_rels/.rels", &package_rels));
    if (const Relationship* rel = package_rels.ByTypeSuffix("/officeDocument")) {
      workbook_part = ResolveTarget("", rel->target);
    }
  }

  // The first sheet, shared strings and styles, from the workbook and its relationships.
  WorkbookHandler workbook;
  RelsHandler workbook_rels;
  if (zip.Has(workbook_part)) {
    FUPIN_RETURN_IF_ERROR(zip.Parse(workbook_part, &workbook));
    const std::string rels_part = RelsOf(workbook_part);
    if (zip.Has(rels_part)) FUPIN_RETURN_IF_ERROR(zip.Parse(rels_part, &workbook_rels));
  }
  const std::string dir = DirOf(workbook_part);
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  if (const Relationship* rel = workbook_rels.ById(workbook.first_sheet_rel)) {
    sheet_part = ResolveTarget(dir, rel->target);
  }
  if (!zip.Has(sheet_part)) {
    return Corrupt(file, "找不到第一个工作表", "the first worksheet cannot be found");
  }

  SharedStringsHandler shared;
  std::string shared_part = "xl/sharedStrings.xml";
  if (const Relationship* rel = workbook_rels.ByTypeSuffix("/sharedStrings")) {
    shared_part = ResolveTarget(dir, rel->target);
  }
  if (zip.Has(shared_part)) FUPIN_RETURN_IF_ERROR(zip.Parse(shared_part, &shared));

  StylesHandler styles;
  std::string styles_part = "xl/styles.xml";
  if (const Relationship* rel = workbook_rels.ByTypeSuffix("/styles")) {
    styles_part = ResolveTarget(dir, rel->target);
  }
  if (zip.Has(styles_part)) FUPIN_RETURN_IF_ERROR(zip.Parse(styles_part, &styles));
  const std::vector<bool> date_styles = styles.DateStyles();

  Table table;
  SheetHandler sheet(shared.strings, date_styles, workbook.date1904, limits.max_cells, &table);
  FUPIN_RETURN_IF_ERROR(zip.Parse(sheet_part, &sheet));
  return table;
}

}  // namespace fupin::io
