#include "demo/structure_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

namespace fupin::demo {
namespace {

// splitmix64: small, portable, deterministic.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x5EEDULL) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  int Range(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  /// True with probability per10000 / 10000.
  bool Chance(int per10000) { return static_cast<int>(Next() % 10000) < per10000; }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 40> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余"};
constexpr std::array<std::string_view, 48> kGiven = {
    "建", "国", "华", "明", "军", "平", "勇", "强", "伟", "磊", "涛", "斌", "超", "刚", "杰", "鹏",
    "静", "丽", "敏", "燕", "艳", "玲", "霞", "红", "芳", "娟", "婷", "琳", "雪", "梅", "兰", "英",
    "志", "文", "德", "成", "永", "春", "海", "云", "洪", "林", "宇", "浩", "然", "晨", "博", "欣"};

std::string Name(Rng& rng) {
  std::string name(kSurnames[rng.Next() % kSurnames.size()]);
  name += kGiven[rng.Next() % kGiven.size()];
  if (rng.Chance(7000)) name += kGiven[rng.Next() % kGiven.size()];
  return name;
}

// Phone numbers in a range the registry's generator does not use (its cadres and
// households keep theirs).
std::string Phone(int64_t serial) {
  return fmt::format("1990{:07d}", serial);
}

constexpr std::string_view kLeaderPosts[] = {
    "县委书记",
    "县委副书记、县长",
    "县人大常委会主任",
    "县政协主席",
    "县委副书记",
    "县委常委、常务副县长",
    "县委常委、组织部长",
    "县委常委、宣传部长",
    "县委常委、纪委书记",
    "县委常委、政法委书记",
    "县委常委、统战部长",
    "县委常委、县委办主任",
    "县委常委、副县长",
    "副县长",
    "副县长",
    "副县长",
    "副县长",
    "副县长",
    "县人大常委会副主任",
    "县人大常委会副主任",
    "县人大常委会副主任",
    "县人大常委会副主任",
    "县政协副主席",
    "县政协副主席",
    "县政协副主席",
    "县政协副主席",
    "县人民法院院长",
    "县人民检察院检察长",
    "县委常委、人武部政委",
    "县人大常委会副主任",
    "县政协副主席",
    "副县长",
    "县政协副主席",
};

constexpr std::string_view kWorkingGroups[] = {"综合协调组", "督导督查组", "宣传报道组", "攻坚突击队"};

constexpr std::pair<std::string_view, int> kIndustries[] = {{"血橙产业党委", 316},
                                                            {"生猪产业党委", 268},
                                                            {"枇杷产业党委", 197},
                                                            {"蔬菜产业党委", 214},
                                                            {"乡村旅游产业党委", 163}};

constexpr std::string_view kBase = "2019-01-01";
constexpr std::string_view kHandover = "2020-05-01";
constexpr std::string_view kLeft = "2020-04-30";

bool Audited(registry::HouseholdStatus s) {
  return s != registry::HouseholdStatus::kRemoved && s != registry::HouseholdStatus::kNotRegistered;
}

// A village committee (not an urban community): code suffix 200 and above.
bool IsVillageCommittee(RegionCode code) {
  return code.number() % 1000 >= 200;
}

}  // namespace

DemoStructure GenerateDemoStructure(const CountyTargets& targets, std::span<const DemoRegion> towns_in,
                                    std::span<const DemoRegion> villages_in, const DemoRegistry& registry,
                                    uint64_t seed) {
  Rng rng(seed ^ 0x5354525543545552ULL);  // "STRUCTUR"
  DemoStructure out;
  const RegionCode county = targets.county;
  const std::string prefix = county.ToShortString();
  std::vector<DemoRegion> towns(towns_in.begin(), towns_in.end());
  std::vector<DemoRegion> villages(villages_in.begin(), villages_in.end());
  const auto by_code = [](const DemoRegion& a, const DemoRegion& b) { return a.code < b.code; };
  std::sort(towns.begin(), towns.end(), by_code);
  std::sort(villages.begin(), villages.end(), by_code);
  std::map<RegionCode, std::string> name_of;
  for (const auto& t : towns) name_of[t.code] = t.name;
  for (const auto& v : villages) name_of[v.code] = v.name;
  const std::set<RegionCode> poor(registry.poor_villages.begin(), registry.poor_villages.end());

  // --- Units: county departments, town governments, other helping units.
  std::unordered_map<std::string, std::string> unit_id_of;  // name -> id
  const auto add_unit = [&](std::string id, std::string name, const char* kind, RegionCode region) {
    unit_id_of[name] = id;
    out.units.push_back({std::move(id), std::move(name), kind, region, 0});
  };
  const auto departments = DemoCountyUnitNames(targets.county_name);
  for (size_t i = 0; i < departments.size(); ++i) {
    add_unit(fmt::format("{}-D{:02d}", prefix, i + 1), departments[i], "county_department", county);
  }
  for (const auto& t : towns)
    add_unit(fmt::format("{}-T{}", prefix, t.code.ToString().substr(6, 3)), DemoTownUnitName(t.name), "town",
             t.code);
  const std::string others[] = {fmt::format("国网四川{}供电公司", targets.county_name),
                                fmt::format("中国农业银行{}支行", targets.county_name),
                                fmt::format("{}农村信用合作联社", targets.county_name),
                                fmt::format("中国移动{}分公司", targets.county_name)};
  for (size_t i = 0; i < std::size(others); ++i) {
    add_unit(fmt::format("{}-O{:02d}", prefix, i + 1), others[i], "other", county);
  }
  const std::string party_office = out.units[0].id;  // 中共…委办公室
  const std::string gov_office = out.units[6].id;    // …人民政府办公室

  int64_t phone_serial = static_cast<int64_t>(county.number() % 1000) * 10000;
  const auto add_cadre = [&](std::string id, std::string name, const std::string& unit, std::string post,
                             const char* level, bool party, std::string phone, std::string from,
                             std::string to = "") {
    out.cadres.push_back({std::move(id), std::move(name), unit, std::move(post), level, party,
                          std::move(phone), std::move(from), std::move(to), 0});
    return out.cadres.back().id;
  };

  // --- County leaders 县级领导.
  const int leaders = county.ToShortString() == "511025" ? 33 : 28;
  std::vector<std::string> leader_ids;
  for (int i = 0; i < leaders; ++i) {
    const std::string_view post = kLeaderPosts[static_cast<size_t>(i) % std::size(kLeaderPosts)];
    const bool party_post = post.find("县委") != std::string_view::npos;
    leader_ids.push_back(add_cadre(fmt::format("{}-L{:02d}", prefix, i + 1), Name(rng),
                                   party_post ? party_office : gov_office, std::string(post), "county_leader",
                                   true, Phone(phone_serial++), "2016-10-01"));
  }

  // --- Responsible cadres 帮扶责任人 from the registry, and which villages they serve.
  std::unordered_map<std::string, std::string> cadre_of_phone;
  for (size_t i = 0; i < registry.cadres.size(); ++i) {
    const DemoCadre& c = registry.cadres[i];
    auto unit = unit_id_of.find(c.unit);
    const std::string unit_id = unit != unit_id_of.end() ? unit->second : gov_office;
    const bool section = rng.Chance(1500);
    cadre_of_phone[c.phone] =
        add_cadre(fmt::format("{}-R{:05d}", prefix, i + 1), c.name, unit_id,
                  section ? "副科长" : (rng.Chance(5000) ? "科员" : "干部"), section ? "section" : "other",
                  rng.Chance(7000), c.phone, "2016-01-01");
  }

  // What is audited: households, their villages and groups; villages to cover.
  std::map<RegionCode, std::vector<const registry::Household*>> households_of;
  std::map<RegionCode, std::set<std::string>> groups_of;
  for (const auto& h : registry.households) {
    if (!Audited(h.status)) continue;
    households_of[h.village].push_back(&h);
    groups_of[h.village].insert(h.group);
  }
  std::set<RegionCode> covered_villages(poor.begin(), poor.end());
  for (const auto& [v, list] : households_of) covered_villages.insert(v);
  std::map<RegionCode, std::vector<RegionCode>> villages_of_town;
  for (RegionCode v : covered_villages) villages_of_town[v.parent()].push_back(v);

  // --- Town cadres: party secretary, mayor, three committee members, and cadres in
  // charge of villager groups 包组干部 (one per ~8 groups).
  std::map<RegionCode, std::vector<std::string>> town_members, group_cadres;
  std::map<RegionCode, std::string> town_secretary;
  for (const auto& t : towns) {
    if (!villages_of_town.contains(t.code)) continue;
    const std::string unit = unit_id_of[DemoTownUnitName(t.name)];
    const std::string code = t.code.ToString().substr(6, 3);
    town_secretary[t.code] = add_cadre(fmt::format("{}-T{}-01", prefix, code), Name(rng), unit, "党委书记",
                                       "section", true, Phone(phone_serial++), "2017-06-01");
    add_cadre(fmt::format("{}-T{}-02", prefix, code), Name(rng), unit, "镇长", "section", true,
              Phone(phone_serial++), "2017-06-01");
    for (int i = 0; i < 3; ++i) {
      town_members[t.code].push_back(add_cadre(fmt::format("{}-T{}-{:02d}", prefix, code, i + 3), Name(rng),
                                               unit, "党委委员", "section", true, Phone(phone_serial++),
                                               "2018-01-01"));
    }
    size_t groups = 0;
    for (RegionCode v : villages_of_town[t.code]) groups += groups_of[v].size();
    const size_t n = std::max<size_t>(1, (groups + 7) / 8);
    for (size_t i = 0; i < n; ++i) {
      group_cadres[t.code].push_back(add_cadre(fmt::format("{}-T{}-G{:02d}", prefix, code, i + 1), Name(rng),
                                               unit, "包村干部", rng.Chance(3000) ? "section" : "other",
                                               rng.Chance(8000), Phone(phone_serial++), "2018-01-01"));
    }
  }

  // --- Assignments.
  const auto assign = [&](const char* kind, std::string target, RegionCode region, std::string cadre,
                          std::string unit, std::string_view from, std::string note = "") {
    store::AssignmentRow a;
    a.kind = kind;
    a.target = std::move(target);
    a.region = region;
    a.cadre_id = std::move(cadre);
    a.unit_id = std::move(unit);
    a.date_from = std::string(from);
    a.note = std::move(note);
    out.assignments.push_back(std::move(a));
    return out.assignments.size() - 1;
  };
  // County leader → town, round robin (the commander-in-chief and the county head too).
  std::map<RegionCode, std::string> town_leader;
  size_t next_leader = 0;
  for (const auto& [town, list] : villages_of_town) {
    (void)list;
    town_leader[town] = leader_ids[next_leader++ % leader_ids.size()];
    assign("town_leader", town.ToString(), town, town_leader[town], "", kBase);
  }
  // Helping unit → village: the unit most of the village's cadres come from.
  std::map<RegionCode, std::string> helping_unit;
  size_t next_department = 0;
  for (RegionCode v : covered_villages) {
    std::map<std::string, int> votes;
    for (const auto* h : households_of[v]) {
      auto it = unit_id_of.find(h->cadre_unit);
      if (it != unit_id_of.end() && it->second.find("-D") != std::string::npos) ++votes[it->second];
    }
    std::string unit = out.units[next_department++ % departments.size()].id;
    int best = 0;
    for (const auto& [id, n] : votes) {
      if (n > best) best = n, unit = id;
    }
    helping_unit[v] = unit;
    assign("village_unit", v.ToString(), v, "", unit, kBase);
  }
  // First secretary and two work-team members per poor village, from its helping
  // unit; the second and the second-to-last poor villages get no first secretary.
  std::map<RegionCode, std::string> first_secretary;
  std::vector<RegionCode> poor_list(poor.begin(), poor.end());
  for (size_t i = 0; i < poor_list.size(); ++i) {
    const RegionCode v = poor_list[i];
    const std::string& unit = helping_unit[v];
    const std::string code = v.ToString().substr(6);
    const bool gap = poor_list.size() > 3 && (i == 1 || i == poor_list.size() - 2);
    if (gap) {
      out.villages_without_first_secretary.push_back(v);
    } else {
      first_secretary[v] =
          add_cadre(fmt::format("{}-S{}", prefix, code), Name(rng), unit, "驻村第一书记",
                    rng.Chance(6000) ? "section" : "other", true, Phone(phone_serial++), "2018-03-01");
      assign("first_secretary", v.ToString(), v, first_secretary[v], "", kBase);
    }
    for (int k = 1; k <= 2; ++k) {
      const std::string id =
          add_cadre(fmt::format("{}-W{}-{}", prefix, code, k), Name(rng), unit, "驻村工作队员", "other",
                    rng.Chance(6000), Phone(phone_serial++), "2018-03-01");
      assign("work_team", v.ToString(), v, id, "", kBase);
    }
  }
  // Leader in charge → villager group: the town's group cadres in turn.
  for (const auto& [town, list] : villages_of_town) {
    const auto& cadres = group_cadres[town];
    size_t next = 0;
    for (RegionCode v : list) {
      for (const std::string& g : groups_of[v]) {
        assign("group_leader", fmt::format("{}/{}", v.ToString(), g), v, cadres[next++ % cadres.size()], "",
               kBase);
      }
    }
  }
  // Responsible cadre → household, as in the registry, except every 97th household
  // (about 1%). The first household of three cadres had a departed cadre until
  // 2020-04-30.
  int64_t serial = 0;
  std::set<std::string> handed_over;
  for (const auto& [v, list] : households_of) {
    for (const auto* h : list) {
      ++serial;
      if (serial % 97 == 50) {
        out.households_without_cadre.push_back(h->id);
        continue;
      }
      auto it = cadre_of_phone.find(h->cadre_phone);
      if (it == cadre_of_phone.end()) {
        out.households_without_cadre.push_back(h->id);
        continue;
      }
      if (out.reassigned_households.size() < 3 && poor.contains(v) && !handed_over.contains(it->second)) {
        handed_over.insert(it->second);
        const size_t n = out.reassigned_households.size() + 1;
        const std::string departed =
            add_cadre(fmt::format("{}-X{:02d}", prefix, n), Name(rng), helping_unit[v], "干部", "other", true,
                      Phone(phone_serial++), "2016-01-01", std::string(kLeft));
        const size_t old = assign("household_cadre", h->id, v, departed, "", kBase);
        out.assignments[old].date_to = std::string(kLeft);
        out.assignments[old].end_note = "调离 / transferred";
        assign("household_cadre", h->id, v, it->second, "", kHandover, "接替调离干部 / takes over");
        out.reassigned_households.push_back(h->id);
        continue;
      }
      assign("household_cadre", h->id, v, it->second, "", kBase);
    }
  }
  // Shock teams 突击队: two group cadres in each of the ten poor villages with the
  // most households.
  std::vector<RegionCode> busiest(poor_list);
  std::stable_sort(busiest.begin(), busiest.end(), [&](RegionCode a, RegionCode b) {
    return households_of[a].size() > households_of[b].size();
  });
  busiest.resize(std::min<size_t>(busiest.size(), 10));
  for (RegionCode v : busiest) {
    const auto& cadres = group_cadres[v.parent()];
    for (size_t k = 0; k < 2 && k < cadres.size(); ++k) {
      assign("shock_team", v.ToString(), v, cadres[k], "", "2020-08-01");
    }
  }

  // --- Campaign 百日攻坚行动: 2020-08-01 to 2020-11-08 (100 days).
  out.campaign = {fmt::format("{}-2020-100d", prefix), "百日攻坚行动", county, "2020-08-01", "2020-11-08", 0};
  out.posts.push_back({"hq", county, "", "commander_in_chief", leader_ids[0]});
  const size_t deputies = std::min<size_t>(14, leader_ids.size() - 1);
  for (size_t i = 1; i <= deputies; ++i)
    out.posts.push_back({"hq", county, "", "deputy_commander", leader_ids[i]});
  for (size_t i = deputies + 1; i < leader_ids.size(); ++i) {
    out.posts.push_back({"hq", county, "", "commander", leader_ids[i]});
  }
  for (size_t g = 0; g < std::size(kWorkingGroups); ++g) {
    const std::string name(kWorkingGroups[g]);
    out.posts.push_back(
        {"working_group", county, name, "group_leader", leader_ids[(deputies + 1 + g) % leader_ids.size()]});
    for (size_t k = 0; k < 3 && k < registry.cadres.size(); ++k) {
      out.posts.push_back(
          {"working_group", county, name, "member", out.cadres[static_cast<size_t>(leaders) + g * 3 + k].id});
    }
  }
  for (const auto& [town, list] : villages_of_town) {
    (void)list;
    out.posts.push_back({"war_zone", town, "", "commander", town_leader[town]});
    out.posts.push_back({"war_zone", town, "", "commander", town_secretary[town]});
  }
  for (RegionCode v : poor_list) {
    auto fs = first_secretary.find(v);
    out.posts.push_back({"battlefield", v, "", "commander",
                         fs != first_secretary.end() ? fs->second : town_members[v.parent()][0]});
  }

  // --- Party organizations: a branch per village committee, five industry party
  // committees, and the campaign's temporary organizations.
  std::vector<RegionCode> committees;
  for (const auto& v : villages) {
    if (IsVillageCommittee(v.code)) committees.push_back(v.code);
  }
  std::set<size_t> weak = {committees.size() / 7, committees.size() / 2, committees.size() * 5 / 6};
  std::vector<RegionCode> weak_villages;
  for (size_t i = 0; i < committees.size(); ++i) {
    const RegionCode v = committees[i];
    const bool is_weak = weak.contains(i);
    if (is_weak) weak_villages.push_back(v);
    out.party_orgs.push_back({fmt::format("{}-P{}", prefix, v.ToString().substr(6)),
                              fmt::format("中共{}支部委员会", name_of[v]), "village_branch", v, "",
                              rng.Range(18, 65), is_weak, 0});
  }
  for (size_t i = 0; i < std::size(kIndustries); ++i) {
    out.party_orgs.push_back({fmt::format("{}-I{:02d}", prefix, i + 1),
                              fmt::format("{}{}", targets.county_name, kIndustries[i].first),
                              "industry_committee", county, "", kIndustries[i].second, false, 0});
  }
  out.party_orgs.push_back({fmt::format("{}-C00", prefix),
                            fmt::format("{}百日攻坚行动指挥部临时党委", targets.county_name), "temporary",
                            county, out.campaign.id, leaders, false, 0});
  for (const auto& [town, list] : villages_of_town) {
    (void)list;
    out.party_orgs.push_back({fmt::format("{}-C{}", prefix, town.ToString().substr(6, 3)),
                              fmt::format("{}战区临时党委", name_of[town]), "temporary", town,
                              out.campaign.id, 7, false, 0});
  }
  for (RegionCode v : poor_list) {
    out.party_orgs.push_back({fmt::format("{}-C{}", prefix, v.ToString().substr(6)),
                              fmt::format("{}战场临时党支部", name_of[v]), "temporary", v, out.campaign.id, 5,
                              false, 0});
  }

  // "4+N" rectification: two under way, one closed.
  const int progress[] = {60, 35, 100};
  for (size_t i = 0; i < weak_villages.size(); ++i) {
    const RegionCode v = weak_villages[i];
    store::RectificationRow r;
    r.party_org_id = fmt::format("{}-P{}", prefix, v.ToString().substr(6));
    r.opened = "2020-03-15";
    r.county_leader_id = leader_ids[(i * 5 + 3) % leader_ids.size()];
    r.guiding_unit_id = out.units[(i * 7 + 1) % departments.size()].id;
    auto members = town_members.find(v.parent());
    r.town_member_id = members != town_members.end() ? members->second[i % 3] : leader_ids[1];
    auto fs = first_secretary.find(v);
    auto groups = group_cadres.find(v.parent());
    r.village_cadre_id = fs != first_secretary.end()                               ? fs->second
                         : groups != group_cadres.end() && !groups->second.empty() ? groups->second.back()
                                                                                   : r.town_member_id;
    for (const auto* h : households_of[v]) {
      auto c = cadre_of_phone.find(h->cadre_phone);
      if (c == cadre_of_phone.end() || r.others.size() == 2) continue;
      if (std::find(r.others.begin(), r.others.end(), c->second) == r.others.end())
        r.others.push_back(c->second);
    }
    r.progress = progress[i % 3];
    r.note = r.progress == 100 ? "班子调整到位，软弱涣散问题整改完成" : "正在调整村两委班子、建立议事规则";
    if (r.progress == 100) r.closed = "2020-10-20";
    out.rectifications.push_back(std::move(r));
  }

  // --- Village cadre roster, previous and current year: one person holding both
  // posts in about 55% then 92% of villages; college education about 22% then 51%;
  // the average age down by about six years.
  const auto roster = [&](int year, int one_shoulder_per10000, int college_per10000, int age_lo, int age_hi,
                          std::vector<store::VillageCadreRow>* rows) {
    for (RegionCode v : committees) {
      const bool both = rng.Chance(one_shoulder_per10000);
      std::vector<std::string> posts;
      if (both) {
        posts.push_back("secretary_director");
      } else {
        posts.push_back("secretary");
        posts.push_back("director");
      }
      posts.push_back("deputy");
      const int members = rng.Range(1, 3);
      for (int k = 0; k < members; ++k) posts.push_back("member");
      for (const std::string& post : posts) {
        const bool college = rng.Chance(college_per10000);
        const char* education =
            college ? (rng.Chance(4000) ? "bachelor" : "college") : (rng.Chance(5000) ? "senior" : "junior");
        rows->push_back({year, v, Name(rng), post, education, year - rng.Range(age_lo, age_hi)});
      }
    }
  };
  roster(targets.as_of_year - 1, 5500, 2250, 32, 65, &out.roster_previous);
  roster(targets.as_of_year, 9200, 5100, 27, 58, &out.roster_current);
  return out;
}

}  // namespace fupin::demo
