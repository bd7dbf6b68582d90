// Money in integer fen (分, 1/100 yuan). Never floating point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace fupin {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  static constexpr Money FromYuan(int64_t yuan) { return Money(yuan * 100); }

  /// Parses "1234.5", "1,234.50", "1234.50元", "￥1234", "-20". At most two decimals;
  /// thousands separators only in groups of three. Anything else is rejected.
  static Result<Money> Parse(std::string_view text);

  int64_t fen() const { return fen_; }
  /// Whole yuan, truncated toward zero.
  int64_t yuan() const { return fen_ / 100; }

  /// "3,812" for whole yuan, "3,812.50" otherwise.
  std::string ToDisplay() const;
  /// "3812.50": plain, always two decimals, for files that are read back.
  std::string ToPlain() const;

  Money operator+(Money o) const { return Money(fen_ + o.fen_); }
  Money operator-(Money o) const { return Money(fen_ - o.fen_); }
  Money& operator+=(Money o) {
    fen_ += o.fen_;
    return *this;
  }
  /// Divides and rounds half away from zero to the fen; `n` must be positive.
  Money DividedBy(int64_t n) const;

  auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

}  // namespace fupin
