#include "policy/percent.hpp"

#include <gtest/gtest.h>

namespace fupin::policy {
namespace {

TEST(PercentTest, Formats) {
  EXPECT_EQ(Percent{300}.ToString(), "3.00%");
  EXPECT_EQ(Percent{9000}.ToString(), "90.00%");
  EXPECT_EQ(Percent{5}.ToString(), "0.05%");
}

TEST(RatioTest, ComparesExactly) {
  EXPECT_TRUE((Ratio{11, 400}).Below(Percent{300}));
  EXPECT_FALSE((Ratio{12, 400}).Below(Percent{300}));
  EXPECT_TRUE((Ratio{12, 400}).AtLeast(Percent{300}));
  EXPECT_FALSE((Ratio{1, 0}).valid());
  EXPECT_FALSE((Ratio{-1, 5}).valid());
}

TEST(RatioTest, RoundsHalfUpToTwoDecimals) {
  EXPECT_EQ((Ratio{1, 3}).ToPercentString(), "33.33%");
  EXPECT_EQ((Ratio{2, 3}).ToPercentString(), "66.67%");
  EXPECT_EQ((Ratio{1, 8}).ToPercentString(), "12.50%");
  EXPECT_EQ((Ratio{0, 8}).ToPercentString(), "0.00%");
}

TEST(RatioTest, ShowsMoreDecimalsWhenTwoWouldReadAsTheThreshold) {
  // 2.999% would print as 3.00% beside a 3.00% threshold; four decimals is the limit.
  EXPECT_EQ((Ratio{2999, 100000}).ToPercentStringBeside(Percent{300}), "2.999%");
  EXPECT_EQ((Ratio{299999, 10000000}).ToPercentStringBeside(Percent{300}), "3.0000%");
  EXPECT_EQ((Ratio{3, 100}).ToPercentStringBeside(Percent{300}), "3.00%");
  EXPECT_EQ((Ratio{11, 400}).ToPercentStringBeside(Percent{300}), "2.75%");
}

}  // namespace
}  // namespace fupin::policy
