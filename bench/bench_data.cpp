#include "bench_data.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include "household_gen.hpp"
#include "io/file_util.hpp"
#include "io/text_encoding.hpp"

namespace fupin::bench {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fupin_bench: %s\n", what.c_str());
  std::exit(1);
}

const char* BenchFileFromEnv() {
  const char* file = std::getenv("FUPIN_BENCH_FILE");
  return file != nullptr && *file != '\0' ? file : nullptr;
}

struct TempRoot {
  TempRoot() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fupin-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) Die("cannot create a temporary directory in " + pattern);
    path = pattern;
  }
  ~TempRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
  std::filesystem::path path;
};

}  // namespace

const std::filesystem::path& BenchTempDir() {
  static TempRoot root;
  return root.path;
}

const std::string& BenchCsvText() {
  static const std::string text = [] {
    if (const char* file = BenchFileFromEnv()) {
      auto bytes = io::ReadWholeFile(file);
      if (!bytes.ok()) Die(bytes.status().message().en);
      auto decoded = io::DecodeText(std::move(bytes).value(), "");
      if (!decoded.ok()) Die(decoded.status().message().en);
      std::fprintf(stderr, "bench data: %s (%zu bytes)\n", file, decoded->text.size());
      return std::move(decoded->text);
    }
    HouseholdFileOptions options;
    options.persons = BenchPersonsFromEnv();
    auto generated = GenerateHouseholdCsvText(options);
    if (!generated.ok()) Die(generated.status().message().en);
    std::fprintf(stderr, "bench data: %lld generated persons (%zu bytes; FUPIN_BENCH_PERSONS)\n",
                 static_cast<long long>(options.persons), generated->size());
    return std::move(generated).value();
  }();
  return text;
}

const std::filesystem::path& BenchCsvFile() {
  static const std::filesystem::path path = [] {
    if (const char* file = BenchFileFromEnv()) return std::filesystem::path(file);
    const std::filesystem::path out = BenchTempDir() / "households.csv";
    const std::string& text = BenchCsvText();
    std::ofstream stream(out, std::ios::binary | std::ios::trunc);
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
    stream.close();
    if (!stream) Die("cannot write " + out.string());
    return out;
  }();
  return path;
}

}  // namespace fupin::bench
