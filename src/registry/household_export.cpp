#include "registry/household_export.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "io/xlsx_writer.hpp"
#include "registry/household_layout.hpp"

namespace fupin::registry {

Result<ExportSummary> ExportHouseholds(store::Store& store, RegionCode region,
                                       const std::filesystem::path& path, const ExportOptions& options) {
  FUPIN_ASSIGN_OR_RETURN(auto households, store.LoadHouseholds(region));
  ExportSummary summary;
  const std::vector<std::string> header = ExportHeader();
  if (options.format == ExportFormat::kCsv) {
    std::string out;
    io::CsvWriter writer(&out, io::CsvWriterOptions{.bom = true});
    writer.WriteRow(header);
    for (const auto& h : households) {
      for (const auto& row : HouseholdToRows(h, options.unmasked)) writer.WriteRow(row);
      ++summary.households;
      summary.persons += h.members.size();
    }
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << out;
    file.close();
    if (!file) {
      return Status::Unavailable({fmt::format("无法写入文件 {}", path.string()),
                                  fmt::format("cannot write file {}", path.string())});
    }
  } else {
    FUPIN_ASSIGN_OR_RETURN(auto writer, io::XlsxWriter::Create(path, "建档立卡户"));
    FUPIN_RETURN_IF_ERROR(writer.WriteHeader(header));
    for (const auto& h : households) {
      for (const auto& row : HouseholdToRows(h, options.unmasked))
        FUPIN_RETURN_IF_ERROR(writer.WriteRow(row));
      ++summary.households;
      summary.persons += h.members.size();
    }
    FUPIN_RETURN_IF_ERROR(writer.Close());
  }
  FUPIN_RETURN_IF_ERROR(store.RecordAudit(
      {options.actor, options.unmasked ? "households.export.unmasked" : "households.export.masked",
       region.ToString(),
       nlohmann::json{{"file", path.filename().string()},
                      {"households", summary.households},
                      {"persons", summary.persons}}
           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}));
  return summary;
}

}  // namespace fupin::registry
