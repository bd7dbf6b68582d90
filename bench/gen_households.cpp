// fupin_gen_households: writes a synthetic household file in the import layout for
// benchmarks and scale tests (see bench/household_gen.hpp for what it contains).
//
//   fupin_gen_households --persons 1000000 --out households-1m.csv [--seed 1]
//
// --out - writes to standard output. A summary goes to standard error.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include "household_gen.hpp"

namespace {

int Usage(std::FILE* to, int code) {
  std::fprintf(to,
               "usage: fupin_gen_households --persons N --out FILE|- [--seed S]\n"
               "Writes N persons (about N/2.8 households) in the household import layout\n"
               "(UTF-8 with BOM, CRLF), deterministic for a seed (default 1).\n");
  return code;
}

bool ParseCount(std::string_view text, int64_t* out) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  fupin::bench::HouseholdFileOptions options;
  options.persons = -1;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") return Usage(stdout, 0);
    if (i + 1 >= argc) return Usage(stderr, 1);
    const std::string_view value = argv[++i];
    int64_t n = 0;
    if (arg == "--persons" && ParseCount(value, &n)) {
      options.persons = n;
    } else if (arg == "--seed" && ParseCount(value, &n)) {
      options.seed = static_cast<uint64_t>(n);
    } else if (arg == "--out") {
      out = value;
    } else {
      return Usage(stderr, 1);
    }
  }
  if (options.persons < 0 || out.empty()) return Usage(stderr, 1);

  const auto start = std::chrono::steady_clock::now();
  auto generate = [&]() -> fupin::Result<fupin::bench::HouseholdFileStats> {
    if (out != "-") return fupin::bench::WriteHouseholdCsvFile(options, out);
    const fupin::Status failed =
        fupin::Status::Unavailable({"写入标准输出失败", "writing to standard output failed"});
    auto written = fupin::bench::GenerateHouseholdCsv(options, [&](std::string_view chunk) {
      return std::fwrite(chunk.data(), 1, chunk.size(), stdout) == chunk.size() ? fupin::Status::Ok()
                                                                                : failed;
    });
    if (written.ok() && std::fflush(stdout) != 0) return failed;
    return written;
  };
  const auto stats = generate();
  if (!stats.ok()) {
    std::fprintf(stderr, "error: %s\n", stats.status().message().en.c_str());
    return 3;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "wrote %lld persons in %lld households (%lld bytes) in %.2f s\n",
               static_cast<long long>(stats->persons), static_cast<long long>(stats->households),
               static_cast<long long>(stats->bytes), seconds);
  return 0;
}
