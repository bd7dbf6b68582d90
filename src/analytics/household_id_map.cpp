#include "analytics/household_id_map.hpp"

#include <algorithm>

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

// Buckets for `entries` at a load of at most 0.8.
size_t BucketsFor(size_t entries) {
  return std::max<size_t>(16, entries + entries / 4 + 1);
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
  if (BucketsFor(households) > buckets_.size()) Rehash(BucketsFor(households));
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

// Multiply-shift maps the hash's top 32 bits onto [0, size) for any size below 2^32.
size_t HouseholdIdMap::Home(uint64_t key) const {
  return static_cast<size_t>(((Mix(key) >> 32) * buckets_.size()) >> 32);
}

size_t HouseholdIdMap::FindBucket(uint64_t key) const {
  const size_t n = buckets_.size();
  if (n == 0) return n;
  for (size_t b = Home(key);; b = b + 1 == n ? 0 : b + 1) {
    const uint64_t k = buckets_[b].key();
    if (k == key) return b;
    if (k == kEmptyKey) return n;
  }
}

uint32_t HouseholdIdMap::Find(std::string_view id) const {
  const auto key = KeyOf(id);
  if (!key) return kNoSlot;
  const size_t b = FindBucket(*key);
  return b == buckets_.size() ? kNoSlot : buckets_[b].slot;
}

void HouseholdIdMap::Insert(std::string_view id, uint32_t slot) {
  if (BucketsFor(size_ + 1) > buckets_.size()) Rehash(BucketsFor(2 * (size_ + 1)));
  const uint64_t key = KeyForInsert(id);
  const size_t n = buckets_.size();
  size_t b = Home(key);
  while (buckets_[b].key() != kEmptyKey) b = b + 1 == n ? 0 : b + 1;
  buckets_[b].set(key, slot);
  ++size_;
}

uint32_t HouseholdIdMap::Erase(std::string_view id) {
  const auto key = KeyOf(id);
  if (!key) return kNoSlot;
  size_t hole = FindBucket(*key);
  const size_t n = buckets_.size();
  if (hole == n) return kNoSlot;
  const uint32_t slot = buckets_[hole].slot;
  if ((*key & kTextKeyBit) != 0) text_keys_.erase(std::string(id));
  // Backward shift: move later entries of the probe run into the hole when their
  // home position allows it, so that lookups never need tombstones.
  for (size_t b = hole + 1 == n ? 0 : hole + 1; buckets_[b].key() != kEmptyKey; b = b + 1 == n ? 0 : b + 1) {
    const size_t home = Home(buckets_[b].key());
    // The entry at b stays when its home lies cyclically in (hole, b].
    const bool stays = hole <= b ? (hole < home && home <= b) : (hole < home || home <= b);
    if (!stays) {
      buckets_[hole] = buckets_[b];
      hole = b;
    }
  }
  buckets_[hole] = Bucket{};
  --size_;
  return slot;
}

void HouseholdIdMap::RemapSlots(std::span<const uint32_t> new_slot) {
  for (Bucket& b : buckets_) {
    if (b.key() != kEmptyKey) b.slot = new_slot[b.slot];
  }
}

void HouseholdIdMap::Rehash(size_t buckets) {
  std::vector<Bucket> old = std::move(buckets_);
  buckets_.assign(buckets, Bucket{});
  const size_t n = buckets_.size();
  for (const Bucket& entry : old) {
    if (entry.key() == kEmptyKey) continue;
    size_t b = Home(entry.key());
    while (buckets_[b].key() != kEmptyKey) b = b + 1 == n ? 0 : b + 1;
    buckets_[b] = entry;
  }
}

size_t HouseholdIdMap::MemoryBytes() const {
  size_t bytes = buckets_.capacity() * sizeof(Bucket);
  // Node-based map: node (key, value, next pointer, hash) plus bucket pointer.
  for (const auto& [text, key] : text_keys_) bytes += 64 + (text.size() > 15 ? text.capacity() : 0);
  return bytes + text_keys_.bucket_count() * sizeof(void*);
}

}  // namespace fupin::analytics
