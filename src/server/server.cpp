#include "server/server.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include "core/clock.hpp"
#include "policy/policy_file.hpp"
#include "server/server_impl.hpp"

namespace fupin::server {
namespace {

thread_local std::chrono::steady_clock::time_point t_request_start;

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const size_t eq = header.find('=', pos);
    if (eq == std::string::npos) break;
    const size_t end = header.find(';', eq);
    if (header.compare(pos, eq - pos, name) == 0) {
      return header.substr(eq + 1, (end == std::string::npos ? header.size() : end) - eq - 1);
    }
    pos = end == std::string::npos ? header.size() : end + 1;
  }
  return {};
}

std::string ToRegex(const std::string& path) {
  std::string out = "/api/v1";
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/]+)";
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out.push_back(path[i]);
    }
  }
  return out;
}

std::vector<std::string> ParamNames(const std::string& path) {
  std::vector<std::string> names;
  for (size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
    names.push_back(path.substr(i + 1, path.find('}', i) - i - 1));
  }
  return names;
}

int DefaultYear(const policy::Policy& p) {
  const int this_year = Date::Today().year();
  int best = 0;
  for (const auto& line : p.poverty_lines) {
    const int y = line.range.from.year();
    if (y <= this_year && y > best) best = y;
  }
  return best;
}

void Send(httplib::Response& res, const Response& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (!r.body.empty() || r.json.is_null()) {
    res.set_content(r.body, r.content_type);
  } else {
    res.set_content(DumpJson(r.json), r.content_type);
  }
}

}  // namespace

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status Server::Impl::Refresh() {
  auto s = pool->Borrow();
  int64_t newest = 0;
  FUPIN_RETURN_IF_ERROR(s->HouseholdsChangedSince(std::numeric_limits<int64_t>::max(), &newest).status());
  history_seen = newest;
  FUPIN_ASSIGN_OR_RETURN(auto all, s->LoadHouseholds(RegionCode()));
  // Rebuilt in place: the index swaps its rows under its own lock, so readers never
  // see a half-built index or a freed one.
  if (!households) households = std::make_unique<HouseholdIndex>(policy, year);
  households->Rebuild(all);
  return RebuildIndicators();
}

void Server::Impl::WatchDatabase() {
  // A connection of its own: data_version changes when any other connection commits,
  // the CLI's and this server's alike.
  auto watch = store::OpenSqliteStore(options.db, {.create = false});
  if (!watch.ok()) return;
  auto last = (*watch)->DataVersion();
  int64_t seen = last.ok() ? *last : 0;
  while (!stopping.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto v = (*watch)->DataVersion();
    if (!v.ok() || *v == seen) continue;
    seen = *v;
    // Follow the history: re-read only the households written since the last look,
    // by this server or by any other process (the CLI, an import).
    int64_t newest = 0;
    auto changed = (*watch)->HouseholdsChangedSince(history_seen, &newest);
    if (!changed.ok()) continue;
    // The server's own writes are in the read models already: re-read only the rest.
    std::vector<std::string> stale;
    for (const auto& c : *changed) {
      if (households->VersionOf(c.id) < c.version) stale.push_back(c.id);
    }
    for (size_t i = 0; i < stale.size(); i += 500) {
      const std::vector<std::string> batch(
          stale.begin() + static_cast<std::ptrdiff_t>(i),
          stale.begin() + static_cast<std::ptrdiff_t>(std::min(i + 500, stale.size())));
      auto found = (*watch)->FindHouseholds(batch);
      if (!found.ok()) break;
      for (const auto& [id, h] : *found) {
        households->Upsert(h);
        UpdateIndicators(h);
      }
    }
    history_seen = newest;
  }
}

Status Server::Impl::NotInScope(const std::string& what) {
  return Status::NotFound("id", {fmt::format("找不到 {}，或不在您的管辖范围内", what),
                                 fmt::format("{} not found, or outside your scope", what)});
}

Status Server::Impl::HouseholdNotFound(const std::string& id) {
  return Status::NotFound("id", {fmt::format("找不到户 {}，或不在您的管辖范围内", id),
                                 fmt::format("household {} not found, or outside your scope", id)});
}

Status Server::Impl::RequireRegion(const accounts::User& user, RegionCode code) const {
  if (!code.IsWithin(user.scope)) return NotInScope(code.ToShortString());
  if (user.role == accounts::Role::kResponsibleCadre && code.level() != RegionLevel::kVillage) {
    return NotInScope(code.ToShortString());
  }
  return Status::Ok();
}

Status Server::Impl::Require(const accounts::User& user, accounts::Permission p) const {
  if (accounts::RoleHas(user.role, p)) return Status::Ok();
  const auto& role = TermOf(user.role);
  return Status::PermissionDenied({fmt::format("您的角色（{}）无权进行此操作", role.zh),
                                   fmt::format("your role ({}) may not do this", role.en)});
}

Result<HouseholdRow> Server::Impl::VisibleHousehold(const accounts::User& user, const std::string& id) const {
  auto row = households->Find(id);
  if (!row || !row->village.IsWithin(user.scope)) return HouseholdNotFound(id);
  if (user.role == accounts::Role::kResponsibleCadre && row->cadre_phone != user.cadre_phone) {
    return HouseholdNotFound(id);
  }
  return *row;
}

Status Server::Impl::Audit(const Request& req, const std::string& action, const std::string& target,
                           const std::string& detail, const std::string& before, const std::string& after) {
  auto s = pool->Borrow();
  const std::string actor = req.user ? "user:" + req.user->username : "anonymous";
  return s->RecordAudit({actor, action, target, detail, req.ip, before, after});
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  if (impl_->watcher.joinable()) impl_->watcher.join();
}

const std::vector<Route>& Server::routes() const {
  return impl_->routes;
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->limiter.Configure(options.rate_per_second, options.rate_burst);
  impl->login_limiter.Configure(options.login_per_minute / 60.0, 10);
  if (options.policy_file.empty()) {
    impl->policy = policy::DefaultPolicy();
  } else {
    FUPIN_ASSIGN_OR_RETURN(impl->policy, policy::LoadPolicyFile(options.policy_file));
  }
  impl->year = options.year != 0 ? options.year : DefaultYear(impl->policy);
  FUPIN_ASSIGN_OR_RETURN(impl->pool, StorePool::Open(options.db, options.db_connections));
  if (!options.today.empty()) {
    auto day = Date::Parse(options.today);
    if (!day.ok()) {
      return Status::Invalid("today", "serve.today",
                             {fmt::format("--today {} 不是有效日期（应为 YYYY-MM-DD）", options.today),
                              fmt::format("--today {} is not a valid date (YYYY-MM-DD)", options.today)});
    }
    impl->fixed_today = *day;
  } else {
    auto s = impl->pool->Borrow();
    FUPIN_ASSIGN_OR_RETURN(auto as_of, s->GetSetting(store::kAsOfDateSetting));
    if (as_of) {
      FUPIN_ASSIGN_OR_RETURN(impl->fixed_today, Date::Parse(*as_of));
    }
  }
  accounts::AuthConfig auth;
  auth.demo_mode = options.demo;
  impl->auth = std::make_unique<accounts::AuthService>(auth);
  FUPIN_RETURN_IF_ERROR(impl->Refresh());
  impl->AddAuthRoutes();
  impl->AddRegistryRoutes();
  impl->AddAdminRoutes();
  impl->AddProcedureRoutes();
  impl->AddIndicatorRoutes();
  impl->AddHouseholdEditRoute();
  impl->AddStructureRoutes();
  impl->AddVisitRoutes();
  Impl* self = impl.get();
  impl->routes.push_back({"GET", "/openapi.json", "this OpenAPI document", Access::kPublic, [self](Request&) {
                            return Result<Response>(
                                Response::Ok(OpenApiDocument(self->routes, FUPIN_VERSION_STRING)));
                          }});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run() {
  Impl& d = *impl_;
  auto& http = d.http;
  const int threads = d.options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_timeout(3);
  http.set_keep_alive_max_count(1000);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  // A visit photo may be larger than other requests (policy [[visits]] photo_max_bytes);
  // the photo route checks its own limit.
  size_t max_body = d.options.max_body_bytes;
  for (const auto& rules : d.policy.visits) {
    max_body = std::max(max_body, static_cast<size_t>(rules.photo_max_bytes) + (64 << 10));
  }
  http.set_payload_max_length(max_body);
  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (d.options.access_log) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                            t_request_start)
                          .count();
      const nlohmann::json line = {{"at", NowUtcIso8601()}, {"ip", req.remote_addr}, {"method", req.method},
                                   {"path", req.path},      {"status", res.status},  {"us", us}};
      std::cerr << DumpJson(line) << '\n';
    });
  }

  for (const Route& route : d.routes) {
    const auto names = ParamNames(route.path);
    auto handler = [&d, &route, names](const httplib::Request& raw, httplib::Response& res) {
      Request req;
      req.method = raw.method;
      req.path = raw.path;
      for (size_t i = 0; i < names.size() && i + 1 < raw.matches.size(); ++i)
        req.path_params[names[i]] = raw.matches[i + 1];
      for (const auto& [k, v] : raw.params) req.query.emplace(k, v);
      req.body = raw.body;
      req.content_type = raw.get_header_value("Content-Type");
      req.ip = raw.remote_addr;
      const bool write = raw.method != "GET" && raw.method != "HEAD";
      const std::string token = CookieValue(raw, "fupin_session");
      if (route.access != Access::kPublic) {
        auto s = d.pool->Borrow();
        auto user = d.auth->Authenticate(*s, token, NowSeconds(), &req.session);
        if (!user.ok()) return Send(res, ErrorResponse(user.status()));
        req.user = *user;
        if (write && raw.get_header_value("X-CSRF-Token") != req.session.csrf_token) {
          return Send(
              res, ErrorResponse(Status::PermissionDenied({"请求缺少有效的 CSRF 令牌，请刷新页面",
                                                           "missing or wrong CSRF token; reload the page"})));
        }
        if (route.access == Access::kSession && d.auth->MustChangePassword(*req.user)) {
          return Send(res, ErrorResponse(Status::FailedPrecondition(
                               "password", "password.must_change",
                               {"首次登录须先修改密码", "change your password before anything else"})));
        }
      }
      if (!d.limiter.Allow(token.empty() ? "ip:" + req.ip : "s:" + token)) {
        return Send(res, ErrorResponse(Status::TooManyRequests(
                             "rate.limit", {"请求过于频繁，请稍后再试", "too many requests; slow down"})));
      }
      Result<Response> out = route.handler(req);
      Send(res, out.ok() ? *out : ErrorResponse(out.status()));
    };
    const std::string pattern = ToRegex(route.path);
    if (route.method == "GET")
      http.Get(pattern, handler);
    else if (route.method == "POST")
      http.Post(pattern, handler);
    else if (route.method == "PUT")
      http.Put(pattern, handler);
    else if (route.method == "PATCH")
      http.Patch(pattern, handler);
    else if (route.method == "DELETE")
      http.Delete(pattern, handler);
  }

  std::string index_html;
  if (!d.options.web_dir.empty() && std::filesystem::exists(d.options.web_dir / "index.html")) {
    http.set_mount_point("/", d.options.web_dir.string());
    std::ifstream in(d.options.web_dir / "index.html", std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    index_html = ss.str();
  }
  // Unknown API paths get the error envelope; other GETs get the single-page app.
  http.set_error_handler([index_html](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error envelope
    if (req.path.rfind("/api/", 0) == 0) {
      if (res.status == 404) {
        Send(res,
             ErrorResponse(Status::NotFound("path", {fmt::format("没有接口 {} {}", req.method, req.path),
                                                     fmt::format("no route {} {}", req.method, req.path)})));
      } else if (res.status == 413) {
        Send(res, ErrorResponse(Status::Invalid("body", "request.too_large",
                                                {"请求内容过大", "the request body is too large"})));
        res.status = 413;
      } else {
        const int status = res.status;
        Send(res, ErrorResponse(Status::Invalid("request", "request.malformed",
                                                {fmt::format("请求无效（HTTP {}）", status),
                                                 fmt::format("malformed request (HTTP {})", status)})));
        res.status = status;
      }
      return;
    }
    if (req.method == "GET" && res.status == 404 && !index_html.empty()) {
      res.status = 200;
      res.set_content(index_html, "text/html; charset=utf-8");
    }
  });

  int port = d.options.port;
  bool bound = false;
  if (port == 0) {
    port = http.bind_to_any_port(d.options.host);
    bound = port > 0;
  } else {
    bound = http.bind_to_port(d.options.host, port);
  }
  if (!bound) {
    d.stopping = true;
    d.listen_done = true;
    {
      std::lock_guard lock(d.port_mu);
      d.bound_port = -1;
    }
    d.port_cv.notify_all();
    return Status::Unavailable(
        {fmt::format("无法监听 {}:{}（端口被占用？）", d.options.host, d.options.port),
         fmt::format("cannot listen on {}:{} (port in use?)", d.options.host, d.options.port)});
  }
  {
    std::lock_guard lock(d.port_mu);
    d.bound_port = port;
  }
  d.port_cv.notify_all();
  d.watcher = std::thread([&d] { d.WatchDatabase(); });
  const bool ok = http.listen_after_bind();
  d.stopping = true;
  d.listen_done = true;
  if (d.watcher.joinable()) d.watcher.join();
  if (!ok && !d.stopping) return Status::Internal({"服务器异常退出", "the server stopped unexpectedly"});
  return Status::Ok();
}

void Server::Stop() {
  impl_->stopping = true;
  // httplib's stop() does nothing until the listen loop runs, and a signal may come
  // between bind and listen: repeat until the loop has ended.
  while (!impl_->listen_done.load()) {
    if (impl_->http.is_running()) impl_->http.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int Server::WaitForPort() {
  std::unique_lock lock(impl_->port_mu);
  impl_->port_cv.wait(lock, [&] { return impl_->bound_port != 0; });
  return impl_->bound_port;
}

}  // namespace fupin::server
