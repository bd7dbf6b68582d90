#include "store/sqlite/structure_tables.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "store/sqlite/table_support.hpp"

namespace fupin::store::sqlite {
namespace {

// --- Rows and their JSON (for history) ---

nlohmann::json ToJson(const UnitRow& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"kind", u.kind},
          {"region", u.region.ToString()},
          {"version", u.version}};
}
nlohmann::json ToJson(const CadreRow& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"unit_id", c.unit_id},
          {"post", c.post},
          {"level", c.level},
          {"party_member", c.party_member},
          {"phone", c.phone},
          {"active_from", c.active_from},
          {"active_to", c.active_to},
          {"version", c.version}};
}
nlohmann::json ToJson(const PartyOrgRow& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", o.kind},
          {"region", o.region.ToString()},
          {"campaign_id", o.campaign_id},
          {"members", o.members},
          {"weak_lax", o.weak_lax},
          {"version", o.version}};
}
nlohmann::json ToJson(const AssignmentRow& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"target", a.target},
          {"region", a.region.ToString()},
          {"cadre_id", a.cadre_id},
          {"unit_id", a.unit_id},
          {"date_from", a.date_from},
          {"date_to", a.date_to},
          {"note", a.note},
          {"end_note", a.end_note}};
}
nlohmann::json ToJson(const RectificationRow& r) {
  return {{"id", r.id},
          {"party_org_id", r.party_org_id},
          {"opened", r.opened},
          {"county_leader_id", r.county_leader_id},
          {"guiding_unit_id", r.guiding_unit_id},
          {"town_member_id", r.town_member_id},
          {"village_cadre_id", r.village_cadre_id},
          {"others", r.others},
          {"progress", r.progress},
          {"note", r.note},
          {"closed", r.closed},
          {"version", r.version}};
}

// A table of records keyed by a text id, written by upsert with a version and a
// history row per change.
template <typename Row>
struct TableSpec {
  std::string_view entity;
  std::string_view table;
  std::string_view columns;                         // content columns, id first
  Row (*read)(const Statement&);                    // content columns in order, then version
  void (*bind)(Statement::ArgBinder&, const Row&);  // content columns in order
};

UnitRow ReadUnit(const Statement& q) {
  return {q.Text(0), q.Text(1), q.Text(2), Code(q.Int(3)), q.Int(4)};
}
void BindUnit(Statement::ArgBinder& b, const UnitRow& u) {
  b(u.id)(u.name)(u.kind)(Num(u.region));
}
constexpr TableSpec<UnitRow> kUnits{"unit", "units", "id, name, kind, region", ReadUnit, BindUnit};

CadreRow ReadCadre(const Statement& q) {
  return {q.Text(0),     q.Text(1), q.Text(2), q.Text(3), q.Text(4),
          q.Int(5) != 0, q.Text(6), q.Text(7), q.Text(8), q.Int(9)};
}
void BindCadre(Statement::ArgBinder& b, const CadreRow& c) {
  b(c.id)(c.name)(c.unit_id)(c.post)(c.level)(int64_t{c.party_member ? 1 : 0})(c.phone)(c.active_from)(
      c.active_to);
}
constexpr TableSpec<CadreRow> kCadres{
    "cadre", "cadres", "id, name, unit_id, post, level, party_member, phone, active_from, active_to",
    ReadCadre, BindCadre};

PartyOrgRow ReadPartyOrg(const Statement& q) {
  return {q.Text(0), q.Text(1), q.Text(2), Code(q.Int(3)), q.Text(4), q.Int(5), q.Int(6) != 0, q.Int(7)};
}
void BindPartyOrg(Statement::ArgBinder& b, const PartyOrgRow& o) {
  b(o.id)(o.name)(o.kind)(Num(o.region))(o.campaign_id)(o.members)(int64_t{o.weak_lax ? 1 : 0});
}
constexpr TableSpec<PartyOrgRow> kPartyOrgs{"party_org", "party_orgs",
                                            "id, name, kind, region, campaign_id, members, weak_lax",
                                            ReadPartyOrg, BindPartyOrg};

size_t ColumnCount(std::string_view columns) {
  size_t n = 1;
  for (char c : columns) n += c == ',' ? 1 : 0;
  return n;
}

template <typename Row>
Result<WriteCounts> Upsert(Database& db, const TableSpec<Row>& spec, std::span<const Row> rows,
                           const ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  FUPIN_ASSIGN_OR_RETURN(Statement find, db.Prepare(fmt::format("SELECT {}, version FROM {} WHERE id = ?",
                                                                spec.columns, spec.table)));
  const size_t n = ColumnCount(spec.columns);
  std::string placeholders;
  for (size_t i = 0; i < n + 2; ++i) placeholders += i == 0 ? "?" : ", ?";
  std::string updates;
  std::string_view rest = spec.columns;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view column = rest.substr(0, comma);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    if (column != "id") updates += fmt::format("{} = excluded.{}, ", column, column);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  FUPIN_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare(
          fmt::format("INSERT INTO {}({}, version, updated_at) VALUES ({}) ON CONFLICT(id) DO UPDATE SET "
                      "{}version = excluded.version, updated_at = excluded.updated_at",
                      spec.table, spec.columns, placeholders, updates)));
  const std::string now = NowUtcIso8601();
  WriteCounts counts;
  for (const Row& row : rows) {
    find.Bind(1, row.id);
    Status s;
    std::optional<Row> stored;
    if (find.Step(&s)) stored = spec.read(find);
    find.Reset();
    FUPIN_RETURN_IF_ERROR(s);
    Row after = row;
    after.version = stored ? stored->version + 1 : 1;
    if (stored) {
      Row same = row;
      same.version = stored->version;
      if (same == *stored) {
        ++counts.unchanged;
        continue;
      }
    }
    auto binder = upsert.Args();
    spec.bind(binder, after);
    binder(after.version)(now);
    Status written = upsert.Run();
    upsert.Reset();
    if (written.code() == StatusCode::kConflict) {
      return Status::Conflict(
          "id", fmt::format("{}.conflict", spec.entity),
          {fmt::format("{} {} 与已有记录冲突（名称或引用重复或无效）：{}", spec.entity, row.id,
                       written.message().zh),
           fmt::format("{} {} conflicts with a stored record (a duplicate name or a missing "
                       "reference): {}",
                       spec.entity, row.id, written.message().en)});
    }
    FUPIN_RETURN_IF_ERROR(written);
    FUPIN_RETURN_IF_ERROR(InsertHistory(db, spec.entity, row.id, after.version, context,
                                        stored ? Dump(ToJson(*stored)) : std::string(), Dump(ToJson(after))));
    ++(stored ? counts.updated : counts.inserted);
  }
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

template <typename Row>
Result<std::vector<Row>> ListAll(Database& db, const TableSpec<Row>& spec, std::string_view where = "",
                                 std::optional<RegionCode> within = std::nullopt) {
  FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare(fmt::format("SELECT {}, version FROM {} {} ORDER BY id",
                                                             spec.columns, spec.table, where)));
  if (within) q.Args()(Num(*within))(static_cast<int64_t>(within->last_descendant()));
  std::vector<Row> out;
  Status s;
  while (q.Step(&s)) out.push_back(spec.read(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

constexpr std::string_view kAssignmentColumns =
    "id, kind, target, region, COALESCE(cadre_id, ''), COALESCE(unit_id, ''), date_from, date_to, note, "
    "end_note";

AssignmentRow ReadAssignment(const Statement& q) {
  return {q.Int(0),  q.Text(1), q.Text(2), Code(q.Int(3)), q.Text(4),
          q.Text(5), q.Text(6), q.Text(7), q.Text(8),      q.Text(9)};
}

void BindOptional(Statement& q, int index, const std::string& value) {
  if (value.empty()) {
    q.BindNull(index);
  } else {
    q.Bind(index, value);
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += out.empty() ? p : "," + p;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr std::string_view kRectificationColumns =
    "id, party_org_id, opened, county_leader_id, guiding_unit_id, town_member_id, village_cadre_id, others, "
    "progress, note, closed, version";

RectificationRow ReadRectification(const Statement& q) {
  return {q.Int(0),  q.Text(1),        q.Text(2), q.Text(3), q.Text(4),  q.Text(5),
          q.Text(6), Split(q.Text(7)), q.Int(8),  q.Text(9), q.Text(10), q.Int(11)};
}

Status ReferenceConflict(const Status& s, std::string_view what, std::string_view id) {
  if (s.code() != StatusCode::kConflict) return s;
  return Status::Conflict(
      "id", fmt::format("{}.reference", what),
      {fmt::format("{} {} 引用了不存在的干部或单位：{}", what, id, s.message().zh),
       fmt::format("{} {} refers to a cadre or unit that does not exist: {}", what, id, s.message().en)});
}

}  // namespace

Result<WriteCounts> WriteUnits(Database& db, std::span<const UnitRow> units, const ChangeContext& context) {
  return Upsert(db, kUnits, units, context);
}
Result<std::vector<UnitRow>> ListUnits(Database& db) {
  return ListAll(db, kUnits);
}
Result<WriteCounts> WriteCadres(Database& db, std::span<const CadreRow> cadres,
                                const ChangeContext& context) {
  return Upsert(db, kCadres, cadres, context);
}
Result<std::vector<CadreRow>> ListCadres(Database& db) {
  return ListAll(db, kCadres);
}

Result<std::optional<CadreRow>> FindCadre(Database& db, std::string_view id) {
  FUPIN_ASSIGN_OR_RETURN(
      Statement q, db.Prepare(fmt::format("SELECT {}, version FROM cadres WHERE id = ?", kCadres.columns)));
  q.Bind(1, id);
  Status s;
  std::optional<CadreRow> out;
  if (q.Step(&s)) out = ReadCadre(q);
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<int64_t>> WriteAssignments(Database& db, const AssignmentChange& change,
                                              const ChangeContext& context, const AuditWriter& audit) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  FUPIN_ASSIGN_OR_RETURN(
      Statement find, db.Prepare(fmt::format("SELECT {} FROM assignments WHERE id = ?", kAssignmentColumns)));
  FUPIN_ASSIGN_OR_RETURN(Statement end, db.Prepare("UPDATE assignments SET date_to = ?, end_note = ? "
                                                   "WHERE id = ? AND date_to = ''"));
  for (const AssignmentChange::End& e : change.ends) {
    find.Bind(1, e.id);
    Status s;
    std::optional<AssignmentRow> stored;
    if (find.Step(&s)) stored = ReadAssignment(find);
    find.Reset();
    FUPIN_RETURN_IF_ERROR(s);
    if (!stored) {
      return Status::NotFound("assignment", {fmt::format("没有编号为 {} 的包保记录", e.id),
                                             fmt::format("no assignment with id {}", e.id)});
    }
    if (!stored->date_to.empty()) {
      return Status::Conflict(
          "date_to", "assignment.stale",
          {fmt::format("包保记录 #{} 已于 {} 结束，不能再次结束（可能已被他人调整）", e.id, stored->date_to),
           fmt::format("assignment #{} already ended on {} and cannot be ended again (someone "
                       "may have changed it)",
                       e.id, stored->date_to)});
    }
    end.Args()(e.date_to)(e.reason)(e.id);
    FUPIN_RETURN_IF_ERROR(end.Run());
    end.Reset();
    AssignmentRow after = *stored;
    after.date_to = e.date_to;
    after.end_note = e.reason;
    FUPIN_RETURN_IF_ERROR(InsertHistory(db, "assignment", std::to_string(e.id), 2, context,
                                        Dump(ToJson(*stored)), Dump(ToJson(after))));
  }
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO assignments(kind, target, region, cadre_id, unit_id, date_from, "
                 "date_to, note, end_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::vector<int64_t> ids;
  ids.reserve(change.inserts.size());
  for (const AssignmentRow& a : change.inserts) {
    insert.Args()(a.kind)(a.target)(Num(a.region));
    BindOptional(insert, 4, a.cadre_id);
    BindOptional(insert, 5, a.unit_id);
    insert.Bind(6, a.date_from).Bind(7, a.date_to).Bind(8, a.note).Bind(9, a.end_note);
    FUPIN_RETURN_IF_ERROR(ReferenceConflict(insert.Run(), "assignment", a.target));
    insert.Reset();
    AssignmentRow stored = a;
    stored.id = sqlite3_last_insert_rowid(db.handle());
    ids.push_back(stored.id);
    FUPIN_RETURN_IF_ERROR(
        InsertHistory(db, "assignment", std::to_string(stored.id), 1, context, "", Dump(ToJson(stored))));
  }
  if (!change.cadre_leaving.empty()) {
    FUPIN_ASSIGN_OR_RETURN(std::optional<CadreRow> cadre, FindCadre(db, change.cadre_leaving));
    if (!cadre) {
      return Status::NotFound("cadre_id", {fmt::format("干部 {} 不存在", change.cadre_leaving),
                                           fmt::format("cadre {} does not exist", change.cadre_leaving)});
    }
    CadreRow after = *cadre;
    after.active_to = change.left_on;
    after.version = cadre->version + 1;
    FUPIN_ASSIGN_OR_RETURN(Statement leave,
                           db.Prepare("UPDATE cadres SET active_to = ?, version = ?, updated_at = ? "
                                      "WHERE id = ? AND version = ?"));
    leave.Args()(after.active_to)(after.version)(NowUtcIso8601())(after.id)(cadre->version);
    FUPIN_RETURN_IF_ERROR(leave.Run());
    FUPIN_RETURN_IF_ERROR(InsertHistory(db, "cadre", after.id, after.version, context, Dump(ToJson(*cadre)),
                                        Dump(ToJson(after))));
  }
  for (const AuditEvent& e : context.audit) FUPIN_RETURN_IF_ERROR(audit(e));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return ids;
}

Result<std::vector<AssignmentRow>> ListAssignments(Database& db, const AssignmentFilter& filter) {
  // The clause is built from fixed fragments; every value is a bound parameter.
  std::string where = "region BETWEEN ? AND ?";
  if (!filter.kind.empty()) where += " AND kind = ?";
  if (!filter.target.empty()) where += " AND target = ?";
  if (!filter.cadre_id.empty()) where += " AND cadre_id = ?";
  if (!filter.active_on.empty()) where += " AND date_from <= ? AND (date_to = '' OR date_to >= ?)";
  FUPIN_ASSIGN_OR_RETURN(
      Statement q,
      db.Prepare(fmt::format("SELECT {} FROM assignments WHERE {} ORDER BY id", kAssignmentColumns, where)));
  auto args = q.Args();
  args(Num(filter.within))(static_cast<int64_t>(filter.within.last_descendant()));
  if (!filter.kind.empty()) args(filter.kind);
  if (!filter.target.empty()) args(filter.target);
  if (!filter.cadre_id.empty()) args(filter.cadre_id);
  if (!filter.active_on.empty()) args(filter.active_on)(filter.active_on);
  std::vector<AssignmentRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadAssignment(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Status WriteCampaign(Database& db, const CampaignRow& campaign, std::span<const CommandPostRow> posts,
                     const ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  int64_t version = 1;
  std::string before;
  {
    FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare("SELECT version FROM campaigns WHERE id = ?"));
    q.Bind(1, campaign.id);
    Status s;
    if (q.Step(&s)) version = q.Int(0) + 1;
    FUPIN_RETURN_IF_ERROR(s);
  }
  if (version > 1) {
    FUPIN_ASSIGN_OR_RETURN(auto all, ListCampaigns(db));
    FUPIN_ASSIGN_OR_RETURN(auto old_posts, CampaignPosts(db, campaign.id));
    for (const auto& c : all) {
      if (c.id != campaign.id) continue;
      nlohmann::json j = {{"id", c.id},   {"name", c.name},       {"start", c.start},
                          {"end", c.end}, {"version", c.version}, {"posts", old_posts.size()}};
      before = Dump(j);
    }
  }
  FUPIN_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare(
          "INSERT INTO campaigns(id, name, region, start_date, end_date, version, updated_at) VALUES "
          "(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = "
          "excluded.region, "
          "start_date = excluded.start_date, end_date = excluded.end_date, version = excluded.version, "
          "updated_at = excluded.updated_at"));
  upsert.Args()(campaign.id)(campaign.name)(Num(campaign.region))(campaign.start)(campaign.end)(
      version)(NowUtcIso8601());
  FUPIN_RETURN_IF_ERROR(upsert.Run());
  FUPIN_ASSIGN_OR_RETURN(Statement clear, db.Prepare("DELETE FROM command_posts WHERE campaign_id = ?"));
  clear.Bind(1, campaign.id);
  FUPIN_RETURN_IF_ERROR(clear.Run());
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO command_posts(campaign_id, seq, level, region, name, role, cadre_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  int64_t seq = 0;
  for (const CommandPostRow& p : posts) {
    insert.Args()(campaign.id)(seq++)(p.level)(Num(p.region))(p.name)(p.role)(p.cadre_id);
    FUPIN_RETURN_IF_ERROR(ReferenceConflict(insert.Run(), "campaign", campaign.id));
    insert.Reset();
  }
  nlohmann::json after = {{"id", campaign.id},   {"name", campaign.name}, {"start", campaign.start},
                          {"end", campaign.end}, {"version", version},    {"posts", posts.size()}};
  FUPIN_RETURN_IF_ERROR(InsertHistory(db, "campaign", campaign.id, version, context, before, Dump(after)));
  return tx.Commit();
}

Result<std::vector<CampaignRow>> ListCampaigns(Database& db) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT id, name, region, start_date, end_date, version FROM "
                                    "campaigns ORDER BY start_date, id"));
  std::vector<CampaignRow> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Text(0), q.Text(1), Code(q.Int(2)), q.Text(3), q.Text(4), q.Int(5)});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<CommandPostRow>> CampaignPosts(Database& db, std::string_view campaign_id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT level, region, name, role, cadre_id FROM command_posts "
                                    "WHERE campaign_id = ? ORDER BY seq"));
  q.Bind(1, campaign_id);
  std::vector<CommandPostRow> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Text(0), Code(q.Int(1)), q.Text(2), q.Text(3), q.Text(4)});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<WriteCounts> WritePartyOrgs(Database& db, std::span<const PartyOrgRow> orgs,
                                   const ChangeContext& context) {
  return Upsert(db, kPartyOrgs, orgs, context);
}

Result<std::vector<PartyOrgRow>> ListPartyOrgs(Database& db, RegionCode within) {
  return ListAll(db, kPartyOrgs, "WHERE region BETWEEN ? AND ?", within);
}

Result<RectificationRow> WriteRectification(Database& db, const RectificationRow& row,
                                            const ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  RectificationRow after = row;
  std::string before;
  if (row.id == 0) {
    FUPIN_ASSIGN_OR_RETURN(
        Statement q, db.Prepare("INSERT INTO rectifications(party_org_id, opened, county_leader_id, "
                                "guiding_unit_id, town_member_id, village_cadre_id, others, progress, note, "
                                "closed, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"));
    q.Args()(row.party_org_id)(row.opened)(row.county_leader_id)(row.guiding_unit_id)(row.town_member_id)(
        row.village_cadre_id)(Join(row.others))(row.progress)(row.note)(row.closed);
    FUPIN_RETURN_IF_ERROR(ReferenceConflict(q.Run(), "rectification", row.party_org_id));
    after.id = sqlite3_last_insert_rowid(db.handle());
    after.version = 1;
  } else {
    FUPIN_ASSIGN_OR_RETURN(
        Statement find,
        db.Prepare(fmt::format("SELECT {} FROM rectifications WHERE id = ?", kRectificationColumns)));
    find.Bind(1, row.id);
    Status s;
    std::optional<RectificationRow> stored;
    if (find.Step(&s)) stored = ReadRectification(find);
    FUPIN_RETURN_IF_ERROR(s);
    if (!stored) {
      return Status::NotFound("rectification", {fmt::format("没有编号为 {} 的整顿记录", row.id),
                                                fmt::format("no rectification with id {}", row.id)});
    }
    if (stored->version != row.version) {
      return Status::Conflict(
          "version", "rectification.stale",
          {fmt::format("整顿记录 #{} 已被他人更新（版本 {}，当前 {}），请刷新后重试", row.id, row.version,
                       stored->version),
           fmt::format("rectification #{} was changed by someone else (version {}, stored {}); "
                       "reload and retry",
                       row.id, row.version, stored->version)});
    }
    before = Dump(ToJson(*stored));
    FUPIN_ASSIGN_OR_RETURN(
        Statement q,
        db.Prepare("UPDATE rectifications SET county_leader_id = ?, guiding_unit_id = ?, "
                   "town_member_id = ?, village_cadre_id = ?, others = ?, progress = ?, note = ?, "
                   "closed = ?, version = version + 1 WHERE id = ?"));
    q.Args()(row.county_leader_id)(row.guiding_unit_id)(row.town_member_id)(row.village_cadre_id)(
        Join(row.others))(row.progress)(row.note)(row.closed)(row.id);
    FUPIN_RETURN_IF_ERROR(ReferenceConflict(q.Run(), "rectification", row.party_org_id));
    after.version = stored->version + 1;
    after.opened = stored->opened;
    after.party_org_id = stored->party_org_id;
  }
  FUPIN_RETURN_IF_ERROR(InsertHistory(db, "rectification", std::to_string(after.id), after.version, context,
                                      before, Dump(ToJson(after))));
  FUPIN_RETURN_IF_ERROR(tx.Commit());
  return after;
}

Result<std::vector<RectificationRow>> ListRectifications(Database& db) {
  FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare(fmt::format("SELECT {} FROM rectifications ORDER BY id",
                                                             kRectificationColumns)));
  std::vector<RectificationRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadRectification(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Status WriteVillageRoster(Database& db, int year, RegionCode within, std::span<const VillageCadreRow> rows,
                          const ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  FUPIN_ASSIGN_OR_RETURN(auto old_rows, LoadVillageRoster(db, year, within));
  FUPIN_ASSIGN_OR_RETURN(Statement clear,
                         db.Prepare("DELETE FROM village_cadres WHERE year = ? AND village BETWEEN ? AND ?"));
  clear.Args()(int64_t{year})(Num(within))(static_cast<int64_t>(within.last_descendant()));
  FUPIN_RETURN_IF_ERROR(clear.Run());
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO village_cadres(year, village, seq, name, post, education, birth_year) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  std::map<uint64_t, int64_t> seq;
  for (const VillageCadreRow& r : rows) {
    if (r.year != year || !r.village.IsWithin(within)) {
      return Status::Invalid(
          "village", "roster.outside",
          {fmt::format("村干部 {}（{} 年，村 {}）不在本次写入的 {} 年、{} 范围内", r.name, r.year,
                       r.village.ToString(), year, within.ToString()),
           fmt::format("village cadre {} ({}, village {}) is outside the roster being written "
                       "({}, {})",
                       r.name, r.year, r.village.ToString(), year, within.ToString())});
    }
    insert.Args()(r.year)(Num(r.village))(seq[r.village.number()]++)(r.name)(r.post)(r.education)(
        r.birth_year);
    FUPIN_RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  const auto to_json = [](std::span<const VillageCadreRow> list) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : list) {
      j.push_back({{"village", r.village.ToString()},
                   {"name", r.name},
                   {"post", r.post},
                   {"education", r.education},
                   {"birth_year", r.birth_year}});
    }
    return j;
  };
  FUPIN_RETURN_IF_ERROR(InsertHistory(db, "village_roster", fmt::format("{}:{}", year, within.ToString()), 1,
                                      context, old_rows.empty() ? std::string() : Dump(to_json(old_rows)),
                                      Dump(to_json(rows))));
  return tx.Commit();
}

Result<std::vector<VillageCadreRow>> LoadVillageRoster(Database& db, int year, RegionCode within) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT year, village, name, post, education, birth_year FROM "
                                    "village_cadres WHERE year = ? AND village BETWEEN ? AND ? "
                                    "ORDER BY village, seq"));
  q.Args()(int64_t{year})(Num(within))(static_cast<int64_t>(within.last_descendant()));
  std::vector<VillageCadreRow> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Int(0), Code(q.Int(1)), q.Text(2), q.Text(3), q.Text(4), q.Int(5)});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

}  // namespace fupin::store::sqlite
