// Migration 2 (procedures) upgrades a database written at schema version 1 in place.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace fupin::store {
namespace {

TEST(MigrationTest, VersionOneDatabaseUpgradesAndKeepsItsData) {
  fupin::testing::TempDir dir;
  const auto path = dir / "v1.db";
  {
    auto db = sqlite::Database::Open(path, true);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    const auto migrations = sqlite::Migrations();
    ASSERT_GE(migrations.size(), 2u);
    ASSERT_EQ(migrations[0].version, 1);
    ASSERT_EQ(migrations[1].version, 2);
    ASSERT_TRUE(
        db->Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL) STRICT")
            .ok());
    ASSERT_TRUE(db->Exec(migrations[0].sql).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations VALUES (1, 'v1', '2020-01-01 00:00:00');"
                         "INSERT INTO regions(code, name, level, parent) VALUES (511025000000, '资中县', 3, "
                         "511000000000);")
                    .ok());
  }
  auto store = OpenSqliteStore(path, {.create = false});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto county = (*store)->FindRegion(RegionCode::Parse("511025").value());
  ASSERT_TRUE(county.ok());
  ASSERT_TRUE(county->has_value());
  EXPECT_EQ((*county)->name, "资中县");

  ProcedureChange change;
  change.procedure = {0, "county_exit", "region", "511025000000", "applied", "2020-01-01", "", "open", 0};
  change.step = {0, 1, "apply", "test", "2020-01-01", "", "", "applied", "{\"a\":1}", ""};
  auto written = (*store)->WriteProcedureChange(change, {"test", "test"});
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->version, 1);
  auto steps = (*store)->ProcedureSteps(written->id);
  ASSERT_TRUE(steps.ok());
  ASSERT_EQ(steps->size(), 1u);
  EXPECT_EQ(steps->front().evidence_json, "{\"a\":1}");
  EXPECT_FALSE(steps->front().recorded_at.empty());

  // The unique index keeps one open procedure per subject even without the engine's check.
  change.step.procedure_id = 0;
  const auto second = (*store)->WriteProcedureChange(change, {"test", "test"});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().rule(), "procedure.open_exists");
  EXPECT_NE(fupin::testing::DumpDatabase(path).find("procedures, procedure steps"), std::string::npos);
}

}  // namespace
}  // namespace fupin::store
