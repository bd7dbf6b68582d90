// The escalation of a task on the exact boundary days, the policy's numbers, and
// period labels.
#include <gtest/gtest.h>

#include "policy/policy_file.hpp"
#include "worklist/task.hpp"

namespace fupin::worklist {
namespace {

Date D(int y, int m, int d) {
  return Date::FromYmd(y, m, d).value();
}

Task Open(const char* deadline) {
  Task t;
  t.deadline = deadline;
  t.status = "open";
  return t;
}

TEST(EscalationTest, DefaultPolicyNumbers) {
  const policy::WorkListRule* rule = policy::DefaultPolicy().WorkListRuleAt(D(2020, 10, 20));
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->due_soon_days, 3);
  EXPECT_EQ(rule->escalate_after_days, 7);
  EXPECT_GT(rule->line, 0) << "the rule knows its line in default.toml";
}

TEST(EscalationTest, BoundaryDaysAroundTheDeadline) {
  const policy::WorkListRule* rule = policy::DefaultPolicy().WorkListRuleAt(D(2020, 10, 20));
  ASSERT_NE(rule, nullptr);
  const Task t = Open("2020-10-20");
  const Date deadline = D(2020, 10, 20);
  const std::pair<int, EscalationLevel> days[] = {
      {-30, EscalationLevel::kNone},       {-4, EscalationLevel::kNone},
      {-3, EscalationLevel::kDueSoon},     {-1, EscalationLevel::kDueSoon},
      {0, EscalationLevel::kDueSoon},      {1, EscalationLevel::kOverdue},
      {7, EscalationLevel::kOverdue},      {8, EscalationLevel::kOverdueWeek},
      {60, EscalationLevel::kOverdueWeek},
  };
  for (const auto& [offset, expected] : days) {
    EXPECT_EQ(Escalation(t, deadline.AddDays(offset), rule), expected)
        << "deadline " << offset << " days: " << deadline.AddDays(offset).ToString();
    EXPECT_EQ(DaysToDeadline(t, deadline.AddDays(offset)), -offset);
  }
}

TEST(EscalationTest, DoneBeatsEverything) {
  const policy::WorkListRule* rule = policy::DefaultPolicy().WorkListRuleAt(D(2020, 10, 20));
  Task t = Open("2020-09-01");
  t.status = "done";
  t.completed_on = "2020-10-15";
  for (int offset : {-10, -3, 0, 1, 8, 100}) {
    EXPECT_EQ(Escalation(t, D(2020, 9, 1).AddDays(offset), rule), EscalationLevel::kDone) << offset;
  }
}

TEST(EscalationTest, TheNumbersComeFromThePolicy) {
  policy::WorkListRule rule;
  rule.due_soon_days = 5;
  rule.escalate_after_days = 14;
  const Task t = Open("2020-10-20");
  EXPECT_EQ(Escalation(t, D(2020, 10, 14), &rule), EscalationLevel::kNone);
  EXPECT_EQ(Escalation(t, D(2020, 10, 15), &rule), EscalationLevel::kDueSoon);
  EXPECT_EQ(Escalation(t, D(2020, 11, 3), &rule), EscalationLevel::kOverdue);
  EXPECT_EQ(Escalation(t, D(2020, 11, 4), &rule), EscalationLevel::kOverdueWeek);
}

TEST(EscalationTest, WithoutARuleOnlyOverdue) {
  const Task t = Open("2020-10-20");
  EXPECT_EQ(Escalation(t, D(2020, 10, 20), nullptr), EscalationLevel::kNone);
  EXPECT_EQ(Escalation(t, D(2020, 10, 21), nullptr), EscalationLevel::kOverdue);
  EXPECT_EQ(Escalation(t, D(2021, 10, 21), nullptr), EscalationLevel::kOverdue);
}

TEST(EscalationTest, MostUrgentFirst) {
  EXPECT_LT(UrgencyRank(EscalationLevel::kOverdueWeek), UrgencyRank(EscalationLevel::kOverdue));
  EXPECT_LT(UrgencyRank(EscalationLevel::kOverdue), UrgencyRank(EscalationLevel::kDueSoon));
  EXPECT_LT(UrgencyRank(EscalationLevel::kDueSoon), UrgencyRank(EscalationLevel::kNone));
  EXPECT_LT(UrgencyRank(EscalationLevel::kNone), UrgencyRank(EscalationLevel::kDone));
}

TEST(TaskPeriodTest, LabelsOfEachKind) {
  auto year = ParseTaskPeriod(TaskPeriodKind::kYear, "2020");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->first(), D(2020, 1, 1));
  EXPECT_EQ(year->last(), D(2020, 12, 31));
  auto quarter = ParseTaskPeriod(TaskPeriodKind::kQuarter, "2020-Q3");
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->first(), D(2020, 7, 1));
  EXPECT_EQ(quarter->last(), D(2020, 9, 30));
  EXPECT_EQ(quarter->Label().zh, "2020年第3季度");
  auto month = ParseTaskPeriod(TaskPeriodKind::kMonth, "2020-02");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->last(), D(2020, 2, 29)) << "leap year";
  EXPECT_EQ(month->Key(), "2020-02");
  EXPECT_EQ(TaskPeriodLabel(TaskPeriodKind::kQuarter, D(2020, 10, 20)), "2020-Q4");
  EXPECT_EQ(TaskPeriodLabel(TaskPeriodKind::kMonth, D(2020, 10, 20)), "2020-10");
}

TEST(TaskPeriodTest, BadLabelsAreRefusedWithTheKind) {
  const std::pair<TaskPeriodKind, const char*> bad[] = {
      {TaskPeriodKind::kYear, "20"},           {TaskPeriodKind::kYear, "2020-Q1"},
      {TaskPeriodKind::kQuarter, "2020"},      {TaskPeriodKind::kQuarter, "2020-Q5"},
      {TaskPeriodKind::kQuarter, "2020-3"},    {TaskPeriodKind::kMonth, "2020-13"},
      {TaskPeriodKind::kMonth, "2020-00"},     {TaskPeriodKind::kMonth, "2020-9"},
      {TaskPeriodKind::kMonth, "二〇二〇-09"}, {TaskPeriodKind::kMonth, "2020-Q3"},
  };
  for (const auto& [kind, label] : bad) {
    auto p = ParseTaskPeriod(kind, label);
    ASSERT_FALSE(p.ok()) << label;
    EXPECT_EQ(p.status().rule(), "task.period") << label;
    EXPECT_EQ(p.status().field(), "period");
    EXPECT_NE(p.status().message().zh.find(label), std::string::npos) << p.status().message().zh;
    EXPECT_NE(p.status().message().en.find(std::string(TermOf(kind).en)), std::string::npos)
        << p.status().message().en;
  }
}

TEST(TaskVocabularyTest, CodesAndChineseTerms) {
  EXPECT_EQ(ParseTerm<EscalationLevel>("overdue_week"), EscalationLevel::kOverdueWeek);
  EXPECT_EQ(ParseTerm<EscalationLevel>("即将到期"), EscalationLevel::kDueSoon);
  EXPECT_EQ(ParseTerm<AssigneeType>("乡镇"), AssigneeType::kTown);
  EXPECT_EQ(ParseTerm<TaskPeriodKind>("季度"), TaskPeriodKind::kQuarter);
  EXPECT_EQ(TermOf(TaskStatus::kDone).code, "done");
  EXPECT_FALSE(ParseTerm<EscalationLevel>("late").has_value());
}

}  // namespace
}  // namespace fupin::worklist
