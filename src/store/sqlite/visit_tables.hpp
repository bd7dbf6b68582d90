// SQLite storage of visits, their problems and photos (migration 5). SqliteStore
// forwards to these functions. The writing functions expect the caller's transaction
// to be open (SqliteStore adds the audit entries to it and commits).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace fupin::store::sqlite {

/// Inside an open transaction: inserts the visits that are new (by client_id) with
/// their problems. See Store::WriteVisits.
Result<std::vector<VisitWriteOutcome>> InsertVisits(Database& db, std::span<const VisitRow> visits);
Result<std::optional<VisitRow>> FindVisit(Database& db, int64_t id);
Result<std::optional<VisitRow>> FindVisitByClientId(Database& db, std::string_view client_id);
Result<std::vector<VisitRow>> ListVisits(Database& db, const VisitFilter& filter);
Result<std::vector<VisitMark>> ListVisitMarks(Database& db, RegionCode within, int64_t after_id);
/// Inside an open transaction: adds the photo row unless the visit has it already.
Result<bool> InsertVisitPhoto(Database& db, const VisitPhotoRow& photo);
Result<std::vector<ProblemRow>> ListProblems(Database& db, RegionCode within);
Result<ComplianceMark> CurrentComplianceMark(Database& db);

}  // namespace fupin::store::sqlite
