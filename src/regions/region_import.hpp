// Import of statistical division codes 区划 in the layout of the china-division
// package's dist/*.csv files: a header whose first two columns are `code,name`, then
// one division per row (provinces, cities, areas, streets or villages — the level
// follows from the code). Idempotent: re-importing changes nothing.
#pragma once

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace fupin::regions {

/// Parses one file's text. Every bad row is reported (row, code, reason); no partial result.
Result<std::vector<store::Region>> ParseDivisionCsv(std::string_view text, std::string_view file_name);

/// Reads each file, then writes all of them in one transaction.
Result<store::WriteCounts> ImportDivisionFiles(store::Store& store,
                                               std::span<const std::filesystem::path> files);

/// The real towns and villages of Rong County (510321) and Zizhong County (511025),
/// compiled into the binary (data/regions/), with their province, cities and counties.
Result<std::vector<store::Region>> EmbeddedDemoRegions();

}  // namespace fupin::regions
