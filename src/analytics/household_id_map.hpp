// HouseholdIdMap: household id 户编号 -> record slot of the indicator engine, in
// about 15 bytes per household.
//
// Ids of at most 18 digits without a leading zero (the national numbering, e.g.
// 5110251002030001) are their own 64-bit key; any other id gets a key with bit 63 set
// from a small side table. The table is open addressing with linear probing over
// packed 12-byte buckets (key, slot), any size (no power-of-two rounding: the home
// bucket is a multiply-shift of the hash), load at most 0.8, and backward-shift
// deletion, so there are no tombstones. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fupin::analytics {

class HouseholdIdMap {
 public:
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFU;

  /// The numeric key of an id of at most 18 digits without a leading zero ("0"
  /// itself included), else nullopt.
  static std::optional<uint64_t> NumericKey(std::string_view id);

  /// Makes room for `households` ids without rehashing.
  void Reserve(size_t households);

  /// The slot of `id`, or kNoSlot.
  uint32_t Find(std::string_view id) const;

  /// Records that `id` (not present) lives in `slot` (not used by another id).
  void Insert(std::string_view id, uint32_t slot);

  /// Forgets `id`; returns its slot, or kNoSlot when it was not there.
  uint32_t Erase(std::string_view id);

  /// Moves every id from slot s to new_slot[s] (new_slot covers every slot in use).
  void RemapSlots(std::span<const uint32_t> new_slot);

  size_t size() const { return size_; }

  /// Bytes held (capacity of the table and an estimate of the side table).
  size_t MemoryBytes() const;

 private:
  static constexpr uint64_t kTextKeyBit = uint64_t{1} << 63;
  static constexpr uint64_t kEmptyKey = ~uint64_t{0};  // no id maps to it

  // 12 bytes, 4-byte aligned: the key split in halves keeps the bucket unpadded.
  struct Bucket {
    uint32_t key_low = 0xFFFFFFFFU;
    uint32_t key_high = 0xFFFFFFFFU;
    uint32_t slot = kNoSlot;

    uint64_t key() const { return (uint64_t{key_high} << 32) | key_low; }
    void set(uint64_t key, uint32_t s) {
      key_low = static_cast<uint32_t>(key);
      key_high = static_cast<uint32_t>(key >> 32);
      slot = s;
    }
  };
  static_assert(sizeof(Bucket) == 12);

  std::optional<uint64_t> KeyOf(std::string_view id) const;
  uint64_t KeyForInsert(std::string_view id);
  size_t Home(uint64_t key) const;
  size_t FindBucket(uint64_t key) const;  // buckets_.size() when absent
  void Rehash(size_t buckets);

  std::vector<Bucket> buckets_;
  size_t size_ = 0;
  std::unordered_map<std::string, uint64_t> text_keys_;  // non-numeric ids
  uint64_t next_text_key_ = kTextKeyBit;
};

}  // namespace fupin::analytics
