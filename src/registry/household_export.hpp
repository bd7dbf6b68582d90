// Export of households in the import layout (registry/household_layout.hpp), so that
// an unmasked export re-imports with zero changes.
#pragma once

#include <filesystem>
#include <string>

#include "core/region_code.hpp"
#include "store/store.hpp"

namespace fupin::registry {

enum class ExportFormat { kCsv, kXlsx };

struct ExportOptions {
  ExportFormat format = ExportFormat::kCsv;
  /// ID and phone numbers in clear; the export is recorded in the audit log.
  bool unmasked = false;
  std::string actor;
};

struct ExportSummary {
  size_t households = 0;
  size_t persons = 0;
};

/// Writes every household within `region` to `path` (CSV: UTF-8 with BOM, as Chinese
/// Excel expects). Every export is audited; the unmasked flag is part of the record.
Result<ExportSummary> ExportHouseholds(store::Store& store, RegionCode region,
                                       const std::filesystem::path& path, const ExportOptions& options);

}  // namespace fupin::registry
