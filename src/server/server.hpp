// fupin serve: the HTTP server. It owns the store connections, the read models (the
// household index and the live indicators) and the route table; it runs until Stop()
// (SIGTERM / Ctrl-C), letting requests in flight finish before the store closes.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "server/http.hpp"

namespace fupin::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  std::filesystem::path db = "fupin.db";
  std::filesystem::path web_dir;      // built front end (web/dist); empty = API only
  std::filesystem::path policy_file;  // empty = built-in defaults
  int year = 0;                       // evaluation year; 0 = the latest with a poverty line
  std::string
      today;  // "YYYY-MM-DD" the server takes as today; "" = the database's as_of_date, else the real date
  bool demo = false;  // demo accounts need not change their password
  int threads = 32;
  int db_connections = 6;
  double rate_per_second = 100;  // per session (or per IP before login); 0 = no limit
  double rate_burst = 200;
  double login_per_minute = 12;  // sign-in attempts per IP per minute (burst 10); 0 = no limit
  size_t max_body_bytes = 4 << 20;
  bool access_log = true;
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();

  /// Binds and serves until Stop(); returns when the last request has finished.
  Status Run();
  /// Stops accepting, lets requests in flight finish. Safe from any thread.
  void Stop();
  /// The bound port (after Run has bound it); blocks until then.
  int WaitForPort();
  const std::vector<Route>& routes() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fupin::server
