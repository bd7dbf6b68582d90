// Internal to server/: the state the route handlers share. Not part of the API.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>

#include "accounts/auth_service.hpp"
#include "accounts/role.hpp"
#include "analytics/indicator_engine.hpp"
#include "core/date.hpp"
#include "policy/policy.hpp"
#include "server/household_index.hpp"
#include "server/rate_limiter.hpp"
#include "server/server.hpp"
#include "server/store_pool.hpp"

namespace fupin::server {

/// The visit routes' own state (api_visits.cpp): the compliance data and answers.
struct VisitsState;

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<accounts::AuthService> auth;
  policy::Policy policy;
  int year = 0;
  /// A fixed "today" (the --today option, else the database's as_of_date setting);
  /// unset for a live county, whose today is the real date.
  std::optional<Date> fixed_today;
  /// The day the server works on: due visits, overdue tasks, meetings to come.
  Date Today() const { return fixed_today ? *fixed_today : Date::Today(); }
  std::unique_ptr<HouseholdIndex> households;
  std::shared_mutex indicators_mu;  // the engine is read by many, written by one
  std::unique_ptr<analytics::IndicatorEngine> indicators;
  // Serialized /indicators answers per region, valid while the engine's generation is
  // unchanged; every write bumps the generation, so a read never returns stale figures.
  uint64_t indicators_generation = 0;  // guarded by indicators_mu
  std::mutex indicator_cache_mu;
  std::unordered_map<uint64_t, std::pair<uint64_t, std::string>> indicator_cache;
  std::shared_ptr<VisitsState> visits_state;  // created by AddVisitRoutes
  RateLimiter limiter{100, 200};
  RateLimiter login_limiter{0.2, 10};  // per IP: 10 attempts, then one every 5 s
  std::vector<Route> routes;
  httplib::Server http;
  std::mutex port_mu;
  std::condition_variable port_cv;
  int bound_port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<bool> listen_done{false};  // Run() has left (or never entered) the listen loop
  std::thread watcher;
  int64_t data_version = -1;
  std::atomic<int64_t> history_seen{0};  // newest history row reflected in the read models

  Impl() = default;

  /// Reloads the read models from the store.
  Status Refresh();
  void WatchDatabase();

  // Access rules, applied by every handler.
  static Status NotInScope(const std::string& what);
  static Status HouseholdNotFound(const std::string& id);
  Status RequireRegion(const accounts::User& user, RegionCode code) const;
  Status Require(const accounts::User& user, accounts::Permission p) const;
  /// The household row if the user may see it; NotFound otherwise (never "forbidden").
  Result<HouseholdRow> VisibleHousehold(const accounts::User& user, const std::string& id) const;
  Status Audit(const Request& req, const std::string& action, const std::string& target,
               const std::string& detail, const std::string& before = "", const std::string& after = "");

  void AddAuthRoutes();
  void AddRegistryRoutes();
  void AddAdminRoutes();
  void AddProcedureRoutes();
  void AddIndicatorRoutes();
  void AddHouseholdEditRoute();
  void AddStructureRoutes();
  void AddVisitRoutes();
  Status RebuildIndicators();
  /// Applies one household's new state to the live indicators.
  void UpdateIndicators(const registry::Household& household);
  /// The household's procedures with their steps and next steps (the shape of
  /// GET /procedures/{pid}); adds the step actions the user may take and says whether one is open.
  nlohmann::json ProceduresOf(store::Store& s, const accounts::User& user, const std::string& household_id,
                              nlohmann::json* actions, bool* any_open);
  /// Names of regions by code number (the short code when a region is unknown).
  std::unordered_map<uint64_t, std::string> RegionNames(store::Store& s,
                                                        const std::vector<RegionCode>& codes);
  /// Re-reads one household into the read models after a write.
  Status ReloadHousehold(store::Store& s, const std::string& id);
};

/// Unix seconds now.
int64_t NowSeconds();

}  // namespace fupin::server
