// Checklist items are declared in the policy file, so one function checks them all.
#include "policy/rule.hpp"
#include "policy/rules/rules.hpp"

namespace fupin::policy {

CriterionResult CheckChecklistItem(const ChecklistItem& item,
                                   const std::map<std::string, bool, std::less<>>& values) {
  const auto it = values.find(item.id);
  CriterionResult result{item.id, item.name, false, rules::NotRecorded(), item.source};
  if (it == values.end()) return result;
  result.pass = it->second;
  result.reason = it->second ? Message{"已具备", "in place"} : Message{"不具备", "not in place"};
  return result;
}

}  // namespace fupin::policy
