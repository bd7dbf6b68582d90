// Migration 3 and the Store methods of the command structure: upserts count
// unchanged rows and keep history; ending an assignment twice is a conflict; a
// failed batch writes nothing.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace fupin::store {
namespace {

TEST(StructureStoreTest, MigrationThreeCreatesTheStructureTables) {
  const auto migrations = sqlite::Migrations();
  ASSERT_GE(migrations.size(), 3u);
  EXPECT_EQ(migrations[2].version, 3);
  testing::TempDir dir;
  { ASSERT_TRUE(OpenSqliteStore(dir / "f.db").ok()); }
  EXPECT_EQ(testing::QueryOne(dir / "f.db", "SELECT COUNT(*) FROM schema_migrations WHERE version = 3"), "1");
  EXPECT_EQ(testing::QueryOne(dir / "f.db", "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(migrations.back().version));
  for (const char* table : {"units", "cadres", "assignments", "campaigns", "command_posts", "party_orgs",
                            "rectifications", "village_cadres"}) {
    EXPECT_EQ(
        testing::QueryOne(dir / "f.db",
                          std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + table + "'"),
        "1")
        << table;
  }
}

class StructureStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    const RegionCode county = RegionCode::Parse("511025").value();
    units_ = {{"U1", "县农业农村局", "county_department", county, 0},
              {"U2", "县教育局", "county_department", county, 0}};
    ASSERT_TRUE(store_->WriteUnits(units_, ctx_).ok());
  }
  std::unique_ptr<Store> store_;
  std::vector<UnitRow> units_;
  ChangeContext ctx_{"test", "test"};
};

TEST_F(StructureStore, UpsertCountsAndHistory) {
  units_[1].name = "县教育和体育局";
  auto counts = store_->WriteUnits(units_, ctx_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->unchanged, 1);
  EXPECT_EQ(counts->updated, 1);
  auto listed = store_->ListUnits();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ((*listed)[1].version, 2);
  auto history = store_->History("unit", "U2");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_NE(history->back().before_json.find("县教育局"), std::string::npos);
  EXPECT_NE(history->back().after_json.find("县教育和体育局"), std::string::npos);
}

TEST_F(StructureStore, AFailedCadreBatchWritesNothing) {
  const std::vector<CadreRow> cadres = {{"C1", "甲", "U1", "干部", "other", true, "", "2020-01-01", "", 0},
                                        {"C2", "乙", "U9", "干部", "other", true, "", "2020-01-01", "", 0}};
  auto r = store_->WriteCadres(cadres, ctx_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(store_->ListCadres()->empty());
}

TEST_F(StructureStore, AssignmentsEndOnceAndFilterByDay) {
  ASSERT_TRUE(
      store_
          ->WriteCadres(
              std::vector<CadreRow>{{"C1", "甲", "U1", "干部", "other", true, "", "2020-01-01", "", 0}}, ctx_)
          .ok());
  AssignmentChange change;
  AssignmentRow a;
  a.kind = "household_cadre";
  a.target = "5110251002010001";
  a.region = RegionCode::Parse("511025100201").value();
  a.cadre_id = "C1";
  a.date_from = "2020-01-01";
  change.inserts = {a};
  auto ids = store_->WriteAssignments(change, ctx_);
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 1u);
  AssignmentChange end;
  end.ends = {{(*ids)[0], "2020-06-30", "调离"}};
  ASSERT_TRUE(store_->WriteAssignments(end, ctx_).ok());
  auto again = store_->WriteAssignments(end, ctx_);
  EXPECT_EQ(again.status().rule(), "assignment.stale");
  AssignmentFilter on;
  on.active_on = "2020-06-30";
  EXPECT_EQ(store_->ListAssignments(on)->size(), 1u);
  on.active_on = "2020-07-01";
  EXPECT_TRUE(store_->ListAssignments(on)->empty());
  on.active_on = "";
  on.within = RegionCode::Parse("511026").value();
  EXPECT_TRUE(store_->ListAssignments(on)->empty());
}

}  // namespace
}  // namespace fupin::store
