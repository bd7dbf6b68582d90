// SQLite storage of the command structure and responsibility tables (migration 3):
// units, cadres, assignments, campaigns and their command posts, party organizations,
// rectifications and village cadre rosters. SqliteStore forwards to these functions;
// each writing function runs in one transaction and writes history rows.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace fupin::store::sqlite {

Result<WriteCounts> WriteUnits(Database& db, std::span<const UnitRow> units, const ChangeContext& context);
Result<std::vector<UnitRow>> ListUnits(Database& db);
Result<WriteCounts> WriteCadres(Database& db, std::span<const CadreRow> cadres, const ChangeContext& context);
Result<std::vector<CadreRow>> ListCadres(Database& db);
Result<std::optional<CadreRow>> FindCadre(Database& db, std::string_view id);

/// Appends one audit entry inside the caller's open transaction (SqliteStore::RecordAudit),
/// so a write and its `ChangeContext::audit` entries commit together.
using AuditWriter = std::function<Status(const AuditEvent&)>;

Result<std::vector<int64_t>> WriteAssignments(Database& db, const AssignmentChange& change,
                                              const ChangeContext& context, const AuditWriter& audit);
Result<std::vector<AssignmentRow>> ListAssignments(Database& db, const AssignmentFilter& filter);

Status WriteCampaign(Database& db, const CampaignRow& campaign, std::span<const CommandPostRow> posts,
                     const ChangeContext& context);
Result<std::vector<CampaignRow>> ListCampaigns(Database& db);
Result<std::vector<CommandPostRow>> CampaignPosts(Database& db, std::string_view campaign_id);

Result<WriteCounts> WritePartyOrgs(Database& db, std::span<const PartyOrgRow> orgs,
                                   const ChangeContext& context);
Result<std::vector<PartyOrgRow>> ListPartyOrgs(Database& db, RegionCode within);
Result<RectificationRow> WriteRectification(Database& db, const RectificationRow& row,
                                            const ChangeContext& context);
Result<std::vector<RectificationRow>> ListRectifications(Database& db);

Status WriteVillageRoster(Database& db, int year, RegionCode within, std::span<const VillageCadreRow> rows,
                          const ChangeContext& context);
Result<std::vector<VillageCadreRow>> LoadVillageRoster(Database& db, int year, RegionCode within);

}  // namespace fupin::store::sqlite
