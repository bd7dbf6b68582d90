#include "analytics/indicator_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <thread>

namespace fupin::analytics {
namespace {

constexpr uint32_t kAdd = 1;
constexpr uint32_t kSubtract = 0xFFFFFFFFU;  // -1 modulo 2^32

constexpr int kMaxThreads = 64;
// How many records ahead Recompute prefetches counter rows.
constexpr size_t kPrefetchAhead = 8;

// Runs fn(0) .. fn(threads - 1), the first on the calling thread.
template <typename Fn>
void RunParallel(int threads, Fn&& fn) {
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(threads > 1 ? threads - 1 : 0));
  for (int t = 1; t < threads; ++t) workers.emplace_back(fn, t);
  fn(0);
  for (std::thread& w : workers) w.join();
}

}  // namespace

IndicatorEngine::IndicatorEngine(RegionTree tree, policy::Policy policy, int year)
    : tree_(std::move(tree)), policy_(std::move(policy)), year_(year), counters_(tree_.size()) {
  Recompute(1);
}

void IndicatorEngine::Reserve(size_t households) {
  records_.reserve(households);
  ids_.Reserve(households);
}

Status IndicatorEngine::Put(const registry::Household& household) {
  const NodeIndex village = tree_.Find(household.village);
  if (village == kNoNode) {
    const std::string code = household.village.ToString();
    return Status::NotFound(
        "village", {fmt::format("户 {} 的村 {} 不在区划树中", household.id, code),
                    fmt::format("village {} of household {} is not in the region tree", code, household.id)});
  }
  return Put(household.id, MakeHouseholdRecord(policy_, household, year_, village));
}

Status IndicatorEngine::Put(std::string_view id, HouseholdRecord record) {
  FUPIN_RETURN_IF_ERROR(ValidateRecord(record, tree_.size()));
  const uint32_t slot = ids_.Find(id);
  if (slot != HouseholdIdMap::kNoSlot) {
    const HouseholdRecord old = records_[slot];
    records_[slot] = record;
    Apply(&old, &record);
    return Status::Ok();
  }
  uint32_t fresh = 0;
  if (!free_slots_.empty()) {
    fresh = free_slots_.back();
    free_slots_.pop_back();
    records_[fresh] = record;
  } else {
    fresh = static_cast<uint32_t>(records_.size());
    records_.push_back(record);
  }
  ids_.Insert(id, fresh);
  Apply(nullptr, &record);
  return Status::Ok();
}

bool IndicatorEngine::Remove(std::string_view id) {
  const uint32_t slot = ids_.Erase(id);
  if (slot == HouseholdIdMap::kNoSlot) return false;
  Apply(&records_[slot], nullptr);
  records_[slot] = HouseholdRecord{};
  free_slots_.push_back(slot);
  return true;
}

void IndicatorEngine::Apply(const HouseholdRecord* old, const HouseholdRecord* now) {
  // Collect both ancestor chains and prefetch every counter row first, so that the
  // cache misses of up to twelve rows overlap instead of queueing one after another.
  constexpr int kMaxChain = 8;  // nation..village is 6
  NodeIndex chains[2][kMaxChain];
  int lengths[2] = {0, 0};
  const HouseholdRecord* records[2] = {old, now};
  for (int c = 0; c < 2; ++c) {
    if (records[c] == nullptr) continue;
    for (NodeIndex n = records[c]->node; n != kNoNode && lengths[c] < kMaxChain; n = tree_.parent(n)) {
      chains[c][lengths[c]++] = n;
      const char* row = reinterpret_cast<const char*>(&counters_[n]);
      for (size_t line = 0; line < sizeof(NodeCounters); line += 64) __builtin_prefetch(row + line, 1);
    }
  }
  for (int i = 0; i < lengths[0]; ++i) Accumulate(counters_[chains[0][i]], *old, kSubtract);
  for (int i = 0; i < lengths[1]; ++i) Accumulate(counters_[chains[1][i]], *now, kAdd);
}

const HouseholdRecord* IndicatorEngine::Find(std::string_view id) const {
  const uint32_t slot = ids_.Find(id);
  return slot == HouseholdIdMap::kNoSlot ? nullptr : &records_[slot];
}

void IndicatorEngine::Recompute(int threads, RecomputeStrategy strategy) {
  const size_t nodes = counters_.size();
  threads = std::clamp(threads, 1, kMaxThreads);
  const auto villages = tree_.nodes_at(RegionLevel::kVillage);
  // Counting each record into its town as well costs one more Accumulate per record
  // but saves reading every village row back in the roll-up: the better deal while
  // villages hold few households (about 8 is where the two costs meet here).
  const bool into_towns = strategy == RecomputeStrategy::kCountIntoTowns ||
                          (strategy == RecomputeStrategy::kAuto && records_.size() <= 8 * villages.size());

  // Every thread owns a contiguous range of nodes and a contiguous slice of the
  // records. Ranges split where the record slices split (so that records loaded in
  // village order mostly fall in their own thread's range), moved back to the start
  // of the town so that a village and its town share a range.
  const auto parts = static_cast<size_t>(threads);
  std::vector<NodeIndex> bounds(parts + 1, static_cast<NodeIndex>(nodes));
  bounds[0] = 0;
  for (size_t t = 1; t < parts; ++t) {
    NodeIndex b = static_cast<NodeIndex>(nodes);
    for (size_t i = records_.size() * t / parts; i < records_.size(); ++i) {
      if (records_[i].node == kNoNode) continue;
      b = records_[i].node;
      if (tree_.level(b) == RegionLevel::kVillage) b = tree_.parent(b);
      break;
    }
    bounds[t] = b;
  }
  std::sort(bounds.begin() + 1, bounds.end() - 1);

  NodeCounters* const base = counters_.data();
  // Counts a record owned by the range [lo, lo + width).
  auto count = [&](const HouseholdRecord& r) {
    Accumulate(base[r.node], r, kAdd);
    if (into_towns && tree_.level(r.node) == RegionLevel::kVillage)
      Accumulate(base[tree_.parent(r.node)], r, kAdd);
  };
  // Phase 1: clear the own range, count the own slice's records that fall in it, and
  // set the others aside for their owners (few when records are in village order).
  std::vector<std::vector<HouseholdRecord>> spilled(parts);
  RunParallel(threads, [&](int thread) {
    const auto t = static_cast<size_t>(thread);
    const NodeIndex lo = bounds[t];
    const NodeIndex hi = bounds[t + 1];
    // One pass writes each row once: zeros, then the village's own static counts
    // while the row is still in cache (a town row precedes its villages).
    for (NodeIndex n = lo; n < hi; ++n) {
      std::memset(static_cast<void*>(base + n), 0, sizeof(NodeCounters));
      if (tree_.level(n) != RegionLevel::kVillage) continue;
      const uint32_t poor = tree_.poor_village(n) ? 1 : 0;
      base[n].n[counter::kVillages] = 1;
      base[n].n[counter::kPoorVillages] = poor;
      if (into_towns) {
        base[tree_.parent(n)].n[counter::kVillages] += 1;
        base[tree_.parent(n)].n[counter::kPoorVillages] += poor;
      }
    }
    const uint32_t width = hi - lo;
    const size_t first = records_.size() * t / parts;
    const size_t last = records_.size() * (t + 1) / parts;
    for (size_t i = first; i < last; ++i) {
      // Rows of records a few ahead, so that their misses overlap with this one's work.
      if (i + kPrefetchAhead < last) {
        const NodeIndex ahead = records_[i + kPrefetchAhead].node;
        if (ahead - lo < width) {
          const char* row = reinterpret_cast<const char*>(base + ahead);
          for (size_t line = 0; line < sizeof(NodeCounters); line += 64) __builtin_prefetch(row + line, 1);
        }
      }
      const HouseholdRecord& r = records_[i];
      // Unsigned wrap makes one comparison test lo <= node < hi.
      if (r.node - lo < width) {
        count(r);
      } else if (r.node != kNoNode) {
        spilled[t].push_back(r);
      }
    }
  });
  // Phase 1b: each thread counts what the others set aside for its range.
  if (parts > 1) {
    RunParallel(threads, [&](int thread) {
      const auto t = static_cast<size_t>(thread);
      const NodeIndex lo = bounds[t];
      const uint32_t width = bounds[t + 1] - lo;
      for (size_t other = 0; other < parts; ++other) {
        if (other == t) continue;
        for (const HouseholdRecord& r : spilled[other]) {
          if (r.node - lo < width) count(r);
        }
      }
    });
  }

  // Phase 2: roll up level by level to the nation (from the towns when records were
  // counted into them). Nodes of one level are in code order, so the children of one
  // parent are contiguous; each thread takes a run of children whose parents no
  // other thread touches.
  const int first_level = static_cast<int>(into_towns ? RegionLevel::kTown : RegionLevel::kVillage);
  for (int level = first_level; level > static_cast<int>(RegionLevel::kNation); --level) {
    const auto at = tree_.nodes_at(static_cast<RegionLevel>(level));
    const int pieces = static_cast<int>(std::min<size_t>(parts, std::max<size_t>(at.size(), 1)));
    std::vector<size_t> cut(static_cast<size_t>(pieces) + 1, at.size());
    cut[0] = 0;
    for (int t = 1; t < pieces; ++t) {
      size_t i = at.size() * static_cast<size_t>(t) / static_cast<size_t>(pieces);
      i = std::max(i, cut[static_cast<size_t>(t) - 1]);
      while (i > 0 && i < at.size() && tree_.parent(at[i]) == tree_.parent(at[i - 1])) ++i;
      cut[static_cast<size_t>(t)] = i;
    }
    RunParallel(pieces, [&](int t) {
      for (size_t i = cut[static_cast<size_t>(t)]; i < cut[static_cast<size_t>(t) + 1]; ++i) {
        AddCounters(base[tree_.parent(at[i])], base[at[i]]);
      }
    });
  }
}

void IndicatorEngine::CompactRecords() {
  // Counting sort by node: stable, linear.
  std::vector<uint32_t> start(counters_.size() + 1, 0);
  size_t live = 0;
  for (const HouseholdRecord& r : records_) {
    if (r.node == kNoNode) continue;
    ++start[r.node + 1];
    ++live;
  }
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<HouseholdRecord> sorted;
  sorted.reserve(records_.capacity());
  sorted.resize(live);
  std::vector<uint32_t> new_slot(records_.size(), HouseholdIdMap::kNoSlot);
  for (size_t i = 0; i < records_.size(); ++i) {
    const HouseholdRecord& r = records_[i];
    if (r.node == kNoNode) continue;
    const uint32_t to = start[r.node]++;
    sorted[to] = r;
    new_slot[i] = to;
  }
  ids_.RemapSlots(new_slot);
  records_ = std::move(sorted);
  free_slots_.clear();
}

EngineMemory IndicatorEngine::Memory() const {
  EngineMemory m;
  m.records = records_.capacity() * sizeof(HouseholdRecord) + free_slots_.capacity() * sizeof(uint32_t);
  m.id_map = ids_.MemoryBytes();
  m.counters = counters_.capacity() * sizeof(NodeCounters);
  m.tree = tree_.MemoryBytes();
  return m;
}

}  // namespace fupin::analytics
