// Versioned schema of the SQLite store. Each migration runs once, in order, inside a
// transaction, and is recorded in schema_migrations. Never edit a shipped migration:
// add the next one.
#pragma once

#include <span>
#include <string_view>

#include "store/sqlite/sqlite_db.hpp"

namespace fupin::store::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> Migrations();

/// Applies every migration newer than the database's version.
Status Migrate(Database& db);

}  // namespace fupin::store::sqlite
