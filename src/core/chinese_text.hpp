// Chinese names for people: pinyin initials for search (王德明 → "wdm") and
// collation keys that sort by pinyin (阿明 < 陈七 < 李四 < 王五 < 张三). ICU does the
// work; polyphonic surnames take their common reading. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace fupin {

/// Lowercase pinyin initials of each Han character; other letters and digits kept,
/// lowercased; everything else dropped.
std::string PinyinInitials(std::string_view utf8);

/// Bytes that compare (as std::string) in pinyin order of `utf8` (ICU "zh" collator).
std::string PinyinSortKey(std::string_view utf8);

}  // namespace fupin
