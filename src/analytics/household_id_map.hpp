// HouseholdIdMap: household id 户编号 -> record slot of the indicator engine, in
// about 12 bytes per household.
//
// Ids of at most 18 digits without a leading zero (the national numbering, e.g.
// 5110251002030001) are their own 64-bit key; any other id gets a key with bit 63 set
// from a small side table. Keys live in an array indexed by slot; the table itself
// is open addressing with linear probing over 32-bit slot numbers (load at most 0.7)
// and backward-shift deletion, so there are no tombstones. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
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

  size_t size() const { return size_; }

  /// Bytes held (capacity of the table, the key array and the side table estimate).
  size_t MemoryBytes() const;

 private:
  static constexpr uint64_t kTextKeyBit = uint64_t{1} << 63;

  std::optional<uint64_t> KeyOf(std::string_view id) const;
  uint64_t KeyForInsert(std::string_view id);
  size_t Home(uint64_t key) const;
  uint32_t FindKey(uint64_t key, size_t* bucket) const;
  void Grow(size_t min_buckets);

  std::vector<uint32_t> buckets_;    // slot, or kNoSlot when empty; size a power of two
  std::vector<uint64_t> slot_keys_;  // key of the id in each slot
  size_t size_ = 0;
  std::unordered_map<std::string, uint64_t> text_keys_;  // non-numeric ids
  uint64_t next_text_key_ = kTextKeyBit;
};

}  // namespace fupin::analytics
