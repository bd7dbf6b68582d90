// IndicatorEngine 指标引擎: the live hierarchical indicators of every region for one
// year, held in memory and updated per household write.
//
// Data: a RegionTree (flat arrays, pre-order), one NodeCounters per node (its own
// households plus everything below), one 16-byte HouseholdRecord per household in a
// slot array, and a HouseholdIdMap from household id to slot.
//
// Costs: Put/Remove change the counters of the household's village and every
// ancestor — O(depth) = at most 6 nodes, no allocation beyond the slot array and
// id map growing (Reserve avoids that). Reading a region's figures is O(1): its
// counters already hold the totals. Recompute() rebuilds every counter from the
// records: each thread counts a slice of the records into the nodes it owns (handing
// the few others to their owners), then the counters are rolled up level by level
// (each thread owns a run of parents).
//
// The records reflect the policy's verdict for `year()` at the time they were put;
// after a policy change, rebuild the engine.
//
// Thread safety: one writer at a time; reads may run concurrently with each other
// but not with a write (a server guards the engine with a shared mutex).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "analytics/household_id_map.hpp"
#include "analytics/household_record.hpp"
#include "analytics/indicators.hpp"
#include "analytics/region_tree.hpp"
#include "core/status.hpp"
#include "policy/policy.hpp"
#include "registry/household.hpp"

namespace fupin::analytics {

/// Bytes held by the engine's parts (vector capacities).
struct EngineMemory {
  size_t records = 0;   // slot array and free list
  size_t id_map = 0;    // HouseholdIdMap
  size_t counters = 0;  // NodeCounters of every node
  size_t tree = 0;      // RegionTree
  size_t total() const { return records + id_map + counters + tree; }
};

/// How Recompute() gets from records to villages' ancestors: count each record into
/// its village, then roll every village up into its town (cheaper with many
/// households per village), or count each record into its village and its town and
/// roll up from the towns (cheaper with few). kAuto picks by households per village.
enum class RecomputeStrategy { kAuto, kRollUpVillages, kCountIntoTowns };

class IndicatorEngine {
 public:
  /// An engine over `tree` without households, for `year` under `policy` (copied).
  IndicatorEngine(RegionTree tree, policy::Policy policy, int year);

  const RegionTree& tree() const { return tree_; }
  const policy::Policy& policy() const { return policy_; }
  int year() const { return year_; }
  /// Households held.
  size_t household_count() const { return ids_.size(); }

  // --- Writes -----------------------------------------------------------------------

  /// Makes room for `households` households so that puts do not reallocate.
  void Reserve(size_t households);

  /// Evaluates `household` for year() and puts its record under household.id.
  /// not_found ("village") when its village is not in the tree.
  Status Put(const registry::Household& household);

  /// Inserts or replaces the record of household `id` and updates the counters of its
  /// old and new village and their ancestors. invalid_argument ("analytics.record")
  /// when the record is out of range (ValidateRecord); nothing changes then.
  Status Put(std::string_view id, HouseholdRecord record);

  /// Removes household `id` and its contribution; false when it is not held.
  bool Remove(std::string_view id);

  /// The counter update itself: subtracts `old`'s contribution from its node and
  /// every ancestor, adds `now`'s to its node and every ancestor. Either may be null.
  /// O(depth), no allocation. Low level: Put and Remove call it and keep the records
  /// in step; a caller using it directly must do the same, or counters and records
  /// disagree until the next Recompute(). Records must be valid.
  void Apply(const HouseholdRecord* old, const HouseholdRecord* now);

  /// Rebuilds every counter from the records with `threads` threads (1..64; one
  /// suffices below about 100,000 households). The result equals the live counters
  /// whenever they are in step, whatever the thread count and strategy.
  void Recompute(int threads = 2, RecomputeStrategy strategy = RecomputeStrategy::kAuto);

  /// Reorders the records by village (as a load from the store leaves them) and
  /// drops free slots. Inserts append and moves keep their slot, so after many
  /// changes the records drift out of village order and Recompute() slows down (about
  /// 3x at 10M households in random order); counters are unchanged. O(records +
  /// nodes) time, a temporary copy of the records.
  void CompactRecords();

  // --- Reads: O(1) -------------------------------------------------------------------

  const NodeCounters& counters(NodeIndex node) const { return counters_[node]; }
  std::span<const NodeCounters> all_counters() const { return counters_; }
  Indicators Read(NodeIndex node) const { return ToIndicators(counters_[node]); }
  /// The record of household `id`, or nullptr. Valid until the next write.
  const HouseholdRecord* Find(std::string_view id) const;

  EngineMemory Memory() const;

 private:
  RegionTree tree_;
  policy::Policy policy_;
  int year_ = 0;
  std::vector<NodeCounters> counters_;
  std::vector<HouseholdRecord> records_;  // free slots have node == kNoNode
  std::vector<uint32_t> free_slots_;
  HouseholdIdMap ids_;
};

}  // namespace fupin::analytics
