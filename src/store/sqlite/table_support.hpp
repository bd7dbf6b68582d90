// Pieces every SQLite table file shares: region codes as integers, JSON text that never
// throws, and the history row each change of a record writes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/region_code.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace fupin::store::sqlite {

/// A region code as stored (an INTEGER column), and back.
inline int64_t Num(RegionCode code) {
  return static_cast<int64_t>(code.number());
}
inline RegionCode Code(int64_t n) {
  return RegionCode::FromNumber(static_cast<uint64_t>(n));
}
/// The last code within `code`, so "within" is `BETWEEN Num(code) AND Last(code)`.
inline int64_t Last(RegionCode code) {
  return static_cast<int64_t>(code.last_descendant());
}

/// Compact JSON text; invalid UTF-8 is replaced, never thrown on.
inline std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Appends a `history` row for one record (before_json empty for a creation), inside
/// the caller's transaction.
Status InsertHistory(Database& db, std::string_view entity, std::string_view entity_id, int64_t version,
                     const ChangeContext& context, const std::string& before_json,
                     const std::string& after_json);

}  // namespace fupin::store::sqlite
