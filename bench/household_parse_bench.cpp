// (b) Household rows parsed and validated per second on one core: io::CsvReader over
// an in-memory buffer, registry::MapHeader on the header and registry::ParseRow on
// every row. The data: FUPIN_BENCH_FILE (a household CSV in UTF-8) if set, else
// FUPIN_BENCH_PERSONS generated persons (default 100000).
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "bench_data.hpp"
#include "core/date.hpp"
#include "io/csv.hpp"
#include "io/text_encoding.hpp"
#include "registry/household_layout.hpp"

namespace fupin::bench {
namespace {

void BM_CsvSplitRows(benchmark::State& state) {
  const std::string& text = BenchCsvText();
  int64_t rows = 0;
  std::vector<std::string_view> fields;
  for (auto _ : state) {
    io::CsvReader reader(text);
    rows = 0;
    while (reader.Next(&fields)) ++rows;
    benchmark::DoNotOptimize(fields);
    --rows;  // the header
  }
  state.SetItemsProcessed(rows * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(text.size()) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_CsvSplitRows)->Unit(benchmark::kMillisecond);

void BM_ParseAndValidateRows(benchmark::State& state) {
  const std::string& text = BenchCsvText();
  const Date today = Date::FromYmd(2024, 6, 30).value();
  int64_t rows = 0;
  std::vector<std::string_view> fields;
  std::vector<registry::RowProblem> problems;
  for (auto _ : state) {
    io::CsvReader reader(text);
    if (!reader.Next(&fields)) {
      state.SkipWithError("no header");
      return;
    }
    auto header = registry::MapHeader(fields);
    if (!header.ok()) {
      state.SkipWithError(header.status().message().en.c_str());
      return;
    }
    rows = 0;
    problems.clear();
    while (reader.Next(&fields)) {
      ++rows;
      registry::ParsedRow row = registry::ParseRow(*header, fields, reader.line(), today, &problems);
      benchmark::DoNotOptimize(row);
    }
  }
  if (!problems.empty()) {
    state.SkipWithError(("the data has problems, first: " + problems.front().message.en).c_str());
    return;
  }
  state.SetItemsProcessed(rows * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(text.size()) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ParseAndValidateRows)->Unit(benchmark::kMillisecond);

// The same with the decoding an import does first (io::DecodeText: BOM, UTF-8 check) on
// a fresh copy of the file's bytes each time (the copy is not timed).
void BM_DecodeParseAndValidateRows(benchmark::State& state) {
  const std::string& text = BenchCsvText();
  const Date today = Date::FromYmd(2024, 6, 30).value();
  int64_t rows = 0;
  std::vector<std::string_view> fields;
  std::vector<registry::RowProblem> problems;
  for (auto _ : state) {
    state.PauseTiming();
    std::string bytes = text;
    state.ResumeTiming();
    auto decoded = io::DecodeText(std::move(bytes), "");
    if (!decoded.ok()) {
      state.SkipWithError(decoded.status().message().en.c_str());
      return;
    }
    io::CsvReader reader(decoded->text);
    if (!reader.Next(&fields)) {
      state.SkipWithError("no header");
      return;
    }
    auto header = registry::MapHeader(fields);
    if (!header.ok()) {
      state.SkipWithError(header.status().message().en.c_str());
      return;
    }
    rows = 0;
    problems.clear();
    while (reader.Next(&fields)) {
      ++rows;
      registry::ParsedRow row = registry::ParseRow(*header, fields, reader.line(), today, &problems);
      benchmark::DoNotOptimize(row);
    }
    state.PauseTiming();
    decoded = Result<io::Decoded>(io::Decoded{});  // the text is freed outside the timing
    state.ResumeTiming();
  }
  if (!problems.empty()) {
    state.SkipWithError(("the data has problems, first: " + problems.front().message.en).c_str());
    return;
  }
  state.SetItemsProcessed(rows * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(text.size()) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_DecodeParseAndValidateRows)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fupin::bench
