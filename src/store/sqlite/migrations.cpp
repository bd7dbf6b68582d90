#include "store/sqlite/migrations.hpp"

#include <fmt/format.h>

namespace fupin::store::sqlite {
namespace {

// Enum columns hold the stable English codes of core/vocabulary terms, so the data
// reads the same from SQL, PostgreSQL and JSON, and reordering an enum breaks nothing.
constexpr Migration kMigrations[] = {
    {1, "regions, households, persons, history, audit log, users, sessions", R"sql(
CREATE TABLE regions (
  code INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent INTEGER NOT NULL,
  poor_village INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX regions_parent ON regions(parent);

CREATE TABLE households (
  id TEXT PRIMARY KEY,
  village INTEGER NOT NULL REFERENCES regions(code),
  grp TEXT NOT NULL,
  attribute TEXT NOT NULL,
  main_cause TEXT NOT NULL,
  other_causes INTEGER NOT NULL,
  wages INTEGER NOT NULL,
  production INTEGER NOT NULL,
  property INTEGER NOT NULL,
  transfer INTEGER NOT NULL,
  production_costs INTEGER NOT NULL,
  per_capita_net INTEGER NOT NULL,
  g_food TEXT NOT NULL,
  g_clothing TEXT NOT NULL,
  g_education TEXT NOT NULL,
  g_medical TEXT NOT NULL,
  g_housing TEXT NOT NULL,
  g_water TEXT NOT NULL,
  g_electricity TEXT NOT NULL,
  g_radio_tv TEXT NOT NULL,
  registration_year INTEGER NOT NULL,
  status TEXT NOT NULL,
  exit_year INTEGER NOT NULL,
  monitoring_category TEXT NOT NULL,
  risk_eliminated TEXT NOT NULL,
  phone TEXT NOT NULL,
  cadre_name TEXT NOT NULL,
  cadre_phone TEXT NOT NULL,
  cadre_unit TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX households_village ON households(village);

CREATE TABLE persons (
  id_number TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  relation TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  education TEXT NOT NULL,
  schooling TEXT NOT NULL,
  health TEXT NOT NULL,
  labour TEXT NOT NULL,
  migrant_work TEXT NOT NULL,
  medical_insurance TEXT NOT NULL,
  pension_insurance TEXT NOT NULL
) STRICT;
CREATE INDEX persons_household ON persons(household_id, seq);

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  ip TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
-- The chain's head, written in the same transaction as each entry, so that deleting
-- the newest entries is detected too.
CREATE TABLE audit_head (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope INTEGER NOT NULL,
  cadre_phone TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL,
  disabled INTEGER NOT NULL,
  demo INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
)sql"},
    {2, "procedures, procedure steps, monitoring measures and income checks", R"sql(
CREATE TABLE procedures (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  outcome TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX procedures_subject ON procedures(subject_type, subject);
-- At most one open procedure per household or region: the engine refuses a second
-- one with a readable message; this index is the guard against a race.
CREATE UNIQUE INDEX procedures_one_open ON procedures(subject_type, subject) WHERE outcome = 'open';

CREATE TABLE procedure_steps (
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  actor TEXT NOT NULL,
  date TEXT NOT NULL,
  note TEXT NOT NULL,
  state_before TEXT NOT NULL,
  state_after TEXT NOT NULL,
  evidence TEXT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (procedure_id, seq)
) STRICT;

CREATE TABLE monitoring_measures (
  id INTEGER PRIMARY KEY,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  household_id TEXT NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL
) STRICT;
CREATE INDEX monitoring_measures_procedure ON monitoring_measures(procedure_id, date);

CREATE TABLE income_checks (
  id INTEGER PRIMARY KEY,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  household_id TEXT NOT NULL,
  date TEXT NOT NULL,
  per_capita_fen INTEGER NOT NULL
) STRICT;
CREATE INDEX income_checks_procedure ON income_checks(procedure_id, date);
)sql"},
    {3,
     "units, cadres, assignments, campaigns, command posts, party organizations, rectifications, village "
     "cadres",
     R"sql(
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  region INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE cadres (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units(id),
  post TEXT NOT NULL,
  level TEXT NOT NULL,
  party_member INTEGER NOT NULL,
  phone TEXT NOT NULL,
  active_from TEXT NOT NULL,
  active_to TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX cadres_unit ON cadres(unit_id);

-- Dated responsibilities: never deleted; ending one sets date_to ('' while open).
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  region INTEGER NOT NULL,
  cadre_id TEXT REFERENCES cadres(id),
  unit_id TEXT REFERENCES units(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  note TEXT NOT NULL,
  end_note TEXT NOT NULL
) STRICT;
CREATE INDEX assignments_target ON assignments(target, kind);
CREATE INDEX assignments_cadre ON assignments(cadre_id);
CREATE INDEX assignments_region ON assignments(region);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE command_posts (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  seq INTEGER NOT NULL,
  level TEXT NOT NULL,
  region INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  cadre_id TEXT NOT NULL REFERENCES cadres(id),
  PRIMARY KEY (campaign_id, seq)
) STRICT;

CREATE TABLE party_orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  region INTEGER NOT NULL,
  campaign_id TEXT NOT NULL,
  members INTEGER NOT NULL,
  weak_lax INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX party_orgs_region ON party_orgs(region);

CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  party_org_id TEXT NOT NULL REFERENCES party_orgs(id),
  opened TEXT NOT NULL,
  county_leader_id TEXT NOT NULL REFERENCES cadres(id),
  guiding_unit_id TEXT NOT NULL REFERENCES units(id),
  town_member_id TEXT NOT NULL REFERENCES cadres(id),
  village_cadre_id TEXT NOT NULL REFERENCES cadres(id),
  others TEXT NOT NULL,
  progress INTEGER NOT NULL,
  note TEXT NOT NULL,
  closed TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;

CREATE TABLE village_cadres (
  year INTEGER NOT NULL,
  village INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  post TEXT NOT NULL,
  education TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  PRIMARY KEY (year, village, seq)
) STRICT;
)sql"},
    {4, "settings: the database's own values, e.g. the as-of date of a demo county", R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
)sql"},
    {5, "visits, their problems and photos", R"sql(
-- One row per visit, never changed. client_id is made by the phone: logging the
-- same visit again (an offline queue replaying) finds it instead of writing it twice.
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  household_id TEXT NOT NULL,
  village INTEGER NOT NULL,
  cadre_id TEXT NOT NULL REFERENCES cadres(id),
  date TEXT NOT NULL,
  time TEXT NOT NULL,
  kind TEXT NOT NULL,
  measures TEXT NOT NULL,  -- JSON array of measure codes
  notes TEXT NOT NULL,
  lat_e6 INTEGER,          -- millionths of a degree; NULL without a location
  lng_e6 INTEGER,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX visits_household ON visits(household_id, date);
CREATE INDEX visits_cadre_date ON visits(cadre_id, date);
CREATE INDEX visits_village ON visits(village, date);

-- Problems found, "open" when written with their visit; the supervision work moves
-- them on (version, status).
CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER REFERENCES visits(id),
  household_id TEXT NOT NULL,
  village INTEGER NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  found_on TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX problems_visit ON problems(visit_id);
CREATE INDEX problems_village ON problems(village, status);

-- Photo bytes live in <database folder>/photos/<sha256>.<ext>; a row per visit and photo.
CREATE TABLE visit_photos (
  visit_id INTEGER NOT NULL REFERENCES visits(id),
  sha256 TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (visit_id, sha256)
) STRICT;
)sql"},
    {6, "work lists and meetings: tasks, task updates, meeting cadences, meetings, attendance, decisions",
     R"sql(
-- 工作清单: tasks issued to a unit or a town; region is the town or the unit's
-- region, so a scope is an index range.
CREATE TABLE meeting_cadences (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region INTEGER NOT NULL,
  campaign_id TEXT NOT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  attendees TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  cadence_id INTEGER NOT NULL REFERENCES meeting_cadences(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  region INTEGER NOT NULL,
  status TEXT NOT NULL,
  agenda TEXT NOT NULL,
  minutes TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_region ON meetings(region);
CREATE INDEX meetings_cadence ON meetings(cadence_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  assignee_type TEXT NOT NULL,
  assignee_id TEXT NOT NULL,
  region INTEGER NOT NULL,
  period_kind TEXT NOT NULL,
  period TEXT NOT NULL,
  deadline TEXT NOT NULL,
  commitment TEXT NOT NULL,
  committed_on TEXT NOT NULL,
  progress INTEGER NOT NULL,
  status TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  source_meeting_id INTEGER REFERENCES meetings(id),
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX tasks_region ON tasks(region);
CREATE INDEX tasks_assignee ON tasks(assignee_id);

CREATE TABLE task_updates (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  progress INTEGER NOT NULL,
  note TEXT NOT NULL,
  evidence TEXT NOT NULL,
  by_name TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (task_id, seq)
) STRICT;

CREATE TABLE meeting_attendance (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  seq INTEGER NOT NULL,
  cadre_id TEXT NOT NULL REFERENCES cadres(id),
  expected INTEGER NOT NULL,
  present INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, cadre_id)
) STRICT;

CREATE TABLE meeting_decisions (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  task_id INTEGER REFERENCES tasks(id),
  PRIMARY KEY (meeting_id, seq)
) STRICT;
)sql"},
};

}  // namespace

std::span<const Migration> Migrations() {
  return kMigrations;
}

Status Migrate(Database& db) {
  FUPIN_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
      "applied_at TEXT NOT NULL) STRICT"));
  int64_t current = 0;
  {
    FUPIN_ASSIGN_OR_RETURN(Statement q,
                           db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    Status s;
    if (q.Step(&s)) current = q.Int(0);
    FUPIN_RETURN_IF_ERROR(s);
  }
  const auto all = Migrations();
  if (!all.empty() && current > all.back().version) {
    return Status::FailedPrecondition(
        "schema", "store.schema_newer",
        {fmt::format("数据库结构版本 {} 比本程序支持的 {} 新，请升级 fupin", current, all.back().version),
         fmt::format("database schema version {} is newer than this fupin supports ({}); upgrade fupin",
                     current, all.back().version)});
  }
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    FUPIN_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    FUPIN_RETURN_IF_ERROR(db.Exec(m.sql));
    FUPIN_ASSIGN_OR_RETURN(Statement ins, db.Prepare("INSERT INTO schema_migrations(version, description, "
                                                     "applied_at) VALUES (?, ?, datetime('now'))"));
    ins.Bind(1, int64_t{m.version}).Bind(2, m.description);
    FUPIN_RETURN_IF_ERROR(ins.Run());
    FUPIN_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace fupin::store::sqlite
