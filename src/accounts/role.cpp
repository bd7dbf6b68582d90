#include "accounts/role.hpp"

namespace fupin {
namespace {
constexpr Term kRoles[] = {
    {"admin", "系统管理员", "system administrator"},
    {"county_hq", "县指挥部", "county HQ"},
    {"org_dept", "县委组织部", "organization department"},
    {"town_commander", "镇(街)战区指挥员", "town commander"},
    {"village_staff", "第一书记/村两委", "village staff / first secretary"},
    {"responsible_cadre", "帮扶责任人", "responsible cadre"},
    {"supervisor", "督战队", "supervisor"},
    {"discipline", "纪委监委", "discipline inspector"},
    {"viewer", "只读用户", "read-only viewer"},
};
}  // namespace

template <>
std::span<const Term> TermsOf<accounts::Role>() {
  return kRoles;
}

namespace accounts {

bool RoleHas(Role role, Permission p) {
  using P = Permission;
  switch (role) {
    // Only a responsible cadre logs visits: a visit is their own record of their own
    // households, which no other account holds.
    case Role::kAdmin:
      return p != P::kLogVisit;
    case Role::kCountyHq:
      return p != P::kManageUsers && p != P::kLogVisit;
    case Role::kOrgDept:
      return p == P::kReadRegistry || p == P::kReassign || p == P::kUpdateTask;
    case Role::kSupervisor:
    case Role::kViewer:
      return p == P::kReadRegistry;
    case Role::kTownCommander:
      return p == P::kReadRegistry || p == P::kExport || p == P::kStartProcedure || p == P::kVillageSteps ||
             p == P::kTownSteps || p == P::kFlagMonitoring || p == P::kUpdateTask || p == P::kRecordMeeting;
    case Role::kVillageStaff:
      return p == P::kReadRegistry || p == P::kStartProcedure || p == P::kVillageSteps ||
             p == P::kFlagMonitoring;
    case Role::kResponsibleCadre:
      return p == P::kReadRegistry || p == P::kLogVisit;
    case Role::kDiscipline:
      return p == P::kReadRegistry || p == P::kViewUnmasked || p == P::kReadAudit || p == P::kExport;
  }
  return false;
}

RegionLevel ScopeLevelOf(Role role) {
  switch (role) {
    case Role::kTownCommander:
      return RegionLevel::kTown;
    case Role::kVillageStaff:
    case Role::kResponsibleCadre:
      return RegionLevel::kVillage;
    default:
      return RegionLevel::kCounty;
  }
}

}  // namespace accounts
}  // namespace fupin
