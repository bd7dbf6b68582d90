#include "core/chinese_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace fupin {
namespace {

TEST(ChineseTextTest, PinyinInitials) {
  EXPECT_EQ(PinyinInitials("王德明"), "wdm");
  EXPECT_EQ(PinyinInitials("张雨萱"), "zyx");
  EXPECT_EQ(PinyinInitials("Li 4"), "li4");
  EXPECT_EQ(PinyinInitials(""), "");
}

TEST(ChineseTextTest, SortKeysOrderByPinyin) {
  std::vector<std::string> names = {"张三", "李四", "王五", "赵六", "阿明", "陈七"};
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return PinyinSortKey(a) < PinyinSortKey(b); });
  EXPECT_EQ(names, (std::vector<std::string>{"阿明", "陈七", "李四", "王五", "张三", "赵六"}));
}

}  // namespace
}  // namespace fupin
