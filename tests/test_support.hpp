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

/// A running `fupin` process whose stdout and stderr (merged) are readable.
class FupinProcess {
 public:
  explicit FupinProcess(const std::vector<std::string>& args);
  ~FupinProcess();
  FupinProcess(const FupinProcess&) = delete;
  FupinProcess& operator=(const FupinProcess&) = delete;
  /// Reads stderr until a line containing `needle` arrives; false at end of stream.
  bool WaitForStderr(const std::string& needle);
  /// Sends `signal` and reaps the process; returns the raw wait status.
  int Kill(int signal);
  /// Sends `signal` without waiting.
  int Signal(int signal);
  /// Waits for the process to end; returns the raw wait status.
  int Wait();
  /// Everything read from the process so far.
  const std::string& output() const { return buffer_; }

 private:
  int pid_ = -1;
  int err_fd_ = -1;
  std::string buffer_;
};

/// A file built once per build of `fupin` and shared by the test processes (ctest runs
/// each test in its own process; the demo county takes seconds, tens under ASan): the
/// template at `name` beside the binary is (re)built by `build(path)` when missing or
/// older than the binary, under a lock so parallel processes build it once.
std::filesystem::path CachedTemplate(const std::string& name, void (*build)(const std::filesystem::path&));

/// Copies the demo county (资中县, seed 1, from `fupin demo`) to `dest`.
void CopyDemoDatabase(const std::filesystem::path& dest);

/// Every row of every table of a SQLite file, as text, in a stable order: two equal
/// dumps mean the same data.
std::string DumpDatabase(const std::filesystem::path& db);

/// The first column of the first row of `sql`, as text ("" when no row).
std::string QueryOne(const std::filesystem::path& db, const std::string& sql);

/// Runs one SQL statement on a SQLite file (for tests that tamper with data).
void ExecSql(const std::filesystem::path& db, const std::string& sql);

/// Path of a file in the source tree, e.g. SourcePath("examples/households.csv").
std::filesystem::path SourcePath(const std::string& relative);

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

}  // namespace fupin::testing
