#include "command/campaign.hpp"

#include <fmt/format.h>

#include <set>

namespace fupin {
namespace {
constexpr Term kLevels[] = {
    {"hq", "指挥部", "headquarters"},
    {"working_group", "工作组", "working group"},
    {"war_zone", "镇战区", "town war zone", "战区"},
    {"battlefield", "村战场", "village battlefield", "战场"},
};
constexpr Term kRoles[] = {
    {"commander_in_chief", "指挥长", "commander-in-chief"},
    {"deputy_commander", "副指挥长", "deputy commander"},
    {"commander", "指挥员", "commander"},
    {"group_leader", "组长", "group leader"},
    {"member", "成员", "member"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<command::CommandLevel>() {
  return kLevels;
}
template <>
std::span<const Term> TermsOf<command::CommandRole>() {
  return kRoles;
}
}  // namespace fupin

namespace fupin::command {

Result<int> DaysLeft(const store::CampaignRow& campaign, Date today) {
  FUPIN_ASSIGN_OR_RETURN(Date end, Date::Parse(campaign.end));
  return end.days() - today.days();
}

Result<std::vector<CampaignSummary>> SummarizeCampaigns(store::Store& store, Date today) {
  FUPIN_ASSIGN_OR_RETURN(auto campaigns, store.ListCampaigns());
  std::vector<CampaignSummary> out;
  for (const auto& c : campaigns) {
    CampaignSummary s;
    s.campaign = c;
    FUPIN_ASSIGN_OR_RETURN(Date start, Date::Parse(c.start));
    FUPIN_ASSIGN_OR_RETURN(Date end, Date::Parse(c.end));
    s.days_total = end.days() - start.days() + 1;
    s.days_left = end.days() - today.days();
    FUPIN_ASSIGN_OR_RETURN(auto posts, store.CampaignPosts(c.id));
    std::set<std::string> groups;
    std::set<uint64_t> zones, fields;
    for (const auto& p : posts) {
      if (p.level == "hq") {
        ++s.hq_posts;
        if (p.role == "commander_in_chief") s.commander_in_chief = p.cadre_id;
        if (p.role == "deputy_commander") ++s.deputy_commanders;
      } else if (p.level == "working_group") {
        groups.insert(p.name);
      } else if (p.level == "war_zone") {
        zones.insert(p.region.number());
      } else if (p.level == "battlefield") {
        fields.insert(p.region.number());
      }
    }
    s.working_groups = static_cast<int>(groups.size());
    s.war_zones = static_cast<int>(zones.size());
    s.battlefields = static_cast<int>(fields.size());
    FUPIN_ASSIGN_OR_RETURN(auto orgs, store.ListPartyOrgs(c.region));
    for (const auto& o : orgs) s.temporary_party_orgs += o.campaign_id == c.id ? 1 : 0;
    out.push_back(std::move(s));
  }
  return out;
}

Status CheckCampaign(store::Store& store, const store::CampaignRow& campaign,
                     const std::vector<store::CommandPostRow>& posts) {
  auto start = Date::Parse(campaign.start);
  auto end = Date::Parse(campaign.end);
  if (!start.ok() || !end.ok() || *end < *start) {
    return Status::Invalid(
        "end", "campaign.dates",
        {fmt::format("战役“{}”的起止日期 {} 至 {} 无效", campaign.name, campaign.start, campaign.end),
         fmt::format("campaign \"{}\" has invalid dates {} to {}", campaign.name, campaign.start,
                     campaign.end)});
  }
  FUPIN_ASSIGN_OR_RETURN(auto cadres, store.ListCadres());
  std::set<std::string> cadre_ids;
  for (const auto& c : cadres) cadre_ids.insert(c.id);
  bool chief = false;
  for (const auto& p : posts) {
    auto level = ParseTerm<CommandLevel>(p.level);
    if (!level) {
      return Status::Invalid(
          "level", "campaign.level",
          {fmt::format("指挥层级“{}”未知", p.level), fmt::format("unknown command level \"{}\"", p.level)});
    }
    if (!ParseTerm<CommandRole>(p.role)) {
      return Status::Invalid(
          "role", "campaign.role",
          {fmt::format("指挥职务“{}”未知", p.role), fmt::format("unknown command role \"{}\"", p.role)});
    }
    const RegionLevel want = *level == CommandLevel::kWarZone       ? RegionLevel::kTown
                             : *level == CommandLevel::kBattlefield ? RegionLevel::kVillage
                                                                    : campaign.region.level();
    if (p.region.level() != want || !p.region.IsWithin(campaign.region)) {
      return Status::Invalid(
          "region", "campaign.region",
          {fmt::format("{}的区划 {} 层级不对或不在战役范围 {} 内", TermOf(*level).zh, p.region.ToString(),
                       campaign.region.ToString()),
           fmt::format("{} region {} is at the wrong level or outside the campaign's region {}",
                       TermOf(*level).en, p.region.ToString(), campaign.region.ToString())});
    }
    if (!cadre_ids.contains(p.cadre_id)) {
      return Status::NotFound("cadre_id",
                              {fmt::format("指挥岗位的干部 {} 不存在", p.cadre_id),
                               fmt::format("cadre {} of a command post does not exist", p.cadre_id)});
    }
    chief = chief || (p.level == "hq" && p.role == "commander_in_chief");
  }
  if (!chief) {
    return Status::Invalid(
        "role", "campaign.no_commander",
        {fmt::format("战役“{}”的指挥部没有指挥长", campaign.name),
         fmt::format("campaign \"{}\" has no commander-in-chief at the HQ", campaign.name)});
  }
  return Status::Ok();
}

}  // namespace fupin::command
