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

/// What to record in the audit log: every write, every export and every unmasked view.
struct AuditEvent {
  std::string actor;
  std::string action;            // e.g. "households.export.unmasked"
  std::string target;            // e.g. a region code or a household id
  std::string detail;            // free text or JSON
  std::string ip = {};           // where the request came from; "" for the CLI
  std::string before_json = {};  // the record before a write, if any
  std::string after_json = {};   // the record after a write, if any
};

/// Who changes the data and from where; recorded with every history row. `audit`
/// entries are appended in the same transaction as the change: both land or neither.
struct ChangeContext {
  std::string actor;   // e.g. "cli:root"
  std::string source;  // e.g. "import:households.csv"
  std::vector<AuditEvent> audit = {};
};

/// One household to write: `before` is the stored record (nullptr for a new one).
struct HouseholdWrite {
  const registry::Household* before = nullptr;
  const registry::Household* after = nullptr;
};

/// A record that changed, and its version after the change.
struct ChangedRecord {
  std::string id;
  int64_t version = 0;
};

/// A row of a record's history: the record before and after one change, as JSON.
struct HistoryEntry {
  int64_t id = 0;
  std::string entity;      // "household"
  std::string entity_id;   // e.g. the household id
  int64_t version = 0;     // the record's version after the change
  std::string changed_at;  // ISO 8601 UTC
  std::string actor;
  std::string source;
  std::string before_json;  // empty for a creation
  std::string after_json;
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

// --- Command structure 指挥体系 and responsibility 包保 (docs/architecture.md) ---
// Codes (unit kind, cadre level, assignment kind, post, role) belong to command/ and
// responsibility/; the store keeps them as text. Dates are "YYYY-MM-DD".

/// 单位: a county department, a town government or another helping unit.
struct UnitRow {
  std::string id;     // 单位编码, unique
  std::string name;   // unique
  std::string kind;   // county_department, town, other
  RegionCode region;  // the county or town it belongs to
  int64_t version = 0;

  bool operator==(const UnitRow&) const = default;
};

/// 干部: a cadre of a unit.
struct CadreRow {
  std::string id;  // 干部编号, unique
  std::string name;
  std::string unit_id;
  std::string post;   // 职务, free text
  std::string level;  // county_leader, section, other
  bool party_member = false;
  std::string phone;
  std::string active_from;
  std::string active_to;  // "" while still active
  int64_t version = 0;

  bool operator==(const CadreRow&) const = default;
};

/// 包保: one dated responsibility. Who (a cadre, or a unit for village_unit) is
/// responsible for what (a town, a village, a villager group, a household) from
/// date_from to date_to (inclusive; "" while open). Rows are never deleted: ending
/// one sets date_to and keeps a history row.
struct AssignmentRow {
  int64_t id = 0;    // assigned by the store
  std::string kind;  // town_leader, village_unit, group_leader, household_cadre, first_secretary, work_team,
                     // shock_team
  std::string target;    // 12-digit town or village code, "<village>/<group>", or a household id
  RegionCode region;     // where the target lies: the town, the village, the household's village
  std::string cadre_id;  // "" for village_unit
  std::string unit_id;   // the helping unit for village_unit; "" otherwise
  std::string date_from;
  std::string date_to;   // "" while open
  std::string note;      // why it started
  std::string end_note;  // why it ended ("" while open)

  bool operator==(const AssignmentRow&) const = default;
};

/// A change to assignments, written by WriteAssignments in one transaction.
struct AssignmentChange {
  struct End {
    int64_t id = 0;
    std::string date_to;
    std::string reason;
  };
  std::vector<End> ends;               // open assignments to close
  std::vector<AssignmentRow> inserts;  // new assignments (id ignored)
  /// When set, this cadre leaves office: active_to becomes `left_on` (version + 1,
  /// with a history row), in the same transaction.
  std::string cadre_leaving;
  std::string left_on;
};

/// Which assignments ListAssignments returns; empty fields do not filter.
struct AssignmentFilter {
  RegionCode within;  // the nation = everywhere
  std::string kind;
  std::string target;
  std::string cadre_id;
  std::string active_on;  // only those in force on this day
};

/// 战役: a campaign with its dates and region.
struct CampaignRow {
  std::string id;
  std::string name;  // e.g. 百日攻坚行动
  RegionCode region;
  std::string start;
  std::string end;
  int64_t version = 0;

  bool operator==(const CampaignRow&) const = default;
};

/// One seat of a campaign's command: the HQ, a working group, a town war zone or a
/// village battlefield, a role there and the cadre in it.
struct CommandPostRow {
  std::string level;  // hq, working_group, war_zone, battlefield
  RegionCode region;  // the county for hq and working groups, the town, the village
  std::string name;   // e.g. the working group's name; "" for the others
  std::string role;   // commander_in_chief, deputy_commander, commander, group_leader, member
  std::string cadre_id;

  bool operator==(const CommandPostRow&) const = default;
};

/// 党组织: a village branch, an industry party committee, or a temporary party
/// organization of a campaign level.
struct PartyOrgRow {
  std::string id;
  std::string name;
  std::string kind;  // village_branch, industry_committee, temporary
  RegionCode region;
  std::string campaign_id;  // for temporary organizations; "" otherwise
  int64_t members = 0;
  bool weak_lax = false;  // 软弱涣散
  int64_t version = 0;

  bool operator==(const PartyOrgRow&) const = default;
};

/// 整顿: the "4+N" rectification of a weak and lax party organization.
struct RectificationRow {
  int64_t id = 0;  // assigned by the store
  std::string party_org_id;
  std::string opened;
  std::string county_leader_id;     // 1 county leader liaison 县级领导联系
  std::string guiding_unit_id;      // 1 guiding county department 县级部门指导
  std::string town_member_id;       // 1 town committee member stationed 乡镇党委委员驻村
  std::string village_cadre_id;     // 1 village-stationed cadre 驻村干部
  std::vector<std::string> others;  // + N
  int64_t progress = 0;             // percent
  std::string note;
  std::string closed;  // "" while open
  int64_t version = 0;

  bool operator==(const RectificationRow&) const = default;
};

/// 村干部: one person of a village's cadre roster for one year.
struct VillageCadreRow {
  int64_t year = 0;
  RegionCode village;
  std::string name;
  std::string post;       // secretary, director, secretary_director (一肩挑), deputy, member
  std::string education;  // primary, junior, senior, college, bachelor, postgraduate
  int64_t birth_year = 0;

  bool operator==(const VillageCadreRow&) const = default;
};

// --- Visits 帮扶走访 and problems 问题 (visits/, docs/architecture.md) ---
// Codes (visit kind, measure, problem status, photo type) belong to visits/; the store
// keeps them as text. Dates are "YYYY-MM-DD", times "HH:MM".

/// 问题: something a visit found that needs action. Created "open" with its visit;
/// the supervision work later moves it on (so it has a version).
struct ProblemRow {
  int64_t id = 0;        // assigned by the store
  int64_t visit_id = 0;  // the visit that found it (set by the store when written with one)
  std::string household_id;
  RegionCode village;
  std::string description;
  std::string category;  // free text, may be empty
  std::string status;    // "open"
  std::string found_on;  // the visit's date
  int64_t version = 0;

  bool operator==(const ProblemRow&) const = default;
};

/// A photo of a visit. The bytes live outside the database, named by their SHA-256.
struct VisitPhotoRow {
  int64_t visit_id = 0;
  std::string sha256;    // 64 lowercase hex digits
  std::string type;      // "image/jpeg", "image/png" or "image/webp"
  int64_t size = 0;      // bytes
  std::string added_at;  // ISO 8601 UTC, set by the store
  std::string added_by;

  bool operator==(const VisitPhotoRow&) const = default;
};

/// 帮扶走访: one visit (or call) of a responsible cadre to a household. Written once,
/// never changed; `client_id` (a UUID made by the phone) makes logging idempotent.
struct VisitRow {
  int64_t id = 0;  // assigned by the store
  std::string client_id;
  std::string household_id;
  RegionCode village;  // the household's village, so a region's visits are an index range
  std::string cadre_id;
  std::string date;
  std::string time;
  std::string kind;                   // home_visit, phone_call, other
  std::vector<std::string> measures;  // measure codes, in the order given
  std::string notes;
  /// Location in millionths of a degree (exact integers); both set or neither.
  std::optional<int64_t> lat_e6;
  std::optional<int64_t> lng_e6;
  std::string recorded_at;  // ISO 8601 UTC, set by the store
  std::string recorded_by;  // who sent it, e.g. "user:cadre"
  /// The problems found (written with the visit, in this order) and the photos added
  /// since. Filled by FindVisit and ListVisits (unless `details` is false).
  std::vector<ProblemRow> problems;
  std::vector<VisitPhotoRow> photos;

  bool operator==(const VisitRow&) const = default;
};

/// What WriteVisits did with one visit: its id, and whether a visit with its
/// client_id was already stored (then nothing was written and `id` is the stored one).
struct VisitWriteOutcome {
  int64_t id = 0;
  bool duplicate = false;
};

/// Which visits ListVisits returns; empty fields do not filter.
struct VisitFilter {
  RegionCode within;  // the nation = everywhere
  std::string household_id;
  std::string cadre_id;
  std::string from;     // date_from <= date
  std::string to;       // date <= to
  bool details = true;  // false: no problems and photos (cheaper for many visits)
};

/// A visit in brief, for the compliance computation (no text fields).
struct VisitMark {
  std::string household_id;
  std::string cadre_id;
  std::string date;
  int64_t id = 0;  // the visit's id

  bool operator==(const VisitMark&) const = default;
};

/// Numbers that grow whenever what compliance reads changes: the newest history row
/// (assignments, cadres and units write one per change) and the newest visit.
struct ComplianceMark {
  int64_t history_id = 0;
  int64_t visit_id = 0;

  bool operator==(const ComplianceMark&) const = default;
};

// --- Work lists 工作清单 and meetings 会议 (worklist/, meetings/) ---
// Codes (assignee type, period kind, task status, meeting kind and status) belong to
// worklist/ and meetings/; the store keeps them as text. Dates are "YYYY-MM-DD".

/// 工作清单任务: one task of a work list 清单制, issued to a unit or a town.
struct TaskRow {
  int64_t id = 0;  // assigned by the store
  std::string title;
  std::string description;
  std::string campaign_id;  // "" when not part of a campaign
  std::string issued_by;    // who issued it, as shown (e.g. 资中县百日攻坚行动指挥部)
  std::string issued_on;
  std::string assignee_type;  // unit, town
  std::string assignee_id;    // a unit id, or the 12-digit code of a town
  RegionCode region;          // the town, or the unit's region: what scopes the task
  std::string period_kind;    // year, quarter, month
  std::string period;         // "2020", "2020-Q3", "2020-09"
  std::string deadline;
  std::string commitment;         // 承诺 of the assignee
  std::string committed_on;       // "" until committed
  int64_t progress = 0;           // percent, 0–100
  std::string status;             // open, done
  std::string completed_on;       // "" while open
  int64_t source_meeting_id = 0;  // the meeting whose decision created it; 0 when none
  int64_t version = 0;

  bool operator==(const TaskRow&) const = default;
};

/// One progress update of a task, with its evidence. Never changed once written.
struct TaskUpdateRow {
  int64_t task_id = 0;
  int64_t seq = 0;  // 1, 2, … per task, set by the store
  std::string date;
  int64_t progress = 0;
  std::string note;
  std::string evidence;     // what shows the progress: a document, a list, photos
  std::string by;           // who reported it, as shown
  std::string recorded_at;  // ISO 8601 UTC, set by the store

  bool operator==(const TaskUpdateRow&) const = default;
};

/// A task to insert with the updates it already has (an import, the demo).
struct NewTask {
  TaskRow task;  // id and version are ignored
  std::vector<TaskUpdateRow> updates;
};

/// One change to a stored task, written by WriteTaskChange in one transaction.
struct TaskChange {
  /// The task as it is after the change (`version` ignored: the store sets
  /// expected_version + 1).
  TaskRow task;
  int64_t expected_version = 0;
  std::optional<TaskUpdateRow> update;  // appended with the next seq
};

/// Which tasks ListTasks returns; empty fields do not filter.
struct TaskFilter {
  RegionCode within;  // the nation = everywhere
  std::string assignee_id;
  std::string status;
  std::string period;
  std::string campaign_id;
};

/// 会议周期: a recurring meeting — daily meeting, weekly dispatch, half-monthly
/// special meeting, the task force's weekly meeting — with its expected attendees.
struct CadenceRow {
  int64_t id = 0;    // assigned by the store
  std::string kind;  // daily, weekly_dispatch, half_monthly_special, task_force_weekly
  std::string name;
  RegionCode region;        // the county (HQ) or a town (war zone)
  std::string campaign_id;  // "" when none
  std::string date_from;
  std::string date_to;
  int64_t weekday = 0;                 // ISO weekday of the weekly kinds; 0 for the others
  std::vector<std::string> attendees;  // cadre ids
  int64_t version = 0;

  bool operator==(const CadenceRow&) const = default;
};

/// One dated occurrence of a cadence; `held` once recorded.
struct MeetingRow {
  int64_t id = 0;  // assigned by the store
  int64_t cadence_id = 0;
  std::string kind;
  std::string title;
  std::string date;
  RegionCode region;
  std::string status;  // scheduled, held
  std::string agenda;
  std::string minutes;
  std::string recorded_by;  // "" while scheduled
  int64_t version = 0;

  bool operator==(const MeetingRow&) const = default;
};

/// A cadre expected at a meeting (from the cadence) or present without being expected.
struct AttendanceRow {
  int64_t meeting_id = 0;
  std::string cadre_id;
  bool expected = false;
  bool present = false;

  bool operator==(const AttendanceRow&) const = default;
};

/// 会议决定: one decision of a held meeting; `task_id` the task it created (0 when none).
struct DecisionRow {
  int64_t meeting_id = 0;
  int64_t seq = 0;  // 1, 2, … in the order recorded
  std::string text;
  int64_t task_id = 0;

  bool operator==(const DecisionRow&) const = default;
};

/// A cadence with its dated occurrences (status scheduled; id, cadence_id and
/// version ignored), written by CreateCadences.
struct NewCadence {
  CadenceRow cadence;
  std::vector<MeetingRow> meetings;
};

/// What recording a held meeting writes: the meeting (only if its stored version is
/// still `expected_version`), who was present, the decisions, and the tasks the
/// decisions create (their source_meeting_id set to the meeting).
struct MeetingRecordWrite {
  int64_t meeting_id = 0;
  int64_t expected_version = 0;
  std::string agenda;
  std::string minutes;
  std::string recorded_by;
  std::vector<std::string> present;  // cadre ids
  struct Decision {
    std::string text;
    std::optional<NewTask> task;
  };
  std::vector<Decision> decisions;
};

/// Which meetings ListMeetings returns; empty fields do not filter.
struct MeetingFilter {
  RegionCode within;  // the nation = everywhere
  std::string from;   // first date, inclusive
  std::string to;     // last date, inclusive
  std::string kind;
  int64_t cadence_id = 0;
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
  /// every few thousand households. A `before` whose version is no longer the stored
  /// one is refused (kConflict). On any failure nothing is written.
  virtual Status WriteHouseholds(std::span<const HouseholdWrite> writes, const ChangeContext& context,
                                 const ProgressFn& progress) = 0;
  /// Households with a history row after `after_id`, each with its newest version, and
  /// the newest history id (so a reader can follow every change, its own and other
  /// processes', incrementally, and skip the ones it already holds).
  virtual Result<std::vector<ChangedRecord>> HouseholdsChangedSince(int64_t after_id, int64_t* newest_id) = 0;
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

  // --- Units and cadres 单位与干部 ---
  /// Inserts new units, updates changed ones (version + 1, a history row with before
  /// and after) and leaves equal ones, in one transaction. `version` is ignored.
  virtual Result<WriteCounts> WriteUnits(std::span<const UnitRow> units, const ChangeContext& context) = 0;
  /// Every unit, by id.
  virtual Result<std::vector<UnitRow>> ListUnits() = 0;
  /// As WriteUnits, for cadres (unit_id must name a stored unit).
  virtual Result<WriteCounts> WriteCadres(std::span<const CadreRow> cadres, const ChangeContext& context) = 0;
  /// Every cadre, by id.
  virtual Result<std::vector<CadreRow>> ListCadres() = 0;
  virtual Result<std::optional<CadreRow>> FindCadre(std::string_view id) = 0;

  // --- Responsibility 包保 ---
  /// Closes `ends` (each must still be open: conflict assignment.stale otherwise) and
  /// inserts `inserts`, with one history row per assignment, in one transaction.
  /// Returns the new ids in the order of `inserts`.
  virtual Result<std::vector<int64_t>> WriteAssignments(const AssignmentChange& change,
                                                        const ChangeContext& context) = 0;
  /// Matching assignments, by id.
  virtual Result<std::vector<AssignmentRow>> ListAssignments(const AssignmentFilter& filter) = 0;

  // --- Campaigns 战役 ---
  /// Inserts or updates the campaign and replaces its command posts, in one
  /// transaction with a history row.
  virtual Status WriteCampaign(const CampaignRow& campaign, std::span<const CommandPostRow> posts,
                               const ChangeContext& context) = 0;
  virtual Result<std::vector<CampaignRow>> ListCampaigns() = 0;
  /// The posts of a campaign in the order written.
  virtual Result<std::vector<CommandPostRow>> CampaignPosts(std::string_view campaign_id) = 0;

  // --- Party organizations 党组织 ---
  /// As WriteUnits, for party organizations.
  virtual Result<WriteCounts> WritePartyOrgs(std::span<const PartyOrgRow> orgs,
                                             const ChangeContext& context) = 0;
  /// Organizations whose region is within `within`, by id.
  virtual Result<std::vector<PartyOrgRow>> ListPartyOrgs(RegionCode within) = 0;
  /// Creates (id 0) or updates a rectification if its stored version is still
  /// `rectification.version` (conflict rectification.stale otherwise), with a history
  /// row. Returns it as stored.
  virtual Result<RectificationRow> WriteRectification(const RectificationRow& rectification,
                                                      const ChangeContext& context) = 0;
  /// Every rectification, by id.
  virtual Result<std::vector<RectificationRow>> ListRectifications() = 0;

  // --- Village cadres 村干部 ---
  /// Replaces the roster of `year` for the villages within `within` with `rows`, in
  /// one transaction with a history row keeping what was there.
  virtual Status WriteVillageRoster(int year, RegionCode within, std::span<const VillageCadreRow> rows,
                                    const ChangeContext& context) = 0;
  /// The roster of `year` within `within`, by village then the order written.
  virtual Result<std::vector<VillageCadreRow>> LoadVillageRoster(int year, RegionCode within) = 0;

  // --- Visits 帮扶走访 ---
  /// Writes visits with their problems (status as given, version 1) in one
  /// transaction, with the context's audit entries when at least one visit is new. A
  /// visit whose client_id is already stored is not written again: its outcome is
  /// the stored id with duplicate = true. The order of outcomes is that of `visits`.
  virtual Result<std::vector<VisitWriteOutcome>> WriteVisits(std::span<const VisitRow> visits,
                                                             const ChangeContext& context) = 0;
  /// The visit with its problems and photos; nullopt when there is none.
  virtual Result<std::optional<VisitRow>> FindVisit(int64_t id) = 0;
  virtual Result<std::optional<VisitRow>> FindVisitByClientId(std::string_view client_id) = 0;
  /// Matching visits, newest first (date, time, then id descending).
  virtual Result<std::vector<VisitRow>> ListVisits(const VisitFilter& filter) = 0;
  /// The visits within `within` with an id above `after_id`, in brief, by id.
  virtual Result<std::vector<VisitMark>> ListVisitMarks(RegionCode within, int64_t after_id) = 0;
  /// Adds a photo to a visit (with the context's audit entries, one transaction).
  /// Returns false, writing nothing, when the visit already has a photo with this
  /// sha256; not_found when the visit does not exist.
  virtual Result<bool> AddVisitPhoto(const VisitPhotoRow& photo, const ChangeContext& context) = 0;
  /// Problems of households within `within`, by id.
  virtual Result<std::vector<ProblemRow>> ListProblems(RegionCode within) = 0;
  virtual Result<ComplianceMark> CurrentComplianceMark() = 0;

  // --- Work lists 工作清单 (store/sqlite/worklist_tables.cpp) ---
  // Audit entries of `context` are appended in the same transaction as the change; an
  // entry with an empty target is given the ids of the tasks created.
  /// Inserts tasks with their updates (version 1, one history row each) in one
  /// transaction. Returns the new ids in order.
  virtual Result<std::vector<int64_t>> InsertTasks(std::span<const NewTask> tasks,
                                                   const ChangeContext& context) = 0;
  /// Updates a task if its stored version is still `expected_version` (conflict
  /// task.stale otherwise; not_found when there is no such task), appends the update,
  /// writes a history row. Returns the task as stored.
  virtual Result<TaskRow> WriteTaskChange(const TaskChange& change, const ChangeContext& context) = 0;
  virtual Result<std::optional<TaskRow>> FindTask(int64_t id) = 0;
  /// Matching tasks, by id.
  virtual Result<std::vector<TaskRow>> ListTasks(const TaskFilter& filter) = 0;
  /// The updates of a task, by seq.
  virtual Result<std::vector<TaskUpdateRow>> TaskUpdates(int64_t task_id) = 0;

  // --- Meetings 会议 (store/sqlite/worklist_tables.cpp) ---
  /// Inserts cadences with their occurrences and each occurrence's expected
  /// attendance (the cadence's attendees), with history rows, in one transaction.
  /// Returns the new cadence ids in order.
  virtual Result<std::vector<int64_t>> CreateCadences(std::span<const NewCadence> cadences,
                                                      const ChangeContext& context) = 0;
  /// Every cadence, by id.
  virtual Result<std::vector<CadenceRow>> ListCadences() = 0;
  /// Records held meetings, all in one transaction: each meeting becomes `held` with
  /// its agenda and minutes (version + 1, a history row), its attendance, its decisions
  /// and the tasks they create (with history rows). Errors: not_found, conflict
  /// meeting.stale when a meeting's version moved on, failed_precondition
  /// meeting.already_held. On any failure nothing is written. Returns the meetings as stored.
  virtual Result<std::vector<MeetingRow>> RecordMeetings(std::span<const MeetingRecordWrite> records,
                                                         const ChangeContext& context) = 0;
  virtual Result<std::optional<MeetingRow>> FindMeeting(int64_t id) = 0;
  /// Matching meetings, by date then id.
  virtual Result<std::vector<MeetingRow>> ListMeetings(const MeetingFilter& filter) = 0;
  /// The attendance of a meeting: expected cadres in the cadence's order, then others present.
  virtual Result<std::vector<AttendanceRow>> MeetingAttendance(int64_t meeting_id) = 0;
  /// The decisions of a meeting, by seq.
  virtual Result<std::vector<DecisionRow>> MeetingDecisions(int64_t meeting_id) = 0;

  // --- Settings 设置 ---
  /// A value the database keeps about itself (e.g. `as_of_date`, the day a demo
  /// county's data describes); nullopt when unset.
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  /// Sets (or replaces) a setting, in its own transaction.
  virtual Status PutSetting(std::string_view key, std::string_view value) = 0;
};

/// The setting that fixes "today" for a database whose data describes another day (the
/// demo county describes 2020): the server's and the CLI's default date.
inline constexpr std::string_view kAsOfDateSetting = "as_of_date";

struct OpenOptions {
  /// Create the file if it does not exist (else: Unavailable).
  bool create = true;
};

/// Opens (and migrates) a SQLite database file; ":memory:" gives a private in-memory store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path,
                                               const OpenOptions& options = {});

}  // namespace fupin::store
