#include "store/sqlite/visit_tables.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "store/sqlite/table_support.hpp"

namespace fupin::store::sqlite {
namespace {

std::string MeasuresJson(const std::vector<std::string>& measures) {
  return nlohmann::json(measures).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> ParseMeasures(const std::string& text) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& m : j) {
    if (m.is_string()) out.push_back(m.get<std::string>());
  }
  return out;
}

constexpr std::string_view kVisitColumns =
    "id, client_id, household_id, village, cadre_id, date, time, kind, measures, notes, lat_e6, lng_e6, "
    "recorded_at, recorded_by";

VisitRow ReadVisit(const Statement& q) {
  VisitRow v;
  v.id = q.Int(0);
  v.client_id = q.Text(1);
  v.household_id = q.Text(2);
  v.village = Code(q.Int(3));
  v.cadre_id = q.Text(4);
  v.date = q.Text(5);
  v.time = q.Text(6);
  v.kind = q.Text(7);
  v.measures = ParseMeasures(q.Text(8));
  v.notes = q.Text(9);
  if (!q.IsNull(10)) v.lat_e6 = q.Int(10);
  if (!q.IsNull(11)) v.lng_e6 = q.Int(11);
  v.recorded_at = q.Text(12);
  v.recorded_by = q.Text(13);
  return v;
}

constexpr std::string_view kProblemColumns =
    "id, COALESCE(visit_id, 0), household_id, village, description, category, status, found_on, version";

ProblemRow ReadProblem(const Statement& q) {
  return {q.Int(0),  q.Int(1),  q.Text(2), Code(q.Int(3)), q.Text(4),
          q.Text(5), q.Text(6), q.Text(7), q.Int(8)};
}

// Fills in the problems and photos of each visit.
Status AddDetails(Database& db, std::vector<VisitRow>* visits) {
  FUPIN_ASSIGN_OR_RETURN(
      Statement problems,
      db.Prepare(fmt::format("SELECT {} FROM problems WHERE visit_id = ? ORDER BY id", kProblemColumns)));
  FUPIN_ASSIGN_OR_RETURN(Statement photos,
                         db.Prepare("SELECT visit_id, sha256, type, size, added_at, added_by FROM "
                                    "visit_photos WHERE visit_id = ? ORDER BY added_at, sha256"));
  Status s;
  for (VisitRow& v : *visits) {
    problems.Bind(1, v.id);
    while (problems.Step(&s)) v.problems.push_back(ReadProblem(problems));
    problems.Reset();
    FUPIN_RETURN_IF_ERROR(s);
    photos.Bind(1, v.id);
    while (photos.Step(&s)) {
      v.photos.push_back(
          {photos.Int(0), photos.Text(1), photos.Text(2), photos.Int(3), photos.Text(4), photos.Text(5)});
    }
    photos.Reset();
    FUPIN_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

Result<std::optional<VisitRow>> FindOne(Database& db, std::string_view where, const auto& key) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare(fmt::format("SELECT {} FROM visits WHERE {}", kVisitColumns, where)));
  q.Bind(1, key);
  Status s;
  std::vector<VisitRow> found;
  if (q.Step(&s)) found.push_back(ReadVisit(q));
  FUPIN_RETURN_IF_ERROR(s);
  if (found.empty()) return std::optional<VisitRow>();
  FUPIN_RETURN_IF_ERROR(AddDetails(db, &found));
  return std::optional<VisitRow>(std::move(found.front()));
}

}  // namespace

Result<std::vector<VisitWriteOutcome>> InsertVisits(Database& db, std::span<const VisitRow> visits) {
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare(
          "INSERT INTO visits(client_id, household_id, village, cadre_id, date, time, kind, measures, "
          "notes, lat_e6, lng_e6, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?) ON CONFLICT(client_id) DO NOTHING"));
  FUPIN_ASSIGN_OR_RETURN(Statement stored, db.Prepare("SELECT id FROM visits WHERE client_id = ?"));
  FUPIN_ASSIGN_OR_RETURN(
      Statement problem,
      db.Prepare("INSERT INTO problems(visit_id, household_id, village, description, category, status, "
                 "found_on, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"));
  const std::string now = NowUtcIso8601();
  std::vector<VisitWriteOutcome> out;
  out.reserve(visits.size());
  for (const VisitRow& v : visits) {
    const std::string measures = MeasuresJson(v.measures);
    insert.BorrowArgs()(v.client_id)(v.household_id)(Num(v.village))(v.cadre_id)(v.date)(v.time)(v.kind)(
        measures)(v.notes);
    if (v.lat_e6 && v.lng_e6) {
      insert.Bind(10, *v.lat_e6).Bind(11, *v.lng_e6);
    } else {
      insert.BindNull(10).BindNull(11);
    }
    insert.BindBorrowed(12, now).BindBorrowed(13, v.recorded_by);
    Status written = insert.Run();
    insert.Reset();
    if (written.code() == StatusCode::kConflict) {
      return Status::Conflict(
          "cadre_id", "visit.reference",
          {fmt::format("走访记录引用的干部 {} 不存在：{}", v.cadre_id, written.message().zh),
           fmt::format("the visit refers to cadre {}, who does not exist: {}", v.cadre_id,
                       written.message().en)});
    }
    FUPIN_RETURN_IF_ERROR(written);
    if (db.Changes() == 0) {
      stored.Bind(1, v.client_id);
      Status s;
      const int64_t id = stored.Step(&s) ? stored.Int(0) : 0;
      stored.Reset();
      FUPIN_RETURN_IF_ERROR(s);
      out.push_back({id, true});
      continue;
    }
    const int64_t id = sqlite3_last_insert_rowid(db.handle());
    for (const ProblemRow& p : v.problems) {
      problem.BorrowArgs()(id)(v.household_id)(Num(v.village))(p.description)(p.category)(p.status)(v.date)(
          now);
      FUPIN_RETURN_IF_ERROR(problem.Run());
      problem.Reset();
    }
    out.push_back({id, false});
  }
  return out;
}

Result<std::optional<VisitRow>> FindVisit(Database& db, int64_t id) {
  return FindOne(db, "id = ?", id);
}

Result<std::optional<VisitRow>> FindVisitByClientId(Database& db, std::string_view client_id) {
  return FindOne(db, "client_id = ?", client_id);
}

Result<std::vector<VisitRow>> ListVisits(Database& db, const VisitFilter& filter) {
  // The clause is built from fixed fragments; every value is a bound parameter.
  std::string where = "village BETWEEN ? AND ?";
  if (!filter.household_id.empty()) where += " AND household_id = ?";
  if (!filter.cadre_id.empty()) where += " AND cadre_id = ?";
  if (!filter.from.empty()) where += " AND date >= ?";
  if (!filter.to.empty()) where += " AND date <= ?";
  FUPIN_ASSIGN_OR_RETURN(
      Statement q,
      db.Prepare(fmt::format("SELECT {} FROM visits WHERE {} ORDER BY date DESC, time DESC, id DESC",
                             kVisitColumns, where)));
  auto args = q.Args();
  args(Num(filter.within))(static_cast<int64_t>(filter.within.last_descendant()));
  if (!filter.household_id.empty()) args(filter.household_id);
  if (!filter.cadre_id.empty()) args(filter.cadre_id);
  if (!filter.from.empty()) args(filter.from);
  if (!filter.to.empty()) args(filter.to);
  std::vector<VisitRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadVisit(q));
  FUPIN_RETURN_IF_ERROR(s);
  if (filter.details) FUPIN_RETURN_IF_ERROR(AddDetails(db, &out));
  return out;
}

Result<std::vector<VisitMark>> ListVisitMarks(Database& db, RegionCode within, int64_t after_id) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("SELECT household_id, cadre_id, date, id FROM visits WHERE id > ? "
                                    "AND village BETWEEN ? AND ? ORDER BY id"));
  q.Args()(after_id)(Num(within))(static_cast<int64_t>(within.last_descendant()));
  std::vector<VisitMark> out;
  Status s;
  while (q.Step(&s)) out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Int(3)});
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<bool> InsertVisitPhoto(Database& db, const VisitPhotoRow& photo) {
  FUPIN_ASSIGN_OR_RETURN(Statement visit, db.Prepare("SELECT 1 FROM visits WHERE id = ?"));
  visit.Bind(1, photo.visit_id);
  Status s;
  const bool exists = visit.Step(&s);
  FUPIN_RETURN_IF_ERROR(s);
  if (!exists) {
    return Status::NotFound("visit_id", {fmt::format("没有编号为 {} 的走访记录", photo.visit_id),
                                         fmt::format("no visit with id {}", photo.visit_id)});
  }
  FUPIN_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO visit_photos(visit_id, sha256, type, size, added_at, added_by) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(visit_id, sha256) DO NOTHING"));
  insert.Args()(photo.visit_id)(photo.sha256)(photo.type)(photo.size)(NowUtcIso8601())(photo.added_by);
  FUPIN_RETURN_IF_ERROR(insert.Run());
  return db.Changes() > 0;
}

Result<std::vector<ProblemRow>> ListProblems(Database& db, RegionCode within) {
  FUPIN_ASSIGN_OR_RETURN(
      Statement q, db.Prepare(fmt::format("SELECT {} FROM problems WHERE village BETWEEN ? AND ? ORDER BY id",
                                          kProblemColumns)));
  q.Args()(Num(within))(static_cast<int64_t>(within.last_descendant()));
  std::vector<ProblemRow> out;
  Status s;
  while (q.Step(&s)) out.push_back(ReadProblem(q));
  FUPIN_RETURN_IF_ERROR(s);
  return out;
}

Result<ComplianceMark> CurrentComplianceMark(Database& db) {
  FUPIN_ASSIGN_OR_RETURN(Statement q, db.Prepare("SELECT (SELECT COALESCE(MAX(id), 0) FROM history), "
                                                 "(SELECT COALESCE(MAX(id), 0) FROM visits)"));
  Status s;
  ComplianceMark mark;
  if (q.Step(&s)) mark = {q.Int(0), q.Int(1)};
  FUPIN_RETURN_IF_ERROR(s);
  return mark;
}

}  // namespace fupin::store::sqlite
