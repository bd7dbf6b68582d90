#include "core/vocabulary.hpp"

namespace fupin {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

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
  text = Trim(text);
  if (text == term.zh) return true;
  if (!term.alias1.empty() && text == term.alias1) return true;
  if (!term.alias2.empty() && text == term.alias2) return true;
  return EqualsIgnoreCase(text, term.code) || EqualsIgnoreCase(text, term.en);
}

}  // namespace fupin
