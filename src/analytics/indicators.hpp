// Indicators 指标: the figures of one region for one year, read from the engine's
// counters in O(1). Every rate is kept as numerator and denominator, so a parent's
// rate is exactly the sum of its children's parts.
//
// Definitions (the engine counts them; see household_record.hpp Accumulate):
// - all: every household in the data within the region, registered or not. Its
//   persons are the incidence denominator — the store records no population per
//   region, so "rural registered population" is taken as the persons of the
//   households the registry holds (建档立卡 and 非建档立卡 alike).
// - registered 建档立卡: status other than 非建档立卡户 (自然减少 included).
// - poor 未脱贫: status 未脱贫 or 返贫. Incidence = poor persons ÷ all persons.
// - exited 已脱贫, and per exit year 2014..2030 (+ "year not recorded").
// - eligible_not_exited: poor, and the policy's verdict for the year says eligible.
// - wrong_exit 疑似错退: exited, and the verdict says not eligible.
// - missed_assessment 疑似漏评: not registered, per-capita income strictly below
//   the year's line.
// - monitoring 监测对象: households with a monitoring category, or with status 监测对象
//   (category not recorded: bucket 0), any status; risk_eliminated among them.
// - income: mean of the registered households' per-capita net income (sum, count).
// - failures: registered households other than 自然减少 (assessed_households)
//   failing each criterion.
// - main_causes: registered households by main cause (bucket 0 = not recorded).
// - villages, poor_villages: village-level regions and 贫困村 within the region.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "analytics/household_record.hpp"
#include "core/money.hpp"
#include "policy/percent.hpp"

namespace fupin::analytics {

struct HouseholdsPersons {
  int64_t households = 0;
  int64_t persons = 0;

  bool operator==(const HouseholdsPersons&) const = default;
};

struct Indicators {
  int64_t villages = 0;
  int64_t poor_villages = 0;
  HouseholdsPersons all;
  HouseholdsPersons registered;
  HouseholdsPersons poor;
  HouseholdsPersons exited;
  /// [year - 2014] for 2014..2030; [kUnknownExitYearBucket] for any other year.
  std::array<HouseholdsPersons, kExitYearBuckets> exited_by_year{};
  HouseholdsPersons eligible_not_exited;
  HouseholdsPersons wrong_exit;
  HouseholdsPersons missed_assessment;
  /// By registry::MonitoringCategory; [0] = status 监测对象 without a category.
  std::array<int64_t, kMonitoringBuckets> monitoring{};
  std::array<int64_t, kMonitoringBuckets> risk_eliminated{};
  int64_t income_households = 0;
  int64_t income_sum_fen = 0;
  /// Registered households other than 自然减少: the base of `failures`.
  int64_t assessed_households = 0;
  /// By criterion slot (CriterionId).
  std::array<int64_t, kCriterionSlots> failures{};
  /// By registry::Cause.
  std::array<int64_t, registry::kCauseCount> main_causes{};

  /// Poverty incidence 贫困发生率 = poor persons ÷ persons of all households.
  policy::Ratio incidence() const { return {poor.persons, all.persons}; }
  int64_t monitoring_total() const;
  int64_t risk_eliminated_total() const;
  /// Mean per-capita net income, rounded to the fen; nullopt without households.
  std::optional<Money> average_per_capita_income() const;

  bool operator==(const Indicators&) const = default;
};

/// Reads the figures out of one node's counters.
Indicators ToIndicators(const NodeCounters& c);

}  // namespace fupin::analytics
