// Store: the persistence interface of fupin. Domain code talks to this interface only;
// SQLite (store/sqlite/) is the first backend, PostgreSQL the next. Every method that
// writes several rows does so in one transaction: it either all lands or none of it.
// A Store is used from one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accounts/user.hpp"
#include "core/region_code.hpp"
#include "core/status.hpp"
#include "registry/household.hpp"

namespace fupin::store {

/// A division 区划 as stored: code, name and whether it is a designated poor village.
struct Region {
  RegionCode code;
  std::string name;
  bool poor_village = false;  // 贫困村

  bool operator==(const Region&) const = default;
};

/// What a batch write did.
struct WriteCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
};

/// Who changes the data and from where; recorded with every history row.
struct ChangeContext {
  std::string actor;   // e.g. "cli:root"
  std::string source;  // e.g. "import:households.csv"
};

/// One household to write: `before` is the stored record (nullptr for a new one).
struct HouseholdWrite {
  const registry::Household* before = nullptr;
  const registry::Household* after = nullptr;
};

/// A row of a record's history: the record before and after one change, as JSON.
struct HistoryEntry {
  int64_t id = 0;
  std::string entity;     // "household"
  std::string entity_id;  // e.g. the household id
  int64_t version = 0;    // the record's version after the change
  std::string changed_at; // ISO 8601 UTC
  std::string actor;
  std::string source;
  std::string before_json;  // empty for a creation
  std::string after_json;
};

/// What to record in the audit log: every write, every export and every unmasked view.
struct AuditEvent {
  std::string actor;
  std::string action;  // e.g. "households.export.unmasked"
  std::string target;  // e.g. a region code or a household id
  std::string detail;  // free text or JSON
  std::string ip = {};           // where the request came from; "" for the CLI
  std::string before_json = {};  // the record before a write, if any
  std::string after_json = {};   // the record after a write, if any
};

/// A stored audit entry: append-only, hash-chained (audit/audit_chain.hpp).
struct AuditEntry {
  int64_t id = 0;
  std::string at;  // ISO 8601 UTC
  AuditEvent event;
  std::string prev_hash;
  std::string hash;
};

/// Called during long writes with (done, total) households.
using ProgressFn = std::function<void(size_t done, size_t total)>;

/// A procedure 程序 as stored: a household exit, an identification, a return to
/// poverty, a monitoring case, a village or county exit. The codes (kind, state,
/// outcome, step) belong to procedures/ (see docs/procedures.md); the store keeps
/// them as text. Dates are "YYYY-MM-DD".
struct ProcedureRow {
  int64_t id = 0;            // assigned by the store on creation
  std::string kind;          // e.g. "household_exit"
  std::string subject_type;  // "household" or "region"
  std::string subject;       // household id, or 12-digit region code
  std::string state;         // e.g. "in_public_notice"
  std::string opened_at;
  std::string closed_at;  // empty while open
  std::string outcome;    // "open", "completed" or "rejected"
  int64_t version = 0;    // 1 on creation, +1 per step

  bool operator==(const ProcedureRow&) const = default;
};

/// One recorded step of a procedure: who did what on which day, and the procedure's
/// state before and after it. Steps are never changed once written.
struct ProcedureStepRow {
  int64_t procedure_id = 0;
  int64_t seq = 0;  // 1 for the step that opened the procedure
  std::string step;
  std::string actor;
  std::string date;
  std::string note;
  std::string state_before;  // empty for the opening step
  std::string state_after;
  std::string evidence_json;  // empty when the step carries no evidence
  std::string recorded_at;    // ISO 8601 UTC, set by the store

  bool operator==(const ProcedureStepRow&) const = default;
};

/// 帮扶措施 recorded for a monitoring object.
struct MonitoringMeasureRow {
  int64_t procedure_id = 0;
  std::string household_id;
  std::string date;
  std::string kind;  // e.g. "social_assistance"
  std::string note;

  bool operator==(const MonitoringMeasureRow&) const = default;
};

/// 收入核查: the per-capita yearly income found for a monitoring object on a day.
struct IncomeCheckRow {
  int64_t procedure_id = 0;
  std::string household_id;
  std::string date;
  int64_t per_capita_fen = 0;

  bool operator==(const IncomeCheckRow&) const = default;
};

/// One change to a procedure, written by WriteProcedureChange in one transaction.
struct ProcedureChange {
  /// The procedure as it is after the change; `procedure.id == 0` creates it (the
  /// step's procedure_id is then filled in by the store). `version` is ignored: the
  /// store sets 1 on creation and expected_version + 1 otherwise.
  ProcedureRow procedure;
  /// The stored version this change was computed from; ignored on creation.
  int64_t expected_version = 0;
  ProcedureStepRow step;
  /// Optional household write (before == nullptr creates it); written with a history
  /// row as by WriteHouseholds. `before->version` must still be the stored version.
  const registry::Household* household_before = nullptr;
  const registry::Household* household_after = nullptr;
  std::optional<MonitoringMeasureRow> measure;
  std::optional<IncomeCheckRow> income_check;
};

/// Which procedures ListProcedures returns; empty fields do not filter.
struct ProcedureFilter {
  std::string subject;
  std::string kind;
  bool open_only = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Regions 区划 ---
  /// Inserts new codes and renames changed ones, in one transaction. Idempotent.
  virtual Result<WriteCounts> UpsertRegions(std::span<const Region> regions) = 0;
  /// Marks `villages` as poor villages (and no others within their counties).
  virtual Status SetPoorVillages(RegionCode within, std::span<const RegionCode> villages) = 0;
  /// `within` and everything below it, ordered by code.
  virtual Result<std::vector<Region>> ListRegions(RegionCode within) = 0;
  virtual Result<std::optional<Region>> FindRegion(RegionCode code) = 0;

  // --- Registry 建档立卡 ---
  /// Households whose village is within `within`, members in their stored order, with versions.
  virtual Result<std::vector<registry::Household>> LoadHouseholds(RegionCode within) = 0;
  /// The stored households among `ids` (absent ids are simply missing from the map).
  virtual Result<std::unordered_map<std::string, registry::Household>> FindHouseholds(
      std::span<const std::string> ids) = 0;
  /// For each of `id_numbers` that is stored, the household it belongs to.
  virtual Result<std::unordered_map<std::string, std::string>> FindPersonHouseholds(
      std::span<const std::string> id_numbers) = 0;
  /// Inserts or replaces households with their members in one transaction, bumps each
  /// record's version and writes one history row per household. Calls `progress`
  /// every few thousand households. On any failure nothing is written.
  virtual Status WriteHouseholds(std::span<const HouseholdWrite> writes, const ChangeContext& context,
                                 const ProgressFn& progress) = 0;
  /// Ids of households with a history row after `after_id`, and the newest history id
  /// (so a reader can follow every change, its own and other processes', incrementally).
  virtual Result<std::vector<std::string>> HouseholdsChangedSince(int64_t after_id, int64_t* newest_id) = 0;
  /// The history of one record, oldest first.
  virtual Result<std::vector<HistoryEntry>> History(std::string_view entity, std::string_view entity_id) = 0;

  // --- Audit 审计 ---
  /// Appends an entry chained to the previous one (in its own transaction).
  virtual Status RecordAudit(const AuditEvent& event) = 0;
  /// Entries with id > after_id, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int limit) = 0;
  /// The chain head written with the newest entry: (last id, last hash); (0, "") when empty.
  virtual Result<std::pair<int64_t, std::string>> AuditHead() = 0;
  /// Entries newest first, for the audit page.
  virtual Result<std::vector<AuditEntry>> ListAuditPage(int offset, int limit, int64_t* total) = 0;

  // --- Accounts 用户 ---
  /// Inserts a user; AlreadyExists when the username is taken. Returns the new id.
  virtual Result<int64_t> CreateUser(const accounts::User& user) = 0;
  virtual Result<std::optional<accounts::User>> FindUserByName(std::string_view username) = 0;
  virtual Result<std::optional<accounts::User>> FindUser(int64_t id) = 0;
  virtual Result<std::vector<accounts::User>> ListUsers() = 0;
  /// Writes every field of `user` if its stored version equals user.version, and bumps
  /// the version; Conflict (rule user.stale) otherwise.
  virtual Status UpdateUser(const accounts::User& user) = 0;
  virtual Status CreateSession(const accounts::Session& session) = 0;
  virtual Result<std::optional<accounts::Session>> FindSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteUserSessions(int64_t user_id) = 0;

  /// A number that changes whenever another connection or process commits (SQLite's
  /// data_version); lets a server notice writes it did not make.
  virtual Result<int64_t> DataVersion() = 0;

  // --- Procedures 程序 ---
  /// Writes a procedure change in one transaction: the procedure row (created, or
  /// updated only if its stored version is still `expected_version`), the step, the
  /// optional household with its history row, and the optional measure or income
  /// check. Returns the procedure as stored. Errors: conflict `procedure.stale` when
  /// the procedure's version moved on; conflict `household.stale` when the household
  /// changed since it was read; failed_precondition `procedure.open_exists` when
  /// the subject already has an open procedure; not_found when the procedure does not exist.
  /// On any failure nothing is written.
  virtual Result<ProcedureRow> WriteProcedureChange(const ProcedureChange& change,
                                                    const ChangeContext& context) = 0;
  virtual Result<std::optional<ProcedureRow>> FindProcedure(int64_t id) = 0;
  /// Matching procedures, by id.
  virtual Result<std::vector<ProcedureRow>> ListProcedures(const ProcedureFilter& filter) = 0;
  /// The steps of a procedure, by seq.
  virtual Result<std::vector<ProcedureStepRow>> ProcedureSteps(int64_t procedure_id) = 0;
  /// Measures and income checks of a monitoring procedure, oldest first (by date, then
  /// by the order they were recorded).
  virtual Result<std::vector<MonitoringMeasureRow>> MonitoringMeasures(int64_t procedure_id) = 0;
  virtual Result<std::vector<IncomeCheckRow>> IncomeChecks(int64_t procedure_id) = 0;
};

struct OpenOptions {
  /// Create the file if it does not exist (else: Unavailable).
  bool create = true;
};

/// Opens (and migrates) a SQLite database file; ":memory:" gives a private in-memory store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path, const OpenOptions& options = {});

}  // namespace fupin::store
