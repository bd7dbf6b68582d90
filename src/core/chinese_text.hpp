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

/// The same for a person's name: a leading polyphonic surname takes its surname reading
/// (曾 zēng, 单 shàn, 解 xiè, 仇 qiú, 查 zhā, 区 ōu, 朴 piáo, 覃 qín, 翟 zhái, 缪 miào …)
/// where the general dictionary reading differs (曾 céng).
std::string NameInitials(std::string_view utf8_name);
std::string NameSortKey(std::string_view utf8_name);

}  // namespace fupin
