#include "command/party_org.hpp"

#include <fmt/format.h>

#include <map>

#include "command/cadre.hpp"

namespace fupin {
namespace {
constexpr Term kKinds[] = {
    {"village_branch", "村党组织", "village party branch", "村党支部", "村党委"},
    {"industry_committee", "产业党委", "industry party committee", "产业党组织"},
    {"temporary", "临时党组织", "temporary party organization", "临时党支部", "临时党委"},
};
constexpr Term kStates[] = {
    {"not_weak", "正常", "not weak and lax"},
    {"not_started", "待整顿", "weak and lax, rectification not started"},
    {"in_progress", "整顿中", "under rectification"},
    {"rectified", "已整顿", "rectified"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<command::PartyOrgKind>() {
  return kKinds;
}
template <>
std::span<const Term> TermsOf<command::RectificationState>() {
  return kStates;
}
}  // namespace fupin

namespace fupin::command {
namespace {

Result<store::RectificationRow> FindRectification(store::Store& store, int64_t id) {
  FUPIN_ASSIGN_OR_RETURN(auto all, store.ListRectifications());
  for (auto& r : all) {
    if (r.id == id) return r;
  }
  return Status::NotFound("rectification", {fmt::format("没有编号为 {} 的整顿记录", id),
                                            fmt::format("no rectification with id {}", id)});
}

}  // namespace

Result<std::vector<PartyOrgStatus>> PartyOrgStatuses(store::Store& store, RegionCode within) {
  FUPIN_ASSIGN_OR_RETURN(auto orgs, store.ListPartyOrgs(within));
  FUPIN_ASSIGN_OR_RETURN(auto rectifications, store.ListRectifications());
  std::map<std::string, store::RectificationRow> latest;
  for (const auto& r : rectifications) latest[r.party_org_id] = r;  // by id: the last one wins
  std::vector<PartyOrgStatus> out;
  out.reserve(orgs.size());
  for (auto& o : orgs) {
    PartyOrgStatus s;
    s.org = std::move(o);
    if (auto it = latest.find(s.org.id); it != latest.end()) s.rectification = it->second;
    if (!s.org.weak_lax) {
      s.state = RectificationState::kNotWeak;
    } else if (!s.rectification) {
      s.state = RectificationState::kNotStarted;
    } else {
      s.state =
          s.rectification->closed.empty() ? RectificationState::kInProgress : RectificationState::kRectified;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<store::RectificationRow> OpenRectification(store::Store& store, store::RectificationRow row,
                                                  const store::ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(auto orgs, store.ListPartyOrgs(RegionCode()));
  const store::PartyOrgRow* org = nullptr;
  for (const auto& o : orgs) {
    if (o.id == row.party_org_id) org = &o;
  }
  if (org == nullptr) {
    return Status::NotFound("party_org_id",
                            {fmt::format("党组织 {} 不存在", row.party_org_id),
                             fmt::format("party organization {} does not exist", row.party_org_id)});
  }
  if (!org->weak_lax) {
    return Status::FailedPrecondition(
        "party_org_id", "rectification.not_weak",
        {fmt::format("党组织“{}”未被认定为软弱涣散，不需整顿", org->name),
         fmt::format("party organization \"{}\" is not flagged weak and lax; there is nothing to rectify",
                     org->name)});
  }
  FUPIN_ASSIGN_OR_RETURN(auto existing, store.ListRectifications());
  for (const auto& r : existing) {
    if (r.party_org_id == row.party_org_id && r.closed.empty()) {
      return Status::FailedPrecondition(
          "party_org_id", "rectification.open_exists",
          {fmt::format("党组织“{}”已有未结束的整顿（#{}）", org->name, r.id),
           fmt::format("party organization \"{}\" already has an open rectification (#{})", org->name,
                       r.id)});
    }
  }
  FUPIN_ASSIGN_OR_RETURN(Date opened, Date::Parse(row.opened));
  struct Seat {
    const std::string* id;
    const char* field;
    const char* zh;
    const char* en;
  };
  const Seat seats[] = {{&row.county_leader_id, "county_leader_id", "联系县级领导", "county leader liaison"},
                        {&row.town_member_id, "town_member_id", "驻村乡镇党委委员", "town committee member"},
                        {&row.village_cadre_id, "village_cadre_id", "驻村干部", "village-stationed cadre"}};
  for (const Seat& seat : seats) {
    FUPIN_ASSIGN_OR_RETURN(auto cadre, store.FindCadre(*seat.id));
    if (!cadre) {
      return Status::NotFound(seat.field,
                              {fmt::format("“4+N”中的{} {} 不存在", seat.zh, *seat.id),
                               fmt::format("the {} {} of the \"4+N\" does not exist", seat.en, *seat.id)});
    }
    if (!ActiveOn(*cadre, opened)) {
      return Status::FailedPrecondition(
          seat.field, "cadre.inactive",
          {fmt::format("“4+N”中的{} {}（{}）在 {} 不在任", seat.zh, cadre->name, cadre->id, row.opened),
           fmt::format("the {} {} ({}) of the \"4+N\" is not in office on {}", seat.en, cadre->name,
                       cadre->id, row.opened)});
    }
    if (seat.id == &row.county_leader_id && cadre->level != "county_leader") {
      return Status::Invalid(
          seat.field, "rectification.liaison_level",
          {fmt::format("联系领导 {}（{}）不是县级领导", cadre->name, cadre->id),
           fmt::format("the liaison {} ({}) is not a county leader", cadre->name, cadre->id)});
    }
  }
  for (const std::string& other : row.others) {
    FUPIN_ASSIGN_OR_RETURN(auto cadre, store.FindCadre(other));
    if (!cadre) {
      return Status::NotFound("others",
                              {fmt::format("“4+N”中的 N 名干部 {} 不存在", other),
                               fmt::format("cadre {} among the N of the \"4+N\" does not exist", other)});
    }
  }
  FUPIN_ASSIGN_OR_RETURN(auto units, store.ListUnits());
  const store::UnitRow* unit = nullptr;
  for (const auto& u : units) {
    if (u.id == row.guiding_unit_id) unit = &u;
  }
  if (unit == nullptr || unit->kind != "county_department") {
    return Status::Invalid(
        "guiding_unit_id", "rectification.unit_kind",
        {fmt::format("指导单位 {} 不存在或不是县级部门", row.guiding_unit_id),
         fmt::format("guiding unit {} does not exist or is not a county department", row.guiding_unit_id)});
  }
  row.id = 0;
  row.progress = 0;
  row.closed.clear();
  return store.WriteRectification(row, context);
}

Result<store::RectificationRow> RecordRectificationProgress(store::Store& store, int64_t id, int64_t version,
                                                            int progress, const std::string& note,
                                                            const store::ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(store::RectificationRow row, FindRectification(store, id));
  if (!row.closed.empty()) {
    return Status::FailedPrecondition("closed", "rectification.closed",
                                      {fmt::format("整顿 #{} 已于 {} 结束", id, row.closed),
                                       fmt::format("rectification #{} was closed on {}", id, row.closed)});
  }
  if (progress < row.progress || progress > 100) {
    return Status::Invalid(
        "progress", "rectification.progress",
        {fmt::format("整顿 #{} 的进度 {}% 无效（当前 {}%，只能增加，最多 100%）", id, progress, row.progress),
         fmt::format("progress {}% of rectification #{} is invalid (now {}%; it may only grow, "
                     "up to 100%)",
                     progress, id, row.progress)});
  }
  row.version = version;
  row.progress = progress;
  row.note = note;
  return store.WriteRectification(row, context);
}

Result<store::RectificationRow> CloseRectification(store::Store& store, int64_t id, int64_t version, Date day,
                                                   const std::string& note,
                                                   const store::ChangeContext& context) {
  FUPIN_ASSIGN_OR_RETURN(store::RectificationRow row, FindRectification(store, id));
  if (!row.closed.empty()) {
    return Status::FailedPrecondition("closed", "rectification.closed",
                                      {fmt::format("整顿 #{} 已于 {} 结束", id, row.closed),
                                       fmt::format("rectification #{} was closed on {}", id, row.closed)});
  }
  if (row.progress < 100) {
    return Status::FailedPrecondition(
        "progress", "rectification.incomplete",
        {fmt::format("整顿 #{} 进度 {}%，未达 100% 不能销号", id, row.progress),
         fmt::format("rectification #{} is at {}%; it cannot be closed before 100%", id, row.progress)});
  }
  row.version = version;
  row.closed = day.ToString();
  row.note = note;
  return store.WriteRectification(row, context);
}

}  // namespace fupin::command
