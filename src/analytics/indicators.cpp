#include "analytics/indicators.hpp"

#include <numeric>

namespace fupin::analytics {
namespace {

HouseholdsPersons Pair(const NodeCounters& c, int households, int persons) {
  return {c.n[static_cast<size_t>(households)], c.n[static_cast<size_t>(persons)]};
}

}  // namespace

int64_t Indicators::monitoring_total() const {
  return std::accumulate(monitoring.begin(), monitoring.end(), int64_t{0});
}

int64_t Indicators::risk_eliminated_total() const {
  return std::accumulate(risk_eliminated.begin(), risk_eliminated.end(), int64_t{0});
}

std::optional<Money> Indicators::average_per_capita_income() const {
  if (income_households <= 0) return std::nullopt;
  return Money::FromFen(income_sum_fen).DividedBy(income_households);
}

Indicators ToIndicators(const NodeCounters& c) {
  namespace k = counter;
  Indicators out;
  out.villages = c.n[k::kVillages];
  out.poor_villages = c.n[k::kPoorVillages];
  out.all = Pair(c, k::kHouseholds, k::kPersons);
  out.registered = Pair(c, k::kRegisteredHouseholds, k::kRegisteredPersons);
  out.poor = Pair(c, k::kPoorHouseholds, k::kPoorPersons);
  out.exited = Pair(c, k::kExitedHouseholds, k::kExitedPersons);
  for (int b = 0; b < kExitYearBuckets; ++b) {
    out.exited_by_year[static_cast<size_t>(b)] = Pair(c, k::kExitYearHouseholds + b, k::kExitYearPersons + b);
  }
  out.eligible_not_exited = Pair(c, k::kEligibleNotExitedHouseholds, k::kEligibleNotExitedPersons);
  out.wrong_exit = Pair(c, k::kWrongExitHouseholds, k::kWrongExitPersons);
  out.missed_assessment = Pair(c, k::kMissedHouseholds, k::kMissedPersons);
  for (int b = 0; b < kMonitoringBuckets; ++b) {
    out.monitoring[static_cast<size_t>(b)] = c.n[static_cast<size_t>(k::kMonitoring + b)];
    out.risk_eliminated[static_cast<size_t>(b)] = c.n[static_cast<size_t>(k::kRiskEliminated + b)];
  }
  out.income_households = c.n[k::kIncomeHouseholds];
  out.income_sum_fen = c.income_fen;
  out.assessed_households = c.n[k::kAssessedHouseholds];
  for (int s = 0; s < kCriterionSlots; ++s)
    out.failures[static_cast<size_t>(s)] = c.n[static_cast<size_t>(k::kFailures + s)];
  for (int i = 0; i < registry::kCauseCount; ++i) {
    out.main_causes[static_cast<size_t>(i)] = c.n[static_cast<size_t>(k::kCauses + i)];
  }
  return out;
}

}  // namespace fupin::analytics
