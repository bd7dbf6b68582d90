#include "core/id_number.hpp"

#include <fmt/format.h>

namespace fupin {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Status Reject(std::string_view text, const char* rule, const std::string& zh, const std::string& en) {
  return Status::Invalid("id_number", rule,
                         {fmt::format("身份证号“{}”{}", IdNumber::Mask(text), zh),
                          fmt::format("ID number \"{}\" {}", IdNumber::Mask(text), en)});
}

}  // namespace

const char* SexCode(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "M";
    case Sex::kFemale:
      return "F";
    case Sex::kUnknown:
      return "";
  }
  return "";
}

Message SexName(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return {"男", "male"};
    case Sex::kFemale:
      return {"女", "female"};
    case Sex::kUnknown:
      return {"未知", "unknown"};
  }
  return {"未知", "unknown"};
}

char IdNumber::CheckChar(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

std::string IdNumber::Mask(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  std::string out(id.substr(0, 4));
  out.append(id.size() - 8, '*');
  out.append(id.substr(id.size() - 4));
  return out;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  std::string out(phone.substr(0, 3));
  out.append(phone.size() - 7, '*');
  out.append(phone.substr(phone.size() - 4));
  return out;
}

Result<IdNumber> IdNumber::Parse(std::string_view text, Date today) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);

  std::string value;
  if (text.size() == 15) {
    if (!AllDigits(text)) {
      return Reject(text, "id.characters", "含非数字字符（15 位旧号码只能是数字）",
                    "contains a non-digit (a 15-digit legacy number is digits only)");
    }
    value.reserve(18);
    value.append(text.substr(0, 6));
    value.append("19");
    value.append(text.substr(6, 9));
    value.push_back(CheckChar(value));
  } else if (text.size() == 18) {
    if (!AllDigits(text.substr(0, 17))) {
      return Reject(text, "id.characters", "前 17 位只能是数字", "must have digits in its first 17 places");
    }
    const char last = text[17];
    if (!((last >= '0' && last <= '9') || last == 'X' || last == 'x')) {
      return Reject(text, "id.characters", "第 18 位只能是数字或 X", "must end in a digit or X");
    }
    value.assign(text);
    if (last == 'x') value[17] = 'X';
  } else {
    return Reject(text, "id.length", fmt::format("长度应为 18 位（或 15 位旧号码），实际 {} 位", text.size()),
                  fmt::format("must have 18 characters (or 15 for a legacy number), not {}", text.size()));
  }

  const std::string_view v(value);
  const int year = Num(v.substr(6, 4));
  const int month = Num(v.substr(10, 2));
  const int day = Num(v.substr(12, 2));
  const bool calendar_ok =
      year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= Date::DaysInMonth(year, month);
  if (!calendar_ok) {
    return Reject(text, "id.date", fmt::format("出生日期 {} 不是有效日期", v.substr(6, 8)),
                  fmt::format("has birth date {} which is not a valid date", v.substr(6, 8)));
  }
  const Date birth = Date::FromYmd(year, month, day).value();
  if (birth > today) {
    return Reject(text, "id.date", fmt::format("出生日期 {} 晚于今天", birth.ToString()),
                  fmt::format("has birth date {} after today", birth.ToString()));
  }
  const char expected = CheckChar(v.substr(0, 17));
  if (value[17] != expected) {
    return Reject(text, "id.check_char",
                  fmt::format("校验码错误：第 18 位应为 {}，实际为 {}", expected, value[17]),
                  fmt::format("has a wrong check character: expected {}, found {}", expected, value[17]));
  }
  IdNumber id;
  id.value_ = std::move(value);
  id.birth_date_ = birth;
  id.sex_ = ((id.value_[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
  return id;
}

}  // namespace fupin
