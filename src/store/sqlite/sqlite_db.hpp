// Thin RAII wrappers over the SQLite C API: a connection and prepared statements with
// bind parameters (never SQL built from values). Errors become Status values.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.hpp"

namespace fupin::store::sqlite {

class Statement;

class Database {
 public:
  /// Opens with WAL, foreign keys on, a busy timeout and NORMAL sync (safe in WAL).
  static Result<Database> Open(const std::filesystem::path& path, bool create);

  Database(Database&& other) noexcept : db_(other.db_), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
  }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
  Status Exec(std::string_view sql);
  /// A prepared statement. Statements are kept per connection and reused: preparing
  /// the same SQL again takes the idle one (reset, bindings cleared).
  Result<Statement> Prepare(std::string_view sql);
  int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() const { return db_; }

  /// A Status for the connection's last error, naming `what` was being done.
  Status Error(std::string_view what) const;

 private:
  explicit Database(sqlite3* db);
  sqlite3* db_ = nullptr;

 public:
  /// Idle prepared statements by SQL text (nullptr while the statement is in use).
  struct StatementCache {
    std::unordered_map<std::string, sqlite3_stmt*> idle;
    ~StatementCache();
  };

 private:
  std::unique_ptr<StatementCache> cache_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_), slot_(other.slot_) {
    other.stmt_ = nullptr;
    other.slot_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view value);
  /// Binds text without copying it: `value` must stay alive and unchanged until the
  /// statement has been stepped and reset (or bound again).
  Statement& BindBorrowed(int index, std::string_view value);
  Statement& BindNull(int index);

  /// Binds parameters 1, 2, 3, … in call order: `stmt.Args()(a)(b)(c)`.
  class ArgBinder {
   public:
    explicit ArgBinder(Statement& stmt) : stmt_(stmt) {}
    template <typename T>
    ArgBinder& operator()(const T& value) {
      stmt_.Bind(next_++, value);
      return *this;
    }
    ArgBinder& Null() {
      stmt_.BindNull(next_++);
      return *this;
    }

   private:
    Statement& stmt_;
    int next_ = 1;
  };
  ArgBinder Args() { return ArgBinder(*this); }

  /// Like ArgBinder, but text is bound without a copy (BindBorrowed): every string
  /// passed must outlive the statement's next Run. Temporary std::strings are refused
  /// at compile time.
  class BorrowingArgBinder {
   public:
    explicit BorrowingArgBinder(Statement& stmt) : stmt_(stmt) {}
    BorrowingArgBinder& operator()(int64_t value) {
      stmt_.Bind(next_++, value);
      return *this;
    }
    BorrowingArgBinder& operator()(std::string_view value) {
      stmt_.BindBorrowed(next_++, value);
      return *this;
    }
    BorrowingArgBinder& operator()(const std::string& value) { return (*this)(std::string_view(value)); }
    BorrowingArgBinder& operator()(std::string&&) = delete;
    BorrowingArgBinder& Null() {
      stmt_.BindNull(next_++);
      return *this;
    }

   private:
    Statement& stmt_;
    int next_ = 1;
  };
  BorrowingArgBinder BorrowArgs() { return BorrowingArgBinder(*this); }

  /// Steps once: true when a row is available, false when done; sets `status` on error.
  bool Step(Status* status);
  /// Steps to completion (for writes).
  Status Run();
  /// Clears bindings and rewinds, ready to bind again.
  void Reset();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  /// The text of `column` without a copy; valid until the next Step, Reset or Text.
  std::string_view TextView(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db, sqlite3_stmt** slot) : stmt_(stmt), db_(db), slot_(slot) {}
  /// Returns the statement to its cache slot, or finalizes it.
  void Release();
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  sqlite3_stmt** slot_ = nullptr;  // where the statement goes back when done; null = finalize
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

}  // namespace fupin::store::sqlite
