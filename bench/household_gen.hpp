// Synthetic household files for benchmarks: the import layout (registry::ExportHeader(),
// one row per person, household fields repeated on every member's row, as the
// national system exports them) at any size, fast and deterministic.
//
// Households live in the real villages of the two demo counties (the embedded region
// data), about 2.8 persons each, ordered by village as an export is. Every ID number is
// a valid GB 11643-1999 number of the village's county, unique in the file, and agrees
// with the sex and birth date columns; names, terms, incomes, years and statuses are
// drawn so that every row passes validation. Own PRNG and integer arithmetic only: the
// same options give the same bytes everywhere.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace fupin::bench {

struct HouseholdFileOptions {
  int64_t persons = 100000;
  uint64_t seed = 1;
};

struct HouseholdFileStats {
  int64_t persons = 0;
  int64_t households = 0;
  int64_t bytes = 0;
};

/// Hands the CSV text (UTF-8 with a BOM, CRLF line endings, header first) to `write`
/// in chunks of about 1 MiB. Stops with `write`'s failure if it returns one.
Result<HouseholdFileStats> GenerateHouseholdCsv(const HouseholdFileOptions& options,
                                                const std::function<Status(std::string_view)>& write);

/// The whole file in memory.
Result<std::string> GenerateHouseholdCsvText(const HouseholdFileOptions& options);

/// Writes the file to `path` (replacing it).
Result<HouseholdFileStats> WriteHouseholdCsvFile(const HouseholdFileOptions& options,
                                                 const std::filesystem::path& path);

/// `n` distinct valid 18-character ID numbers (deterministic for a seed).
std::vector<std::string> MakeValidIdNumbers(size_t n, uint64_t seed);

/// FUPIN_BENCH_PERSONS from the environment (digits only), else `fallback`.
int64_t BenchPersonsFromEnv(int64_t fallback = 100000);

}  // namespace fupin::bench
