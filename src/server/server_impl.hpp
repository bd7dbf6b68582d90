// Internal to server/: the state the route handlers share. Not part of the API.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "accounts/auth_service.hpp"
#include "analytics/indicator_engine.hpp"
#include "accounts/role.hpp"
#include "policy/policy.hpp"
#include "server/household_index.hpp"
#include "server/rate_limiter.hpp"
#include "server/server.hpp"
#include "server/store_pool.hpp"

namespace fupin::server {

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<accounts::AuthService> auth;
  policy::Policy policy;
  int year = 0;
  std::unique_ptr<HouseholdIndex> households;
  std::shared_mutex indicators_mu;  // the engine is read by many, written by one
  std::unique_ptr<analytics::IndicatorEngine> indicators;
  // Serialized /indicators answers per region, valid while the engine's generation is
  // unchanged; every write bumps the generation, so a read never returns stale figures.
  uint64_t indicators_generation = 0;  // guarded by indicators_mu
  std::mutex indicator_cache_mu;
  std::unordered_map<uint64_t, std::pair<uint64_t, std::string>> indicator_cache;
  RateLimiter limiter{100, 200};
  RateLimiter login_limiter{0.2, 10};  // per IP: 10 attempts, then one every 5 s
  std::vector<Route> routes;
  httplib::Server http;
  std::mutex port_mu;
  std::condition_variable port_cv;
  int bound_port = 0;
  std::atomic<bool> stopping{false};
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
  Status Audit(const Request& req, const std::string& action, const std::string& target, const std::string& detail,
               const std::string& before = "", const std::string& after = "");

  void AddAuthRoutes();
  void AddRegistryRoutes();
  void AddAdminRoutes();
  void AddProcedureRoutes();
  void AddIndicatorRoutes();
  void AddHouseholdEditRoute();
  Status RebuildIndicators();
  /// Applies one household's new state to the live indicators.
  void UpdateIndicators(const registry::Household& household);
  /// The household's procedures with their next steps; adds the step actions the user may take.
  nlohmann::json ProceduresOf(store::Store& s, const accounts::User& user, const std::string& household_id,
                              nlohmann::json* actions);
  /// Re-reads one household into the read models after a write.
  Status ReloadHousehold(store::Store& s, const std::string& id);
};

/// Unix seconds now.
int64_t NowSeconds();

}  // namespace fupin::server
