// The rules engine's unit: one Rule per exit criterion, with a stable id, a name and
// an explanation in Chinese and English, and the range of dates in which the
// criterion exists. A rule only checks; which rules apply to a region and year, and
// the numbers they compare against, come from the Policy. Rules live one per file in
// policy/rules/ (simple guarantee checks share one small table); checklist items are
// declared in the policy file itself and checked by CheckChecklistItem.
//
// Rule objects are immutable singletons, safe to use from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/region_code.hpp"
#include "core/status.hpp"
#include "policy/percent.hpp"
#include "policy/policy.hpp"
#include "registry/household.hpp"

namespace fupin::policy {

/// One criterion's outcome, readable by a cadre: e.g. name 收入超过扶贫标准, pass
/// false, reason "人均纯收入 3,812 元 < 2020 年标准 4,000 元".
struct CriterionResult {
  std::string rule_id;
  Message name;
  bool pass = false;
  Message reason;
  std::string basis;  // source note of the policy value compared against; may be empty

  bool operator==(const CriterionResult&) const = default;
};

/// Facts about a village for its exit check. Checklist values by item id; an item
/// that is absent is "not recorded" and fails.
struct VillageFacts {
  int64_t poor_not_exited = 0;   // 未脱贫贫困人口
  int64_t rural_population = 0;  // 农村户籍人口
  std::map<std::string, bool, std::less<>> checklist;
};

/// Facts about a county for its exit check. The three survey rates are counts from
/// the assessment (e.g. missed persons ÷ surveyed unregistered rural persons); empty
/// means not recorded and fails. County checklist items are read per township: true
/// means every township has it.
struct CountyFacts {
  int64_t poor_not_exited = 0;
  int64_t rural_population = 0;
  std::optional<Ratio> missed_assessment;  // 漏评率
  std::optional<Ratio> wrong_exit;         // 错退率
  std::optional<Ratio> recognition;        // 群众认可度
  std::map<std::string, bool, std::less<>> checklist;
};

/// What a household rule looks at. References must outlive the check.
struct HouseholdSubject {
  const Policy& policy;
  const registry::Household& household;
  int year;
};

struct VillageSubject {
  const Policy& policy;
  RegionCode village;
  const VillageFacts& facts;
  int year;
  const RegionClass& region_class;
};

struct CountySubject {
  const Policy& policy;
  RegionCode county;
  const CountyFacts& facts;
  int year;
  const RegionClass& region_class;
};

/// Base of every rule. `Subject` is what the rule checks.
template <typename Subject>
class Rule {
 public:
  Rule(std::string id, Message name, Message explanation, DateRange effective)
      : id_(std::move(id)),
        name_(std::move(name)),
        explanation_(std::move(explanation)),
        effective_(effective) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  /// Stable dotted id, e.g. "household.income_above_line"; used in policy files.
  const std::string& id() const { return id_; }
  const Message& name() const { return name_; }
  /// What the rule requires, for help texts, e.g. "人均纯收入须超过当年国家扶贫标准".
  const Message& explanation() const { return explanation_; }
  /// Days on which the criterion exists at all; outside them it is skipped.
  const DateRange& effective() const { return effective_; }

  /// Checks the subject; never fails as a call — missing data is a failed criterion.
  virtual CriterionResult Check(const Subject& subject) const = 0;

 protected:
  CriterionResult Outcome(bool pass, Message reason, std::string basis = {}) const {
    return {id_, name_, pass, std::move(reason), std::move(basis)};
  }

 private:
  std::string id_;
  Message name_;
  Message explanation_;
  DateRange effective_;
};

using HouseholdRule = Rule<HouseholdSubject>;
using VillageRule = Rule<VillageSubject>;
using CountyRule = Rule<CountySubject>;

/// Every household rule, in a stable order.
std::span<const HouseholdRule* const> HouseholdRules();
/// The household rule with this id, or nullptr.
const HouseholdRule* FindHouseholdRule(std::string_view id);
/// The village rules, applied to every village before its checklist.
std::span<const VillageRule* const> VillageRules();
/// The county rules, applied to every county before its checklist.
std::span<const CountyRule* const> CountyRules();

/// Checks one checklist item against recorded values (absent = not recorded).
CriterionResult CheckChecklistItem(const ChecklistItem& item,
                                   const std::map<std::string, bool, std::less<>>& values);

}  // namespace fupin::policy
