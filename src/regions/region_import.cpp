#include "regions/region_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "io/csv.hpp"
#include "io/text_encoding.hpp"

namespace fupin::regions {
namespace embedded {
extern const std::string_view kProvinces;
extern const std::string_view kCities;
extern const std::string_view kAreas;
extern const std::string_view kStreets;
extern const std::string_view kVillages;
}  // namespace embedded

Result<std::vector<store::Region>> ParseDivisionCsv(std::string_view text, std::string_view file_name) {
  io::CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<store::Region> out;
  if (!reader.Next(&fields)) {
    FUPIN_RETURN_IF_ERROR(reader.status());
    return Status::Invalid(
        "file", "file.empty",
        {fmt::format("区划文件 {} 是空的", file_name), fmt::format("division file {} is empty", file_name)});
  }
  if (fields.size() < 2 || fields[0] != "code" || fields[1] != "name") {
    return Status::Invalid(
        "header", "regions.header",
        {fmt::format("区划文件 {} 的表头应以 code,name 开头", file_name),
         fmt::format("division file {}: the header must start with code,name", file_name)});
  }
  while (reader.Next(&fields)) {
    if (fields.size() < 2) {
      return Status::Invalid(
          "code", "regions.row",
          {fmt::format("区划文件 {} 第 {} 行缺少 code 或 name", file_name, reader.line()),
           fmt::format("division file {} row {}: code or name is missing", file_name, reader.line())});
    }
    auto code = RegionCode::Parse(fields[0]);
    if (!code.ok()) {
      return Status::Invalid(
          "code", code.status().rule(),
          {fmt::format("区划文件 {} 第 {} 行：{}", file_name, reader.line(), code.status().message().zh),
           fmt::format("division file {} row {}: {}", file_name, reader.line(), code.status().message().en)});
    }
    if (fields[1].empty()) {
      return Status::Invalid(
          "name", "regions.name",
          {fmt::format("区划文件 {} 第 {} 行名称为空", file_name, reader.line()),
           fmt::format("division file {} row {}: the name is empty", file_name, reader.line())});
    }
    out.push_back({*code, std::string(fields[1]), false});
  }
  FUPIN_RETURN_IF_ERROR(reader.status());
  return out;
}

Result<store::WriteCounts> ImportDivisionFiles(store::Store& store,
                                               std::span<const std::filesystem::path> files) {
  std::vector<store::Region> all;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Status::Unavailable(
          {fmt::format("无法读取文件 {}", path.string()), fmt::format("cannot read file {}", path.string())});
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    FUPIN_ASSIGN_OR_RETURN(auto decoded, io::DecodeText(ss.str(), ""));
    FUPIN_ASSIGN_OR_RETURN(auto regions, ParseDivisionCsv(decoded.text, path.filename().string()));
    all.insert(all.end(), std::make_move_iterator(regions.begin()), std::make_move_iterator(regions.end()));
  }
  // Parents before children, so a store with parent constraints accepts one batch.
  std::stable_sort(all.begin(), all.end(), [](const store::Region& a, const store::Region& b) {
    return static_cast<int>(a.code.level()) < static_cast<int>(b.code.level());
  });
  return store.UpsertRegions(all);
}

Result<std::vector<store::Region>> EmbeddedDemoRegions() {
  std::vector<store::Region> all;
  const std::pair<std::string_view, std::string_view> files[] = {{embedded::kProvinces, "provinces.csv"},
                                                                 {embedded::kCities, "cities.csv"},
                                                                 {embedded::kAreas, "areas.csv"},
                                                                 {embedded::kStreets, "streets.csv"},
                                                                 {embedded::kVillages, "villages.csv"}};
  for (const auto& [text, name] : files) {
    FUPIN_ASSIGN_OR_RETURN(auto regions, ParseDivisionCsv(text, name));
    all.insert(all.end(), std::make_move_iterator(regions.begin()), std::make_move_iterator(regions.end()));
  }
  return all;
}

}  // namespace fupin::regions
