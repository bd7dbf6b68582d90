// Roles 角色 and what each may do. A user has one role and one region scope (a
// subtree); a responsible cadre is further limited to their own households. The
// server checks every request against these rules (server/ never decides rights).
#pragma once

#include <optional>
#include <string_view>

#include "core/region_code.hpp"
#include "core/vocabulary.hpp"

namespace fupin::accounts {

enum class Role : uint8_t {
  kAdmin,             // 系统管理员
  kCountyHq,          // 县指挥部/扶贫办
  kOrgDept,           // 县委组织部
  kTownCommander,     // 镇(街)战区指挥员
  kVillageStaff,      // 第一书记/驻村工作队/村两委
  kResponsibleCadre,  // 帮扶责任人
  kSupervisor,        // 督战队/暗访组
  kDiscipline,        // 纪委监委
  kViewer,            // 只读
};

/// Things a role may do; the scope check comes on top of these.
enum class Permission : uint8_t {
  kReadRegistry,
  kViewUnmasked,    // see full ID and phone numbers (audited)
  kExport,          // Excel export of lists (audited)
  kStartProcedure,  // start an exit / identification / return procedure
  kVillageSteps,    // democratic review, household confirmation, public notice
  kTownSteps,       // town review
  kCountySteps,     // county approval, announcement
  kFlagMonitoring,  // flag a monitoring object
  kReadAudit,
  kManageUsers,
  kReassign,  // hand a cadre's households and posts to others (调整包保)
  kLogVisit,  // log a visit 帮扶走访 to one's own households (responsible cadres only)
  // Work lists and meetings: issue tasks 下达工作清单; commit to, report progress on and
  // complete a task (within scope); record a held meeting (within scope).
  kManageTasks,
  kUpdateTask,
  kRecordMeeting,
};

bool RoleHas(Role role, Permission permission);

/// The deepest level a role's scope may be set to, e.g. a town commander's scope is a town.
RegionLevel ScopeLevelOf(Role role);

}  // namespace fupin::accounts

namespace fupin {
template <>
std::span<const Term> TermsOf<accounts::Role>();
}  // namespace fupin
