#include "core/status.hpp"

#include <gtest/gtest.h>

namespace fupin {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::Invalid("v", "even", {"必须是偶数", "must be even"});
  return v / 2;
}

Status UseHalf(int v, int* out) {
  FUPIN_ASSIGN_OR_RETURN(*out, Half(v));
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesFieldRuleAndBothLanguages) {
  Status s = Status::Invalid("id_number", "id.length", {"长度不对", "wrong length"});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "id_number");
  EXPECT_EQ(s.rule(), "id.length");
  EXPECT_EQ(s.ToString(Lang::kZh), "invalid_argument: 长度不对");
  EXPECT_EQ(s.ToString(Lang::kEn), "invalid_argument: wrong length");
}

TEST(ResultTest, PropagatesValueAndError) {
  int out = 0;
  EXPECT_TRUE(UseHalf(8, &out).ok());
  EXPECT_EQ(out, 4);
  Status bad = UseHalf(3, &out);
  EXPECT_EQ(bad.rule(), "even");
  EXPECT_EQ(out, 4);
}

}  // namespace
}  // namespace fupin
