// SQLite implementation of store::Store.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_set>

#include "audit/audit_chain.hpp"
#include "core/clock.hpp"
#include "registry/household_json.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/structure_tables.hpp"
#include "store/sqlite/visit_tables.hpp"
#include "store/sqlite/worklist_tables.hpp"
#include "store/store.hpp"

namespace fupin::store {
namespace {

using registry::Household;
using registry::Person;
using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

template <typename E>
std::string_view Code(E value) {
  return TermOf(value).code;
}

template <typename E>
E Decode(const std::string& code) {
  return ParseTerm<E>(code).value_or(E{});
}

constexpr std::string_view kHouseholdColumns =
    "id, village, grp, attribute, main_cause, other_causes, wages, production, property, transfer, "
    "production_costs, per_capita_net, g_food, g_clothing, g_education, g_medical, g_housing, g_water, "
    "g_electricity, g_radio_tv, registration_year, status, exit_year, monitoring_category, risk_eliminated, "
    "phone, cadre_name, cadre_phone, cadre_unit, version";

constexpr std::string_view kPersonColumns =
    "household_id, seq, id_number, name, sex, birth_date, relation, ethnicity, education, schooling, health, "
    "labour, migrant_work, medical_insurance, pension_insurance";

Household ReadHousehold(const Statement& q) {
  Household h;
  h.id = q.Text(0);
  h.village = RegionCode::FromNumber(static_cast<uint64_t>(q.Int(1)));
  h.group = q.Text(2);
  h.attribute = Decode<registry::PovertyAttribute>(q.Text(3));
  h.main_cause = Decode<registry::Cause>(q.Text(4));
  h.other_causes = static_cast<uint16_t>(q.Int(5));
  h.income.wages = Money::FromFen(q.Int(6));
  h.income.production = Money::FromFen(q.Int(7));
  h.income.property = Money::FromFen(q.Int(8));
  h.income.transfer = Money::FromFen(q.Int(9));
  h.income.production_costs = Money::FromFen(q.Int(10));
  auto& g = h.guarantees;
  g.food = Decode<registry::YesNo>(q.Text(12));
  g.clothing = Decode<registry::YesNo>(q.Text(13));
  g.education = Decode<registry::YesNo>(q.Text(14));
  g.medical = Decode<registry::YesNo>(q.Text(15));
  g.housing = Decode<registry::YesNo>(q.Text(16));
  g.water = Decode<registry::YesNo>(q.Text(17));
  g.electricity = Decode<registry::YesNo>(q.Text(18));
  g.radio_tv = Decode<registry::YesNo>(q.Text(19));
  h.registration_year = static_cast<int>(q.Int(20));
  h.status = Decode<registry::HouseholdStatus>(q.Text(21));
  h.exit_year = static_cast<int>(q.Int(22));
  h.monitoring_category = Decode<registry::MonitoringCategory>(q.Text(23));
  h.risk_eliminated = Decode<registry::YesNo>(q.Text(24));
  h.phone = q.Text(25);
  h.cadre_name = q.Text(26);
  h.cadre_phone = q.Text(27);
  h.cadre_unit = q.Text(28);
  h.version = q.Int(29);
  return h;
}

// Columns 2.. of kPersonColumns.
Person ReadPerson(const Statement& q) {
  Person p;
  p.id_number = q.Text(2);
  p.name = q.Text(3);
  const std::string sex = q.Text(4);
  p.sex = sex == "M" ? Sex::kMale : sex == "F" ? Sex::kFemale : Sex::kUnknown;
  p.birth_date = Date::Parse(q.Text(5)).value();
  p.relation = Decode<registry::Relation>(q.Text(6));
  p.ethnicity = q.Text(7);
  p.education = Decode<registry::Education>(q.Text(8));
  p.schooling = Decode<registry::Schooling>(q.Text(9));
  p.health = Decode<registry::Health>(q.Text(10));
  p.labour = Decode<registry::LabourAbility>(q.Text(11));
  p.migrant_work = Decode<registry::MigrantWork>(q.Text(12));
  p.medical_insurance = Decode<registry::YesNo>(q.Text(13));
  p.pension_insurance = Decode<registry::YesNo>(q.Text(14));
  return p;
}

// Raises the page cache of a connection to at least `kib` KiB until destroyed.
class CacheSizeScope {
 public:
  static Result<CacheSizeScope> AtLeast(Database& db, int64_t kib) {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare("PRAGMA cache_size"));
    Status s;
    const int64_t current = q.Step(&s) ? q.Int(0) : 0;
    FUPIN_RETURN_IF_ERROR(s);
    // Negative values are KiB, positive ones pages.
    if (current >= 0 || -current >= kib) return CacheSizeScope(nullptr, 0);
    FUPIN_RETURN_IF_ERROR(db.Exec(fmt::format("PRAGMA cache_size=-{}", kib)));
    return CacheSizeScope(&db, current);
  }
  CacheSizeScope(CacheSizeScope&& other) noexcept : db_(other.db_), restore_(other.restore_) {
    other.db_ = nullptr;
  }
  CacheSizeScope(const CacheSizeScope&) = delete;
  CacheSizeScope& operator=(const CacheSizeScope&) = delete;
  CacheSizeScope& operator=(CacheSizeScope&&) = delete;
  ~CacheSizeScope() {
    if (db_ != nullptr) (void)db_->Exec(fmt::format("PRAGMA cache_size={}", restore_));
  }

 private:
  CacheSizeScope(Database* db, int64_t restore) : db_(db), restore_(restore) {}
  Database* db_;
  int64_t restore_;
};

constexpr std::string_view kProcedureColumns =
    "id, kind, subject_type, subject, state, opened_at, COALESCE(closed_at, ''), outcome, version";

ProcedureRow ReadProcedure(const Statement& q) {
  return {q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7), q.Int(8)};
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Database db) : db_(std::move(db)) {}

  Result<WriteCounts> UpsertRegions(std::span<const Region> regions) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    FUPIN_ASSIGN_OR_RETURN(Statement find, db_.Prepare("SELECT name FROM regions WHERE code = ?"));
    FUPIN_ASSIGN_OR_RETURN(Statement insert,
                           db_.Prepare("INSERT INTO regions(code, name, level, parent) VALUES (?, ?, ?, ?)"));
    FUPIN_ASSIGN_OR_RETURN(Statement rename, db_.Prepare("UPDATE regions SET name = ? WHERE code = ?"));
    WriteCounts counts;
    for (const Region& r : regions) {
      const auto code = static_cast<int64_t>(r.code.number());
      find.Bind(1, code);
      Status s;
      const bool exists = find.Step(&s);
      const std::string old_name = exists ? find.Text(0) : std::string();
      find.Reset();
      FUPIN_RETURN_IF_ERROR(s);
      if (!exists) {
        insert.Bind(1, code).Bind(2, r.name).Bind(3, int64_t{static_cast<int>(r.code.level())});
        insert.Bind(4, static_cast<int64_t>(r.code.parent().number()));
        FUPIN_RETURN_IF_ERROR(insert.Run());
        insert.Reset();
        ++counts.inserted;
      } else if (old_name != r.name) {
        rename.Bind(1, r.name).Bind(2, code);
        FUPIN_RETURN_IF_ERROR(rename.Run());
        rename.Reset();
        ++counts.updated;
      } else {
        ++counts.unchanged;
      }
    }
    FUPIN_RETURN_IF_ERROR(tx.Commit());
    return counts;
  }

  Status SetPoorVillages(RegionCode within, std::span<const RegionCode> villages) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    FUPIN_ASSIGN_OR_RETURN(Statement clear,
                           db_.Prepare("UPDATE regions SET poor_village = 0 WHERE code BETWEEN ? AND ?"));
    clear.Bind(1, static_cast<int64_t>(within.number()))
        .Bind(2, static_cast<int64_t>(within.last_descendant()));
    FUPIN_RETURN_IF_ERROR(clear.Run());
    FUPIN_ASSIGN_OR_RETURN(Statement mark, db_.Prepare("UPDATE regions SET poor_village = 1 WHERE code = ?"));
    for (RegionCode v : villages) {
      mark.Bind(1, static_cast<int64_t>(v.number()));
      FUPIN_RETURN_IF_ERROR(mark.Run());
      if (db_.Changes() != 1) {
        return Status::NotFound("village",
                                {fmt::format("村 {} 不在区划表中", v.ToString()),
                                 fmt::format("village {} is not in the region table", v.ToString())});
      }
      mark.Reset();
    }
    return tx.Commit();
  }

  Result<std::vector<Region>> ListRegions(RegionCode within) override {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q,
        db_.Prepare("SELECT code, name, poor_village FROM regions WHERE code BETWEEN ? AND ? ORDER BY code"));
    q.Bind(1, static_cast<int64_t>(within.number())).Bind(2, static_cast<int64_t>(within.last_descendant()));
    std::vector<Region> out;
    Status s;
    while (q.Step(&s)) {
      out.push_back({RegionCode::FromNumber(static_cast<uint64_t>(q.Int(0))), q.Text(1), q.Int(2) != 0});
    }
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::optional<Region>> FindRegion(RegionCode code) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("SELECT name, poor_village FROM regions WHERE code = ?"));
    q.Bind(1, static_cast<int64_t>(code.number()));
    Status s;
    std::optional<Region> out;
    if (q.Step(&s)) out = Region{code, q.Text(0), q.Int(1) != 0};
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<Household>> LoadHouseholds(RegionCode within) override {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q,
        db_.Prepare(fmt::format("SELECT {} FROM households WHERE village BETWEEN ? AND ? ORDER BY id",
                                kHouseholdColumns)));
    q.Bind(1, static_cast<int64_t>(within.number())).Bind(2, static_cast<int64_t>(within.last_descendant()));
    std::vector<Household> out;
    std::unordered_map<std::string, size_t> index;
    Status s;
    while (q.Step(&s)) {
      out.push_back(ReadHousehold(q));
      index.emplace(out.back().id, out.size() - 1);
    }
    FUPIN_RETURN_IF_ERROR(s);
    FUPIN_ASSIGN_OR_RETURN(
        Statement pq,
        db_.Prepare(fmt::format("SELECT p.household_id, p.seq, p.id_number, p.name, p.sex, p.birth_date, "
                                "p.relation, p.ethnicity, p.education, p.schooling, p.health, p.labour, "
                                "p.migrant_work, p.medical_insurance, p.pension_insurance "
                                "FROM persons p JOIN households h ON h.id = p.household_id "
                                "WHERE h.village BETWEEN ? AND ? ORDER BY p.household_id, p.seq")));
    pq.Bind(1, static_cast<int64_t>(within.number())).Bind(2, static_cast<int64_t>(within.last_descendant()));
    while (pq.Step(&s)) {
      auto it = index.find(pq.Text(0));
      if (it != index.end()) out[it->second].members.push_back(ReadPerson(pq));
    }
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::unordered_map<std::string, Household>> FindHouseholds(
      std::span<const std::string> ids) override {
    ReadScope read(db_);
    std::unordered_map<std::string, Household> out;
    // Only the ids that are stored need their record read; for a large batch (an
    // import) one pass over the ids beats a failed lookup per new household.
    FUPIN_ASSIGN_OR_RETURN(auto present, PresentByScan("households", "id", ids));
    if (present && present->empty()) return out;
    FUPIN_ASSIGN_OR_RETURN(
        Statement q, db_.Prepare(fmt::format("SELECT {} FROM households WHERE id = ?", kHouseholdColumns)));
    FUPIN_ASSIGN_OR_RETURN(Statement pq,
                           db_.Prepare(fmt::format("SELECT {} FROM persons WHERE household_id = ? "
                                                   "ORDER BY seq",
                                                   kPersonColumns)));
    for (const std::string& id : ids) {
      if (present && !present->contains(id)) continue;
      q.Bind(1, id);
      Status s;
      if (q.Step(&s)) {
        Household h = ReadHousehold(q);
        pq.Bind(1, id);
        while (pq.Step(&s)) h.members.push_back(ReadPerson(pq));
        pq.Reset();
        out.emplace(id, std::move(h));
      }
      q.Reset();
      FUPIN_RETURN_IF_ERROR(s);
    }
    return out;
  }

  Result<std::unordered_map<std::string, std::string>> FindPersonHouseholds(
      std::span<const std::string> id_numbers) override {
    ReadScope read(db_);
    std::unordered_map<std::string, std::string> out;
    FUPIN_ASSIGN_OR_RETURN(int64_t stored, RowsAtMost("persons"));
    if (stored == 0 || id_numbers.empty()) return out;
    Status s;
    if (ScanIsCheaper(stored, id_numbers.size())) {
      const std::unordered_set<std::string_view> wanted(id_numbers.begin(), id_numbers.end());
      FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("SELECT id_number, household_id FROM persons"));
      while (q.Step(&s)) {
        if (wanted.contains(q.TextView(0))) out.emplace(q.Text(0), q.Text(1));
      }
      FUPIN_RETURN_IF_ERROR(s);
      return out;
    }
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("SELECT household_id FROM persons WHERE id_number = ?"));
    for (const std::string& id : id_numbers) {
      q.Bind(1, id);
      if (q.Step(&s)) out.emplace(id, q.Text(0));
      q.Reset();
      FUPIN_RETURN_IF_ERROR(s);
    }
    return out;
  }

  Status WriteHouseholds(std::span<const HouseholdWrite> writes, const ChangeContext& context,
                         const ProgressFn& progress) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    // A record changed by someone else since it was read is not overwritten.
    for (const HouseholdWrite& w : writes) {
      if (w.before != nullptr) FUPIN_RETURN_IF_ERROR(CheckHouseholdVersion(*w.before));
    }
    // A big batch inserts into indexes far larger than the connection's cache (the ID
    // number index takes its inserts in random order): a bigger cache for the duration
    // of the write saves reading and spilling the same pages again and again. Memory
    // only; durability is the same. About 64 bytes per member, 64 MiB to 1 GiB.
    size_t members = 0;
    for (const HouseholdWrite& w : writes) members += w.after->members.size();
    const int64_t cache_kib = std::clamp<int64_t>(static_cast<int64_t>(members / 16), 0, int64_t{1} << 20);
    FUPIN_ASSIGN_OR_RETURN(CacheSizeScope cache_scope, CacheSizeScope::AtLeast(db_, cache_kib));
    FUPIN_RETURN_IF_ERROR(WriteHouseholdRows(writes, context, progress));
    for (const AuditEvent& e : context.audit) FUPIN_RETURN_IF_ERROR(RecordAudit(e));
    return tx.Commit();
  }

  Result<ProcedureRow> WriteProcedureChange(const ProcedureChange& change,
                                            const ChangeContext& context) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    ProcedureRow row = change.procedure;
    if (row.id == 0) {
      FUPIN_ASSIGN_OR_RETURN(
          Statement insert,
          db_.Prepare("INSERT INTO procedures(kind, subject_type, subject, state, opened_at, "
                      "closed_at, outcome, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"));
      insert.Args()(row.kind)(row.subject_type)(row.subject)(row.state)(row.opened_at);
      if (row.closed_at.empty()) {
        insert.BindNull(6);
      } else {
        insert.Bind(6, row.closed_at);
      }
      insert.Bind(7, row.outcome);
      Status s = insert.Run();
      if (s.code() == StatusCode::kConflict) {
        return Status::FailedPrecondition(
            "subject", "procedure.open_exists",
            {fmt::format("{} 已有未办结的程序，不能再开启新的程序", row.subject),
             fmt::format("{} already has an open procedure; a second one cannot be opened", row.subject)});
      }
      FUPIN_RETURN_IF_ERROR(s);
      row.id = sqlite3_last_insert_rowid(db_.handle());
      row.version = 1;
    } else {
      FUPIN_ASSIGN_OR_RETURN(Statement update,
                             db_.Prepare("UPDATE procedures SET state = ?, closed_at = ?, outcome = ?, "
                                         "version = version + 1 WHERE id = ? AND version = ?"));
      update.Bind(1, row.state);
      if (row.closed_at.empty()) {
        update.BindNull(2);
      } else {
        update.Bind(2, row.closed_at);
      }
      update.Bind(3, row.outcome).Bind(4, row.id).Bind(5, change.expected_version);
      FUPIN_RETURN_IF_ERROR(update.Run());
      if (db_.Changes() != 1) {
        FUPIN_ASSIGN_OR_RETURN(std::optional<ProcedureRow> stored, FindProcedure(row.id));
        if (!stored) {
          return Status::NotFound("procedure", {fmt::format("没有编号为 {} 的程序", row.id),
                                                fmt::format("no procedure with id {}", row.id)});
        }
        return Status::Conflict(
            "version", "procedure.stale",
            {fmt::format("程序 #{} 已被他人更新：期望版本 {}，当前版本 {}。请重新查看后再办理", row.id,
                         change.expected_version, stored->version),
             fmt::format("procedure #{} was changed by someone else: expected version {}, stored version {}; "
                         "reload it and try again",
                         row.id, change.expected_version, stored->version)});
      }
      row.version = change.expected_version + 1;
    }

    const ProcedureStepRow& step = change.step;
    FUPIN_ASSIGN_OR_RETURN(
        Statement insert_step,
        db_.Prepare("INSERT INTO procedure_steps(procedure_id, seq, step, actor, date, note, "
                    "state_before, state_after, evidence, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert_step.Args()(row.id)(step.seq)(step.step)(step.actor)(step.date)(step.note)(step.state_before)(
        step.state_after);
    if (step.evidence_json.empty()) {
      insert_step.BindNull(9);
    } else {
      insert_step.Bind(9, step.evidence_json);
    }
    insert_step.Bind(10, NowUtcIso8601());
    FUPIN_RETURN_IF_ERROR(insert_step.Run());

    if (change.household_after != nullptr) {
      if (change.household_before != nullptr) {
        FUPIN_RETURN_IF_ERROR(CheckHouseholdVersion(*change.household_before));
      }
      const HouseholdWrite write{change.household_before, change.household_after};
      FUPIN_RETURN_IF_ERROR(WriteHouseholdRows(std::span(&write, 1), context, {}));
    }
    if (change.measure) {
      const MonitoringMeasureRow& m = *change.measure;
      FUPIN_ASSIGN_OR_RETURN(Statement q,
                             db_.Prepare("INSERT INTO monitoring_measures(procedure_id, household_id, "
                                         "date, kind, note) VALUES (?, ?, ?, ?, ?)"));
      q.Args()(row.id)(m.household_id)(m.date)(m.kind)(m.note);
      FUPIN_RETURN_IF_ERROR(q.Run());
    }
    if (change.income_check) {
      const IncomeCheckRow& c = *change.income_check;
      FUPIN_ASSIGN_OR_RETURN(Statement q,
                             db_.Prepare("INSERT INTO income_checks(procedure_id, household_id, date, "
                                         "per_capita_fen) VALUES (?, ?, ?, ?)"));
      q.Args()(row.id)(c.household_id)(c.date)(c.per_capita_fen);
      FUPIN_RETURN_IF_ERROR(q.Run());
    }
    for (const AuditEvent& e : context.audit) FUPIN_RETURN_IF_ERROR(RecordAudit(e));
    FUPIN_RETURN_IF_ERROR(tx.Commit());
    return row;
  }

  Result<std::optional<ProcedureRow>> FindProcedure(int64_t id) override {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q, db_.Prepare(fmt::format("SELECT {} FROM procedures WHERE id = ?", kProcedureColumns)));
    q.Bind(1, id);
    Status s;
    std::optional<ProcedureRow> out;
    if (q.Step(&s)) out = ReadProcedure(q);
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<ProcedureRow>> ListProcedures(const ProcedureFilter& filter) override {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q, db_.Prepare(fmt::format("SELECT {} FROM procedures WHERE (?1 = '' OR subject = ?1) "
                                             "AND (?2 = '' OR kind = ?2) AND (?3 = 0 OR outcome = 'open') "
                                             "ORDER BY id",
                                             kProcedureColumns)));
    q.Bind(1, filter.subject).Bind(2, filter.kind).Bind(3, int64_t{filter.open_only ? 1 : 0});
    std::vector<ProcedureRow> out;
    Status s;
    while (q.Step(&s)) out.push_back(ReadProcedure(q));
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<ProcedureStepRow>> ProcedureSteps(int64_t procedure_id) override {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q,
        db_.Prepare("SELECT procedure_id, seq, step, actor, date, note, state_before, state_after, "
                    "COALESCE(evidence, ''), recorded_at FROM procedure_steps "
                    "WHERE procedure_id = ? ORDER BY seq"));
    q.Bind(1, procedure_id);
    std::vector<ProcedureStepRow> out;
    Status s;
    while (q.Step(&s)) {
      out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7),
                     q.Text(8), q.Text(9)});
    }
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<MonitoringMeasureRow>> MonitoringMeasures(int64_t procedure_id) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT procedure_id, household_id, date, kind, note FROM "
                                       "monitoring_measures WHERE procedure_id = ? ORDER BY date, id"));
    q.Bind(1, procedure_id);
    std::vector<MonitoringMeasureRow> out;
    Status s;
    while (q.Step(&s)) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<IncomeCheckRow>> IncomeChecks(int64_t procedure_id) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT procedure_id, household_id, date, per_capita_fen FROM "
                                       "income_checks WHERE procedure_id = ? ORDER BY date, id"));
    q.Bind(1, procedure_id);
    std::vector<IncomeCheckRow> out;
    Status s;
    while (q.Step(&s)) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Int(3)});
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  // --- Command structure and responsibility: store/sqlite/structure_tables.cpp ---
  Result<WriteCounts> WriteUnits(std::span<const UnitRow> units, const ChangeContext& context) override {
    return sqlite::WriteUnits(db_, units, context);
  }
  Result<std::vector<UnitRow>> ListUnits() override { return sqlite::ListUnits(db_); }
  Result<WriteCounts> WriteCadres(std::span<const CadreRow> cadres, const ChangeContext& context) override {
    return sqlite::WriteCadres(db_, cadres, context);
  }
  Result<std::vector<CadreRow>> ListCadres() override { return sqlite::ListCadres(db_); }
  Result<std::optional<CadreRow>> FindCadre(std::string_view id) override {
    return sqlite::FindCadre(db_, id);
  }
  Result<std::vector<int64_t>> WriteAssignments(const AssignmentChange& change,
                                                const ChangeContext& context) override {
    return sqlite::WriteAssignments(db_, change, context,
                                    [this](const AuditEvent& e) { return RecordAudit(e); });
  }
  Result<std::vector<AssignmentRow>> ListAssignments(const AssignmentFilter& filter) override {
    return sqlite::ListAssignments(db_, filter);
  }
  Status WriteCampaign(const CampaignRow& campaign, std::span<const CommandPostRow> posts,
                       const ChangeContext& context) override {
    return sqlite::WriteCampaign(db_, campaign, posts, context);
  }
  Result<std::vector<CampaignRow>> ListCampaigns() override { return sqlite::ListCampaigns(db_); }
  Result<std::vector<CommandPostRow>> CampaignPosts(std::string_view campaign_id) override {
    return sqlite::CampaignPosts(db_, campaign_id);
  }
  Result<WriteCounts> WritePartyOrgs(std::span<const PartyOrgRow> orgs,
                                     const ChangeContext& context) override {
    return sqlite::WritePartyOrgs(db_, orgs, context);
  }
  Result<std::vector<PartyOrgRow>> ListPartyOrgs(RegionCode within) override {
    return sqlite::ListPartyOrgs(db_, within);
  }
  Result<RectificationRow> WriteRectification(const RectificationRow& rectification,
                                              const ChangeContext& context) override {
    return sqlite::WriteRectification(db_, rectification, context);
  }
  Result<std::vector<RectificationRow>> ListRectifications() override {
    return sqlite::ListRectifications(db_);
  }
  Status WriteVillageRoster(int year, RegionCode within, std::span<const VillageCadreRow> rows,
                            const ChangeContext& context) override {
    return sqlite::WriteVillageRoster(db_, year, within, rows, context);
  }
  Result<std::vector<VillageCadreRow>> LoadVillageRoster(int year, RegionCode within) override {
    return sqlite::LoadVillageRoster(db_, year, within);
  }

  Result<std::vector<VisitWriteOutcome>> WriteVisits(std::span<const VisitRow> visits,
                                                     const ChangeContext& context) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    FUPIN_ASSIGN_OR_RETURN(auto outcomes, sqlite::InsertVisits(db_, visits));
    // A replay writes nothing, not even its audit entry: the first write recorded it.
    const bool any_new = std::any_of(outcomes.begin(), outcomes.end(),
                                     [](const VisitWriteOutcome& o) { return !o.duplicate; });
    if (any_new) {
      for (const AuditEvent& e : context.audit) FUPIN_RETURN_IF_ERROR(RecordAudit(e));
    }
    FUPIN_RETURN_IF_ERROR(tx.Commit());
    return outcomes;
  }
  Result<std::optional<VisitRow>> FindVisit(int64_t id) override { return sqlite::FindVisit(db_, id); }
  Result<std::optional<VisitRow>> FindVisitByClientId(std::string_view client_id) override {
    return sqlite::FindVisitByClientId(db_, client_id);
  }
  Result<std::vector<VisitRow>> ListVisits(const VisitFilter& filter) override {
    ReadScope scope(db_);
    return sqlite::ListVisits(db_, filter);
  }
  Result<std::vector<VisitMark>> ListVisitMarks(RegionCode within, int64_t after_id) override {
    return sqlite::ListVisitMarks(db_, within, after_id);
  }
  Result<bool> AddVisitPhoto(const VisitPhotoRow& photo, const ChangeContext& context) override {
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    FUPIN_ASSIGN_OR_RETURN(bool added, sqlite::InsertVisitPhoto(db_, photo));
    if (added) {
      for (const AuditEvent& e : context.audit) FUPIN_RETURN_IF_ERROR(RecordAudit(e));
    }
    FUPIN_RETURN_IF_ERROR(tx.Commit());
    return added;
  }
  Result<std::vector<ProblemRow>> ListProblems(RegionCode within) override {
    return sqlite::ListProblems(db_, within);
  }
  Result<ComplianceMark> CurrentComplianceMark() override { return sqlite::CurrentComplianceMark(db_); }
  // --- Work lists and meetings: store/sqlite/worklist_tables.cpp ---
  Result<std::vector<int64_t>> InsertTasks(std::span<const NewTask> tasks,
                                           const ChangeContext& context) override {
    return sqlite::InsertTasks(db_, tasks, context, AuditInTransaction());
  }
  Result<TaskRow> WriteTaskChange(const TaskChange& change, const ChangeContext& context) override {
    return sqlite::WriteTaskChange(db_, change, context, AuditInTransaction());
  }
  Result<std::optional<TaskRow>> FindTask(int64_t id) override { return sqlite::FindTask(db_, id); }
  Result<std::vector<TaskRow>> ListTasks(const TaskFilter& filter) override {
    return sqlite::ListTasks(db_, filter);
  }
  Result<std::vector<TaskUpdateRow>> TaskUpdates(int64_t task_id) override {
    return sqlite::TaskUpdates(db_, task_id);
  }
  Result<std::vector<int64_t>> CreateCadences(std::span<const NewCadence> cadences,
                                              const ChangeContext& context) override {
    return sqlite::CreateCadences(db_, cadences, context, AuditInTransaction());
  }
  Result<std::vector<CadenceRow>> ListCadences() override { return sqlite::ListCadences(db_); }
  Result<std::vector<MeetingRow>> RecordMeetings(std::span<const MeetingRecordWrite> records,
                                                 const ChangeContext& context) override {
    return sqlite::RecordMeetings(db_, records, context, AuditInTransaction());
  }
  Result<std::optional<MeetingRow>> FindMeeting(int64_t id) override { return sqlite::FindMeeting(db_, id); }
  Result<std::vector<MeetingRow>> ListMeetings(const MeetingFilter& filter) override {
    return sqlite::ListMeetings(db_, filter);
  }
  Result<std::vector<AttendanceRow>> MeetingAttendance(int64_t meeting_id) override {
    return sqlite::MeetingAttendance(db_, meeting_id);
  }
  Result<std::vector<DecisionRow>> MeetingDecisions(int64_t meeting_id) override {
    return sqlite::MeetingDecisions(db_, meeting_id);
  }

 private:
  /// Audit entries written by the table functions inside their own transaction.
  sqlite::AuditFn AuditInTransaction() {
    return [this](const AuditEvent& e) { return RecordAudit(e); };
  }

  Status CheckHouseholdVersion(const Household& before) {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("SELECT version FROM households WHERE id = ?"));
    q.Bind(1, before.id);
    Status s;
    const bool found = q.Step(&s);
    const int64_t stored = found ? q.Int(0) : 0;
    FUPIN_RETURN_IF_ERROR(s);
    if (!found || stored != before.version) {
      return Status::Conflict(
          "version", "household.stale",
          {fmt::format("户 {} 已被他人更新：读取时版本 {}，当前版本 {}。请重新办理", before.id,
                       before.version, stored),
           fmt::format("household {} was changed by someone else: read at version {}, stored "
                       "version {}; try again",
                       before.id, before.version, stored)});
    }
    return Status::Ok();
  }

  // Writes households with their members and history rows; the caller holds the
  // transaction.
  Status WriteHouseholdRows(std::span<const HouseholdWrite> writes, const ChangeContext& context,
                            const ProgressFn& progress) {
    FUPIN_ASSIGN_OR_RETURN(
        Statement upsert,
        db_.Prepare(fmt::format("INSERT OR REPLACE INTO households({}, updated_at) VALUES "
                                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                kHouseholdColumns)));
    FUPIN_ASSIGN_OR_RETURN(Statement delete_members,
                           db_.Prepare("DELETE FROM persons WHERE household_id = ?"));
    FUPIN_ASSIGN_OR_RETURN(
        Statement insert_person,
        db_.Prepare(
            fmt::format("INSERT INTO persons({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", kPersonColumns)));
    FUPIN_ASSIGN_OR_RETURN(
        Statement insert_history,
        db_.Prepare("INSERT INTO history(entity, entity_id, version, changed_at, actor, source, "
                    "before_json, after_json) VALUES ('household', ?, ?, ?, ?, ?, ?, ?)"));
    const std::string now = NowUtcIso8601();
    size_t done = 0;
    for (const HouseholdWrite& w : writes) {
      const Household& h = *w.after;
      const int64_t version = w.before != nullptr ? w.before->version + 1 : 1;
      if (w.before != nullptr) {
        // Members are rewritten whole; the history row keeps what they were. Deleting
        // first lets a member move between two households written in this batch.
        delete_members.Bind(1, h.id);
        FUPIN_RETURN_IF_ERROR(delete_members.Run());
        delete_members.Reset();
      }
      // The hot statements bind text without copying it (every string lives in `h`,
      // `now`, `context` or static vocabulary tables until the Run below) and are not
      // cleared after Run, which resets them: each execution binds every parameter.
      const auto& g = h.guarantees;
      upsert.BorrowArgs()(h.id)(static_cast<int64_t>(h.village.number()))(h.group)(Code(h.attribute))(
          Code(h.main_cause))(int64_t{h.other_causes})(h.income.wages.fen())(h.income.production.fen())(
          h.income.property.fen())(h.income.transfer.fen())(h.income.production_costs.fen())(
          h.PerCapitaNetIncome().fen())(Code(g.food))(Code(g.clothing))(Code(g.education))(Code(g.medical))(
          Code(g.housing))(Code(g.water))(Code(g.electricity))(Code(g.radio_tv))(
          int64_t{h.registration_year})(Code(h.status))(int64_t{h.exit_year})(Code(h.monitoring_category))(
          Code(h.risk_eliminated))(h.phone)(h.cadre_name)(h.cadre_phone)(h.cadre_unit)(version)(now);
      FUPIN_RETURN_IF_ERROR(upsert.Run());
      int64_t seq = 0;
      for (const Person& p : h.members) {
        const std::string birth_date = p.birth_date.ToString();
        insert_person.BorrowArgs()(h.id)(seq++)(p.id_number)(p.name)(std::string_view(SexCode(p.sex)))(
            birth_date)(Code(p.relation))(p.ethnicity)(Code(p.education))(Code(p.schooling))(Code(p.health))(
            Code(p.labour))(Code(p.migrant_work))(Code(p.medical_insurance))(Code(p.pension_insurance));
        Status s = insert_person.Run();
        if (!s.ok()) {
          return Status::Conflict(
              "id_number", "person.two_households",
              {fmt::format("身份证号 {} 已登记在其他户，户 {} 未写入", IdNumber::Mask(p.id_number), h.id),
               fmt::format("ID number {} is already registered in another household; household "
                           "{} not written",
                           IdNumber::Mask(p.id_number), h.id)});
        }
      }
      // A creation's history row has no JSON: the record itself is its first state, and
      // the next change's before_json keeps it. This keeps bulk imports cheap.
      insert_history.BorrowArgs()(h.id)(version)(now)(context.actor)(context.source);
      if (w.before != nullptr) {
        Household after = h;
        after.version = version;
        insert_history.Bind(6, registry::HouseholdToJson(*w.before, registry::Masking::kUnmasked).dump());
        insert_history.Bind(7, registry::HouseholdToJson(after, registry::Masking::kUnmasked).dump());
      } else {
        insert_history.BindNull(6).BindNull(7);
      }
      FUPIN_RETURN_IF_ERROR(insert_history.Run());
      ++done;
      if (progress && (done % 5000 == 0 || done == writes.size())) progress(done, writes.size());
    }
    return Status::Ok();
  }

  Result<std::vector<ChangedRecord>> HouseholdsChangedSince(int64_t after_id, int64_t* newest_id) override {
    FUPIN_ASSIGN_OR_RETURN(Statement newest, db_.Prepare("SELECT COALESCE(MAX(id), 0) FROM history"));
    Status s;
    if (newest.Step(&s)) *newest_id = newest.Int(0);
    FUPIN_RETURN_IF_ERROR(s);
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT entity_id, MAX(version) FROM history WHERE entity = "
                                       "'household' AND id > ? AND id <= ? GROUP BY entity_id"));
    q.Args()(after_id)(*newest_id);
    std::vector<ChangedRecord> out;
    while (q.Step(&s)) out.push_back({q.Text(0), q.Int(1)});
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<HistoryEntry>> History(std::string_view entity, std::string_view entity_id) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT id, entity, entity_id, version, changed_at, actor, source, "
                                       "COALESCE(before_json, ''), COALESCE(after_json, '') FROM history "
                                       "WHERE entity = ? AND entity_id = ? ORDER BY id"));
    q.Bind(1, entity).Bind(2, entity_id);
    std::vector<HistoryEntry> out;
    Status s;
    while (q.Step(&s)) {
      out.push_back(
          {q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7), q.Text(8)});
    }
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Status RecordAudit(const AuditEvent& e) override {
    // Inside a caller's transaction the entry joins it; otherwise it gets its own.
    std::optional<Transaction> tx;
    if (sqlite3_get_autocommit(db_.handle()) != 0) {
      FUPIN_ASSIGN_OR_RETURN(Transaction t, Transaction::Begin(db_));
      tx.emplace(std::move(t));
    }
    FUPIN_ASSIGN_OR_RETURN(Statement last,
                           db_.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    Status s;
    int64_t id = 1;
    std::string prev_hash;
    if (last.Step(&s)) {
      id = last.Int(0) + 1;
      prev_hash = last.Text(1);
    }
    FUPIN_RETURN_IF_ERROR(s);
    const std::string at = NowUtcIso8601();
    const std::string hash = audit::EntryHash(prev_hash, id, at, e);
    FUPIN_ASSIGN_OR_RETURN(Statement ins,
                           db_.Prepare("INSERT INTO audit_log(id, at, actor, action, target, detail, ip, "
                                       "before_json, after_json, prev_hash, hash) VALUES "
                                       "(?,?,?,?,?,?,?,?,?,?,?)"));
    ins.Args()(id)(at)(e.actor)(e.action)(e.target)(e.detail)(e.ip)(e.before_json)(e.after_json)(
        prev_hash)(hash);
    FUPIN_RETURN_IF_ERROR(ins.Run());
    FUPIN_ASSIGN_OR_RETURN(Statement head,
                           db_.Prepare("INSERT INTO audit_head(one, last_id, last_hash) VALUES (1, ?, ?) "
                                       "ON CONFLICT(one) DO UPDATE SET last_id = excluded.last_id, "
                                       "last_hash = excluded.last_hash"));
    head.Args()(id)(hash);
    FUPIN_RETURN_IF_ERROR(head.Run());
    if (tx) FUPIN_RETURN_IF_ERROR(tx->Commit());
    return Status::Ok();
  }

  static AuditEntry ReadAudit(const Statement& q) {
    AuditEntry e;
    e.id = q.Int(0);
    e.at = q.Text(1);
    e.event = {q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7), q.Text(8)};
    e.prev_hash = q.Text(9);
    e.hash = q.Text(10);
    return e;
  }

  Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int limit) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT id, at, actor, action, target, detail, ip, before_json, "
                                       "after_json, prev_hash, hash FROM audit_log WHERE id > ? "
                                       "ORDER BY id LIMIT ?"));
    q.Args()(after_id)(int64_t{limit});
    std::vector<AuditEntry> out;
    Status s;
    while (q.Step(&s)) out.push_back(ReadAudit(q));
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::pair<int64_t, std::string>> AuditHead() override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT last_id, last_hash FROM audit_head WHERE one = 1"));
    Status s;
    std::pair<int64_t, std::string> out{0, ""};
    if (q.Step(&s)) out = {q.Int(0), q.Text(1)};
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<AuditEntry>> ListAuditPage(int offset, int limit, int64_t* total) override {
    FUPIN_ASSIGN_OR_RETURN(Statement count, db_.Prepare("SELECT COUNT(*) FROM audit_log"));
    Status s;
    if (count.Step(&s)) *total = count.Int(0);
    FUPIN_RETURN_IF_ERROR(s);
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT id, at, actor, action, target, detail, ip, before_json, "
                                       "after_json, prev_hash, hash FROM audit_log ORDER BY id DESC "
                                       "LIMIT ? OFFSET ?"));
    q.Args()(int64_t{limit})(int64_t{offset});
    std::vector<AuditEntry> out;
    while (q.Step(&s)) out.push_back(ReadAudit(q));
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  // --- Accounts ---
  static constexpr std::string_view kUserColumns =
      "id, username, display_name, role, scope, cadre_phone, password_hash, must_change_password, disabled, "
      "demo, "
      "failed_logins, locked_until, version";

  static accounts::User ReadUser(const Statement& q) {
    accounts::User u;
    u.id = q.Int(0);
    u.username = q.Text(1);
    u.display_name = q.Text(2);
    u.role = ParseTerm<accounts::Role>(q.Text(3)).value_or(accounts::Role::kViewer);
    u.scope = RegionCode::FromNumber(static_cast<uint64_t>(q.Int(4)));
    u.cadre_phone = q.Text(5);
    u.password_hash = q.Text(6);
    u.must_change_password = q.Int(7) != 0;
    u.disabled = q.Int(8) != 0;
    u.demo = q.Int(9) != 0;
    u.failed_logins = static_cast<int>(q.Int(10));
    u.locked_until = q.Int(11);
    u.version = q.Int(12);
    return u;
  }

  Result<int64_t> CreateUser(const accounts::User& u) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("INSERT INTO users(username, display_name, role, scope, "
                                       "cadre_phone, password_hash, must_change_password, disabled, demo, "
                                       "failed_logins, locked_until, version, created_at) VALUES "
                                       "(?,?,?,?,?,?,?,?,?,0,0,1,?)"));
    q.Args()(u.username)(u.display_name)(TermOf(u.role).code)(static_cast<int64_t>(u.scope.number()))(
        u.cadre_phone)(u.password_hash)(int64_t{u.must_change_password})(int64_t{u.disabled})(
        int64_t{u.demo})(NowUtcIso8601());
    Status s = q.Run();
    if (s.code() == StatusCode::kConflict) {
      return Status::AlreadyExists("username", {fmt::format("用户名 {} 已存在", u.username),
                                                fmt::format("username {} is taken", u.username)});
    }
    FUPIN_RETURN_IF_ERROR(s);
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
  }

  Result<std::optional<accounts::User>> FindUserBy(std::string_view where,
                                                   const std::function<void(Statement&)>& bind) {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare(fmt::format("SELECT {} FROM users WHERE {}", kUserColumns, where)));
    bind(q);
    Status s;
    std::optional<accounts::User> out;
    if (q.Step(&s)) out = ReadUser(q);
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::optional<accounts::User>> FindUserByName(std::string_view username) override {
    return FindUserBy("username = ?", [&](Statement& q) { q.Bind(1, username); });
  }

  Result<std::optional<accounts::User>> FindUser(int64_t id) override {
    return FindUserBy("id = ?", [&](Statement& q) { q.Bind(1, id); });
  }

  Result<std::vector<accounts::User>> ListUsers() override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns)));
    std::vector<accounts::User> out;
    Status s;
    while (q.Step(&s)) out.push_back(ReadUser(q));
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Status UpdateUser(const accounts::User& u) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("UPDATE users SET display_name = ?, role = ?, scope = ?, "
                                       "cadre_phone = ?, password_hash = ?, must_change_password = ?, "
                                       "disabled = ?, failed_logins = ?, locked_until = ?, "
                                       "version = version + 1 WHERE id = ? AND version = ?"));
    q.Args()(u.display_name)(TermOf(u.role).code)(static_cast<int64_t>(u.scope.number()))(u.cadre_phone)(
        u.password_hash)(int64_t{u.must_change_password})(int64_t{u.disabled})(int64_t{u.failed_logins})(
        u.locked_until)(u.id)(u.version);
    FUPIN_RETURN_IF_ERROR(q.Run());
    if (db_.Changes() != 1) {
      return Status::Conflict(
          "version", "user.stale",
          {fmt::format("用户 {} 已被他人修改，请刷新后重试", u.username),
           fmt::format("user {} was changed by someone else; reload and retry", u.username)});
    }
    return Status::Ok();
  }

  Status CreateSession(const accounts::Session& session) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, "
                                       "expires_at, ip) VALUES (?,?,?,?,?,?)"));
    q.Args()(session.token_hash)(session.user_id)(session.csrf_token)(session.created_at)(session.expires_at)(
        session.ip);
    return q.Run();
  }

  Result<std::optional<accounts::Session>> FindSession(std::string_view token_hash) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("SELECT token_hash, user_id, csrf_token, created_at, expires_at, ip "
                                       "FROM sessions WHERE token_hash = ?"));
    q.Bind(1, token_hash);
    Status s;
    std::optional<accounts::Session> out;
    if (q.Step(&s)) out = accounts::Session{q.Text(0), q.Int(1), q.Text(2), q.Int(3), q.Int(4), q.Text(5)};
    FUPIN_RETURN_IF_ERROR(s);
    return out;
  }

  Status DeleteSession(std::string_view token_hash) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    q.Bind(1, token_hash);
    return q.Run();
  }

  Status DeleteUserSessions(int64_t user_id) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("DELETE FROM sessions WHERE user_id = ?"));
    q.Bind(1, user_id);
    return q.Run();
  }

  Result<std::optional<std::string>> GetSetting(std::string_view key) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("SELECT value FROM settings WHERE key = ?"));
    q.Bind(1, std::string(key));
    Status s;
    std::optional<std::string> value;
    if (q.Step(&s)) value = q.Text(0);
    FUPIN_RETURN_IF_ERROR(s);
    return value;
  }

  Status PutSetting(std::string_view key, std::string_view value) override {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare("INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) "
                                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                       "updated_at = excluded.updated_at"));
    q.Bind(1, std::string(key)).Bind(2, std::string(value)).Bind(3, NowUtcIso8601());
    Status s;
    q.Step(&s);
    return s;
  }

  Result<int64_t> DataVersion() override {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare("PRAGMA data_version"));
    Status s;
    int64_t v = 0;
    if (q.Step(&s)) v = q.Int(0);
    FUPIN_RETURN_IF_ERROR(s);
    return v;
  }

 private:
  // A read transaction around many point queries: one snapshot and one lock instead of
  // one per query. Does nothing when a transaction is already open.
  class ReadScope {
   public:
    explicit ReadScope(Database& db) : db_(db) {
      if (sqlite3_get_autocommit(db_.handle()) != 0) open_ = db_.Exec("BEGIN").ok();
    }
    ~ReadScope() {
      if (open_ && !db_.Exec("COMMIT").ok()) (void)db_.Exec("ROLLBACK");
    }
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;

   private:
    Database& db_;
    bool open_ = false;
  };

  /// An upper bound of the row count of rowid table `table`: its largest rowid (O(log n)).
  Result<int64_t> RowsAtMost(std::string_view table) {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db_.Prepare(fmt::format("SELECT COALESCE(MAX(rowid), 0) FROM {}", table)));
    Status s;
    const int64_t rows = q.Step(&s) ? q.Int(0) : 0;
    FUPIN_RETURN_IF_ERROR(s);
    return rows;
  }

  /// Reading `rows` rows in order costs less than `lookups` index lookups (a lookup
  /// walks the B-tree from the root; a scan touches each page once).
  static bool ScanIsCheaper(int64_t rows, size_t lookups) {
    return rows <= 4 * static_cast<int64_t>(lookups);
  }

  /// Those of `keys` stored in `column` of `table`, found by one scan of the column,
  /// when that is cheaper than a lookup per key; nullopt when it is not.
  Result<std::optional<std::unordered_set<std::string_view>>> PresentByScan(
      std::string_view table, std::string_view column, std::span<const std::string> keys) {
    FUPIN_ASSIGN_OR_RETURN(int64_t stored, RowsAtMost(table));
    std::optional<std::unordered_set<std::string_view>> present;
    if (!ScanIsCheaper(stored, keys.size())) return present;
    present.emplace();
    if (stored == 0 || keys.empty()) return present;
    const std::unordered_set<std::string_view> wanted(keys.begin(), keys.end());
    FUPIN_ASSIGN_OR_RETURN(Statement q, db_.Prepare(fmt::format("SELECT {} FROM {}", column, table)));
    Status s;
    while (q.Step(&s)) {
      auto it = wanted.find(q.TextView(0));
      if (it != wanted.end()) present->insert(*it);
    }
    FUPIN_RETURN_IF_ERROR(s);
    return present;
  }

  Database db_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path,
                                               const OpenOptions& options) {
  if (!options.create && path != ":memory:" && !std::filesystem::exists(path)) {
    return Status::Unavailable(
        {fmt::format("数据库 {} 不存在，请先运行 fupin init", path.string()),
         fmt::format("database {} does not exist; run fupin init first", path.string())});
  }
  FUPIN_ASSIGN_OR_RETURN(Database db, Database::Open(path, options.create));
  FUPIN_RETURN_IF_ERROR(sqlite::Migrate(db));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db)));
}

}  // namespace fupin::store
