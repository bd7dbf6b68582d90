// Helpers shared by tests: temporary folders and running the real fupin binary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fupin::testing {

/// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

/// Runs the real `fupin` binary with `args` (no shell), waits, captures both streams.
RunResult RunFupin(const std::vector<std::string>& args);

/// Path of a file in the source tree, e.g. SourcePath("examples/households.csv").
std::filesystem::path SourcePath(const std::string& relative);

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

}  // namespace fupin::testing
