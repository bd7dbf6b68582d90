// HouseholdRecord: what the indicator engine keeps of a household — 16 bytes, only
// the facts the indicators count — and NodeCounters, the counters of one region.
//
// A record is derived once from a registry::Household and the policy's verdict for
// the report year (MakeHouseholdRecord). Accumulate() is the single definition of
// how a record counts toward its region; the engine uses it both for live updates
// and for the full recompute, so the two cannot disagree.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "analytics/region_tree.hpp"
#include "core/status.hpp"
#include "policy/policy.hpp"
#include "registry/household.hpp"

namespace fupin::analytics {

/// Exits are counted per exit year 2014..2030; any other year (or none) goes to a
/// last bucket, "year not recorded".
inline constexpr int kFirstExitYear = 2014;
inline constexpr int kLastExitYear = 2030;
inline constexpr int kExitYearBuckets = kLastExitYear - kFirstExitYear + 2;
inline constexpr int kUnknownExitYearBucket = kExitYearBuckets - 1;

/// Monitoring objects per MonitoringCategory value; bucket 0 holds households with
/// status 监测对象 whose category is not recorded.
inline constexpr int kMonitoringBuckets = 4;

/// Household exit criteria counted per rule: every built-in household rule in
/// policy::HouseholdRules() order, then policy.standard (no standard for the region).
inline constexpr int kCriterionSlots = 10;

/// The rule id counted in slot `slot` (0 <= slot < kCriterionSlots).
std::string_view CriterionId(int slot);
/// The Chinese and English name of the criterion in `slot`.
const Message& CriterionName(int slot);
/// The slot of a rule id, or -1.
int CriterionSlot(std::string_view rule_id);

/// One household, compactly. Plain data: the bench builds records directly.
struct HouseholdRecord {
  NodeIndex node = kNoNode;    // its village in the RegionTree; kNoNode marks a free slot
  int32_t per_capita_fen = 0;  // 人均纯收入 in fen, saturated to the int32 range
  uint16_t persons = 0;        // members, saturated at 65,535
  uint16_t failures = 0;       // bit s set: criterion slot s failed
  uint8_t status = 0;          // registry::HouseholdStatus
  uint8_t main_cause = 0;      // registry::Cause
  uint8_t exit_year = 0;       // exit-year bucket: year - 2014, or kUnknownExitYearBucket
  uint8_t flags = 0;           // kCategoryMask bits: MonitoringCategory; plus the flags below

  static constexpr uint8_t kCategoryMask = 0x03;
  static constexpr uint8_t kEligible = 0x04;        // the verdict says eligible to exit
  static constexpr uint8_t kBelowLine = 0x08;       // per-capita income strictly below the year's line
  static constexpr uint8_t kRiskEliminated = 0x10;  // 风险已消除

  bool eligible() const { return (flags & kEligible) != 0; }
  bool below_line() const { return (flags & kBelowLine) != 0; }
  bool risk_eliminated() const { return (flags & kRiskEliminated) != 0; }
  int category() const { return flags & kCategoryMask; }

  bool operator==(const HouseholdRecord&) const = default;
};
static_assert(sizeof(HouseholdRecord) == 16, "HouseholdRecord must stay 16 bytes");

/// The exit-year bucket of a year.
constexpr uint8_t ExitYearBucket(int year) {
  return static_cast<uint8_t>(year >= kFirstExitYear && year <= kLastExitYear ? year - kFirstExitYear
                                                                              : kUnknownExitYearBucket);
}

/// Evaluates `household` once with `policy` for `year` and keeps what the indicators
/// need: verdict (eligible, failed criteria), income below the line, status, causes,
/// monitoring category, exit year, persons, per-capita income. `village` is the node
/// of household.village. Never fails: a missing standard is a failed criterion.
HouseholdRecord MakeHouseholdRecord(const policy::Policy& policy, const registry::Household& household,
                                    int year, NodeIndex village);

/// invalid_argument ("analytics.record") when a field is out of range: status, main
/// cause, exit-year bucket, failure bits; `node_count` bounds the node.
Status ValidateRecord(const HouseholdRecord& record, size_t node_count);

// --- Counters ---------------------------------------------------------------------

/// Indices into NodeCounters::n. What each counts is defined by Accumulate():
/// "registered" = status other than 非建档立卡户; "poor" = 未脱贫 or 返贫.
namespace counter {
inline constexpr int kHouseholds = 0;            // every household in the data
inline constexpr int kPersons = 1;               // their members: incidence denominator
inline constexpr int kRegisteredHouseholds = 2;  // 建档立卡
inline constexpr int kRegisteredPersons = 3;
inline constexpr int kPoorHouseholds = 4;  // 未脱贫 + 返贫
inline constexpr int kPoorPersons = 5;     // incidence numerator
inline constexpr int kExitedHouseholds = 6;
inline constexpr int kExitedPersons = 7;
inline constexpr int kEligibleNotExitedHouseholds = 8;  // poor, verdict eligible
inline constexpr int kEligibleNotExitedPersons = 9;
inline constexpr int kWrongExitHouseholds = 10;  // 错退: exited, verdict not eligible
inline constexpr int kWrongExitPersons = 11;
inline constexpr int kMissedHouseholds = 12;  // 漏评: not registered, income below the line
inline constexpr int kMissedPersons = 13;
inline constexpr int kIncomeHouseholds = 14;    // registered households in the income average
inline constexpr int kAssessedHouseholds = 15;  // registered, not 自然减少: the failures' base
inline constexpr int kVillages = 16;            // village-level regions
inline constexpr int kPoorVillages = 17;        // 贫困村
inline constexpr int kMonitoring = 18;          // + bucket (kMonitoringBuckets)
inline constexpr int kRiskEliminated = kMonitoring + kMonitoringBuckets;
inline constexpr int kExitYearHouseholds = kRiskEliminated + kMonitoringBuckets;  // + bucket
inline constexpr int kExitYearPersons = kExitYearHouseholds + kExitYearBuckets;   // + bucket
inline constexpr int kFailures = kExitYearPersons + kExitYearBuckets;             // + criterion slot
inline constexpr int kCauses = kFailures + kCriterionSlots;                       // + registry::Cause
inline constexpr int kCount = kCauses + registry::kCauseCount;
/// Counters 0..15 depend only on the record's class (status, eligible, below the
/// line) and persons: Accumulate updates them as one 16-lane vector.
inline constexpr int kClassLanes = 16;
}  // namespace counter

/// The counters of one region: its own households plus everything below it. Counts
/// are uint32 (updated with wrap-around arithmetic, exact while every true count
/// fits, i.e. below 4.29 billion); the income sum is int64 fen.
struct NodeCounters {
  int64_t income_fen = 0;  // sum of registered households' per-capita net income
  std::array<uint32_t, counter::kCount> n{};

  bool operator==(const NodeCounters&) const = default;
};

namespace detail {

// Which of counters 0..15 a record of each class counts toward (all ones) and
// which not (zero); class = status * 4 + eligible + 2 * below_line.
inline constexpr int kRecordClasses = 6 * 4;
struct ClassMasks {
  uint32_t lanes[kRecordClasses][counter::kClassLanes];
};
constexpr ClassMasks MakeClassMasks() {
  using registry::HouseholdStatus;
  ClassMasks m{};
  for (int status = 0; status < 6; ++status) {
    for (int bits = 0; bits < 4; ++bits) {
      const bool eligible = (bits & 1) != 0;
      const bool below_line = (bits & 2) != 0;
      const auto s = static_cast<HouseholdStatus>(status);
      const bool registered = s != HouseholdStatus::kNotRegistered;
      const bool poor = s == HouseholdStatus::kPoor || s == HouseholdStatus::kReturned;
      const bool exited = s == HouseholdStatus::kExited;
      const bool pairs[7] = {
          true, registered, poor, exited, poor && eligible, exited && !eligible, !registered && below_line};
      uint32_t* lane = m.lanes[status * 4 + bits];
      for (int i = 0; i < 7; ++i) lane[2 * i] = lane[2 * i + 1] = pairs[i] ? ~0U : 0U;
      lane[counter::kIncomeHouseholds] = registered ? ~0U : 0U;
      lane[counter::kAssessedHouseholds] = registered && s != HouseholdStatus::kRemoved ? ~0U : 0U;
    }
  }
  return m;
}
inline constexpr ClassMasks kClassMasks = MakeClassMasks();

// 16 uint32 lanes; GCC and Clang lower it to whatever vector width the target has.
using Lanes = uint32_t __attribute__((vector_size(64)));

}  // namespace detail

/// Adds (`sign` = 1) or subtracts (`sign` = 0xFFFFFFFF, i.e. -1 mod 2^32) the
/// contribution of `r` to `c`. `r` must be valid (ValidateRecord).
inline void Accumulate(NodeCounters& c, const HouseholdRecord& r, uint32_t sign) {
  using registry::HouseholdStatus;
  namespace k = counter;
  const uint32_t status = r.status;
  const uint32_t sp = sign * r.persons;

  // Counters 0..15: households lanes add `sign`, persons lanes `sign * persons`,
  // masked by the record's class.
  detail::Lanes mask;
  std::memcpy(&mask, detail::kClassMasks.lanes[status * 4 + ((r.flags >> 2) & 3U)], sizeof mask);
  const detail::Lanes value = {sign, sp, sign, sp, sign, sp, sign, sp,
                               sign, sp, sign, sp, sign, sp, sign, sign};
  detail::Lanes lanes;
  std::memcpy(&lanes, c.n.data(), sizeof lanes);
  lanes += value & mask;
  std::memcpy(c.n.data(), &lanes, sizeof lanes);

  const uint32_t registered = status != static_cast<uint32_t>(HouseholdStatus::kNotRegistered);
  const uint32_t exited = status == static_cast<uint32_t>(HouseholdStatus::kExited);
  const uint32_t category = r.flags & HouseholdRecord::kCategoryMask;
  const uint32_t monitoring =
      static_cast<uint32_t>(category != 0) |
      static_cast<uint32_t>(status == static_cast<uint32_t>(HouseholdStatus::kMonitoring));
  c.n[k::kMonitoring + category] += sign * monitoring;
  c.n[k::kRiskEliminated + category] += sign * (monitoring & ((r.flags >> 4) & 1U));
  c.n[k::kExitYearHouseholds + r.exit_year] += sign * exited;
  c.n[k::kExitYearPersons + r.exit_year] += sp * exited;
  c.n[k::kCauses + r.main_cause] += sign * registered;
  // Most households fail nothing: skip the loop rather than add ten zeros.
  const bool assessed = registered != 0 && status != static_cast<uint32_t>(HouseholdStatus::kRemoved);
  for (uint32_t failures = assessed ? r.failures : 0U; failures != 0; failures &= failures - 1) {
    c.n[static_cast<size_t>(k::kFailures + std::countr_zero(failures))] += sign;
  }
  c.income_fen += static_cast<int64_t>(static_cast<int32_t>(sign)) * static_cast<int64_t>(r.per_capita_fen) *
                  static_cast<int64_t>(registered);
}

/// to += from, word by word.
inline void AddCounters(NodeCounters& to, const NodeCounters& from) {
  to.income_fen += from.income_fen;
  for (int i = 0; i < counter::kCount; ++i) to.n[i] += from.n[i];
}

}  // namespace fupin::analytics
