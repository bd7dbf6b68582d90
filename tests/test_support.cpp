#include "test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace fupin::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("fupin-test-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(counter++) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

RunResult RunFupin(const std::vector<std::string>& args) {
  TempDir dir;
  const auto out_path = dir / "stdout";
  const auto err_path = dir / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_storage;
  argv_storage.push_back(FUPIN_BINARY);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, FUPIN_BINARY, &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start fupin binary");
  }
  posix_spawn_file_actions_destroy(&actions);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  RunResult result;
  result.exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

FupinProcess::FupinProcess(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<std::string> argv_storage;
  argv_storage.push_back(FUPIN_BINARY);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, FUPIN_BINARY, &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start fupin binary");
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  err_fd_ = fds[0];
}

FupinProcess::~FupinProcess() {
  if (pid_ > 0) Kill(SIGKILL);
  if (err_fd_ >= 0) ::close(err_fd_);
}

int FupinProcess::Signal(int signal) {
  return pid_ > 0 ? ::kill(pid_, signal) : -1;
}

int FupinProcess::Wait() {
  int wstatus = 0;
  if (pid_ > 0) {
    ::waitpid(pid_, &wstatus, 0);
    pid_ = -1;
  }
  return wstatus;
}

bool FupinProcess::WaitForStderr(const std::string& needle) {
  char chunk[4096];
  while (buffer_.find(needle) == std::string::npos) {
    const ssize_t n = ::read(err_fd_, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
  return true;
}

int FupinProcess::Kill(int signal) {
  int wstatus = 0;
  if (pid_ > 0) {
    ::kill(pid_, signal);
    ::waitpid(pid_, &wstatus, 0);
    pid_ = -1;
  }
  return wstatus;
}

std::string DumpDatabase(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    throw std::runtime_error("cannot open " + db.string());
  }
  std::vector<std::string> tables;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &q,
                     nullptr);
  while (sqlite3_step(q) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  std::string out;
  for (const auto& t : tables) {
    out += "## " + t + "\n";
    const std::string sql = "SELECT * FROM \"" + t + "\" ORDER BY 1";
    sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr);
    const int n = sqlite3_column_count(q);
    while (sqlite3_step(q) == SQLITE_ROW) {
      for (int i = 0; i < n; ++i) {
        const auto* v = sqlite3_column_text(q, i);
        out += v != nullptr ? reinterpret_cast<const char*>(v) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(handle);
  return out;
}

std::string QueryOne(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* q = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW) {
    const auto* v = sqlite3_column_text(q, 0);
    if (v != nullptr) out = reinterpret_cast<const char*>(v);
  }
  sqlite3_finalize(q);
  sqlite3_close(handle);
  return out;
}

void ExecSql(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  char* err = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err != nullptr ? err : "";
  sqlite3_free(err);
  sqlite3_close(handle);
  if (rc != SQLITE_OK) throw std::runtime_error("sql failed: " + msg);
}

std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(FUPIN_SOURCE_DIR) / relative;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::filesystem::path CachedTemplate(const std::string& name, void (*build)(const std::filesystem::path&)) {
  const std::filesystem::path binary(FUPIN_BINARY);
  const std::filesystem::path path = binary.parent_path() / name;
  const int lock = ::open((path.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock < 0) throw std::runtime_error("cannot open the lock of " + path.string());
  ::flock(lock, LOCK_EX);
  std::error_code ec;
  const bool fresh = std::filesystem::exists(path, ec) && std::filesystem::last_write_time(path, ec) >
                                                              std::filesystem::last_write_time(binary, ec);
  if (!fresh) {
    try {
      const std::filesystem::path tmp = path.string() + ".tmp";
      std::filesystem::remove(tmp, ec);
      build(tmp);
      std::filesystem::rename(tmp, path);
    } catch (...) {
      ::close(lock);
      throw;
    }
  }
  ::close(lock);  // releases the lock
  return path;
}

void CopyDemoDatabase(const std::filesystem::path& dest) {
  const auto path = CachedTemplate("test-demo-511025-plain.db", [](const std::filesystem::path& db) {
    RunResult demo = RunFupin({"demo", "--county", "511025", "--seed", "1", "--db", db.string()});
    if (demo.exit_code != 0) throw std::runtime_error("fupin demo failed: " + demo.err);
  });
  std::filesystem::copy_file(path, dest, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace fupin::testing
