// Visits: validation (each rule with its field and message), logging idempotent by
// client_id, problems written with their visit, the own-household rule by dated
// assignments, and the audit entry (on the small county of the responsibility tests).
#include "visits/visit.hpp"

#include <gtest/gtest.h>

#include "responsibility/responsibility_test_support.hpp"

namespace fupin::visits {
namespace {

using responsibility::test::D;
using responsibility::test::Hh;
using responsibility::test::kA1;
using responsibility::test::kA2;
using responsibility::test::kB1;

constexpr char kUuid[] = "3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b";

VisitInput Valid() {
  VisitInput in;
  in.client_id = kUuid;
  in.household_id = Hh(kA1, 1);
  in.date = "2020-10-19";
  in.time = "09:30";
  in.kind = "home_visit";
  in.measures = {"policy_explanation", "产业帮扶"};
  in.problems = {{"屋顶漏雨，需要维修", "住房"}};
  in.notes = "宣讲政策";
  in.lat = 29.775;
  in.lng = 104.852;
  return in;
}

// Expects `in` to be refused with `rule` at `field`, the message naming `zh` / `en`.
void ExpectRefused(const VisitInput& in, const std::string& field, const std::string& rule,
                   const std::string& zh, const std::string& en) {
  auto r = ValidateVisit(in, D(2020, 10, 20));
  ASSERT_FALSE(r.ok()) << field;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), field);
  EXPECT_EQ(r.status().rule(), rule);
  EXPECT_NE(r.status().message().zh.find(zh), std::string::npos) << r.status().message().zh;
  EXPECT_NE(r.status().message().en.find(en), std::string::npos) << r.status().message().en;
}

TEST(VisitValidationTest, AValidVisitGetsCodes) {
  VisitInput in = Valid();
  in.client_id = "3F2B8C1E-0D4A-4E6B-9A57-1C2D3E4F5A6B";
  in.kind = "入户走访";
  auto v = ValidateVisit(in, D(2020, 10, 20));
  ASSERT_TRUE(v.ok()) << v.status().ToString(Lang::kEn);
  EXPECT_EQ(v->client_id, kUuid) << "lowercased";
  EXPECT_EQ(v->kind, "home_visit");
  const std::vector<std::string> measures = {"policy_explanation", "industry"};
  EXPECT_EQ(v->measures, measures);
  ASSERT_EQ(v->problems.size(), 1u);
  EXPECT_EQ(v->problems[0].status, "open");
  EXPECT_EQ(v->problems[0].category, "住房");
  EXPECT_EQ(v->problems[0].found_on, "2020-10-19");
  EXPECT_EQ(v->lat_e6, 29775000);
  EXPECT_EQ(v->lng_e6, 104852000);
  EXPECT_EQ(TermOf(VisitMeasure::kProductSales).code, "product_sales");
  EXPECT_EQ(ParseTerm<VisitMeasure>("产品销售"), VisitMeasure::kProductSales);
  EXPECT_EQ(ParseTerm<VisitKind>("电话联系"), VisitKind::kPhoneCall);
}

TEST(VisitValidationTest, EveryRuleNamesItsField) {
  VisitInput in = Valid();
  in.client_id = "";
  ExpectRefused(in, "client_id", "visit.client_id", "缺少 client_id",
                "client_id (a UUID made by the phone) is missing");
  in.client_id = "offline-1";
  ExpectRefused(in, "client_id", "visit.client_id", "不是 UUID", "is not a UUID");
  in = Valid();
  in.household_id = " ";
  ExpectRefused(in, "household_id", "visit.household", "缺少户编号", "has no household");
  in = Valid();
  in.date = "2020-13-01";
  ExpectRefused(in, "date", "visit.date", "走访日期“2020-13-01”无效", "not a date");
  in.date = "";
  ExpectRefused(in, "date", "visit.date", "无效", "not a date");
  in.date = "2020-10-21";
  ExpectRefused(in, "date", "visit.date_future", "晚于今天（2020-10-20）", "after today (2020-10-20)");
  in = Valid();
  in.time = "24:00";
  ExpectRefused(in, "time", "visit.time", "HH:MM", "HH:MM");
  in.time = "9:30";
  ExpectRefused(in, "time", "visit.time", "“9:30”", "\"9:30\"");
  in = Valid();
  in.kind = "visit";
  ExpectRefused(in, "kind", "visit.kind", "走访方式“visit”未知", "visit kind \"visit\" is unknown");
  in.kind = "";
  ExpectRefused(in, "kind", "visit.kind", "未知", "unknown");
  in = Valid();
  in.measures = {"industry", "gifts"};
  ExpectRefused(in, "measures[1]", "visit.measure", "帮扶措施“gifts”未知", "measure \"gifts\" is unknown");
  in.measures = {"industry", "产业帮扶"};
  ExpectRefused(in, "measures[1]", "visit.measure_duplicate", "重复", "given twice");
  in = Valid();
  in.problems = {{"ok", ""}, {"  ", "住房"}};
  ExpectRefused(in, "problems[1].description", "visit.problem", "第 2 个问题缺少描述",
                "problem 2 has no description");
  in.problems = {{std::string(1001, 'x'), ""}};
  ExpectRefused(in, "problems[0].description", "visit.problem", "超过 1000 个字",
                "longer than 1000 characters");
  in = Valid();
  std::string long_notes;
  for (int i = 0; i < 4001; ++i) long_notes += "字";
  in.notes = long_notes;
  ExpectRefused(in, "notes", "visit.notes", "备注超过 4000 个字", "longer than 4000 characters");
  in = Valid();
  in.lng.reset();
  ExpectRefused(in, "location.lng", "visit.location", "同时有纬度 lat 和经度 lng", "both lat and lng");
  in = Valid();
  in.lat = 91;
  ExpectRefused(in, "location", "visit.location", "超出范围", "out of range");
}

TEST(VisitValidationTest, ChineseTextIsCountedInCharacters) {
  VisitInput in = Valid();
  std::string notes;
  for (int i = 0; i < 4000; ++i) notes += "字";  // 12,000 bytes, 4,000 characters
  in.notes = notes;
  EXPECT_TRUE(ValidateVisit(in, D(2020, 10, 20)).ok());
  EXPECT_TRUE(IsClientId(kUuid));
  EXPECT_FALSE(IsClientId("3f2b8c1e0d4a4e6b9a571c2d3e4f5a6b"));
  EXPECT_FALSE(IsClientId("3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6g"));
}

class LogVisitTest : public responsibility::test::SmallCountyTest {
 protected:
  store::CadreRow Cadre(const char* id) {
    auto c = store_->FindCadre(id);
    EXPECT_TRUE(c.ok() && c->has_value()) << id;
    return c.ok() && c->has_value() ? **c : store::CadreRow{};
  }
  Result<LoggedVisit> Log(const VisitInput& in, const char* cadre) {
    return LogVisit(*store_, in, Cadre(cadre), D(2020, 10, 20), {"user:cadre", "test"}, "10.0.0.7");
  }
  int64_t Count(const std::string& table) {
    auto visits = store_->ListVisits({});
    if (table == "visits") return visits.ok() ? static_cast<int64_t>(visits->size()) : -1;
    auto problems = store_->ListProblems(RegionCode());
    return problems.ok() ? static_cast<int64_t>(problems->size()) : -1;
  }
};

TEST_F(LogVisitTest, TheSameClientIdAgainReturnsTheStoredVisitAndWritesNothing) {
  auto first = Log(Valid(), "C1");
  ASSERT_TRUE(first.ok()) << first.status().ToString(Lang::kEn);
  EXPECT_FALSE(first->duplicate);
  EXPECT_GT(first->visit.id, 0);
  EXPECT_EQ(first->visit.village, responsibility::test::R(kA1));
  EXPECT_EQ(first->visit.cadre_id, "C1");
  EXPECT_EQ(first->visit.recorded_by, "user:cadre");
  EXPECT_FALSE(first->visit.recorded_at.empty());
  ASSERT_EQ(first->visit.problems.size(), 1u) << "the problem is written with its visit";
  EXPECT_EQ(first->visit.problems[0].status, "open");
  EXPECT_EQ(first->visit.problems[0].visit_id, first->visit.id);
  EXPECT_EQ(first->visit.problems[0].village, responsibility::test::R(kA1));
  auto head = store_->AuditHead();
  ASSERT_TRUE(head.ok());

  VisitInput again = Valid();
  again.notes = "changed on the phone since";  // a replay answers with what is stored
  auto second = Log(again, "C1");
  ASSERT_TRUE(second.ok()) << second.status().ToString(Lang::kEn);
  EXPECT_TRUE(second->duplicate);
  EXPECT_EQ(second->visit, first->visit);
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("problems"), 1);
  auto head_after = store_->AuditHead();
  ASSERT_TRUE(head_after.ok());
  EXPECT_EQ(*head_after, *head) << "a replay writes no audit entry";
}

TEST_F(LogVisitTest, TheVisitAndItsAuditEntryCommitTogether) {
  ASSERT_TRUE(Log(Valid(), "C1").ok());
  auto entries = store_->ListAudit(0, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_FALSE(entries->empty());
  const auto& e = entries->back().event;
  EXPECT_EQ(e.action, "visits.log");
  EXPECT_EQ(e.target, Hh(kA1, 1));
  EXPECT_EQ(e.actor, "user:cadre");
  EXPECT_EQ(e.ip, "10.0.0.7");
  EXPECT_NE(e.detail.find(kUuid), std::string::npos);
}

TEST_F(LogVisitTest, OnlyTheCadresOwnHouseholdsOnTheVisitsDate) {
  VisitInput in = Valid();
  in.household_id = Hh(kA2, 1);  // C2's
  auto other = Log(in, "C1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(other.status().field(), "household_id");
  EXPECT_NE(other.status().message().zh.find("不是您（干部一）的帮扶户"), std::string::npos);
  in.household_id = Hh(kA1, 3);  // nobody's
  EXPECT_EQ(Log(in, "C1").status().code(), StatusCode::kNotFound);
  in.household_id = "5110251002019999";  // not registered
  EXPECT_EQ(Log(in, "C1").status().code(), StatusCode::kNotFound);
  // Before the assignments began (2020-01-01) the household was not the cadre's.
  in = Valid();
  in.date = "2019-12-31";
  EXPECT_EQ(Log(in, "C1").status().code(), StatusCode::kNotFound);
  // C5 left office on 2020-03-31: no visits after that.
  in = Valid();
  in.household_id = Hh(kB1, 2);
  EXPECT_EQ(Log(in, "C5").status().code(), StatusCode::kNotFound);
  in.date = "2020-03-02";
  EXPECT_TRUE(Log(in, "C5").ok()) << "while in office";
  EXPECT_EQ(Count("visits"), 1);
}

TEST_F(LogVisitTest, AClientIdOfAnotherCadresVisitIsAConflict) {
  ASSERT_TRUE(Log(Valid(), "C1").ok());
  VisitInput in = Valid();
  in.household_id = Hh(kA2, 1);
  auto taken = Log(in, "C2");
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), StatusCode::kConflict);
  EXPECT_EQ(taken.status().rule(), "visit.client_id_taken");
}

TEST_F(LogVisitTest, InvalidInputWritesNothing) {
  VisitInput in = Valid();
  in.kind = "visit";
  EXPECT_EQ(Log(in, "C1").status().rule(), "visit.kind");
  EXPECT_EQ(Count("visits"), 0);
  EXPECT_EQ(Count("problems"), 0);
}

TEST_F(LogVisitTest, OwnHouseholdsAndTheCadreOfAPhone) {
  auto own = OwnHouseholds(*store_, Cadre("C1"), D(2020, 10, 20));
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 3u);
  EXPECT_EQ((*own)[0].target, Hh(kA1, 1));
  EXPECT_EQ((*own)[2].target, Hh(kA1, 4));
  auto left = OwnHouseholds(*store_, Cadre("C5"), D(2020, 10, 20));
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty()) << "out of office";
  auto nobody = CadreWithPhone(*store_, "13900000000", D(2020, 10, 20));
  ASSERT_TRUE(nobody.ok());
  EXPECT_FALSE(nobody->has_value());
  auto someone = CadreWithPhone(*store_, "13800000000", D(2020, 10, 20));  // the fixture's cadres share it
  ASSERT_TRUE(someone.ok());
  ASSERT_TRUE(someone->has_value());
  EXPECT_NE((*someone)->id, "C5") << "one in office is preferred";
}

}  // namespace
}  // namespace fupin::visits
