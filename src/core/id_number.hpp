// IdNumber 公民身份号码: the 18-character resident ID of GB 11643-1999.
// 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male, even =
// female), and a check character by ISO 7064 MOD 11-2. 15-digit legacy numbers
// (YYMMDD birth date, no check character) are converted to 18.
#pragma once

#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/status.hpp"

namespace fupin {

enum class Sex : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

/// "M" / "F" / "".
const char* SexCode(Sex sex);
/// 男 / 女 and male / female.
Message SexName(Sex sex);

class IdNumber {
 public:
  /// Validates `text` (18 characters, or 15 digits for a legacy number). Rejections
  /// name their cause with rule id.length, id.characters, id.date or id.check_char;
  /// the last names the expected character. The birth date must exist, lie on or
  /// after 1900-01-01 and not after `today`.
  static Result<IdNumber> Parse(std::string_view text, Date today);
  static Result<IdNumber> Parse(std::string_view text) { return Parse(text, Date::Today()); }

  /// The check character for the first 17 digits (which must be digits).
  static char CheckChar(std::string_view first17);

  /// The canonical 18-character form, check character `X` upper case.
  const std::string& str() const& { return value_; }
  /// The same, moved out of a number that is going away (birth date and sex stay readable).
  std::string str() && { return std::move(value_); }
  /// The 6-digit address code of the issuing county.
  std::string_view address_code() const { return std::string_view(value_).substr(0, 6); }
  Date birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }

  /// "5103**********123X": the first 4 and the last 4 characters kept.
  std::string Masked() const { return Mask(value_); }
  /// Masks any ID-like string the same way; short strings become all stars.
  static std::string Mask(std::string_view id);

  bool operator==(const IdNumber& other) const { return value_ == other.value_; }

 private:
  IdNumber() = default;
  std::string value_;
  Date birth_date_;
  Sex sex_ = Sex::kUnknown;
};

/// Masks a phone number: "138****5678" (first 3 and last 4 kept).
std::string MaskPhone(std::string_view phone);

}  // namespace fupin
