#include <fmt/format.h>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {

DateRange SinceRegistration() {
  return {Date::FromYmd(2014, 1, 1).value(), std::nullopt};
}

Message NotRecorded() {
  return {"未填报", "not recorded"};
}

Message NoStandard(const Message& what, int year) {
  return {fmt::format("政策文件未配置 {} 年的{}", year, what.zh),
          fmt::format("the policy has no {} for {}", what.en, year)};
}

}  // namespace fupin::policy::rules
