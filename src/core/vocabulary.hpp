// Closed vocabularies: enums whose values users read and write as Chinese terms.
//
// Each enum has one table of Terms indexed by the enum's value: a stable English code
// (used in JSON and accepted in files), the Chinese term of the national record, the
// English term, and optional Chinese aliases seen in real exports. ParseTerm accepts
// any of them.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fupin {

struct Term {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view alias1 = {};
  std::string_view alias2 = {};
};

/// Specialised for each vocabulary enum; the span is indexed by the enum's value.
template <typename E>
std::span<const Term> TermsOf();

template <typename E>
const Term& TermOf(E value) {
  return TermsOf<E>()[static_cast<size_t>(value)];
}

bool TermMatches(const Term& term, std::string_view text);

namespace detail {

/// The index of the first term that TermMatches `text`, or -1.
int ScanTerms(std::span<const Term> terms, std::string_view text);

/// `text` without surrounding spaces and tabs, as TermMatches compares it.
[[gnu::always_inline]] inline std::string_view TrimBlanks(std::string_view s) {
  // Most texts have nothing to trim: space and tab are both <= ' '.
  if (s.empty() ||
      (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' ')) {
    return s;
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// ScanTerms with a hash table in front: every exact spelling of a term (Chinese term,
/// aliases, code, English term) maps to what ScanTerms gives it, so the common case
/// costs one probe; other texts (other letter case, unknown values) fall back to the
/// scan. Same answer as ScanTerms for every text. Inline: a file import looks up
/// some twenty terms per row.
class TermIndex {
 public:
  explicit TermIndex(std::span<const Term> terms);

  [[gnu::always_inline]] int Find(std::string_view text) const {
    const std::string_view key = TrimBlanks(text);
    const Slot& slot = slots_[IndexFor(key, FingerprintOf(key))];
    if (slot.value >= 0) return slot.value;
    return ScanTerms(terms_, text);
  }

  /// A key's length and up to 16 of its bytes: all of them when it is that short.
  struct Fingerprint {
    uint64_t head = 0;
    uint64_t tail = 0;
    size_t size = 0;
    bool operator==(const Fingerprint&) const = default;
  };
  [[gnu::always_inline]] static Fingerprint FingerprintOf(std::string_view key) {
    // Reads only inside the key, with overlapping loads from both ends.
    const char* p = key.data();
    const size_t n = key.size();
    Fingerprint f;
    f.size = n;
    if (n >= 8) {
      std::memcpy(&f.head, p, 8);
      std::memcpy(&f.tail, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      f.head = lo | (uint64_t{hi} << 32);
    } else if (n > 0) {
      f.head = uint64_t{static_cast<unsigned char>(p[0])} |
               (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
               (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    return f;
  }

 private:
  struct Slot {
    Fingerprint fingerprint;
    std::string_view key;
    int value = -1;
  };

  /// The slot holding `key`, or the empty slot where it would go.
  [[gnu::always_inline]] size_t IndexFor(std::string_view key, const Fingerprint& f) const {
    // Fibonacci hashing: the top bits of the product depend on every bit of the input.
    const uint64_t h = (f.head ^ (f.tail * 0xC2B2AE3D27D4EB4FULL) ^ f.size) * 0x9E3779B97F4A7C15ULL;
    for (uint64_t i = h >> shift_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value < 0) return static_cast<size_t>(i);
      // Up to 16 bytes the fingerprint is the whole key.
      if (slot.fingerprint == f && (f.size <= 16 || slot.key == key)) return static_cast<size_t>(i);
    }
  }

  std::span<const Term> terms_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  int shift_ = 64;  // 64 - log2(slot count)
};

}  // namespace detail

/// Finds the value whose code, Chinese term, English term or alias equals `text`
/// (surrounding spaces ignored; codes and English case-insensitive).
template <typename E>
[[gnu::always_inline]] inline std::optional<E> ParseTerm(std::string_view text) {
  static const detail::TermIndex index(TermsOf<E>());
  const int i = index.Find(text);
  if (i < 0) return std::nullopt;
  return static_cast<E>(i);
}

}  // namespace fupin
