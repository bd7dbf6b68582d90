#include "analytics/household_id_map.hpp"

#include <algorithm>
#include <bit>

namespace fupin::analytics {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

std::optional<uint64_t> HouseholdIdMap::NumericKey(std::string_view id) {
  if (id.empty() || id.size() > 18 || (id.size() > 1 && id.front() == '0')) return std::nullopt;
  uint64_t value = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

void HouseholdIdMap::Reserve(size_t households) {
  if (slot_keys_.size() < households) slot_keys_.reserve(households);
  // Load factor at most 0.7.
  const size_t need = std::bit_ceil(households + households * 3 / 7 + 1);
  if (need > buckets_.size()) Grow(need);
}

std::optional<uint64_t> HouseholdIdMap::KeyOf(std::string_view id) const {
  if (auto numeric = NumericKey(id)) return numeric;
  const auto it = text_keys_.find(std::string(id));
  if (it == text_keys_.end()) return std::nullopt;
  return it->second;
}

uint64_t HouseholdIdMap::KeyForInsert(std::string_view id) {
  if (auto numeric = NumericKey(id)) return *numeric;
  const auto [it, inserted] = text_keys_.emplace(std::string(id), next_text_key_);
  if (inserted) ++next_text_key_;
  return it->second;
}

size_t HouseholdIdMap::Home(uint64_t key) const {
  return static_cast<size_t>(Mix(key)) & (buckets_.size() - 1);
}

uint32_t HouseholdIdMap::FindKey(uint64_t key, size_t* bucket) const {
  if (buckets_.empty()) return kNoSlot;
  const size_t mask = buckets_.size() - 1;
  for (size_t b = Home(key);; b = (b + 1) & mask) {
    const uint32_t slot = buckets_[b];
    if (slot == kNoSlot) return kNoSlot;
    if (slot_keys_[slot] == key) {
      if (bucket != nullptr) *bucket = b;
      return slot;
    }
  }
}

uint32_t HouseholdIdMap::Find(std::string_view id) const {
  const auto key = KeyOf(id);
  return key ? FindKey(*key, nullptr) : kNoSlot;
}

void HouseholdIdMap::Insert(std::string_view id, uint32_t slot) {
  if ((size_ + 1) * 10 > buckets_.size() * 7) Grow(std::max<size_t>(16, buckets_.size() * 2));
  const uint64_t key = KeyForInsert(id);
  if (slot >= slot_keys_.size()) slot_keys_.resize(static_cast<size_t>(slot) + 1, 0);
  slot_keys_[slot] = key;
  const size_t mask = buckets_.size() - 1;
  size_t b = Home(key);
  while (buckets_[b] != kNoSlot) b = (b + 1) & mask;
  buckets_[b] = slot;
  ++size_;
}

uint32_t HouseholdIdMap::Erase(std::string_view id) {
  const auto key = KeyOf(id);
  if (!key) return kNoSlot;
  size_t hole = 0;
  const uint32_t slot = FindKey(*key, &hole);
  if (slot == kNoSlot) return kNoSlot;
  if ((*key & kTextKeyBit) != 0) text_keys_.erase(std::string(id));
  // Backward shift: move later entries of the probe run into the hole when their
  // home position allows it, so that lookups never need tombstones.
  const size_t mask = buckets_.size() - 1;
  for (size_t b = (hole + 1) & mask; buckets_[b] != kNoSlot; b = (b + 1) & mask) {
    const size_t home = Home(slot_keys_[buckets_[b]]);
    // The entry at b may move to `hole` when its home is not in (hole, b] cyclically.
    const bool stays = hole <= b ? (hole < home && home <= b) : (hole < home || home <= b);
    if (!stays) {
      buckets_[hole] = buckets_[b];
      hole = b;
    }
  }
  buckets_[hole] = kNoSlot;
  --size_;
  return slot;
}

void HouseholdIdMap::Grow(size_t min_buckets) {
  std::vector<uint32_t> old = std::move(buckets_);
  buckets_.assign(std::bit_ceil(min_buckets), kNoSlot);
  const size_t mask = buckets_.size() - 1;
  for (uint32_t slot : old) {
    if (slot == kNoSlot) continue;
    size_t b = Home(slot_keys_[slot]);
    while (buckets_[b] != kNoSlot) b = (b + 1) & mask;
    buckets_[b] = slot;
  }
}

size_t HouseholdIdMap::MemoryBytes() const {
  size_t bytes = buckets_.capacity() * sizeof(uint32_t) + slot_keys_.capacity() * sizeof(uint64_t);
  // Node-based map: node (key, value, next pointer, hash) plus bucket pointer.
  for (const auto& [text, key] : text_keys_) bytes += 64 + (text.size() > 15 ? text.capacity() : 0);
  return bytes + text_keys_.bucket_count() * sizeof(void*);
}

}  // namespace fupin::analytics
