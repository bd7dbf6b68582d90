// Migration 5 and the Store methods of visits: a client_id is stored once, problems
// land with their visit, filters, photos once per visit and hash, and the compliance
// mark moves with every visit and history row.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace fupin::store {
namespace {

const RegionCode kVillage = RegionCode::Parse("511025100201").value();
const RegionCode kOtherTown = RegionCode::Parse("511025101201").value();

TEST(VisitStoreTest, MigrationFiveCreatesTheTablesAndIndexes) {
  const auto migrations = sqlite::Migrations();
  ASSERT_GE(migrations.size(), 5u);
  EXPECT_EQ(migrations[4].version, 5);
  testing::TempDir dir;
  { ASSERT_TRUE(OpenSqliteStore(dir / "f.db").ok()); }
  for (const char* name : {"visits", "problems", "visit_photos", "visits_household", "visits_cadre_date",
                           "visits_village", "problems_visit"}) {
    EXPECT_EQ(
        testing::QueryOne(dir / "f.db",
                          std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + name + "'"),
        "1")
        << name;
  }
  EXPECT_NE(
      testing::QueryOne(dir / "f.db", "SELECT sql FROM sqlite_master WHERE name = 'visits'").find("UNIQUE"),
      std::string::npos)
      << "client_id is unique";
}

class VisitStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    const RegionCode county = RegionCode::Parse("511025").value();
    const std::vector<UnitRow> units = {{"U1", "县农业农村局", "county_department", county, 0}};
    ASSERT_TRUE(store_->WriteUnits(units, ctx_).ok());
    const std::vector<CadreRow> cadres = {
        {"C1", "干部一", "U1", "干部", "other", true, "", "2019-01-01", "", 0},
        {"C2", "干部二", "U1", "干部", "other", true, "", "2019-01-01", "", 0}};
    ASSERT_TRUE(store_->WriteCadres(cadres, ctx_).ok());
  }

  static VisitRow Visit(const std::string& client_id, const std::string& household, RegionCode village,
                        const char* cadre, const char* date) {
    VisitRow v;
    v.client_id = client_id;
    v.household_id = household;
    v.village = village;
    v.cadre_id = cadre;
    v.date = date;
    v.time = "09:00";
    v.kind = "home_visit";
    v.measures = {"policy_explanation", "industry"};
    v.notes = "备注";
    v.recorded_by = "user:cadre";
    return v;
  }

  std::unique_ptr<Store> store_;
  ChangeContext ctx_{"test", "test"};
};

TEST_F(VisitStore, AClientIdIsStoredOnce) {
  VisitRow a =
      Visit("00000000-0000-4000-8000-000000000001", "5110251002010001", kVillage, "C1", "2020-10-19");
  a.problems.push_back({0, 0, a.household_id, kVillage, "漏雨", "住房", "open", "2020-10-19", 0});
  a.lat_e6 = 29775000;
  a.lng_e6 = 104852000;
  const VisitRow b =
      Visit("00000000-0000-4000-8000-000000000002", "5110251002010002", kVillage, "C1", "2020-10-20");
  const std::vector<VisitRow> first = {a, b};
  auto written = store_->WriteVisits(first, ctx_);
  ASSERT_TRUE(written.ok()) << written.status().ToString(Lang::kEn);
  ASSERT_EQ(written->size(), 2u);
  EXPECT_FALSE((*written)[0].duplicate);
  EXPECT_FALSE((*written)[1].duplicate);

  VisitRow replay = a;
  replay.notes = "other";
  const std::vector<VisitRow> second = {replay};
  auto again = store_->WriteVisits(second, ctx_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE((*again)[0].duplicate);
  EXPECT_EQ((*again)[0].id, (*written)[0].id);

  auto stored = store_->FindVisit((*written)[0].id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  const VisitRow& s = **stored;
  EXPECT_EQ(s.notes, "备注") << "the stored visit is not overwritten";
  EXPECT_EQ(s.measures, a.measures);
  EXPECT_EQ(s.lat_e6, 29775000);
  EXPECT_FALSE(s.recorded_at.empty());
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].visit_id, s.id);
  EXPECT_EQ(s.problems[0].version, 1);
  EXPECT_EQ(s.problems[0].found_on, "2020-10-19");
  auto by_client = store_->FindVisitByClientId(a.client_id);
  ASSERT_TRUE(by_client.ok() && by_client->has_value());
  EXPECT_EQ(**by_client, s);
  auto problems = store_->ListProblems(RegionCode());
  ASSERT_TRUE(problems.ok());
  EXPECT_EQ(problems->size(), 1u) << "the replay wrote no second problem";
}

TEST_F(VisitStore, AFailedBatchWritesNothing) {
  const std::vector<VisitRow> batch = {
      Visit("00000000-0000-4000-8000-000000000001", "5110251002010001", kVillage, "C1", "2020-10-19"),
      Visit("00000000-0000-4000-8000-000000000002", "5110251002010002", kVillage, "NOBODY", "2020-10-19")};
  auto written = store_->WriteVisits(batch, ctx_);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().rule(), "visit.reference");
  auto all = store_->ListVisits({});
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

TEST_F(VisitStore, FiltersAndOrder) {
  const std::vector<VisitRow> batch = {
      Visit("00000000-0000-4000-8000-000000000001", "5110251002010001", kVillage, "C1", "2020-10-05"),
      Visit("00000000-0000-4000-8000-000000000002", "5110251002010001", kVillage, "C1", "2020-10-19"),
      Visit("00000000-0000-4000-8000-000000000003", "5110251012010001", kOtherTown, "C2", "2020-10-19")};
  ASSERT_TRUE(store_->WriteVisits(batch, ctx_).ok());
  VisitFilter f;
  f.household_id = "5110251002010001";
  auto of_household = store_->ListVisits(f);
  ASSERT_TRUE(of_household.ok());
  ASSERT_EQ(of_household->size(), 2u);
  EXPECT_EQ((*of_household)[0].date, "2020-10-19") << "newest first";
  f = {};
  f.within = RegionCode::Parse("511025101").value();
  EXPECT_EQ(store_->ListVisits(f)->size(), 1u);
  f = {};
  f.cadre_id = "C1";
  f.from = "2020-10-06";
  EXPECT_EQ(store_->ListVisits(f)->size(), 1u);
  f.from = "";
  f.to = "2020-10-05";
  EXPECT_EQ(store_->ListVisits(f)->size(), 1u);
  auto marks = store_->ListVisitMarks(RegionCode::Parse("511025100").value(), 0);
  ASSERT_TRUE(marks.ok());
  ASSERT_EQ(marks->size(), 2u);
  EXPECT_EQ((*marks)[0], (VisitMark{"5110251002010001", "C1", "2020-10-05", 1}));
  auto newer = store_->ListVisitMarks(RegionCode(), 1);
  ASSERT_TRUE(newer.ok());
  ASSERT_EQ(newer->size(), 2u) << "only those after id 1";
  EXPECT_EQ((*newer)[0].id, 2);
}

TEST_F(VisitStore, PhotosOncePerVisitAndHash) {
  const std::vector<VisitRow> batch = {
      Visit("00000000-0000-4000-8000-000000000001", "5110251002010001", kVillage, "C1", "2020-10-19")};
  auto written = store_->WriteVisits(batch, ctx_);
  ASSERT_TRUE(written.ok());
  const int64_t id = (*written)[0].id;
  const VisitPhotoRow photo{id, std::string(64, 'a'), "image/jpeg", 1234, "", "user:cadre"};
  auto added = store_->AddVisitPhoto(photo, ctx_);
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(*added);
  auto again = store_->AddVisitPhoto(photo, ctx_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  auto stored = store_->FindVisit(id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  ASSERT_EQ((*stored)->photos.size(), 1u);
  EXPECT_EQ((*stored)->photos[0].size, 1234);
  EXPECT_FALSE((*stored)->photos[0].added_at.empty());
  VisitPhotoRow nowhere = photo;
  nowhere.visit_id = id + 100;
  EXPECT_EQ(store_->AddVisitPhoto(nowhere, ctx_).status().code(), StatusCode::kNotFound);
}

TEST_F(VisitStore, TheComplianceMarkMovesWithVisitsAndHistory) {
  auto before = store_->CurrentComplianceMark();
  ASSERT_TRUE(before.ok());
  const std::vector<VisitRow> batch = {
      Visit("00000000-0000-4000-8000-000000000001", "5110251002010001", kVillage, "C1", "2020-10-19")};
  ASSERT_TRUE(store_->WriteVisits(batch, ctx_).ok());
  auto after_visit = store_->CurrentComplianceMark();
  ASSERT_TRUE(after_visit.ok());
  EXPECT_EQ(after_visit->visit_id, before->visit_id + 1);
  EXPECT_EQ(after_visit->history_id, before->history_id);
  AssignmentChange change;
  AssignmentRow a;
  a.kind = "household_cadre";
  a.target = "5110251002010001";
  a.region = kVillage;
  a.cadre_id = "C2";
  a.date_from = "2020-10-20";
  change.inserts.push_back(a);
  ASSERT_TRUE(store_->WriteAssignments(change, ctx_).ok());
  auto after_assignment = store_->CurrentComplianceMark();
  ASSERT_TRUE(after_assignment.ok());
  EXPECT_GT(after_assignment->history_id, after_visit->history_id);
}

}  // namespace
}  // namespace fupin::store
