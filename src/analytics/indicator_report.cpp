#include "analytics/indicator_report.hpp"

#include <fmt/format.h>

#include <functional>

#include "core/vocabulary.hpp"

namespace fupin::analytics {
namespace {

using json = nlohmann::ordered_json;

json Pair(const HouseholdsPersons& p) {
  return {{"households", p.households}, {"persons", p.persons}};
}

std::string ExitYearKey(int bucket) {
  return bucket == kUnknownExitYearBucket ? "unknown" : std::to_string(kFirstExitYear + bucket);
}

std::string CategoryKey(int bucket) {
  return bucket == 0 ? "uncategorized"
                     : std::string(TermOf(static_cast<registry::MonitoringCategory>(bucket)).code);
}

std::string CauseKey(int cause) {
  return cause == 0 ? "not_recorded" : std::string(TermOf(static_cast<registry::Cause>(cause)).code);
}

std::string Text(int64_t n) {
  return std::to_string(n);
}

struct Column {
  Message header;
  std::function<std::string(const Indicators&)> cell;
};

void AddPair(std::vector<Column>& cols, const Message& what, HouseholdsPersons Indicators::*field) {
  cols.push_back({{what.zh + "户数", what.en + " households"},
                  [field](const Indicators& i) { return Text((i.*field).households); }});
  cols.push_back({{what.zh + "人数", what.en + " persons"},
                  [field](const Indicators& i) { return Text((i.*field).persons); }});
}

const std::vector<Column>& Columns() {
  static const std::vector<Column> all = [] {
    std::vector<Column> c;
    c.push_back({{"村(社区)数", "villages"}, [](const Indicators& i) { return Text(i.villages); }});
    c.push_back({{"贫困村数", "poor villages"}, [](const Indicators& i) { return Text(i.poor_villages); }});
    AddPair(c, {"全部", "all"}, &Indicators::all);
    AddPair(c, {"建档立卡", "registered"}, &Indicators::registered);
    AddPair(c, {"未脱贫", "poor"}, &Indicators::poor);
    c.push_back({{"贫困发生率分子(未脱贫人数)", "incidence numerator (poor persons)"},
                 [](const Indicators& i) { return Text(i.incidence().numerator); }});
    c.push_back({{"贫困发生率分母(全部人数)", "incidence denominator (all persons)"},
                 [](const Indicators& i) { return Text(i.incidence().denominator); }});
    c.push_back({{"贫困发生率", "poverty incidence"}, [](const Indicators& i) {
                   return i.incidence().valid() ? i.incidence().ToPercentString(4) : std::string();
                 }});
    AddPair(c, {"已脱贫", "exited"}, &Indicators::exited);
    for (int b = 0; b < kExitYearBuckets; ++b) {
      const Message what = b == kUnknownExitYearBucket
                               ? Message{"脱贫年度不详", "exited, year not recorded,"}
                               : Message{fmt::format("{}年脱贫", kFirstExitYear + b),
                                         fmt::format("exited in {}", kFirstExitYear + b)};
      const auto at = static_cast<size_t>(b);
      c.push_back({{what.zh + "户数", what.en + " households"},
                   [at](const Indicators& i) { return Text(i.exited_by_year[at].households); }});
      c.push_back({{what.zh + "人数", what.en + " persons"},
                   [at](const Indicators& i) { return Text(i.exited_by_year[at].persons); }});
    }
    AddPair(c, {"符合退出条件未脱贫", "eligible to exit, not exited:"}, &Indicators::eligible_not_exited);
    AddPair(c, {"疑似错退", "possible wrong exit:"}, &Indicators::wrong_exit);
    AddPair(c, {"疑似漏评", "possible missed assessment:"}, &Indicators::missed_assessment);
    c.push_back({{"监测对象户数", "monitoring objects"},
                 [](const Indicators& i) { return Text(i.monitoring_total()); }});
    c.push_back({{"监测对象风险已消除户数", "monitoring objects, risk eliminated"},
                 [](const Indicators& i) { return Text(i.risk_eliminated_total()); }});
    for (int b = 0; b < kMonitoringBuckets; ++b) {
      const Message name =
          b == 0 ? Message{"监测对象(未填类别)", "monitoring object (no category)"}
                 : Message{std::string(TermOf(static_cast<registry::MonitoringCategory>(b)).zh),
                           std::string(TermOf(static_cast<registry::MonitoringCategory>(b)).en)};
      const auto at = static_cast<size_t>(b);
      c.push_back({{name.zh + "户数", name.en + ": households"},
                   [at](const Indicators& i) { return Text(i.monitoring[at]); }});
      c.push_back({{name.zh + "风险已消除户数", name.en + ": risk eliminated"},
                   [at](const Indicators& i) { return Text(i.risk_eliminated[at]); }});
    }
    c.push_back({{"人均纯收入计入户数", "households in the income average"},
                 [](const Indicators& i) { return Text(i.income_households); }});
    c.push_back({{"人均纯收入合计(分)", "sum of per-capita net income (fen)"},
                 [](const Indicators& i) { return Text(i.income_sum_fen); }});
    c.push_back({{"平均人均纯收入(元)", "average per-capita net income (yuan)"}, [](const Indicators& i) {
                   const auto avg = i.average_per_capita_income();
                   return avg ? avg->ToPlain() : std::string();
                 }});
    c.push_back({{"参评户数(建档立卡，不含自然减少)", "households assessed (registered, not removed)"},
                 [](const Indicators& i) { return Text(i.assessed_households); }});
    for (int s = 0; s < kCriterionSlots; ++s) {
      const Message& name = CriterionName(s);
      const auto at = static_cast<size_t>(s);
      c.push_back({{"未达标户数：" + name.zh, "failing: " + name.en},
                   [at](const Indicators& i) { return Text(i.failures[at]); }});
    }
    for (int k = 0; k < registry::kCauseCount; ++k) {
      const Term& term = TermOf(static_cast<registry::Cause>(k));
      const Message name =
          k == 0 ? Message{"未填写", "not recorded"} : Message{std::string(term.zh), std::string(term.en)};
      const auto at = static_cast<size_t>(k);
      c.push_back({{"主要致贫原因户数：" + name.zh, "main cause: " + name.en},
                   [at](const Indicators& i) { return Text(i.main_causes[at]); }});
    }
    return c;
  }();
  return all;
}

}  // namespace

std::vector<NodeIndex> ReportNodes(const RegionTree& tree, NodeIndex node, int depth) {
  std::vector<NodeIndex> out;
  std::function<void(NodeIndex, int)> visit = [&](NodeIndex n, int left) {
    out.push_back(n);
    if (left <= 0) return;
    for (NodeIndex child : tree.children(n)) visit(child, left - 1);
  };
  visit(node, depth);
  return out;
}

json IndicatorsToJson(const Indicators& i) {
  json by_year = json::object();
  for (int b = 0; b < kExitYearBuckets; ++b)
    by_year[ExitYearKey(b)] = Pair(i.exited_by_year[static_cast<size_t>(b)]);
  json exited = Pair(i.exited);
  exited["by_year"] = std::move(by_year);

  const policy::Ratio incidence = i.incidence();
  json by_category = json::object();
  for (int b = 0; b < kMonitoringBuckets; ++b) {
    by_category[CategoryKey(b)] = {{"households", i.monitoring[static_cast<size_t>(b)]},
                                   {"risk_eliminated", i.risk_eliminated[static_cast<size_t>(b)]}};
  }
  json failures = json::object();
  for (int s = 0; s < kCriterionSlots; ++s)
    failures[std::string(CriterionId(s))] = i.failures[static_cast<size_t>(s)];
  json causes = json::object();
  for (int k = 0; k < registry::kCauseCount; ++k) causes[CauseKey(k)] = i.main_causes[static_cast<size_t>(k)];
  const auto average = i.average_per_capita_income();

  return {{"villages", i.villages},
          {"poor_villages", i.poor_villages},
          {"all", Pair(i.all)},
          {"registered", Pair(i.registered)},
          {"poor", Pair(i.poor)},
          {"exited", std::move(exited)},
          {"incidence",
           {{"numerator", incidence.numerator},
            {"denominator", incidence.denominator},
            {"percent", incidence.valid() ? json(incidence.ToPercentString(4)) : json(nullptr)}}},
          {"eligible_not_exited", Pair(i.eligible_not_exited)},
          {"wrong_exit", Pair(i.wrong_exit)},
          {"missed_assessment", Pair(i.missed_assessment)},
          {"monitoring",
           {{"households", i.monitoring_total()},
            {"risk_eliminated", i.risk_eliminated_total()},
            {"by_category", std::move(by_category)}}},
          {"income",
           {{"households", i.income_households},
            {"sum_fen", i.income_sum_fen},
            {"average_yuan", average ? json(average->ToPlain()) : json(nullptr)}}},
          {"assessed_households", i.assessed_households},
          {"failures", std::move(failures)},
          {"main_causes", std::move(causes)}};
}

json RegionReportJson(const IndicatorEngine& engine, NodeIndex node, int depth) {
  const RegionTree& tree = engine.tree();
  const RegionLevel level = tree.level(node);
  json out = {{"code", tree.code(node).ToString()},
              {"name", std::string(tree.name(node))},
              {"level", RegionLevelName(level).en},
              {"level_name", RegionLevelName(level).zh},
              {"indicators", IndicatorsToJson(engine.Read(node))}};
  if (depth > 0) {
    json children = json::array();
    for (NodeIndex child : tree.children(node))
      children.push_back(RegionReportJson(engine, child, depth - 1));
    out["children"] = std::move(children);
  }
  return out;
}

std::vector<std::string> ReportHeader(Lang lang) {
  std::vector<std::string> out = lang == Lang::kZh ? std::vector<std::string>{"区划代码", "名称", "级别"}
                                                   : std::vector<std::string>{"region code", "name", "level"};
  for (const Column& c : Columns()) out.push_back(c.header.In(lang));
  return out;
}

std::vector<std::string> ReportRow(const IndicatorEngine& engine, NodeIndex node) {
  const RegionTree& tree = engine.tree();
  const Indicators indicators = engine.Read(node);
  std::vector<std::string> out = {tree.code(node).ToString(), std::string(tree.name(node)),
                                  RegionLevelName(tree.level(node)).zh};
  out.reserve(3 + Columns().size());
  for (const Column& c : Columns()) out.push_back(c.cell(indicators));
  return out;
}

}  // namespace fupin::analytics
