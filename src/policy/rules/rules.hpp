// The built-in rules, one accessor per rule (or per small table of alike rules), and
// the wording they share. Internal to policy/: callers use policy/rule.hpp.
#pragma once

#include <span>

#include "policy/rule.hpp"

namespace fupin::policy::rules {

/// The day the registration system (建档立卡) began; every built-in criterion exists
/// from then on.
DateRange SinceRegistration();

const HouseholdRule& IncomeAboveLine();              // household.income_above_line
const HouseholdRule& CompulsoryEducation();          // household.compulsory_education
const HouseholdRule& BasicMedical();                 // household.basic_medical
std::span<const HouseholdRule* const> Guarantees();  // food, clothing, housing, water, electricity, radio/TV

const VillageRule& VillageIncidence();                   // village.incidence
const CountyRule& CountyIncidence();                     // county.incidence
std::span<const CountyRule* const> CountySurveyRates();  // missed assessment, wrong exit, recognition

/// Shared reasons.
Message NotRecorded();  // 未填报 / not recorded
Message NoStandard(const Message& what,
                   int year);  // 政策文件未配置 2021 年的… / the policy has no … for 2021

}  // namespace fupin::policy::rules
