// The household record of the national registration (建档立卡): Household 户 and its
// members, Person 人. Plain value types; validation lives in registry/validation,
// storage in store/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/id_number.hpp"
#include "core/money.hpp"
#include "core/region_code.hpp"
#include "core/vocabulary.hpp"

namespace fupin::registry {

/// 贫困户属性.
enum class PovertyAttribute : uint8_t { kNone, kGeneral, kMinimumLivingGuarantee, kExtremePovertySupport };

/// 致贫原因.
enum class Cause : uint8_t {
  kNone,
  kIllness,        // 因病
  kDisability,     // 因残
  kSchooling,      // 因学
  kDisaster,       // 因灾
  kLackLand,       // 缺土地
  kLackWater,      // 缺水
  kLackSkills,     // 缺技术
  kLackLabour,     // 缺劳力
  kLackCapital,    // 缺资金
  kPoorTransport,  // 交通条件落后
  kLackDrive,      // 自身发展动力不足
};
inline constexpr int kCauseCount = 12;

/// 户状态.
enum class HouseholdStatus : uint8_t { kPoor, kExited, kReturned, kMonitoring, kRemoved, kNotRegistered };

/// 监测对象类别 (2021 on): the three kinds of households under monitoring.
enum class MonitoringCategory : uint8_t { kNone, kUnstableExited, kMarginal, kSuddenHardship };

/// Yes / no / not recorded, for the guarantee and insurance fields.
enum class YesNo : uint8_t { kUnknown, kYes, kNo };

/// 与户主关系.
enum class Relation : uint8_t {
  kHead,
  kSpouse,
  kSon,
  kDaughter,
  kDaughterInLaw,
  kSonInLaw,
  kGrandson,
  kGranddaughter,
  kFather,
  kMother,
  kGrandparent,
  kSibling,
  kOther,
};

/// 文化程度.
enum class Education : uint8_t {
  kUnknown,
  kIlliterate,
  kPrimary,
  kJuniorSecondary,
  kSeniorSecondary,
  kVocationalSecondary,
  kCollege,
  kPreschoolChild,
};

/// 在校生状况.
enum class Schooling : uint8_t {
  kNotInSchool,
  kPreschool,
  kPrimary,
  kJuniorSecondary,
  kSeniorSecondary,
  kVocationalSecondary,
  kHigherVocational,
  kCollege,
  kHomeTeaching,
  kDroppedOut,
};

/// 健康状况.
enum class Health : uint8_t { kHealthy, kChronicIllness, kSeriousIllness, kDisabled };

/// 劳动技能.
enum class LabourAbility : uint8_t { kOrdinary, kSkilled, kWeak, kLost, kNone };

/// 务工状况.
enum class MigrantWork : uint8_t { kNone, kInCounty, kInProvince, kOutOfProvince };

/// 家庭成员.
struct Person {
  std::string id_number;  // canonical 18 characters
  std::string name;
  Sex sex = Sex::kUnknown;
  Date birth_date;
  Relation relation = Relation::kOther;
  std::string ethnicity;
  Education education = Education::kUnknown;
  Schooling schooling = Schooling::kNotInSchool;
  Health health = Health::kHealthy;
  LabourAbility labour = LabourAbility::kOrdinary;
  MigrantWork migrant_work = MigrantWork::kNone;
  YesNo medical_insurance = YesNo::kUnknown;
  YesNo pension_insurance = YesNo::kUnknown;

  bool operator==(const Person&) const = default;
};

/// 家庭年收入 components; per-capita net income derives from them.
struct Income {
  Money wages;             // 工资性收入
  Money production;        // 生产经营性收入
  Money property;          // 财产性收入
  Money transfer;          // 转移性收入
  Money production_costs;  // 生产经营性支出

  Money Net() const { return wages + production + property + transfer - production_costs; }
  bool operator==(const Income&) const = default;
};

/// 两不愁三保障 and the Sichuan 一超六有 items, as recorded for the household.
struct Guarantees {
  YesNo food = YesNo::kUnknown;         // 不愁吃
  YesNo clothing = YesNo::kUnknown;     // 不愁穿
  YesNo education = YesNo::kUnknown;    // 义务教育有保障
  YesNo medical = YesNo::kUnknown;      // 基本医疗有保障
  YesNo housing = YesNo::kUnknown;      // 住房安全有保障
  YesNo water = YesNo::kUnknown;        // 饮水安全有保障
  YesNo electricity = YesNo::kUnknown;  // 通生活用电
  YesNo radio_tv = YesNo::kUnknown;     // 通广播电视

  bool operator==(const Guarantees&) const = default;
};

/// 贫困户 (建档立卡户) with its members. `members` holds the head first.
struct Household {
  std::string id;  // 户编号, unique in the registry
  RegionCode village;
  std::string group;  // 村民小组
  PovertyAttribute attribute = PovertyAttribute::kGeneral;
  Cause main_cause = Cause::kNone;
  uint16_t other_causes = 0;  // bit (1 << Cause) per other cause
  Income income;
  Guarantees guarantees;
  int registration_year = 0;  // 识别年度
  HouseholdStatus status = HouseholdStatus::kPoor;
  int exit_year = 0;                                                   // 脱贫年度, 0 when not exited
  MonitoringCategory monitoring_category = MonitoringCategory::kNone;  // 监测对象类别
  YesNo risk_eliminated = YesNo::kUnknown;                             // 风险是否消除
  std::string phone;
  std::string cadre_name;   // 帮扶责任人
  std::string cadre_phone;  // 帮扶责任人联系电话
  std::string cadre_unit;   // 帮扶责任人单位
  std::vector<Person> members;
  /// Store version: 0 before the first write, +1 on each change (optimistic concurrency).
  int64_t version = 0;

  /// 人均纯收入: net income divided by the member count, rounded to the fen.
  Money PerCapitaNetIncome() const {
    return members.empty() ? Income().Net() : income.Net().DividedBy(static_cast<int64_t>(members.size()));
  }
  const Person* head() const;
  bool HasOtherCause(Cause c) const { return (other_causes >> static_cast<int>(c)) & 1U; }

  bool operator==(const Household&) const = default;
};

}  // namespace fupin::registry

namespace fupin {
template <>
std::span<const Term> TermsOf<registry::PovertyAttribute>();
template <>
std::span<const Term> TermsOf<registry::Cause>();
template <>
std::span<const Term> TermsOf<registry::HouseholdStatus>();
template <>
std::span<const Term> TermsOf<registry::YesNo>();
template <>
std::span<const Term> TermsOf<registry::Relation>();
template <>
std::span<const Term> TermsOf<registry::Education>();
template <>
std::span<const Term> TermsOf<registry::Schooling>();
template <>
std::span<const Term> TermsOf<registry::Health>();
template <>
std::span<const Term> TermsOf<registry::LabourAbility>();
template <>
std::span<const Term> TermsOf<registry::MigrantWork>();
template <>
std::span<const Term> TermsOf<registry::MonitoringCategory>();
}  // namespace fupin
