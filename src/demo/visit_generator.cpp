#include "demo/visit_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "core/random.hpp"

namespace fupin::demo {
namespace {

// Measure codes (visits/visit.hpp) with how often a demo visit takes each.
constexpr std::array<std::pair<std::string_view, int>, 9> kMeasures = {{{"policy_explanation", 30},
                                                                        {"industry", 16},
                                                                        {"employment", 14},
                                                                        {"education", 8},
                                                                        {"health", 10},
                                                                        {"housing", 5},
                                                                        {"social_security", 8},
                                                                        {"product_sales", 6},
                                                                        {"other", 3}}};

// What the notes say, by the first measure taken.
constexpr std::array<std::string_view, 9> kNotes = {
    "宣讲“两不愁三保障”和到户帮扶政策，了解家庭收支",
    "查看血橙、枇杷种植情况，指导修枝施肥",
    "了解外出务工情况，推送县内企业招聘岗位",
    "核实子女就学和教育资助落实情况",
    "核实家庭成员参保和慢病签约服务情况",
    "查看住房安全情况，房屋无裂缝漏雨",
    "核实低保、残疾人补贴发放情况",
    "联系单位食堂订购农户生猪和蔬菜",
    "了解近期生产生活困难",
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kProblems = {{
    {"厨房屋顶漏雨，需协调危房改造资金维修", "住房"},
    {"孙子上学路途远，需协调校车接送", "教育"},
    {"慢病门诊报销材料不全，需帮助补办", "医疗"},
    {"柑橘出现溃疡病，需农技人员上门指导", "产业"},
    {"家中劳动力想就近务工，暂无合适岗位", "就业"},
    {"存栏生猪销路不畅，需帮助联系买家", "销售"},
    {"入户饮水管道老化，水压不足", "饮水"},
    {"残疾人两项补贴未按时到账", "社保"},
}};

bool InForceOn(const store::AssignmentRow& a, const std::string& day) {
  return a.date_from <= day && (a.date_to.empty() || day <= a.date_to);
}

bool InOffice(const store::CadreRow& c, const std::string& day) {
  return c.active_from <= day && (c.active_to.empty() || day <= c.active_to);
}

// A UUID whose first 48 bits are a serial number (time-ordered, like UUIDv7), the rest random.
std::string ClientId(uint64_t serial, Rng& rng) {
  const uint64_t a = rng.Next();
  const uint64_t b = rng.Next();
  return fmt::format("{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}", (serial >> 16) & 0xFFFFFFFFULL,
                     serial & 0xFFFFULL, a & 0xFFFULL, 0x8000ULL | ((a >> 12) & 0x3FFFULL),
                     b & 0xFFFFFFFFFFFFULL);
}

}  // namespace

DemoVisits GenerateDemoVisits(const DemoStructure& structure, std::span<const Date> help_days, Date as_of,
                              const std::string& demo_cadre, uint64_t seed) {
  Rng rng(seed ^ 0x5649534954533031ULL);  // "VISITS01"
  DemoVisits out;
  std::map<std::string_view, const store::CadreRow*> cadres;
  for (const auto& c : structure.cadres) cadres[c.id] = &c;
  // Each cadre's households, by household id; cadres by id (the order of the draws).
  std::map<std::string_view, std::vector<const store::AssignmentRow*>> households_of;
  for (const auto& a : structure.assignments) {
    if (a.kind == "household_cadre") households_of[a.cadre_id].push_back(&a);
  }
  for (auto& [cadre, list] : households_of) {
    std::stable_sort(list.begin(), list.end(),
                     [](const auto* x, const auto* y) { return x->target < y->target; });
  }
  std::set<std::string_view> idle, late;
  for (const auto& [cadre, list] : households_of) {
    const uint64_t draw = rng.Below(100);
    if (cadre == demo_cadre) continue;
    if (draw < 5) {
      idle.insert(cadre);
      out.idle_cadres.emplace_back(cadre);
    } else if (draw < 15) {
      late.insert(cadre);
      out.late_cadres.emplace_back(cadre);
    }
  }

  std::vector<int> measure_weights;
  for (const auto& m : kMeasures) measure_weights.push_back(m.second);
  const int kind_weights[] = {80, 15, 5};
  const char* const kinds[] = {"home_visit", "phone_call", "other"};
  for (size_t k = 0; k < help_days.size() && help_days[k] <= as_of; ++k) {
    const Date start = help_days[k];
    const bool current = k + 1 == help_days.size() || help_days[k + 1] > as_of;
    const Date end = current ? as_of : help_days[k + 1].AddDays(-1);
    const std::string start_text = start.ToString();
    for (const auto& [cadre_id, list] : households_of) {
      if (idle.contains(cadre_id) || (current && late.contains(cadre_id))) continue;
      auto c = cadres.find(cadre_id);
      if (c == cadres.end() || !InOffice(*c->second, start_text)) continue;
      const bool demo = cadre_id == demo_cadre;
      bool first = true;
      for (const store::AssignmentRow* a : list) {
        if (!InForceOn(*a, start_text)) continue;
        const bool skip = demo ? current && !first : !rng.Chance(9700);
        first = false;
        if (skip) continue;
        store::VisitRow v;
        v.household_id = a->target;
        v.village = a->region;
        v.cadre_id = std::string(cadre_id);
        const int offset = rng.Percent(70) ? 0 : rng.Range(1, 4);
        v.date = std::min(start.AddDays(offset), end).ToString();
        v.time = fmt::format("{:02d}:{:02d}", rng.Range(8, 17), rng.Range(0, 11) * 5);
        const size_t kind = rng.Weighted(kind_weights);
        v.kind = kinds[kind];
        const int measures = rng.Range(1, 3);
        std::vector<int> weights = measure_weights;
        for (int i = 0; i < measures; ++i) {
          const size_t m = rng.Weighted(weights);
          weights[m] = 0;
          v.measures.emplace_back(kMeasures[m].first);
        }
        v.notes = std::string(kNotes[static_cast<size_t>(
            std::find_if(kMeasures.begin(), kMeasures.end(),
                         [&](const auto& m) { return m.first == v.measures.front(); }) -
            kMeasures.begin())]);
        if (kind == 0 && rng.Percent(60)) {  // a home visit sent with the phone's location
          v.lat_e6 = 29600000 + static_cast<int64_t>(rng.Below(350000));
          v.lng_e6 = 104600000 + static_cast<int64_t>(rng.Below(500000));
        }
        if (rng.Chance(500)) {
          const auto& [description, category] = kProblems[rng.Index(kProblems.size())];
          store::ProblemRow p;
          p.household_id = v.household_id;
          p.village = v.village;
          p.description = std::string(description);
          p.category = std::string(category);
          p.status = "open";
          p.found_on = v.date;
          v.problems.push_back(std::move(p));
          ++out.problems;
        }
        v.recorded_by = "demo";
        out.visits.push_back(std::move(v));
      }
    }
  }
  // By household, then date: a bulk insert then appends to every index of the
  // visits table (household ids begin with their village code), and client ids are
  // handed out in that order.
  std::sort(out.visits.begin(), out.visits.end(), [](const store::VisitRow& a, const store::VisitRow& b) {
    return std::tie(a.household_id, a.date, a.time) < std::tie(b.household_id, b.date, b.time);
  });
  uint64_t serial = 0;
  for (auto& v : out.visits) v.client_id = ClientId(++serial, rng);
  return out;
}

}  // namespace fupin::demo
