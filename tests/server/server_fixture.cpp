#include "server/server_fixture.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "registry/registry_test_data.hpp"

namespace fupin::testing {

ApiReply ToReply(const httplib::Result& r) {
  ApiReply out;
  if (!r) return out;
  out.status = r->status;
  out.body = r->body;
  if (r->get_header_value("Content-Type").find("json") != std::string::npos) {
    out.json = nlohmann::json::parse(r->body, nullptr, false);
  }
  return out;
}

ApiReply ApiClient::Get(const std::string& path) const {
  httplib::Client c("127.0.0.1", port_);
  return ToReply(c.Get(("/api/v1" + path).c_str(), {{"Cookie", cookie_}}));
}

ApiReply ApiClient::Post(const std::string& path, const nlohmann::json& body, bool with_csrf) const {
  httplib::Client c("127.0.0.1", port_);
  httplib::Headers h = {{"Cookie", cookie_}};
  if (with_csrf) h.emplace("X-CSRF-Token", csrf_);
  return ToReply(c.Post(("/api/v1" + path).c_str(), h, body.dump(), "application/json"));
}

ApiReply ApiClient::Patch(const std::string& path, const nlohmann::json& body) const {
  httplib::Client c("127.0.0.1", port_);
  httplib::Headers h = {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}};
  return ToReply(c.Patch(("/api/v1" + path).c_str(), h, body.dump(), "application/json"));
}

ApiReply ApiClient::PostBytes(const std::string& path, const std::string& bytes,
                              const std::string& content_type) const {
  httplib::Client c("127.0.0.1", port_);
  httplib::Headers h = {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}};
  return ToReply(c.Post(("/api/v1" + path).c_str(), h, bytes, content_type.c_str()));
}

DemoServer& DemoServer::Get() {
  static DemoServer server;  // stopped (and its folder removed) when the test binary exits
  return server;
}

namespace {

/// The demo database the API tests start from: the demo county plus one household in
/// another county (荣县) for out-of-scope checks, built once per build of `fupin`.
std::filesystem::path DemoTemplate() {
  return CachedTemplate("test-demo-511025.db", [](const std::filesystem::path& db) {
    CopyDemoDatabase(db);
    TempDir dir;
    const auto csv = dir / "rong.csv";
    WriteFile(csv, MakeHouseholdsCsv(1, 2, "510321002201", 7777));
    RunResult imported = RunFupin({"households", "import", csv.string(), "--db", db.string()});
    if (imported.exit_code != 0) throw std::runtime_error("import failed: " + imported.out + imported.err);
  });
}

}  // namespace

DemoServer::DemoServer() {
  dir_ = std::make_unique<TempDir>();
  db_ = *dir_ / "demo.db";
  std::filesystem::copy_file(DemoTemplate(), db_);
  process_ = std::make_unique<FupinProcess>(
      std::vector<std::string>{"serve", "--db", db_.string(), "--listen", "127.0.0.1:0", "--demo",
                               "--rate-limit", "0", "--login-rate", "6000", "--no-access-log"});
  if (!process_->WaitForStderr("http://127.0.0.1:")) throw std::runtime_error("server did not start");
  process_->WaitForStderr("/\n");
  std::smatch m;
  const std::string out = process_->output();
  if (!std::regex_search(out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)")))
    throw std::runtime_error("no port");
  port_ = std::stoi(m[1]);
}

DemoServer::~DemoServer() = default;

ApiClient DemoServer::Login(const std::string& username, const std::string& password) {
  httplib::Client c("127.0.0.1", port_);
  auto r = c.Post("/api/v1/auth/login", nlohmann::json{{"username", username}, {"password", password}}.dump(),
                  "application/json");
  EXPECT_TRUE(r) << "no answer";
  if (!r) return ApiClient(port_, "", "");
  EXPECT_EQ(r->status, 200) << username << ": " << r->body;
  const std::string set_cookie = r->get_header_value("Set-Cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto j = nlohmann::json::parse(r->body, nullptr, false);
  return ApiClient(port_, cookie, j.is_object() ? j.value("csrf_token", "") : "");
}

ApiReply DemoServer::RawPost(const std::string& path, const std::string& body,
                             const httplib::Headers& headers) const {
  httplib::Client c("127.0.0.1", port_);
  return ToReply(c.Post(("/api/v1" + path).c_str(), headers, body, "application/json"));
}

ApiReply DemoServer::RawGet(const std::string& path, const httplib::Headers& headers) const {
  httplib::Client c("127.0.0.1", port_);
  return ToReply(c.Get(("/api/v1" + path).c_str(), headers));
}

std::string DemoServer::Household(const std::string& where) const {
  return QueryOne(db_, "SELECT id FROM households WHERE " + where + " ORDER BY id LIMIT 1");
}

}  // namespace fupin::testing
