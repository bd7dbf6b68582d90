#include "core/vocabulary.hpp"

namespace fupin {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool TermMatches(const Term& term, std::string_view text) {
  text = detail::TrimBlanks(text);
  if (text == term.zh) return true;
  if (!term.alias1.empty() && text == term.alias1) return true;
  if (!term.alias2.empty() && text == term.alias2) return true;
  return EqualsIgnoreCase(text, term.code) || EqualsIgnoreCase(text, term.en);
}

namespace detail {

int ScanTerms(std::span<const Term> terms, std::string_view text) {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (TermMatches(terms[i], text)) return static_cast<int>(i);
  }
  return -1;
}

TermIndex::TermIndex(std::span<const Term> terms) : terms_(terms) {
  size_t size = 16;
  shift_ = 60;
  while (size < terms.size() * 5 * 2) {  // at most five spellings per term: at most half full
    size *= 2;
    --shift_;
  }
  slots_.resize(size);
  mask_ = size - 1;
  for (const Term& term : terms) {
    for (std::string_view key : {term.zh, term.alias1, term.alias2, term.code, term.en}) {
      if (key.empty() || key != TrimBlanks(key)) continue;
      const Fingerprint f = FingerprintOf(key);
      Slot& slot = slots_[IndexFor(key, f)];
      if (slot.value >= 0) continue;  // already there (e.g. a code equal to the English term)
      const int value = ScanTerms(terms, key);
      if (value < 0) continue;
      slot = {f, key, value};
    }
  }
}

}  // namespace detail
}  // namespace fupin
