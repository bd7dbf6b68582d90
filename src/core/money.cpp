#include "core/money.hpp"

#include <fmt/format.h>

namespace fupin {
namespace {

Status Reject(std::string_view text, const char* rule, std::string_view zh, std::string_view en) {
  return Status::Invalid(
      "amount", rule,
      {fmt::format("金额“{}”无效：{}", text, zh), fmt::format("amount \"{}\" is invalid: {}", text, en)});
}

bool ConsumePrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) == prefix) {
    s.remove_prefix(prefix.size());
    return true;
  }
  return false;
}

bool ConsumeSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}

std::string GroupThousands(int64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[i]);
    const size_t left = n - i - 1;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  return out;
}

}  // namespace

Result<Money> Money::Parse(std::string_view text) {
  // Fast path for what exports write: "1234", "1234.5", "1234.50" (at most 14 digits
  // before the point, so the range check below cannot fire). Same value as the
  // general path; anything else goes there.
  if (!text.empty() && text.size() <= 17) {
    int64_t yuan = 0;
    size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') yuan = yuan * 10 + (text[i++] - '0');
    const size_t integer_digits = i;
    if (integer_digits >= 1 && integer_digits <= 14) {
      if (i == text.size()) return Money(yuan * 100);
      if (text[i] == '.' && (text.size() - i == 2 || text.size() - i == 3)) {
        int64_t fen = 0;
        bool digits = true;
        for (size_t k = i + 1; k < i + 3; ++k) {
          fen *= 10;
          if (k < text.size()) {
            const char c = text[k];
            digits = digits && c >= '0' && c <= '9';
            fen += c - '0';
          }
        }
        if (digits) return Money(yuan * 100 + fen);
      }
    }
  }

  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool negative = ConsumePrefix(s, "-");
  if (!ConsumePrefix(s, "¥")) ConsumePrefix(s, "￥");
  if (!negative) negative = ConsumePrefix(s, "-");
  ConsumeSuffix(s, "元");
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return Reject(text, "money.empty", "没有数字", "no digits");

  const size_t dot = s.find('.');
  std::string_view integer = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (integer.empty()) return Reject(text, "money.format", "小数点前没有数字", "no digits before the point");
  if (dot != std::string_view::npos && fraction.empty()) {
    return Reject(text, "money.format", "小数点后没有数字", "no digits after the point");
  }
  if (fraction.size() > 2) return Reject(text, "money.decimals", "最多两位小数", "at most two decimals");

  int64_t yuan = 0;
  const bool grouped = integer.find(',') != std::string_view::npos;
  int digits_in_group = 0;
  bool first_group = true;
  for (char c : integer) {
    if (c == ',') {
      if (digits_in_group == 0 || digits_in_group > 3 || (!first_group && digits_in_group != 3)) {
        return Reject(text, "money.grouping", "千位分隔符位置不对", "misplaced thousands separator");
      }
      first_group = false;
      digits_in_group = 0;
      continue;
    }
    if (c < '0' || c > '9') return Reject(text, "money.characters", "含非法字符", "contains a non-digit");
    if (yuan > 100000000000000LL) return Reject(text, "money.range", "数额过大", "too large");
    yuan = yuan * 10 + (c - '0');
    ++digits_in_group;
  }
  if (grouped && digits_in_group != 3) {
    return Reject(text, "money.grouping", "千位分隔符位置不对", "misplaced thousands separator");
  }
  int64_t fen = 0;
  for (size_t i = 0; i < 2; ++i) {
    fen *= 10;
    if (i < fraction.size()) {
      const char c = fraction[i];
      if (c < '0' || c > '9') return Reject(text, "money.characters", "含非法字符", "contains a non-digit");
      fen += c - '0';
    }
  }
  const int64_t total = yuan * 100 + fen;
  return Money(negative ? -total : total);
}

std::string Money::ToDisplay() const {
  const int64_t a = fen_ < 0 ? -fen_ : fen_;
  std::string out = fen_ < 0 ? "-" : "";
  out += GroupThousands(a / 100);
  if (a % 100 != 0) out += fmt::format(".{:02d}", a % 100);
  return out;
}

std::string Money::ToPlain() const {
  const int64_t a = fen_ < 0 ? -fen_ : fen_;
  return fmt::format("{}{}.{:02d}", fen_ < 0 ? "-" : "", a / 100, a % 100);
}

Money Money::DividedBy(int64_t n) const {
  const int64_t a = fen_ < 0 ? -fen_ : fen_;
  const int64_t q = (a + n / 2) / n;
  return Money(fen_ < 0 ? -q : q);
}

}  // namespace fupin
