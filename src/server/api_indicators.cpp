// Routes: the live indicators of a region and its children, exits per year, alerts.
// Figures come from the in-memory IndicatorEngine, updated on every write.
#include <fmt/format.h>

#include <mutex>
#include <shared_mutex>

#include "analytics/engine_builder.hpp"
#include "analytics/household_record.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

double Yuan(int64_t fen) { return static_cast<double>(fen) / 100.0; }

nlohmann::json IndicatorsJson(const analytics::Indicators& in) {
  nlohmann::json failures = nlohmann::json::object();
  for (int slot = 0; slot < analytics::kCriterionSlots; ++slot) {
    if (in.failures[static_cast<size_t>(slot)] != 0) {
      failures[std::string(analytics::CriterionId(slot))] = in.failures[static_cast<size_t>(slot)];
    }
  }
  nlohmann::json causes = nlohmann::json::object();
  for (int c = 1; c < registry::kCauseCount; ++c) {
    if (in.main_causes[static_cast<size_t>(c)] != 0) {
      causes[std::string(TermOf(static_cast<registry::Cause>(c)).code)] = in.main_causes[static_cast<size_t>(c)];
    }
  }
  nlohmann::json exits = nlohmann::json::object();
  for (int b = 0; b < analytics::kUnknownExitYearBucket; ++b) {
    const auto& e = in.exited_by_year[static_cast<size_t>(b)];
    if (e.households != 0) exits[std::to_string(analytics::kFirstExitYear + b)] = e.households;
  }
  const auto ratio = in.incidence();
  const double percent =
      ratio.denominator == 0 ? 0.0 : static_cast<double>(ratio.numerator * 10000 / ratio.denominator) / 100.0;
  const auto avg = in.average_per_capita_income();
  using MC = registry::MonitoringCategory;
  auto mon = [&](MC c) { return in.monitoring[static_cast<size_t>(c)]; };
  return {{"households", in.registered.households},
          {"persons", in.registered.persons},
          {"poor_households", in.poor.households},
          {"poor_persons", in.poor.persons},
          {"exited_households", in.exited.households},
          {"exited_persons", in.exited.persons},
          {"incidence", {{"numerator", ratio.numerator}, {"denominator", ratio.denominator}, {"percent", percent}}},
          {"eligible_not_exited", in.eligible_not_exited.households},
          {"wrong_exits", in.wrong_exit.households},
          {"missed", in.missed_assessment.households},
          {"monitoring",
           {{"unstable_exited", mon(MC::kUnstableExited)},
            {"marginal", mon(MC::kMarginal)},
            {"sudden_hardship", mon(MC::kSuddenHardship)},
            {"total", in.monitoring_total()},
            {"risk_eliminated", in.risk_eliminated_total()}}},
          {"avg_per_capita_net", avg ? Yuan(avg->fen()) : 0.0},
          {"failures", failures},
          {"causes", causes},
          {"exits_by_year", exits},
          {"poor_villages", in.poor_villages},
          {"villages", in.villages}};
}

}  // namespace

Status Server::Impl::RebuildIndicators() {
  auto s = pool->Borrow();
  FUPIN_ASSIGN_OR_RETURN(auto engine, analytics::BuildIndicatorEngine(*s, RegionCode(), policy, year));
  auto fresh = std::make_unique<analytics::IndicatorEngine>(std::move(engine));
  std::unique_lock lock(indicators_mu);
  indicators = std::move(fresh);
  ++indicators_generation;
  return Status::Ok();
}

void Server::Impl::UpdateIndicators(const registry::Household& household) {
  std::unique_lock lock(indicators_mu);
  if (indicators) (void)indicators->Put(household);
  ++indicators_generation;
}

void Server::Impl::AddIndicatorRoutes() {
  routes.push_back(
      {"GET", "/indicators/{code}", "live indicators of a region and its children", Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
         FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
         if (req.user->role == accounts::Role::kResponsibleCadre) {
           return Status::PermissionDenied({"帮扶责任人只能查看自己的帮扶户", "a responsible cadre sees only their own households"});
         }
         std::shared_lock lock(indicators_mu);
         const analytics::NodeIndex node = indicators->tree().Find(code);
         if (node == analytics::kNoNode) return NotInScope(code.ToShortString());
         {
           std::lock_guard cache_lock(indicator_cache_mu);
           auto hit = indicator_cache.find(code.number());
           if (hit != indicator_cache.end() && hit->second.first == indicators_generation) {
             Response cached;
             cached.body = hit->second.second;
             return cached;
           }
         }
         const auto& tree = indicators->tree();
         auto region_json = [&](analytics::NodeIndex n) {
           return nlohmann::json{{"code", tree.code(n).ToString()},
                                 {"name", std::string(tree.name(n))},
                                 {"level", RegionLevelName(tree.level(n)).en},
                                 {"poor_village", tree.poor_village(n)},
                                 {"indicators", IndicatorsJson(indicators->Read(n))}};
         };
         nlohmann::json children = nlohmann::json::array();
         for (analytics::NodeIndex c : tree.children(node)) children.push_back(region_json(c));
         Response r;
         r.body = DumpJson({{"year", indicators->year()}, {"region", region_json(node)}, {"children", children}});
         std::lock_guard cache_lock(indicator_cache_mu);
         if (indicator_cache.size() > 10000) indicator_cache.clear();
         indicator_cache[code.number()] = {indicators_generation, r.body};
         return r;
       },
       {"year", "depth"}});

  routes.push_back({"GET", "/indicators/{code}/exits", "exits per year", Access::kSession,
                    [this](Request& req) -> Result<Response> {
                      FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
                      FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
                      if (req.user->role == accounts::Role::kResponsibleCadre) {
                        return Status::PermissionDenied(
                            {"帮扶责任人只能查看自己的帮扶户", "a responsible cadre sees only their own households"});
                      }
                      std::shared_lock lock(indicators_mu);
                      const analytics::NodeIndex node = indicators->tree().Find(code);
                      if (node == analytics::kNoNode) return NotInScope(code.ToShortString());
                      const auto in = indicators->Read(node);
                      nlohmann::json out = nlohmann::json::array();
                      for (int b = 0; b < analytics::kUnknownExitYearBucket; ++b) {
                        const auto& e = in.exited_by_year[static_cast<size_t>(b)];
                        if (e.households == 0) continue;
                        out.push_back({{"year", analytics::kFirstExitYear + b},
                                       {"households", e.households},
                                       {"persons", e.persons}});
                      }
                      return Response::Ok(out);
                    }});

  routes.push_back(
      {"GET", "/alerts/{code}", "households flagged: kind=wrong_exit|eligible|missed", Access::kSession,
       [this](Request& req) -> Result<Response> {
         FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
         FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
         HouseholdQuery q;
         q.within = code;
         if (req.user->role == accounts::Role::kResponsibleCadre) q.cadre_phone = req.user->cadre_phone;
         const std::string kind = req.Query("kind", "wrong_exit");
         if (kind == "wrong_exit") {
           q.wrong_exit_only = true;
         } else if (kind == "eligible") {
           q.eligible_only = true;
         } else if (kind == "missed") {
           q.status = registry::HouseholdStatus::kNotRegistered;
           q.failing = "household.income_above_line";
         } else {
           return Status::Invalid("kind", "query.term", {fmt::format("未知的预警类型“{}”", kind),
                                                         fmt::format("unknown alert kind \"{}\"", kind)});
         }
         q.page = std::max(1, req.QueryInt("page", 1));
         q.page_size = std::clamp(req.QueryInt("page_size", 20), 1, 500);
         int64_t total = 0;
         const auto rows = households->List(q, &total);
         nlohmann::json items = nlohmann::json::array();
         for (const auto& r : rows) {
           items.push_back({{"id", r.id},
                            {"head_name", r.head_name},
                            {"village", {{"code", r.village.ToString()}, {"name", ""}}},
                            {"status", TermOf(r.status).code},
                            {"persons", r.persons},
                            {"per_capita_net", Yuan(r.per_capita.fen())},
                            {"eligible", r.eligible},
                            {"failing", r.failing}});
         }
         return Response::Ok({{"items", items}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}});
       },
       {"kind", "page", "page_size"}});
}

}  // namespace fupin::server
