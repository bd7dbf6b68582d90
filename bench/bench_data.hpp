// The household data the benchmarks run on, made once per process.
//
// FUPIN_BENCH_FILE names a household CSV to use; otherwise FUPIN_BENCH_PERSONS
// (default 100000) persons are generated (bench/household_gen.hpp), in memory or
// into a temporary directory that is removed at exit ($TMPDIR honoured).
#pragma once

#include <filesystem>
#include <string>

namespace fupin::bench {

/// The CSV text, UTF-8 (a generated one starts with a BOM; a file is decoded as an
/// import would). Exits the process with a message when the file cannot be read.
const std::string& BenchCsvText();

/// A CSV file with the same rows: FUPIN_BENCH_FILE, or the generated text written once
/// into the temporary directory.
const std::filesystem::path& BenchCsvFile();

/// The process's temporary directory (created on first use, removed at exit).
const std::filesystem::path& BenchTempDir();

}  // namespace fupin::bench
