// (a) ID number validations per second: IdNumber::Parse on pre-generated numbers.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/id_number.hpp"
#include "household_gen.hpp"

namespace fupin::bench {
namespace {

constexpr size_t kIdCount = 1 << 16;  // cycled; large enough not to be one cache line

// A fixed "today", as an import passes ImportOptions::today once for the whole file.
Date Today() {
  return Date::FromYmd(2024, 6, 30).value();
}

const std::vector<std::string>& ValidIds() {
  static const auto* ids = new std::vector<std::string>(MakeValidIdNumbers(kIdCount, 7));
  return *ids;
}

// Every tenth number made invalid, in turn: a wrong check character, an impossible
// birth date, a wrong length and a letter among the digits.
const std::vector<std::string>& MixedIds() {
  static const auto* ids = [] {
    auto* out = new std::vector<std::string>(ValidIds());
    int kind = 0;
    for (size_t i = 5; i < out->size(); i += 10) {
      std::string& id = (*out)[i];
      switch (kind++ % 4) {
        case 0:
          id[17] = id[17] == '1' ? '2' : '1';
          break;
        case 1:
          id[10] = '1', id[11] = '3';
          break;  // month 13
        case 2:
          id.pop_back();
          break;
        case 3:
          id[3] = 'A';
          break;
      }
    }
    return out;
  }();
  return *ids;
}

void Run(benchmark::State& state, const std::vector<std::string>& ids) {
  const Date today = Today();
  size_t i = 0;
  int64_t valid = 0;
  for (auto _ : state) {
    auto id = IdNumber::Parse(ids[i], today);
    valid += id.ok() ? 1 : 0;
    benchmark::DoNotOptimize(id);
    if (++i == ids.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["valid_share"] =
      benchmark::Counter(static_cast<double>(valid) / static_cast<double>(state.iterations()));
}

void BM_IdNumberParseValid(benchmark::State& state) {
  Run(state, ValidIds());
}
BENCHMARK(BM_IdNumberParseValid);

void BM_IdNumberParse10PercentInvalid(benchmark::State& state) {
  Run(state, MixedIds());
}
BENCHMARK(BM_IdNumberParse10PercentInvalid);

}  // namespace
}  // namespace fupin::bench
