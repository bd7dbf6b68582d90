// fupin serve: the web server until SIGTERM or Ctrl-C.
#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/cli_common.hpp"
#include "server/server.hpp"

namespace fupin::cli {

void RegisterServeCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<server::ServerOptions>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto db = std::make_shared<std::string>("fupin.db");
  auto web = std::make_shared<std::string>();
  auto policy = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("serve", "run the web server (API under /api/v1 and the web pages) / 运行网页服务");
  AddDbOption(cmd, db.get());
  cmd->add_option("--listen", *listen, "HOST:PORT")->capture_default_str();
  cmd->add_option("--web", *web, "folder of the built front end (default: web/dist if present)");
  cmd->add_option("--policy", *policy, "policy file replacing the built-in defaults")
      ->check(CLI::ExistingFile);
  cmd->add_option("--year", o->year, "evaluation year (default: the latest with a poverty line)");
  cmd->add_option("--today", o->today,
                  "the day the server takes as today, YYYY-MM-DD (default: the database's as-of date, else "
                  "the real date)");
  cmd->add_flag("--demo", o->demo, "demo accounts need not change their password at first login");
  cmd->add_option("--threads", o->threads, "worker threads")->capture_default_str();
  cmd->add_option("--rate-limit", o->rate_per_second, "requests per second per session (0 = no limit)")
      ->capture_default_str();
  cmd->add_option("--login-rate", o->login_per_minute,
                  "sign-in attempts per minute per IP address (0 = no limit)")
      ->capture_default_str();
  cmd->add_flag("!--no-access-log", o->access_log, "do not print the access log");
  cmd->callback([&ctx, o, listen, db, web, policy] {
    const auto colon = listen->rfind(':');
    if (colon == std::string::npos) {
      ctx.exit_code = Fail(ctx, Status::Invalid("listen", "serve.listen",
                                                {"--listen 应为 主机:端口", "--listen must be HOST:PORT"}));
      return;
    }
    o->host = listen->substr(0, colon);
    try {
      o->port = std::stoi(listen->substr(colon + 1));
    } catch (const std::exception&) {
      ctx.exit_code =
          Fail(ctx, Status::Invalid("listen", "serve.listen", {"端口应为数字", "the port must be a number"}));
      return;
    }
    o->rate_burst = o->rate_per_second * 2;
    o->db = *db;
    o->policy_file = *policy;
    if (!web->empty()) {
      o->web_dir = *web;
    } else if (std::filesystem::exists("web/dist/index.html")) {
      o->web_dir = "web/dist";
    }
    if (!std::filesystem::exists(o->db)) {
      ctx.exit_code = Fail(
          ctx, Status::Unavailable(
                   {fmt::format("数据库 {} 不存在；先运行 fupin init 或 fupin demo", *db),
                    fmt::format("database {} does not exist; run fupin init or fupin demo first", *db)}));
      return;
    }
    auto server = server::Server::Create(*o);
    if (!server.ok()) {
      ctx.exit_code = Fail(ctx, server.status());
      return;
    }
    // Signals are taken by a thread of our own (sigwait), which asks the server to stop;
    // requests in flight finish, then the store closes.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    server::Server* srv = server->get();
    std::thread signals([srv, set] {
      int sig = 0;
      sigwait(&set, &sig);
      srv->Stop();
    });
    std::thread announce([srv, &ctx, o] {
      const int port = srv->WaitForPort();
      if (port > 0) {
        std::cout << (ctx.lang == Lang::kZh ? "fupin 服务已启动：" : "fupin is serving at ")
                  << fmt::format("http://{}:{}/", o->host, port) << std::endl;
      }
    });
    Status s = (*server)->Run();
    announce.join();
    pthread_kill(signals.native_handle(), SIGTERM);  // wakes sigwait when Run ended another way
    signals.join();
    server->reset();
    if (!s.ok()) {
      ctx.exit_code = Fail(ctx, s);
      return;
    }
    std::cout << (ctx.lang == Lang::kZh ? "服务已停止\n" : "server stopped\n");
  });
}

}  // namespace fupin::cli
