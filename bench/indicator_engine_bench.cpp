// Indicator engine (issue 3) at national scale: synthetic registries over the real
// division list (620,573 villages, scripts/fetch-china-division.sh) at 1M, 10M and 30M
// households, generated directly as compact records (no SQLite, no Household structs).
//
// Per size, in this order on the same data:
//   Build      Reserve + Put of every household; resident memory per household
//              from /proc/self/statm (RSS growth, not sizeof)
//   Recompute  full rebuild of every counter, 2 threads and 1 thread
//   SQLite     the same rows (village, status, persons, income, flags) in an
//              in-memory SQLite table; GROUP BY town and GROUP BY county prefixes
//   DuckDB     the same rows as CSV; GROUP BY ROLLUP(province, city, county, town)
//              timed by bench/duckdb/rollup.mjs (@duckdb/node-api) in a child process
//   Put        incremental update by household id (10% move to another village)
//   Apply      the counter update alone (old and new record, O(depth))
//   Read       one region's indicators
// A summary table with the ratios is printed after the last size.
//
// Environment: FUPIN_DIVISION_DIR (default bench/data/china-division next to this
// file), FUPIN_BENCH_SIZES (default 1000000,10000000,30000000), FUPIN_BENCH_SQLITE_MAX
// (largest size given to SQLite, default 30000000), FUPIN_BENCH_DUCKDB=0 to skip DuckDB,
// FUPIN_BENCH_SHUFFLED=1 to also time Recompute over the same households put in
// random order.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analytics/indicator_engine.hpp"
#include "io/csv.hpp"
#include "io/file_util.hpp"
#include "policy/policy_file.hpp"

namespace fupin::analytics {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

fs::path BenchDir() {
  return fs::path(__FILE__).parent_path();
}

fs::path DivisionDir() {
  if (const char* env = std::getenv("FUPIN_DIVISION_DIR"); env != nullptr && *env != '\0') return env;
  return BenchDir() / "data" / "china-division";
}

std::vector<size_t> SizesFromEnv() {
  const char* env = std::getenv("FUPIN_BENCH_SIZES");
  std::string text = env != nullptr && *env != '\0' ? env : "1000000,10000000,30000000";
  std::vector<size_t> sizes;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    sizes.push_back(std::stoull(text.substr(start, end - start)));
    start = end + 1;
  }
  return sizes;
}

size_t EnvSize(const char* name, size_t fallback) {
  const char* env = std::getenv(name);
  return env != nullptr && *env != '\0' ? std::stoull(env) : fallback;
}

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// --- The national division list ----------------------------------------------------

struct Nation {
  std::unique_ptr<RegionTree> tree;
  std::vector<NodeIndex> villages;  // village nodes in code order
  std::string error;
};

const Nation& LoadNation() {
  static const Nation nation = [] {
    Nation n;
    const fs::path dir = DivisionDir();
    std::vector<store::Region> regions;
    for (const char* file : {"provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv"}) {
      auto text = io::ReadWholeFile(dir / file);
      if (!text.ok()) {
        n.error = fmt::format("{} missing: run scripts/fetch-china-division.sh (or set FUPIN_DIVISION_DIR)",
                              (dir / file).string());
        return n;
      }
      // Read leniently: RegionCode::Parse refuses the towns of the three cities
      // without counties (东莞 4419, 中山 4420, 儋州 4604: county part 00), which the
      // engine handles (their towns hang under the city).
      io::CsvReader reader(*text, file);
      std::vector<std::string_view> fields;
      reader.Next(&fields);  // header
      while (reader.Next(&fields)) {
        if (fields.size() < 2 || fields[0].empty() || fields[0].size() > 12) continue;
        uint64_t value = 0;
        for (char c : fields[0]) value = value * 10 + static_cast<uint64_t>(c - '0');
        for (size_t i = fields[0].size(); i < 12; ++i) value *= 10;
        regions.push_back({RegionCode::FromNumber(value), std::string(fields[1]), false});
      }
      if (!reader.status().ok()) {
        n.error = reader.status().ToString(Lang::kEn);
        return n;
      }
    }
    // 金门县 350527 is listed in streets.csv and villages.csv again as its own
    // placeholder town and village (350527000, 350527000000): keep the first listing.
    std::stable_sort(regions.begin(), regions.end(),
                     [](const store::Region& a, const store::Region& b) { return a.code < b.code; });
    regions.erase(
        std::unique(regions.begin(), regions.end(),
                    [](const store::Region& a, const store::Region& b) { return a.code == b.code; }),
        regions.end());
    // About one village in five is a designated poor village (12.8万 of 62万 nationally).
    for (store::Region& r : regions) {
      if (r.code.level() == RegionLevel::kVillage) r.poor_village = Mix(r.code.number()) % 5 == 0;
    }
    auto tree = RegionTree::Build(regions);
    if (!tree.ok()) {
      n.error = tree.status().ToString(Lang::kEn);
      return n;
    }
    n.tree = std::make_unique<RegionTree>(std::move(*tree));
    const auto v = n.tree->nodes_at(RegionLevel::kVillage);
    n.villages.assign(v.begin(), v.end());
    return n;
  }();
  return nation;
}

// --- Synthetic households ----------------------------------------------------------

// Household i of n lives in village i * V / n (village order, as a store loads them).
NodeIndex VillageOf(uint64_t i, size_t n, const Nation& nation) {
  return nation.villages[static_cast<size_t>(i * nation.villages.size() / n)];
}

// A household id of the national form: the 12-digit village code and a 4-digit serial.
std::string IdOf(uint64_t i, size_t n, const Nation& nation) {
  return fmt::format("{}{:04}", nation.tree->code(VillageOf(i, n, nation)).number(), i % 10000);
}

// Deterministic record of household `seed`; shares of statuses after the demo county
// (85% exited, 10% poor, 1% returned, 2% monitoring, 0.5% removed) plus 3% not
// registered; 2.8 persons on average.
HouseholdRecord SyntheticRecord(uint64_t seed, NodeIndex node) {
  using registry::HouseholdStatus;
  uint64_t r = Mix(seed * 0x2545F4914F6CDD1DULL + 17);
  auto take = [&r](uint64_t m) {
    const uint64_t v = r % m;
    r /= m;
    return v;
  };
  HouseholdRecord rec;
  rec.node = node;
  static constexpr uint16_t kPersons[100] = {
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
      2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
      3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6};
  rec.persons = kPersons[take(100)];
  const uint64_t s = take(10000);
  const HouseholdStatus status = s < 8300   ? HouseholdStatus::kExited
                                 : s < 9350 ? HouseholdStatus::kPoor
                                 : s < 9450 ? HouseholdStatus::kReturned
                                 : s < 9650 ? HouseholdStatus::kMonitoring
                                 : s < 9700 ? HouseholdStatus::kRemoved
                                            : HouseholdStatus::kNotRegistered;
  rec.status = static_cast<uint8_t>(status);
  int64_t yuan = 0;
  bool eligible = false;
  switch (status) {
    case HouseholdStatus::kExited:
    case HouseholdStatus::kRemoved:
      yuan =
          take(100) < 2 ? 3000 + static_cast<int64_t>(take(1000)) : 4500 + static_cast<int64_t>(take(7000));
      eligible = yuan > 4000 && take(100) < 98;
      break;
    case HouseholdStatus::kPoor:
    case HouseholdStatus::kReturned:
      yuan =
          take(100) < 25 ? 4001 + static_cast<int64_t>(take(800)) : 2500 + static_cast<int64_t>(take(1500));
      eligible = yuan > 4000 && take(100) < 90;
      break;
    case HouseholdStatus::kMonitoring:
      yuan = 4001 + static_cast<int64_t>(take(2000));
      break;
    case HouseholdStatus::kNotRegistered:
      yuan = 3500 + static_cast<int64_t>(take(5500));
      break;
  }
  rec.per_capita_fen = static_cast<int32_t>(yuan * 100 + static_cast<int64_t>(take(100)));
  if (yuan < 4000) rec.flags |= HouseholdRecord::kBelowLine;
  if (eligible) {
    rec.flags |= HouseholdRecord::kEligible;
  } else {
    // Income, or one of the guarantees.
    rec.failures = static_cast<uint16_t>(yuan <= 4000 ? 1U : 1U << (1 + take(8)));
  }
  rec.exit_year =
      status == HouseholdStatus::kExited
          ? (take(100) == 0 ? kUnknownExitYearBucket : ExitYearBucket(2015 + static_cast<int>(take(6))))
          : kUnknownExitYearBucket;
  if (status == HouseholdStatus::kMonitoring || take(100) < 3) {
    rec.flags |= static_cast<uint8_t>(take(4));  // category 0..3
    if (take(100) < 30) rec.flags |= HouseholdRecord::kRiskEliminated;
  }
  rec.main_cause = static_cast<uint8_t>(take(registry::kCauseCount));
  return rec;
}

// --- One size's data ---------------------------------------------------------------

struct Result {
  double build_s = 0;
  double bytes_per_household = 0;         // RSS growth of Reserve + Put, per household
  double engine_bytes_per_household = 0;  // all of the engine (tree and counters too)
  EngineMemory memory;
  double recompute_ms = 0, recompute_1t_ms = 0;
  double put_ns = 0, apply_ns = 0, read_ns = 0;
  double sqlite_load_s = 0, sqlite_ms = 0;
  double duckdb_load_ms = 0, duckdb_ms = 0;
  std::string duckdb_note;
};
std::map<size_t, Result>& Results() {
  static std::map<size_t, Result> results;
  return results;
}

struct Dataset {
  size_t n = 0;
  std::unique_ptr<IndicatorEngine> engine;
};
std::unique_ptr<Dataset>& Current() {
  static std::unique_ptr<Dataset> current;
  return current;
}

// The engine of size n, built when first asked for (the previous size is freed first).
Dataset* Get(benchmark::State& state, size_t n) {
  const Nation& nation = LoadNation();
  if (!nation.error.empty()) {
    state.SkipWithError(nation.error.c_str());
    return nullptr;
  }
  auto& current = Current();
  if (current && current->n == n) return current.get();
  current.reset();
  // Hand memory freed by earlier sizes (SQLite's pages above all) back to the system,
  // so that the RSS growth below is this engine's alone.
  malloc_trim(0);
  auto data = std::make_unique<Dataset>();
  data->n = n;
  const int64_t rss_start = ResidentBytes();
  data->engine = std::make_unique<IndicatorEngine>(*nation.tree, policy::DefaultPolicy(), 2020);
  const int64_t rss_empty = ResidentBytes();
  const auto started = Clock::now();
  data->engine->Reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const NodeIndex village = VillageOf(i, n, nation);
    const Status s = data->engine->Put(IdOf(i, n, nation), SyntheticRecord(i, village));
    if (!s.ok()) {
      state.SkipWithError(s.ToString(Lang::kEn).c_str());
      return nullptr;
    }
  }
  Result& result = Results()[n];
  result.build_s = Seconds(started);
  const int64_t rss_full = ResidentBytes();
  result.bytes_per_household = static_cast<double>(rss_full - rss_empty) / static_cast<double>(n);
  result.engine_bytes_per_household = static_cast<double>(rss_full - rss_start) / static_cast<double>(n);
  result.memory = data->engine->Memory();
  current = std::move(data);
  return current.get();
}

void BM_Build(benchmark::State& state, size_t n) {
  Dataset* data = nullptr;
  for (auto _ : state) data = Get(state, n);
  if (data == nullptr) return;
  const Result& r = Results()[n];
  state.counters["households"] = static_cast<double>(n);
  state.counters["regions"] = static_cast<double>(data->engine->tree().size());
  state.counters["villages"] = static_cast<double>(LoadNation().villages.size());
  state.counters["build_s"] = r.build_s;
  state.counters["rss_bytes_per_household"] = r.bytes_per_household;
  state.counters["engine_rss_bytes_per_household"] = r.engine_bytes_per_household;
  state.counters["records_MB"] = static_cast<double>(r.memory.records) / 1e6;
  state.counters["id_map_MB"] = static_cast<double>(r.memory.id_map) / 1e6;
  state.counters["counters_MB"] = static_cast<double>(r.memory.counters) / 1e6;
  state.counters["tree_MB"] = static_cast<double>(r.memory.tree) / 1e6;
}

void BM_Recompute(benchmark::State& state, size_t n, int threads) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const NodeCounters before = data->engine->counters(0);
  double best = 1e300;
  double cpu = 0;
  for (auto _ : state) {
    const auto started = Clock::now();
    const double cpu_started = ProcessCpuSeconds();
    data->engine->Recompute(threads);
    best = std::min(best, Seconds(started));
    cpu += ProcessCpuSeconds() - cpu_started;
  }
  // CPU time of all threads: with two threads it shows whether both really ran.
  state.counters["process_cpu_ms"] = cpu * 1e3 / static_cast<double>(state.iterations());
  if (!(data->engine->counters(0) == before)) state.SkipWithError("recompute differs from the live counters");
  (threads == 1 ? Results()[n].recompute_1t_ms : Results()[n].recompute_ms) = best * 1e3;
  state.counters["households"] = static_cast<double>(n);
}

// The same households put in random order (as after years of inserts at the end of
// the slot array): how much the village order of the records is worth.
void BM_RecomputeShuffled(benchmark::State& state, size_t n, int threads) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const Nation& nation = LoadNation();
  IndicatorEngine shuffled(*nation.tree, policy::DefaultPolicy(), 2020);
  shuffled.Reserve(n);
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  uint64_t rng = 99;
  for (size_t i = n - 1; i > 0; --i) std::swap(order[i], order[Mix(rng++) % (i + 1)]);
  for (uint32_t i : order)
    (void)shuffled.Put(IdOf(i, n, nation), SyntheticRecord(i, VillageOf(i, n, nation)));
  double cpu = 0;
  for (auto _ : state) {
    const double cpu_started = ProcessCpuSeconds();
    shuffled.Recompute(threads);
    cpu += ProcessCpuSeconds() - cpu_started;
  }
  if (!(shuffled.counters(0) == data->engine->counters(0))) state.SkipWithError("shuffled engine differs");
  state.counters["process_cpu_ms"] = cpu * 1e3 / static_cast<double>(state.iterations());
  // CompactRecords puts them back in village order.
  auto started = Clock::now();
  shuffled.CompactRecords();
  state.counters["compact_ms"] = Seconds(started) * 1e3;
  started = Clock::now();
  shuffled.Recompute(threads);
  state.counters["recompute_after_compact_ms"] = Seconds(started) * 1e3;
  if (!(shuffled.counters(0) == data->engine->counters(0))) state.SkipWithError("compacted engine differs");
}

// --- SQLite reference --------------------------------------------------------------

constexpr const char* kSqliteQuery = R"sql(
SELECT village / %d AS region,
       count(*), sum(persons),
       sum(status <> 5), sum(CASE WHEN status <> 5 THEN persons ELSE 0 END),
       sum(status IN (0, 2)), sum(CASE WHEN status IN (0, 2) THEN persons ELSE 0 END),
       sum(status = 1), sum(CASE WHEN status = 1 THEN persons ELSE 0 END),
       sum(status IN (0, 2) AND (flags & 4) <> 0),
       sum(status = 1 AND (flags & 4) = 0),
       sum(status = 5 AND (flags & 8) <> 0),
       sum((flags & 3) <> 0 OR status = 3),
       sum(CASE WHEN status <> 5 THEN income ELSE 0 END)
FROM h GROUP BY region)sql";

bool Exec(sqlite3* db, const char* sql, benchmark::State& state) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  state.SkipWithError(error != nullptr ? error : "sqlite error");
  sqlite3_free(error);
  return false;
}

void BM_SqliteGroupBy(benchmark::State& state, size_t n) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const Nation& nation = LoadNation();
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, &sqlite3_close);
  if (!Exec(db,
            "PRAGMA temp_store=MEMORY; PRAGMA threads=2; PRAGMA cache_size=-4000000;"
            "CREATE TABLE h(village INTEGER, status INTEGER, persons INTEGER, income INTEGER, flags INTEGER)",
            state)) {
    return;
  }
  auto started = Clock::now();
  Exec(db, "BEGIN", state);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO h VALUES (?, ?, ?, ?, ?)", -1, &insert, nullptr);
  for (uint64_t i = 0; i < n; ++i) {
    const NodeIndex village = VillageOf(i, n, nation);
    const HouseholdRecord r = SyntheticRecord(i, village);
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(nation.tree->code(village).number()));
    sqlite3_bind_int(insert, 2, r.status);
    sqlite3_bind_int(insert, 3, r.persons);
    sqlite3_bind_int(insert, 4, r.per_capita_fen);
    sqlite3_bind_int(insert, 5, r.flags);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  Exec(db, "COMMIT", state);
  Results()[n].sqlite_load_s = Seconds(started);

  auto run = [&](int divisor, int64_t* groups, int64_t* households, int64_t* poor_persons) {
    char sql[2048];
    std::snprintf(sql, sizeof sql, kSqliteQuery, divisor);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &q, nullptr);
    *groups = *households = *poor_persons = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
      ++*groups;
      *households += sqlite3_column_int64(q, 1);
      *poor_persons += sqlite3_column_int64(q, 6);
    }
    sqlite3_finalize(q);
  };
  double best = 1e300;
  int64_t towns = 0, counties = 0, households = 0, poor_persons = 0, h2 = 0, p2 = 0;
  for (auto _ : state) {
    started = Clock::now();
    run(1000, &towns, &households, &poor_persons);
    run(1000000, &counties, &h2, &p2);
    best = std::min(best, Seconds(started));
  }
  const Indicators total = data->engine->Read(0);
  if (households != total.all.households || h2 != households || poor_persons != total.poor.persons) {
    state.SkipWithError("SQLite totals differ from the engine");
  }
  Results()[n].sqlite_ms = best * 1e3;
  state.counters["towns"] = static_cast<double>(towns);
  state.counters["counties"] = static_cast<double>(counties);
  state.counters["load_s"] = Results()[n].sqlite_load_s;
}

// --- DuckDB reference (child process) ----------------------------------------------

void BM_DuckdbRollup(benchmark::State& state, size_t n) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const Nation& nation = LoadNation();
  const fs::path script = BenchDir() / "duckdb" / "rollup.mjs";
  if (!fs::exists(BenchDir() / "duckdb" / "node_modules" / "@duckdb" / "node-api")) {
    Results()[n].duckdb_note = "not installed";
    state.SkipWithError("DuckDB skipped: run `npm install` in bench/duckdb");
    return;
  }
  // The same rows as CSV, written once per size.
  const fs::path csv = BenchDir() / "data" / fmt::format("indicator-rows-{}.csv", n);
  if (!fs::exists(csv)) {
    fs::create_directories(csv.parent_path());
    const fs::path partial = csv.string() + ".partial";
    std::FILE* out = std::fopen(partial.c_str(), "wb");
    if (out == nullptr) {
      state.SkipWithError("cannot write the CSV for DuckDB");
      return;
    }
    std::string buffer = "village,status,persons,income,flags\n";
    for (uint64_t i = 0; i < n; ++i) {
      const NodeIndex village = VillageOf(i, n, nation);
      const HouseholdRecord r = SyntheticRecord(i, village);
      fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{}\n", nation.tree->code(village).number(),
                     r.status, r.persons, r.per_capita_fen, r.flags);
      if (buffer.size() > (1 << 22)) {
        std::fwrite(buffer.data(), 1, buffer.size(), out);
        buffer.clear();
      }
    }
    std::fwrite(buffer.data(), 1, buffer.size(), out);
    std::fclose(out);
    fs::rename(partial, csv);
  }
  nlohmann::json report;
  for (auto _ : state) {
    const std::string command = fmt::format("node '{}' '{}' 3 2", script.string(), csv.string());
    std::FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char chunk[4096];
    size_t got = 0;
    while (pipe != nullptr && (got = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) output.append(chunk, got);
    if (pipe == nullptr || pclose(pipe) != 0 || output.empty()) {
      state.SkipWithError("DuckDB script failed (is node installed?)");
      return;
    }
    report = nlohmann::json::parse(output, nullptr, false);
    if (report.is_discarded()) {
      state.SkipWithError("DuckDB script printed no JSON");
      return;
    }
    const auto& times = report["query_ms"];
    double best = 1e300;
    for (const auto& t : times) best = std::min(best, t.get<double>());
    state.SetIterationTime(best / 1e3);
    Results()[n].duckdb_ms = best;
    Results()[n].duckdb_load_ms = report["load_ms"].get<double>();
  }
  const Indicators total = data->engine->Read(0);
  if (report["nation"]["households"].get<int64_t>() != total.all.households ||
      report["nation"]["poor_persons"].get<int64_t>() != total.poor.persons) {
    state.SkipWithError("DuckDB totals differ from the engine");
  }
  state.counters["rollup_rows"] = report["rows"].get<double>();
  state.counters["load_ms"] = Results()[n].duckdb_load_ms;
}

// --- Incremental work ---------------------------------------------------------------

void BM_Put(benchmark::State& state, size_t n) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const Nation& nation = LoadNation();
  uint64_t rng = 42;
  std::vector<std::pair<std::string, HouseholdRecord>> changes(1 << 16);
  for (auto& [id, record] : changes) {
    const uint64_t i = Mix(rng++) % n;
    id = IdOf(i, n, nation);
    const uint64_t other = Mix(rng++) % n;
    // 10% move to a village anywhere in the country.
    const NodeIndex village = Mix(rng++) % 10 == 0 ? VillageOf(other, n, nation) : VillageOf(i, n, nation);
    record = SyntheticRecord(n + other, village);
  }
  size_t k = 0;
  const auto started = Clock::now();
  for (auto _ : state) {
    const auto& [id, record] = changes[k++ & (changes.size() - 1)];
    benchmark::DoNotOptimize(data->engine->Put(id, record).ok());
  }
  Results()[n].put_ns = Seconds(started) * 1e9 / static_cast<double>(state.iterations());
  data->engine->Recompute(2);  // keeps later reads honest if Put ever disagreed
}

void BM_Apply(benchmark::State& state, size_t n) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const Nation& nation = LoadNation();
  uint64_t rng = 7;
  std::vector<std::pair<HouseholdRecord, HouseholdRecord>> pairs(1 << 16);
  for (auto& [a, b] : pairs) {
    const uint64_t i = Mix(rng++) % n;
    a = SyntheticRecord(i, VillageOf(i, n, nation));
    b = SyntheticRecord(i + n, VillageOf(Mix(rng++) % n, n, nation));
  }
  // Each iteration moves a record and moves it back: the counters end as they began.
  size_t k = 0;
  const auto started = Clock::now();
  for (auto _ : state) {
    const auto& [a, b] = pairs[k++ & (pairs.size() - 1)];
    data->engine->Apply(&a, &b);
    data->engine->Apply(&b, &a);
  }
  Results()[n].apply_ns = Seconds(started) * 1e9 / static_cast<double>(state.iterations()) / 2;
  state.counters["applies_per_iteration"] = 2;
}

void BM_Read(benchmark::State& state, size_t n) {
  Dataset* data = Get(state, n);
  if (data == nullptr) return;
  const size_t nodes = data->engine->tree().size();
  uint64_t rng = 3;
  std::vector<NodeIndex> targets(1 << 16);
  for (NodeIndex& t : targets) t = static_cast<NodeIndex>(Mix(rng++) % nodes);
  size_t k = 0;
  const auto started = Clock::now();
  for (auto _ : state) {
    const Indicators i = data->engine->Read(targets[k++ & (targets.size() - 1)]);
    benchmark::DoNotOptimize(i.incidence());
  }
  Results()[n].read_ns = Seconds(started) * 1e9 / static_cast<double>(state.iterations());
}

void BM_Summary(benchmark::State& state) {
  for (auto _ : state) {
  }
  std::string out =
      "\n| households | build s | RSS B/household (records+map) | RSS B/household (whole engine) | recompute "
      "2t "
      "ms | recompute 1t ms | Put ns | Apply ns | Read ns | SQLite load s | SQLite GROUP BY ms | SQLite ÷ "
      "recompute | DuckDB load ms | DuckDB ROLLUP ms | DuckDB ÷ recompute |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [n, r] : Results()) {
    auto ratio = [&](double reference) {
      return reference > 0 && r.recompute_ms > 0 ? fmt::format("{:.1f}×", reference / r.recompute_ms)
                                                 : std::string("—");
    };
    auto value = [](double v, const char* format) {
      return v > 0 ? fmt::format(fmt::runtime(format), v) : std::string("—");
    };
    out += fmt::format(
        "| {} | {:.1f} | {:.1f} | {:.1f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {} | {} | {} | {} | "
        "{} | {} |\n",
        n, r.build_s, r.bytes_per_household, r.engine_bytes_per_household, r.recompute_ms, r.recompute_1t_ms,
        r.put_ns, r.apply_ns, r.read_ns, value(r.sqlite_load_s, "{:.1f}"), value(r.sqlite_ms, "{:.0f}"),
        ratio(r.sqlite_ms), value(r.duckdb_load_ms, "{:.0f}"), value(r.duckdb_ms, "{:.0f}"),
        ratio(r.duckdb_ms));
  }
  std::cout << out << std::flush;
}

const bool kRegistered = [] {
  const size_t sqlite_max = EnvSize("FUPIN_BENCH_SQLITE_MAX", 30'000'000);
  const char* duckdb_env = std::getenv("FUPIN_BENCH_DUCKDB");
  const bool duckdb = duckdb_env == nullptr || std::string(duckdb_env) != "0";
  const char* shuffled_env = std::getenv("FUPIN_BENCH_SHUFFLED");
  const bool shuffled = shuffled_env != nullptr && std::string(shuffled_env) == "1";
  for (size_t n : SizesFromEnv()) {
    const std::string size = fmt::format("{}", n);
    benchmark::RegisterBenchmark(("Indicators/Build/" + size).c_str(), BM_Build, n)
        ->Iterations(1)
        ->Unit(benchmark::kSecond);
    benchmark::RegisterBenchmark(("Indicators/Recompute2Threads/" + size).c_str(), BM_Recompute, n, 2)
        ->Iterations(n >= 10'000'000 ? 5 : 20)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("Indicators/Recompute1Thread/" + size).c_str(), BM_Recompute, n, 1)
        ->Iterations(n >= 10'000'000 ? 3 : 10)
        ->Unit(benchmark::kMillisecond);
    if (shuffled) {
      for (int threads : {2, 1}) {
        benchmark::RegisterBenchmark(fmt::format("Indicators/RecomputeShuffled{}T/{}", threads, size).c_str(),
                                     BM_RecomputeShuffled, n, threads)
            ->Iterations(3)
            ->Unit(benchmark::kMillisecond);
      }
    }
    if (n <= sqlite_max) {
      benchmark::RegisterBenchmark(("Indicators/SqliteGroupBy/" + size).c_str(), BM_SqliteGroupBy, n)
          ->Iterations(n >= 10'000'000 ? 1 : 3)
          ->Unit(benchmark::kMillisecond);
    }
    if (duckdb) {
      benchmark::RegisterBenchmark(("Indicators/DuckdbRollup/" + size).c_str(), BM_DuckdbRollup, n)
          ->Iterations(1)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark(("Indicators/Put/" + size).c_str(), BM_Put, n)->Iterations(1'000'000);
    benchmark::RegisterBenchmark(("Indicators/Apply/" + size).c_str(), BM_Apply, n)->Iterations(1'000'000);
    benchmark::RegisterBenchmark(("Indicators/Read/" + size).c_str(), BM_Read, n)->Iterations(1'000'000);
  }
  benchmark::RegisterBenchmark("Indicators/Summary", BM_Summary)->Iterations(1);
  return true;
}();

}  // namespace
}  // namespace fupin::analytics
