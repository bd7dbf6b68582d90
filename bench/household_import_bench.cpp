// (c) Rows imported into SQLite per second: registry::ImportHouseholdFile into a fresh
// database file (the demo regions loaded first, outside the timing), end to end: read
// the file, decode, validate, check against the store, write in one transaction (with a
// history row per household) and close the database.
// The data: FUPIN_BENCH_FILE if set, else FUPIN_BENCH_PERSONS generated persons
// (default 100000) written to a temporary file.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "bench_data.hpp"
#include "regions/region_import.hpp"
#include "registry/household_import.hpp"
#include "store/store.hpp"

namespace fupin::bench {
namespace {

void RemoveDatabase(const std::filesystem::path& db) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix, ignored);
}

void BM_ImportHouseholdFile(benchmark::State& state) {
  const std::filesystem::path& file = BenchCsvFile();
  const auto regions = regions::EmbeddedDemoRegions();
  if (!regions.ok()) {
    state.SkipWithError(regions.status().message().en.c_str());
    return;
  }
  const std::filesystem::path db = BenchTempDir() / "import.db";
  size_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    RemoveDatabase(db);
    auto store = store::OpenSqliteStore(db);
    if (!store.ok() || !(*store)->UpsertRegions(*regions).ok()) {
      state.SkipWithError("cannot create the database");
      return;
    }
    registry::ImportOptions options;
    options.context = {"bench", "import:" + file.filename().string()};
    state.ResumeTiming();

    auto report = registry::ImportHouseholdFile(**store, file, options);
    // Closing the last connection checkpoints the WAL into the database file, as the
    // `fupin households import` process and the sqlite3 shell do when they exit.
    if (report.ok() && report->written) store->reset();

    state.PauseTiming();
    if (!report.ok() || !report->written || !report->problems.empty()) {
      state.SkipWithError(
          report.ok() ? ("not written: " +
                         (report->problems.empty() ? std::string("?") : report->problems[0].message.en))
                            .c_str()
                      : report.status().message().en.c_str());
      return;
    }
    rows = report->rows;
    RemoveDatabase(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows) * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(std::filesystem::file_size(file)) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ImportHouseholdFile)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fupin::bench
