#include "analytics/indicator_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace fupin::analytics {
namespace {

constexpr uint32_t kAdd = 1;
constexpr uint32_t kSubtract = 0xFFFFFFFFU;  // -1 modulo 2^32

constexpr int kMaxThreads = 64;

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

Status IndicatorEngine::Put(std::string_view id, const HouseholdRecord& record) {
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

void IndicatorEngine::SetStaticCounters(NodeIndex node) {
  NodeCounters& c = counters_[node];
  c = NodeCounters{};
  if (tree_.level(node) == RegionLevel::kVillage) {
    c.n[counter::kVillages] = 1;
    c.n[counter::kPoorVillages] = tree_.poor_village(node) ? 1 : 0;
  }
}

void IndicatorEngine::Recompute(int threads) {
  const size_t nodes = counters_.size();
  threads = std::clamp(threads, 1, kMaxThreads);

  // Phase 1: every thread owns a contiguous range of nodes (split at equal numbers of
  // villages), clears it and counts the records of its villages into it. Each
  // thread reads every record but writes only its own nodes: no sharing, no merge.
  const auto villages = tree_.nodes_at(RegionLevel::kVillage);
  std::vector<NodeIndex> bounds(static_cast<size_t>(threads) + 1);
  bounds[0] = 0;
  bounds[static_cast<size_t>(threads)] = static_cast<NodeIndex>(nodes);
  for (int t = 1; t < threads; ++t) {
    bounds[static_cast<size_t>(t)] =
        villages.empty()
            ? static_cast<NodeIndex>(nodes * static_cast<size_t>(t) / static_cast<size_t>(threads))
            : villages[villages.size() * static_cast<size_t>(t) / static_cast<size_t>(threads)];
  }
  RunParallel(threads, [&](int t) {
    const NodeIndex lo = bounds[static_cast<size_t>(t)];
    const NodeIndex hi = bounds[static_cast<size_t>(t) + 1];
    for (NodeIndex n = lo; n < hi; ++n) SetStaticCounters(n);
    const uint32_t width = hi - lo;
    NodeCounters* const base = counters_.data();
    for (const HouseholdRecord& r : records_) {
      // Unsigned wrap makes one comparison test lo <= node < hi; free slots
      // (kNoNode) never fall in a range.
      if (r.node - lo < width) Accumulate(base[r.node], r, kAdd);
    }
  });

  // Phase 2: roll up from villages to the nation. Nodes of one level are in code
  // order, so children of one parent are contiguous; each thread takes a run of
  // children whose parents no other thread touches.
  for (int level = static_cast<int>(RegionLevel::kVillage); level > static_cast<int>(RegionLevel::kNation);
       --level) {
    const auto at = tree_.nodes_at(static_cast<RegionLevel>(level));
    const int parts =
        static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(at.size(), 1)));
    std::vector<size_t> cut(static_cast<size_t>(parts) + 1, at.size());
    cut[0] = 0;
    for (int t = 1; t < parts; ++t) {
      size_t i = at.size() * static_cast<size_t>(t) / static_cast<size_t>(parts);
      i = std::max(i, cut[static_cast<size_t>(t) - 1]);
      while (i > 0 && i < at.size() && tree_.parent(at[i]) == tree_.parent(at[i - 1])) ++i;
      cut[static_cast<size_t>(t)] = i;
    }
    RunParallel(parts, [&](int t) {
      for (size_t i = cut[static_cast<size_t>(t)]; i < cut[static_cast<size_t>(t) + 1]; ++i) {
        AddCounters(counters_[tree_.parent(at[i])], counters_[at[i]]);
      }
    });
  }
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
