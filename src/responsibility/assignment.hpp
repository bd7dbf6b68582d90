// 四级包保 Four-level responsibility: county leader → town, helping unit → village,
// leader in charge → villager group, responsible cadre → household; plus the first
// secretary 第一书记 and the village work team 驻村工作队 of a village and shock
// teams 突击队. Every assignment is dated (from–to) and never deleted, so "who was
// responsible for this household on 2020-05-04?" has an answer.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/vocabulary.hpp"
#include "policy/policy.hpp"
#include "registry/table_file.hpp"
#include "store/store.hpp"

namespace fupin::responsibility {

enum class AssignmentKind : uint8_t {
  kTownLeader,      // 县级领导包镇: target a town
  kVillageUnit,     // 帮扶单位包村: target a village, held by a unit
  kGroupLeader,     // 包组领导: target "<village>/<group>"
  kHouseholdCadre,  // 帮扶责任人包户: target a household id
  kFirstSecretary,  // 第一书记: target a village
  kWorkTeam,        // 驻村工作队员: target a village
  kShockTeam,       // 突击队员: target a village
};

/// Kinds with one holder at a time: a new one ends the previous holder's.
bool IsSingleHolder(AssignmentKind kind);

/// The target of a villager group: "511025100200/3".
std::string GroupTarget(RegionCode village, std::string_view group);

/// True when the assignment is in force on `day`.
bool InForceOn(const store::AssignmentRow& a, Date day);

/// The responsible cadre of a household on a day, with the assignment that made
/// them so and their unit.
struct Responsible {
  store::AssignmentRow assignment;
  store::CadreRow cadre;
  std::optional<store::UnitRow> unit;
};

/// Who was (is) responsible for `household_id` on `day`; nullopt when nobody was.
/// not_found when the household does not exist.
Result<std::optional<Responsible>> ResponsibleOn(store::Store& store, std::string_view household_id,
                                                 Date day);

/// Every assignment of a target (e.g. a household id), oldest first.
Result<std::vector<store::AssignmentRow>> AssignmentHistory(store::Store& store, std::string_view target);

/// Households a cadre is responsible for on `day` (household_cadre assignments).
Result<int64_t> HouseholdLoad(store::Store& store, std::string_view cadre_id, Date day);

/// Checks the load rule in force on `day` for a cadre who would hold `households`
/// households: failed_precondition load.max_households when above the limit and the
/// cadre's level is not exempt.
Status CheckLoad(const policy::Policy& policy, const store::CadreRow& cadre, int64_t households, Date day);

/// The assignment layout 包保表: 包保类型, 包保对象, 干部编号, 帮扶单位编码, 起始日期,
/// 终止日期, 备注 (docs/data-format.md).
std::span<const registry::TableColumn> AssignmentLayout();

/// Imports assignments, all or nothing unless skip_invalid. A row for a
/// single-holder kind whose target has an open assignment to someone else ends that
/// one the day before; the same holder again is counted unchanged. Rules:
/// row.required, assignment.kind, target.unknown (town, village, group's village or
/// household not stored, or at the wrong level), cadre.unknown, cadre.inactive,
/// unit.unknown, unit.required, date.format, date.order, assignment.duplicate (the
/// same target and kind twice in the file for a single-holder kind),
/// load.max_households.
Result<registry::TableImportReport> ImportAssignmentFile(store::Store& store, const policy::Policy& policy,
                                                         const std::filesystem::path& path,
                                                         const registry::TableImportOptions& options);

}  // namespace fupin::responsibility

namespace fupin {
template <>
std::span<const Term> TermsOf<responsibility::AssignmentKind>();
}  // namespace fupin
