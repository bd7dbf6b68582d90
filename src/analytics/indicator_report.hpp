// The indicator report of a region and its descendants, as JSON (one nested object
// per region) or as a table (one row per region, Chinese column headers) for CSV and
// XLSX writers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analytics/indicator_engine.hpp"

namespace fupin::analytics {

/// `node` and its descendants down to `depth` levels below it (0: the node alone),
/// in pre-order (a region right before its children).
std::vector<NodeIndex> ReportNodes(const RegionTree& tree, NodeIndex node, int depth);

/// Every indicator as a JSON object: {"villages", "poor_villages", "all": {"households",
/// "persons"}, "registered", "poor", "exited": {…, "by_year": {"2014": {…}, …,
/// "unknown": {…}}}, "incidence": {"numerator", "denominator", "percent"},
/// "eligible_not_exited", "wrong_exit", "missed_assessment", "monitoring": {"households",
/// "risk_eliminated", "by_category": {…}}, "income": {"households", "sum_fen",
/// "average_yuan"}, "assessed_households", "failures": {rule id: count}, "main_causes": {cause code: count}}.
nlohmann::ordered_json IndicatorsToJson(const Indicators& indicators);

/// {"code", "name", "level", "level_name", "indicators", "children": [...]} for `node`,
/// children nested down to `depth` levels below it ("children" omitted at the bottom).
nlohmann::ordered_json RegionReportJson(const IndicatorEngine& engine, NodeIndex node, int depth);

/// Column headers of the table, in Chinese (or English): region code, name, level,
/// then every indicator.
std::vector<std::string> ReportHeader(Lang lang = Lang::kZh);

/// One table row, matching ReportHeader: numbers as plain digits, the incidence as a
/// percentage with four decimals, the average income in yuan with two decimals.
std::vector<std::string> ReportRow(const IndicatorEngine& engine, NodeIndex node);

}  // namespace fupin::analytics
