#include "core/chinese_text.hpp"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace fupin {
namespace {

struct Icu {
  std::mutex mu;  // ICU transliterators and collators are not safe to share across threads
  std::unique_ptr<icu::Transliterator> to_latin;
  std::unique_ptr<icu::Collator> collator;

  Icu() {
    UErrorCode status = U_ZERO_ERROR;
    to_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) to_latin.reset();
    status = U_ZERO_ERROR;
    collator.reset(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) collator.reset();
  }
};

Icu& Instance() {
  static Icu icu;
  return icu;
}

}  // namespace

std::string PinyinInitials(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (std::isalnum(c) != 0) out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    icu::UnicodeString ch = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data() + i, static_cast<int32_t>(len)));
    i += len;
    auto& icu = Instance();
    std::lock_guard lock(icu.mu);
    if (!icu.to_latin) continue;
    icu.to_latin->transliterate(ch);
    std::string latin;
    ch.toUTF8String(latin);
    for (char l : latin) {
      if (std::isalpha(static_cast<unsigned char>(l)) != 0) {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(l))));
        break;
      }
    }
  }
  return out;
}

std::string PinyinSortKey(std::string_view utf8) {
  auto& icu = Instance();
  std::lock_guard lock(icu.mu);
  if (!icu.collator) return std::string(utf8);
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string key(64, '\0');
  int32_t n = icu.collator->getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(n));
    n = icu.collator->getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  key.resize(n > 0 ? static_cast<size_t>(n - 1) : 0);  // drop the terminating zero
  return key;
}

}  // namespace fupin
