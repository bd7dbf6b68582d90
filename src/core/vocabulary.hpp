// Closed vocabularies: enums whose values users read and write as Chinese terms.
//
// Each enum has one table of Terms indexed by the enum's value: a stable English code
// (used in JSON and accepted in files), the Chinese term of the national record, the
// English term, and optional Chinese aliases seen in real exports. ParseTerm accepts
// any of them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

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

/// Finds the value whose code, Chinese term, English term or alias equals `text`
/// (surrounding spaces ignored; codes and English case-insensitive).
template <typename E>
std::optional<E> ParseTerm(std::string_view text) {
  const auto terms = TermsOf<E>();
  for (size_t i = 0; i < terms.size(); ++i) {
    if (TermMatches(terms[i], text)) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace fupin
