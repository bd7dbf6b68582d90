// 战役 Campaign and its command structure (全域作战指挥体系): the county HQ
// (指挥部: commander-in-chief 指挥长, deputy commanders 副指挥长, commanders 指挥员),
// its working groups (工作组), a war zone per town (镇战区) and a battlefield per
// village (村战场), each with its commanders. Temporary party organizations of the
// levels are PartyOrgRow with kind "temporary" (party_org.hpp).
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/vocabulary.hpp"
#include "store/store.hpp"

namespace fupin::command {

enum class CommandLevel : uint8_t { kHq, kWorkingGroup, kWarZone, kBattlefield };
enum class CommandRole : uint8_t { kCommanderInChief, kDeputyCommander, kCommander, kGroupLeader, kMember };

/// Days from `today` to the campaign's last day (0 on it, negative after it).
Result<int> DaysLeft(const store::CampaignRow& campaign, Date today);

/// A campaign as read back: its posts counted by level and role.
struct CampaignSummary {
  store::CampaignRow campaign;
  int days_total = 0;  // start to end, inclusive
  int days_left = 0;   // on the given day
  int hq_posts = 0;
  int deputy_commanders = 0;
  int working_groups = 0;
  int war_zones = 0;
  int battlefields = 0;
  std::string commander_in_chief;  // cadre id; "" when none
  int temporary_party_orgs = 0;
};

/// Reads every campaign with its posts and temporary party organizations.
Result<std::vector<CampaignSummary>> SummarizeCampaigns(store::Store& store, Date today);

/// Checks a campaign before it is written: dates in order, a commander-in-chief,
/// codes known, war zones at town and battlefields at village level, every cadre
/// stored. Rules: campaign.dates, campaign.no_commander, campaign.level,
/// campaign.role, campaign.region, cadre.unknown.
Status CheckCampaign(store::Store& store, const store::CampaignRow& campaign,
                     const std::vector<store::CommandPostRow>& posts);

}  // namespace fupin::command

namespace fupin {
template <>
std::span<const Term> TermsOf<command::CommandLevel>();
template <>
std::span<const Term> TermsOf<command::CommandRole>();
}  // namespace fupin
