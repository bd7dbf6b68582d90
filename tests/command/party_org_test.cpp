// "4+N" rectification of a weak and lax party organization, and a campaign's checks.
#include "command/party_org.hpp"

#include <gtest/gtest.h>

#include "command/campaign.hpp"
#include "responsibility/responsibility_test_support.hpp"

namespace fupin::command {
namespace {

using responsibility::test::D;
using responsibility::test::R;

class PartyOrgTest : public responsibility::test::SmallCountyTest {
 protected:
  void SetUp() override {
    SmallCountyTest::SetUp();
    const std::vector<store::PartyOrgRow> orgs = {
        {"P1", "中共甲一村支部委员会", "village_branch", R("511025100201"), "", 30, true, 0},
        {"P2", "中共甲二村支部委员会", "village_branch", R("511025100202"), "", 25, false, 0}};
    ASSERT_TRUE(store_->WritePartyOrgs(orgs, {"test", "test"}).ok());
  }
  store::RectificationRow FourPlusN() {
    store::RectificationRow r;
    r.party_org_id = "P1";
    r.opened = "2020-03-15";
    r.county_leader_id = "L1";
    r.guiding_unit_id = "U1";
    r.town_member_id = "G1";
    r.village_cadre_id = "F1";
    r.others = {"C1", "C2"};
    return r;
  }
};

TEST_F(PartyOrgTest, OpenProgressClose) {
  auto opened = OpenRectification(*store_, FourPlusN(), {"test", "test"});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->progress, 0);
  EXPECT_EQ(OpenRectification(*store_, FourPlusN(), {"test", "test"}).status().rule(),
            "rectification.open_exists");
  EXPECT_EQ(CloseRectification(*store_, opened->id, opened->version, D(2020, 6, 1), "", {"test", "test"})
                .status()
                .rule(),
            "rectification.incomplete");
  auto half =
      RecordRectificationProgress(*store_, opened->id, opened->version, 50, "班子调整中", {"test", "test"});
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(
      RecordRectificationProgress(*store_, half->id, half->version, 40, "", {"test", "test"}).status().rule(),
      "rectification.progress");
  EXPECT_EQ(RecordRectificationProgress(*store_, half->id, opened->version, 60, "", {"test", "test"})
                .status()
                .rule(),
            "rectification.stale");
  auto done = RecordRectificationProgress(*store_, half->id, half->version, 100, "完成", {"test", "test"});
  ASSERT_TRUE(done.ok());
  auto closed =
      CloseRectification(*store_, done->id, done->version, D(2020, 10, 20), "销号", {"test", "test"});
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->closed, "2020-10-20");
  auto statuses = PartyOrgStatuses(*store_, R("511025"));
  ASSERT_TRUE(statuses.ok());
  ASSERT_EQ(statuses->size(), 2u);
  EXPECT_EQ((*statuses)[0].state, RectificationState::kRectified);
  EXPECT_EQ((*statuses)[1].state, RectificationState::kNotWeak);
  auto history = store_->History("rectification", std::to_string(opened->id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 4u);
}

TEST_F(PartyOrgTest, FourPlusNSeatsAreChecked) {
  auto r = FourPlusN();
  r.county_leader_id = "C1";
  EXPECT_EQ(OpenRectification(*store_, r, {"test", "test"}).status().rule(), "rectification.liaison_level");
  r = FourPlusN();
  r.guiding_unit_id = "U2";  // a town, not a county department
  EXPECT_EQ(OpenRectification(*store_, r, {"test", "test"}).status().rule(), "rectification.unit_kind");
  r = FourPlusN();
  r.village_cadre_id = "C5";  // left 2020-03-31; fine on 2020-03-15, not on 2020-04-01
  r.opened = "2020-04-01";
  EXPECT_EQ(OpenRectification(*store_, r, {"test", "test"}).status().rule(), "cadre.inactive");
  r = FourPlusN();
  r.party_org_id = "P2";
  EXPECT_EQ(OpenRectification(*store_, r, {"test", "test"}).status().rule(), "rectification.not_weak");
}

TEST_F(PartyOrgTest, CampaignCountdownAndChecks) {
  const store::CampaignRow campaign{"c1", "百日攻坚行动", R("511025"), "2020-08-01", "2020-11-08", 0};
  std::vector<store::CommandPostRow> posts = {{"hq", R("511025"), "", "deputy_commander", "L2"},
                                              {"war_zone", R("511025100"), "", "commander", "L1"},
                                              {"battlefield", R("511025100201"), "", "commander", "F1"}};
  EXPECT_EQ(CheckCampaign(*store_, campaign, posts).rule(), "campaign.no_commander");
  posts.push_back({"hq", R("511025"), "", "commander_in_chief", "L1"});
  EXPECT_TRUE(CheckCampaign(*store_, campaign, posts).ok());
  posts.push_back({"war_zone", R("511025100201"), "", "commander", "L1"});
  EXPECT_EQ(CheckCampaign(*store_, campaign, posts).rule(), "campaign.region");
  posts.pop_back();
  ASSERT_TRUE(store_->WriteCampaign(campaign, posts, {"test", "test"}).ok());
  auto list = SummarizeCampaigns(*store_, D(2020, 9, 1));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].days_total, 100);
  EXPECT_EQ((*list)[0].days_left, 68);
  EXPECT_EQ((*list)[0].commander_in_chief, "L1");
  EXPECT_EQ((*list)[0].war_zones, 1);
  EXPECT_EQ((*list)[0].battlefields, 1);
}

}  // namespace
}  // namespace fupin::command
