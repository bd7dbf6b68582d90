#include "analytics/household_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "policy/exit_evaluation.hpp"
#include "policy/rule.hpp"

namespace fupin::analytics {
namespace {

struct Criterion {
  std::string_view id;
  Message name;
};

// Slot order: the rules engine's stable order, then "no standard". A unit test checks
// that the table fills kCriterionSlots exactly, so a new rule cannot go uncounted.
const std::vector<Criterion>& Criteria() {
  static const std::vector<Criterion> all = [] {
    std::vector<Criterion> v;
    for (const policy::HouseholdRule* rule : policy::HouseholdRules())
      v.push_back({rule->id(), rule->name()});
    v.push_back({policy::kNoStandardRuleId, {"适用的退出标准", "applicable exit standard"}});
    return v;
  }();
  return all;
}

}  // namespace

std::string_view CriterionId(int slot) {
  const auto& all = Criteria();
  return slot >= 0 && static_cast<size_t>(slot) < all.size() ? all[static_cast<size_t>(slot)].id
                                                             : std::string_view();
}

const Message& CriterionName(int slot) {
  static const Message kNone;
  const auto& all = Criteria();
  return slot >= 0 && static_cast<size_t>(slot) < all.size() ? all[static_cast<size_t>(slot)].name : kNone;
}

int CriterionSlot(std::string_view rule_id) {
  const auto& all = Criteria();
  for (size_t i = 0; i < all.size() && i < static_cast<size_t>(kCriterionSlots); ++i) {
    if (all[i].id == rule_id) return static_cast<int>(i);
  }
  return -1;
}

HouseholdRecord MakeHouseholdRecord(const policy::Policy& policy, const registry::Household& household,
                                    int year, NodeIndex village) {
  HouseholdRecord r;
  r.node = village;
  const int64_t per_capita = household.PerCapitaNetIncome().fen();
  r.per_capita_fen = static_cast<int32_t>(std::clamp<int64_t>(per_capita, std::numeric_limits<int32_t>::min(),
                                                              std::numeric_limits<int32_t>::max()));
  r.persons = static_cast<uint16_t>(std::min<size_t>(household.members.size(), 0xFFFF));
  r.status = static_cast<uint8_t>(household.status);
  r.main_cause = static_cast<uint8_t>(household.main_cause);
  r.exit_year = ExitYearBucket(household.exit_year);
  r.flags = static_cast<uint8_t>(static_cast<uint8_t>(household.monitoring_category) &
                                 HouseholdRecord::kCategoryMask);
  if (household.risk_eliminated == registry::YesNo::kYes) r.flags |= HouseholdRecord::kRiskEliminated;

  const policy::HouseholdVerdict verdict = policy::EvaluateHousehold(policy, household, year);
  if (verdict.eligible_to_exit) r.flags |= HouseholdRecord::kEligible;
  for (const policy::CriterionResult& c : verdict.criteria) {
    if (c.pass) continue;
    const int slot = CriterionSlot(c.rule_id);
    if (slot >= 0) r.failures = static_cast<uint16_t>(r.failures | (1U << slot));
  }
  // No line for the year: income cannot be called below it, so no missed assessment.
  const Result<bool> below = policy::IncomeBelowLine(policy, household, year);
  if (below.ok() && *below) r.flags |= HouseholdRecord::kBelowLine;
  return r;
}

Status ValidateRecord(const HouseholdRecord& r, size_t node_count) {
  const char* what = nullptr;
  if (r.node >= node_count) {
    what = "node";
  } else if (r.status > static_cast<uint8_t>(registry::HouseholdStatus::kNotRegistered)) {
    what = "status";
  } else if (r.main_cause >= registry::kCauseCount) {
    what = "main_cause";
  } else if (r.exit_year >= kExitYearBuckets) {
    what = "exit_year";
  } else if ((r.failures >> kCriterionSlots) != 0) {
    what = "failures";
  } else if ((r.flags & ~(HouseholdRecord::kCategoryMask | HouseholdRecord::kEligible |
                          HouseholdRecord::kBelowLine | HouseholdRecord::kRiskEliminated)) != 0) {
    what = "flags";
  }
  if (what == nullptr) return Status::Ok();
  return Status::Invalid(
      what, "analytics.record",
      {fmt::format("户记录的 {} 超出范围", what), fmt::format("record field {} is out of range", what)});
}

}  // namespace fupin::analytics
