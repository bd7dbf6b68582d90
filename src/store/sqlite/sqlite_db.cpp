#include "store/sqlite/sqlite_db.hpp"

#include <fmt/format.h>

#include <utility>

namespace fupin::store::sqlite {

Result<Database> Database::Open(const std::filesystem::path& path, bool create) {
  // No memory statistics (fupin reads none): without them SQLite's malloc and free skip
  // a global mutex, which a bulk write takes millions of times. Only possible before
  // SQLite initialises; later calls change nothing.
  static const int kMemStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kMemStatusOff;
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::Unavailable({fmt::format("无法打开数据库 {}：{}", path.string(), detail),
                                fmt::format("cannot open database {}: {}", path.string(), detail)});
  }
  Database database(db);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  FUPIN_RETURN_IF_ERROR(
      database.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"));
  return database;
}

Database::Database(sqlite3* db) : db_(db), cache_(std::make_unique<StatementCache>()) {}

Database::StatementCache::~StatementCache() {
  for (auto& [sql, stmt] : idle) sqlite3_finalize(stmt);
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cache_.reset();
    sqlite3_close_v2(db_);
    db_ = other.db_;
    cache_ = std::move(other.cache_);
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  cache_.reset();  // finalizes the idle statements first
  sqlite3_close_v2(db_);
}

Status Database::Error(std::string_view what) const {
  const char* msg = db_ != nullptr ? sqlite3_errmsg(db_) : "no connection";
  return Status::Internal(
      {fmt::format("数据库错误（{}）：{}", what, msg), fmt::format("database error ({}): {}", what, msg)});
}

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "unknown";
    sqlite3_free(err);
    return Status::Internal({fmt::format("数据库错误：{}", msg), fmt::format("database error: {}", msg)});
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  constexpr size_t kMaxCached = 256;  // SQL texts are few; the cap only guards against generated ones
  sqlite3_stmt** slot = nullptr;
  if (cache_) {
    auto it = cache_->idle.find(std::string(sql));
    if (it != cache_->idle.end() && it->second != nullptr) {
      sqlite3_stmt* stmt = std::exchange(it->second, nullptr);
      return Statement(stmt, db_, &it->second);
    }
    if (it != cache_->idle.end()) {
      slot = nullptr;  // in use already (nested): this one is finalized after use
    } else if (cache_->idle.size() < kMaxCached) {
      slot = &cache_->idle.emplace(std::string(sql), nullptr).first->second;
    }
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    return Error("prepare");
  }
  return Statement(stmt, db_, slot);
}

void Statement::Release() {
  if (stmt_ == nullptr) return;
  if (slot_ != nullptr && *slot_ == nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *slot_ = stmt_;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
  slot_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    stmt_ = other.stmt_;
    db_ = other.db_;
    slot_ = other.slot_;
    other.stmt_ = nullptr;
    other.slot_ = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  Release();
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindBorrowed(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step(Status* status) {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    const char* msg = sqlite3_errmsg(db_);
    const bool constraint = (rc & 0xff) == SQLITE_CONSTRAINT;
    *status =
        constraint
            ? Status::Conflict(
                  "", "store.constraint",
                  {fmt::format("数据约束冲突：{}", msg), fmt::format("constraint violated: {}", msg)})
            : Status::Internal({fmt::format("数据库错误：{}", msg), fmt::format("database error: {}", msg)});
  }
  return false;
}

Status Statement::Run() {
  Status status;
  while (Step(&status)) {
  }
  sqlite3_reset(stmt_);
  return status;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (p == nullptr) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::TextView(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (p == nullptr) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<Transaction> Transaction::Begin(Database& db) {
  FUPIN_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace fupin::store::sqlite
