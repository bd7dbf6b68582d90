#include "demo/worklist_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/random.hpp"
#include "worklist/task.hpp"

namespace fupin::demo {
namespace {

using worklist::TaskPeriodKind;

// One task of the plan for a county unit, found by the end of its name.
struct UnitTask {
  std::string_view unit_suffix;
  std::string_view title;
  std::string_view description;
  std::string_view evidence;
  TaskPeriodKind kind;
  int offset;  // deadline = as-of date + offset
  bool done;
};

// With the defaults of the policy (due soon 3 days ahead, escalated after 7) the
// offsets give every state on the as-of date: done; none (+4 and later); due soon (0
// to +3); overdue (−1 to −7); overdue by more than a week (−8 and earlier).
constexpr UnitTask kUnitTasks[] = {
    {"住房和城乡建设局", "危房改造清零", "完成全县剩余C、D级危房改造竣工验收，做到危房改造清零",
     "竣工验收表及改造前后照片", TaskPeriodKind::kMonth, -20, true},
    {"水利局", "饮水安全排查", "逐户排查贫困户饮水安全，水量、水质、用水方便程度和供水保证率全部达标",
     "饮水安全排查台账", TaskPeriodKind::kQuarter, -35, true},
    {"教育局", "控辍保学", "义务教育阶段适龄儿童少年失学辍学动态清零，劝返复学一人一案",
     "劝返复学名单及一人一案", TaskPeriodKind::kMonth, -40, true},
    {"医疗保障局", "基本医疗保险参保全覆盖", "贫困人口基本医疗保险参保率达到100%，落实县域内先诊疗后付费",
     "参保人员名单比对表", TaskPeriodKind::kQuarter, -50, true},
    {"交通运输局", "通村道路硬化扫尾", "完成贫困村通村硬化路扫尾工程并组织验收", "道路验收报告",
     TaskPeriodKind::kMonth, -50, true},
    {"供电公司", "户户通电", "贫困户生活用电全覆盖，动力电通达所有贫困村", "通电核查表",
     TaskPeriodKind::kQuarter, -20, true},
    {"退役军人事务局", "帮扶对象走访慰问", "走访慰问困难退役军人家庭中的贫困户，落实优抚政策", "走访登记表",
     TaskPeriodKind::kMonth, -5, true},
    {"农业农村局", "产业到户", "有劳动力的贫困户产业扶持全覆盖，每户至少落实一项增收产业", "产业到户花名册",
     TaskPeriodKind::kQuarter, 11, false},
    {"分公司", "贫困村网络覆盖", "贫困村4G网络和光纤宽带全覆盖", "基站开通清单", TaskPeriodKind::kYear, 17,
     false},
    {"农业农村局", "村集体经济破壳消薄", "空壳村全面破壳，薄弱村年经营性收入达到3万元以上",
     "村集体经济收入台账", TaskPeriodKind::kYear, 10, false},
    {"经济信息化和科学技术局", "消费扶贫", "组织机关、企业采购扶贫产品，线上线下销售血橙等特色农产品",
     "采购和销售台账", TaskPeriodKind::kQuarter, 16, false},
    {"统计局", "贫困户收入核算", "逐户核算2020年贫困户家庭人均纯收入，做到数据真实准确", "收入核算表",
     TaskPeriodKind::kMonth, 0, false},
    {"人力资源和社会保障局", "就业务工", "贫困劳动力务工就业信息逐人核实，稳岗就业不低于去年水平",
     "务工就业花名册", TaskPeriodKind::kMonth, 2, false},
    {"卫生健康局", "家庭医生签约服务", "贫困人口家庭医生签约服务全覆盖，大病专项救治应治尽治", "签约服务台账",
     TaskPeriodKind::kMonth, 1, false},
    {"农村信用合作联社", "扶贫小额信贷", "扶贫小额信贷应贷尽贷，到期贷款按时收回或续贷展期", "贷款发放明细",
     TaskPeriodKind::kQuarter, 3, false},
    {"人力资源和社会保障局", "公益岗位开发", "开发乡村公益性岗位，优先安置弱劳力、半劳力贫困人口",
     "公益岗位安置名单", TaskPeriodKind::kQuarter, -5, false},
    {"民政局", "兜底保障", "符合条件的贫困人口应保尽保，低保、特困供养动态调整", "低保动态调整名单",
     TaskPeriodKind::kMonth, -4, false},
    {"委组织部", "驻村工作队考核", "完成驻村第一书记和工作队员在岗履职情况考核", "考核登记表",
     TaskPeriodKind::kMonth, -1, false},
    {"扶贫开发局", "问题整改清零", "国家考核、省级督查反馈问题及自查发现问题全部整改清零", "问题整改台账",
     TaskPeriodKind::kQuarter, -7, false},
    {"扶贫开发局", "档案资料规范", "按“一户一档、一村一册”规范整理扶贫档案资料", "档案检查记录",
     TaskPeriodKind::kMonth, -11, false},
    {"财政局", "扶贫资金拨付", "财政专项扶贫资金支出进度达到90%以上", "资金支出进度表",
     TaskPeriodKind::kQuarter, -8, false},
    {"自然资源和规划局", "易地扶贫搬迁后续扶持", "搬迁户后续产业和就业扶持全覆盖，旧房拆除复垦到位",
     "后续扶持台账", TaskPeriodKind::kYear, -10, false},
};

struct TownTitle {
  std::string_view title;
  std::string_view description;
  std::string_view evidence;
};
constexpr TownTitle kTownTitles[] = {
    {"住房安全鉴定全覆盖", "对辖区内贫困户住房逐户鉴定，鉴定结果上墙公示", "住房安全鉴定表"},
    {"问题整改清零", "对照县督查组反馈的问题清单逐项整改销号", "问题整改销号台账"},
    {"档案资料规范", "村级脱贫攻坚档案“一户一档、一村一册”整理到位", "档案检查记录"},
    {"帮扶责任人走访全覆盖", "组织帮扶责任人在帮扶日逐户走访，做到户户见面", "走访记录汇总"},
    {"户容户貌整治", "开展贫困户院落和室内环境整治，做到干净整洁", "整治前后照片"},
    {"迎检准备", "对照国家普查和考核指标逐户自查，查漏补缺", "自查问题清单"},
    {"公益岗位人员落实", "公益性岗位人员选聘到位、履职到位", "公益岗位人员花名册"},
    {"返贫监测对象帮扶", "监测对象逐户落实帮扶措施，消除返贫风险", "监测帮扶台账"},
};

// (offset window, done) of a town task, in rotation.
struct Window {
  int lo;
  int hi;
  bool done;
};
constexpr Window kTownWindows[] = {{-60, -6, true}, {4, 17, false},  {-7, -1, false},
                                   {0, 3, false},   {-45, -8, true}, {-30, -8, false}};

// What meetings discuss, and the county unit a special meeting hands it to.
struct Topic {
  std::string_view name;
  std::string_view unit_suffix;
};
constexpr Topic kTopics[] = {{"危房改造", "住房和城乡建设局"},
                             {"饮水安全", "水利局"},
                             {"控辍保学", "教育局"},
                             {"产业到户", "农业农村局"},
                             {"就业务工", "人力资源和社会保障局"},
                             {"档案资料", "扶贫开发局"},
                             {"问题整改", "扶贫开发局"},
                             {"公益岗位", "人力资源和社会保障局"},
                             {"兜底保障", "民政局"},
                             {"小额信贷", "农村信用合作联社"}};

Date Day(const std::string& text) {
  return Date::Parse(text).value();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Date PeriodStart(TaskPeriodKind kind, Date deadline) {
  return worklist::ParseTaskPeriod(kind, worklist::TaskPeriodLabel(kind, deadline)).value().first();
}

class Builder {
 public:
  Builder(const DemoStructure& s, Date as_of, uint64_t seed)
      : structure_(s), as_of_(as_of), start_(Day(s.campaign.start)), rng_(seed ^ 0x574F524B4C495354ULL) {}

  // A task with a commitment and progress updates up to the as-of date (or its completion).
  store::NewTask Task(const std::string& type, const std::string& assignee, const std::string& assignee_name,
                      std::string_view title, std::string_view description, std::string_view evidence,
                      TaskPeriodKind kind, Date deadline, bool done) {
    store::NewTask n;
    store::TaskRow& t = n.task;
    t.title = std::string(title);
    t.description = std::string(description);
    t.campaign_id = structure_.campaign.id;
    t.issued_by = fmt::format("{}指挥部", structure_.campaign.name);
    // Issued when its period (or the campaign) began; next month's lists a few days
    // before the as-of date.
    const Date issued = std::min(std::max(start_, PeriodStart(kind, deadline)), as_of_.AddDays(-5));
    t.issued_on = issued.ToString();
    t.assignee_type = type;
    t.assignee_id = assignee;
    t.period_kind = std::string(TermOf(kind).code);
    t.period = worklist::TaskPeriodLabel(kind, deadline);
    t.deadline = deadline.ToString();
    t.status = "open";
    const std::string by = assignee_name + "联络员";
    if (done || rng_.Percent(85)) {
      const Date committed = std::min(as_of_, issued.AddDays(rng_.Range(1, 3)));
      t.commitment = fmt::format("{}承诺：{}前全面完成“{}”，每周报告进度，逾期自愿接受督办", assignee_name,
                                 deadline.ToString(), title);
      t.committed_on = committed.ToString();
    }
    const Date end = done ? std::min(as_of_, deadline.AddDays(-rng_.Range(0, 4))) : as_of_;
    const Date finish = std::max(end, issued.AddDays(1));
    // Intermediate updates between the issue day and `finish`.
    const int span = finish.days() - issued.days();
    const int updates = span >= 6 ? rng_.Range(1, 3) : (span >= 2 ? 1 : 0);
    int progress = 0;
    const int top = done ? 90 : (deadline < as_of_ ? rng_.Range(40, 80) : rng_.Range(30, 90));
    for (int i = 1; i <= updates; ++i) {
      store::TaskUpdateRow u;
      u.date = issued.AddDays(span * i / (updates + 1)).ToString();
      progress = std::max(progress + 5, top * i / updates - rng_.Range(0, 10));
      u.progress = std::min(progress, top);
      progress = static_cast<int>(u.progress);
      u.note = fmt::format("已完成约{}%，{}", u.progress, i == updates ? "正在攻坚剩余部分" : "按计划推进");
      u.evidence = std::string(evidence);
      u.by = by;
      n.updates.push_back(std::move(u));
    }
    t.progress = progress;
    if (done) {
      store::TaskUpdateRow u;
      u.date = finish.ToString();
      u.progress = 100;
      u.note = "全部完成，资料已归档，申请销号";
      u.evidence = std::string(evidence);
      u.by = by;
      n.updates.push_back(std::move(u));
      t.progress = 100;
      t.status = "done";
      t.completed_on = finish.ToString();
    }
    return n;
  }

  Rng& rng() { return rng_; }
  Date as_of() const { return as_of_; }

 private:
  const DemoStructure& structure_;
  Date as_of_;
  Date start_;
  Rng rng_;
};

}  // namespace

DemoWorkLists GenerateDemoWorkLists(const CountyTargets& targets, std::span<const DemoRegion> towns_in,
                                    const DemoStructure& structure, const DemoRegistry& registry,
                                    uint64_t seed) {
  DemoWorkLists out;
  out.as_of = Date::FromYmd(targets.as_of_year, 10, 20).value();
  Builder b(structure, out.as_of, seed);
  Rng& rng = b.rng();
  const RegionCode county = targets.county;

  std::vector<DemoRegion> towns(towns_in.begin(), towns_in.end());
  std::sort(towns.begin(), towns.end(), [](const auto& x, const auto& y) { return x.code < y.code; });
  // Towns by households, most first (ties by code): the war zones with their own dispatch meeting.
  std::map<RegionCode, int> households;
  for (const auto& h : registry.households) ++households[h.village.parent()];
  std::vector<DemoRegion> busiest;
  for (const auto& t : towns) {
    if (households.contains(t.code)) busiest.push_back(t);
  }
  std::stable_sort(busiest.begin(), busiest.end(),
                   [&](const auto& x, const auto& y) { return households[x.code] > households[y.code]; });
  busiest.resize(std::min<size_t>(busiest.size(), 3));

  std::map<std::string, std::string> cadre_name;
  for (const auto& c : structure.cadres) cadre_name[c.id] = c.name;
  const auto unit_ending = [&](std::string_view suffix) -> const store::UnitRow* {
    for (const auto& u : structure.units) {
      if (EndsWith(u.name, suffix)) return &u;
    }
    return nullptr;
  };
  const auto town_unit = [&](RegionCode town) -> const store::UnitRow* {
    for (const auto& u : structure.units) {
      if (u.kind == "town" && u.region == town) return &u;
    }
    return nullptr;
  };

  // --- The plan: county units, then every town, then the busiest towns' governments.
  for (const UnitTask& ut : kUnitTasks) {
    const store::UnitRow* unit = unit_ending(ut.unit_suffix);
    if (unit == nullptr) continue;
    out.tasks.push_back(b.Task("unit", unit->id, unit->name, ut.title, ut.description, ut.evidence, ut.kind,
                               out.as_of.AddDays(ut.offset), ut.done));
  }
  constexpr TaskPeriodKind kKinds[] = {TaskPeriodKind::kMonth, TaskPeriodKind::kQuarter,
                                       TaskPeriodKind::kMonth, TaskPeriodKind::kYear};
  for (size_t i = 0; i < towns.size(); ++i) {
    if (!households.contains(towns[i].code)) continue;
    const TownTitle& title = kTownTitles[i % std::size(kTownTitles)];
    const Window& w = kTownWindows[i % std::size(kTownWindows)];
    out.tasks.push_back(b.Task("town", towns[i].code.ToString(), towns[i].name, title.title,
                               title.description, title.evidence, kKinds[i % std::size(kKinds)],
                               out.as_of.AddDays(rng.Range(w.lo, w.hi)), w.done));
  }
  const Window kBusiest[][2] = {{{2, 2, false}, {-12, -9, false}},
                                {{5, 12, false}, {-30, -15, true}},
                                {{-6, -2, false}, {6, 14, false}}};
  for (size_t i = 0; i < busiest.size(); ++i) {
    const store::UnitRow* unit = town_unit(busiest[i].code);
    if (unit == nullptr) continue;
    for (size_t k = 0; k < 2; ++k) {
      const Window& w = kBusiest[i][k];
      const TownTitle& title = kTownTitles[(i * 2 + k + 3) % std::size(kTownTitles)];
      out.tasks.push_back(b.Task("unit", unit->id, unit->name, title.title, title.description, title.evidence,
                                 TaskPeriodKind::kMonth, out.as_of.AddDays(rng.Range(w.lo, w.hi)), w.done));
    }
  }

  // --- Meeting cadences over the campaign.
  std::vector<std::string> hq, deputies, groups, task_force;
  for (const auto& p : structure.posts) {
    if (p.level == "hq" && p.role == "commander_in_chief") hq.insert(hq.begin(), p.cadre_id);
    if (p.level == "hq" && p.role == "deputy_commander") deputies.push_back(p.cadre_id);
    if (p.level == "working_group" && p.role == "group_leader") groups.push_back(p.cadre_id);
    if (p.level == "working_group" && p.name == "督导督查组") task_force.push_back(p.cadre_id);
  }
  const auto concat = [](std::vector<std::string> a, const std::vector<std::string>& b2, size_t limit) {
    for (size_t i = 0; i < b2.size() && i < limit; ++i) a.push_back(b2[i]);
    return a;
  };
  const std::string county_name = targets.county_name;
  const auto add_cadence = [&](const char* kind, std::string name, RegionCode region, int weekday,
                               std::vector<std::string> attendees) {
    store::CadenceRow c;
    c.kind = kind;
    c.name = std::move(name);
    c.region = region;
    c.campaign_id = structure.campaign.id;
    c.date_from = structure.campaign.start;
    c.date_to = structure.campaign.end;
    c.weekday = weekday;
    c.attendees = std::move(attendees);
    out.cadences.push_back(std::move(c));
  };
  const auto leaders = concat(concat(hq, deputies, 14), groups, 4);
  add_cadence("daily", fmt::format("{}百日攻坚指挥部每日例会", county_name), county, 0,
              concat(concat(hq, deputies, 6), groups, 4));
  add_cadence("weekly_dispatch", fmt::format("{}脱贫攻坚每周调度会", county_name), county, 1, leaders);
  add_cadence("half_monthly_special", fmt::format("{}脱贫攻坚半月专题会", county_name), county, 0,
              concat(concat(hq, deputies, 8), groups, 4));
  add_cadence("task_force_weekly", fmt::format("{}脱贫攻坚专项工作组周例会", county_name), county, 5,
              concat(std::vector<std::string>(hq.begin(), hq.begin() + std::min<size_t>(hq.size(), 1)),
                     task_force, 8));
  for (const auto& t : busiest) {
    std::vector<std::string> zone;
    for (const auto& p : structure.posts) {
      if ((p.level == "war_zone" && p.region == t.code) ||
          (p.level == "battlefield" && p.region.parent() == t.code)) {
        zone.push_back(p.cadre_id);
      }
    }
    const std::string code = t.code.ToString().substr(6, 3);
    for (const auto& c : structure.cadres) {
      if (c.id.rfind(fmt::format("{}-T{}-0", county.ToShortString(), code), 0) == 0 &&
          std::find(zone.begin(), zone.end(), c.id) == zone.end()) {
        zone.push_back(c.id);
      }
    }
    add_cadence("weekly_dispatch", fmt::format("{}战区每周调度会", t.name), t.code, 2, zone);
  }

  // --- The meetings before the as-of date, held.
  struct Occurrence {
    Date date;
    size_t cadence;
    int nth;
  };
  std::vector<Occurrence> held;
  for (size_t c = 0; c < out.cadences.size(); ++c) {
    const auto& cadence = out.cadences[c];
    auto dates = meetings::CheckCadenceRule(cadence).value();
    int nth = 0;
    for (Date d : dates) {
      ++nth;
      if (d < out.as_of) held.push_back({d, c, nth});
    }
  }
  std::stable_sort(held.begin(), held.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
  size_t topic = 0;
  for (const Occurrence& o : held) {
    const store::CadenceRow& c = out.cadences[o.cadence];
    const auto kind = ParseTerm<meetings::MeetingKind>(c.kind).value();
    const Topic& topic_of_day = kTopics[topic++ % std::size(kTopics)];
    const std::string_view t = topic_of_day.name;
    DemoMeetingRecord r;
    r.cadence = o.cadence;
    r.date = o.date.ToString();
    r.record.expected_version = 1;
    int absent = 0;
    for (const std::string& id : c.attendees) {
      if (absent < 2 && id != c.attendees.front() && rng.Chance(600)) {
        ++absent;
        continue;
      }
      r.record.present.push_back(id);
    }
    const std::string chair = c.attendees.empty() ? "" : cadre_name[c.attendees.front()];
    const bool town = c.region != county;
    switch (kind) {
      case meetings::MeetingKind::kDaily:
        r.record.agenda =
            fmt::format("1. 通报前一日各战区工作进展；2. 研究{}推进中的具体问题；3. 安排当日重点工作", t);
        break;
      case meetings::MeetingKind::kWeeklyDispatch:
        r.record.agenda =
            town ? fmt::format("1. 各村（社区）汇报本周工作；2. 对照任务清单查漏补缺；3. 部署{}工作", t)
                 : fmt::format(
                       "1. 各战区、各部门汇报上周任务清单完成情况；2. 通报逾期任务；3. 部署本周{}等重点任务",
                       t);
        break;
      case meetings::MeetingKind::kHalfMonthlySpecial:
        r.record.agenda =
            fmt::format("专题研究{}：1. 牵头单位汇报；2. 分析存在问题；3. 明确整改措施和时限", t);
        break;
      case meetings::MeetingKind::kTaskForceWeekly:
        r.record.agenda =
            "1. 汇报本周暗访和督导情况；2. 梳理“挂名不出工、不出力”问题线索；3. 研究下周督查安排";
        break;
    }
    r.record.minutes = fmt::format(
        "会议由{}主持，应到{}人，实到{}人。会议指出，{}"
        "工作总体有序推进，但仍存在进度不平衡、资料不规范等问题。"
        "会议要求，各责任单位对照清单、倒排工期，确保按时销号。",
        chair, c.attendees.size(), r.record.present.size(), t);
    const auto decide = [&](std::string text) {
      r.record.decisions.push_back({std::move(text), std::nullopt});
    };
    switch (kind) {
      case meetings::MeetingKind::kDaily:
        if (rng.Percent(30)) decide(fmt::format("督促相关部门加快{}进度，次日例会报告", t));
        break;
      case meetings::MeetingKind::kWeeklyDispatch:
        decide(fmt::format("逾期任务由县级领导督办，本周内整改到位；{}纳入下周重点", t));
        if (rng.Percent(50)) decide("各战区周五前报送本周任务清单完成情况");
        break;
      case meetings::MeetingKind::kHalfMonthlySpecial:
        decide(fmt::format("{}问题建立台账，逐项明确责任单位和时限", t));
        decide("督导督查组对专题会交办事项跟踪问效");
        break;
      case meetings::MeetingKind::kTaskForceWeekly:
        decide("对暗访发现的“挂名不出工”帮扶责任人约谈提醒");
        break;
    }
    // Some decisions become tasks: every half-monthly special meeting hands one to the
    // county unit in charge of its topic, and every fourth town dispatch one to its town.
    const Date deadline = o.date.AddDays(rng.Range(8, 14));
    const store::UnitRow* unit = unit_ending(topic_of_day.unit_suffix);
    if (kind == meetings::MeetingKind::kHalfMonthlySpecial && unit != nullptr) {
      worklist::TaskDraft draft;
      draft.title = fmt::format("专题会交办：{}问题整改", t);
      draft.assignee_type = "unit";
      draft.assignee_id = unit->id;
      draft.period_kind = "month";
      draft.period = worklist::TaskPeriodLabel(TaskPeriodKind::kMonth, deadline);
      draft.deadline = deadline.ToString();
      r.record.decisions.front().task = draft;
    } else if (town && kind == meetings::MeetingKind::kWeeklyDispatch && o.nth % 4 == 0) {
      worklist::TaskDraft draft;
      draft.title = fmt::format("战区调度会交办：{}查漏补缺", t);
      draft.assignee_type = "town";
      draft.assignee_id = c.region.ToString();
      draft.period_kind = "month";
      draft.period = worklist::TaskPeriodLabel(TaskPeriodKind::kMonth, deadline);
      draft.deadline = deadline.ToString();
      r.record.decisions.front().task = draft;
    }
    // Most decision tasks whose deadline has passed were done on time.
    if (!r.record.decisions.empty() && r.record.decisions.front().task && deadline < out.as_of &&
        rng.Percent(70)) {
      r.done.push_back({0, std::max(o.date.AddDays(2), deadline.AddDays(-rng.Range(0, 3))).ToString(),
                        "已按会议要求完成并报送"});
    }
    out.records.push_back(std::move(r));
  }
  return out;
}

}  // namespace fupin::demo
