#include "registry/table_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "io/csv.hpp"
#include "io/row_source.hpp"

namespace fupin::registry {
namespace {

constexpr std::string_view kErrorZh = "导入错误";
constexpr std::string_view kErrorEn = "import_error";

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<TableFile> ReadTableFile(const std::filesystem::path& path, std::span<const TableColumn> layout,
                                std::string_view encoding) {
  FUPIN_ASSIGN_OR_RETURN(auto source, io::OpenRowSource(path, encoding));
  TableFile file;
  file.encoding = source->detected_encoding();
  std::vector<std::string_view> fields;
  if (!source->Next(&fields)) {
    FUPIN_RETURN_IF_ERROR(source->status());
    return Status::Invalid("file", "file.empty",
                           {fmt::format("文件 {} 是空的，没有表头", path.string()),
                            fmt::format("file {} is empty: no header row", path.string())});
  }
  std::vector<int> column_of(fields.size(), -1);
  std::vector<int> position(layout.size(), -1);
  file.header.resize(layout.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view name = TrimView(fields[i]);
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
    if (name == kErrorZh || name == kErrorEn) continue;
    int found = -1;
    for (size_t c = 0; c < layout.size(); ++c) {
      if (name == layout[c].zh || name == layout[c].en) found = static_cast<int>(c);
    }
    if (found < 0) {
      std::string known;
      for (const auto& c : layout) known += known.empty() ? std::string(c.zh) : fmt::format("、{}", c.zh);
      return Status::Invalid(
          std::string(name), "header.unknown_column",
          {fmt::format("表头第 {} 列“{}”不是已知的列名（可用：{}；见 docs/data-format.md）", i + 1, name,
                       known),
           fmt::format("header column {} \"{}\" is not a known column (see docs/data-format.md)", i + 1,
                       name)});
    }
    if (position[static_cast<size_t>(found)] >= 0) {
      return Status::Invalid(std::string(name), "header.duplicate_column",
                             {fmt::format("表头中“{}”出现了两次（第 {} 列和第 {} 列）", name,
                                          position[static_cast<size_t>(found)] + 1, i + 1),
                              fmt::format("header column \"{}\" appears twice (columns {} and {})", name,
                                          position[static_cast<size_t>(found)] + 1, i + 1)});
    }
    position[static_cast<size_t>(found)] = static_cast<int>(i);
    column_of[i] = found;
    file.header[static_cast<size_t>(found)] = std::string(name);
  }
  for (size_t c = 0; c < layout.size(); ++c) {
    if (file.header[c].empty()) file.header[c] = std::string(layout[c].zh);
    if (layout[c].required && position[c] < 0) {
      return Status::Invalid(
          std::string(layout[c].zh), "header.missing_column",
          {fmt::format("表头缺少必需的列“{}”", layout[c].zh),
           fmt::format("the header lacks the required column \"{}\" ({})", layout[c].zh, layout[c].en)});
    }
  }
  while (source->Next(&fields)) {
    bool blank = true;
    for (auto f : fields) blank = blank && TrimView(f).empty();
    if (blank) continue;
    TableRow row;
    row.line = source->line();
    row.values.resize(layout.size());
    for (size_t i = 0; i < fields.size() && i < column_of.size(); ++i) {
      if (column_of[i] >= 0) row.values[static_cast<size_t>(column_of[i])] = std::string(TrimView(fields[i]));
    }
    file.rows.push_back(std::move(row));
  }
  FUPIN_RETURN_IF_ERROR(source->status());
  return file;
}

Status WriteRejectFile(const std::filesystem::path& source, std::string_view encoding,
                       const std::filesystem::path& target,
                       const std::unordered_map<size_t, std::string>& reasons_by_row,
                       std::string_view error_zh, std::string_view error_en) {
  FUPIN_ASSIGN_OR_RETURN(auto rows, io::OpenRowSource(source, encoding));
  std::string out;
  io::CsvWriter writer(&out, io::CsvWriterOptions{.bom = true});
  std::vector<std::string_view> fields;
  bool header = true;
  int error_column = -1;
  while (rows->Next(&fields)) {
    if (header) {
      std::vector<std::string_view> h(fields.begin(), fields.end());
      for (size_t i = 0; i < h.size(); ++i) {
        if (h[i] == error_zh || h[i] == error_en) error_column = static_cast<int>(i);
      }
      if (error_column < 0) {
        h.push_back(error_zh);
        error_column = static_cast<int>(h.size() - 1);
      }
      writer.WriteRow(h);
      header = false;
      continue;
    }
    auto it = reasons_by_row.find(rows->line());
    if (it == reasons_by_row.end()) continue;
    std::vector<std::string_view> r(fields.begin(), fields.end());
    if (r.size() <= static_cast<size_t>(error_column)) r.resize(static_cast<size_t>(error_column) + 1);
    r[static_cast<size_t>(error_column)] = it->second;
    writer.WriteRow(r);
  }
  FUPIN_RETURN_IF_ERROR(rows->status());
  std::ofstream file(target, std::ios::binary | std::ios::trunc);
  file << out;
  file.close();
  if (!file) {
    return Status::Unavailable({fmt::format("无法写入退回文件 {}", target.string()),
                                fmt::format("cannot write the reject file {}", target.string())});
  }
  return Status::Ok();
}

Status FinishTableImport(const std::filesystem::path& path, const TableImportOptions& options,
                         TableImportReport* report) {
  auto& problems = report->problems;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  std::set<size_t> bad_rows;
  for (const RowProblem& p : problems) bad_rows.insert(p.row);
  report->rows_rejected = bad_rows.size();
  if (problems.empty() || !options.skip_invalid || !report->written) return Status::Ok();
  std::unordered_map<size_t, std::string> reasons;
  for (const RowProblem& p : problems) {
    auto& r = reasons[p.row];
    if (!r.empty()) r += "；";
    r += fmt::format("[{}] {}", p.rule, p.message.zh);
  }
  report->reject_file = options.reject_file.empty() ? std::filesystem::path(path.string() + ".rejects.csv")
                                                    : options.reject_file;
  return WriteRejectFile(path, options.encoding, report->reject_file, reasons, kErrorZh, kErrorEn);
}

}  // namespace fupin::registry
