// A real `fupin serve` on the demo county, started once per test binary, with an
// HTTP client that signs in as each demo account.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

namespace fupin::testing {

struct ApiReply {
  int status = 0;
  nlohmann::json json;
  std::string body;
};

/// A signed-in client: the session cookie and the CSRF token of one account.
class ApiClient {
 public:
  ApiClient(int port, std::string cookie, std::string csrf)
      : port_(port), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}
  ApiReply Get(const std::string& path) const;
  ApiReply Post(const std::string& path, const nlohmann::json& body, bool with_csrf = true) const;
  ApiReply Patch(const std::string& path, const nlohmann::json& body) const;
  /// POST of raw bytes (e.g. a photo) with its Content-Type and the CSRF token.
  ApiReply PostBytes(const std::string& path, const std::string& bytes,
                     const std::string& content_type) const;

 private:
  int port_;
  std::string cookie_;
  std::string csrf_;
};

class DemoServer {
 public:
  /// The shared server (built on first use: demo county + one Rong household).
  static DemoServer& Get();

  int port() const { return port_; }
  const std::filesystem::path& db() const { return db_; }
  /// Signs in; fails the test on error.
  ApiClient Login(const std::string& username, const std::string& password = "Demo2020");
  ApiReply RawPost(const std::string& path, const std::string& body,
                   const httplib::Headers& headers = {}) const;
  ApiReply RawGet(const std::string& path, const httplib::Headers& headers = {}) const;
  /// A household id from SQL on the demo database.
  std::string Household(const std::string& where) const;

  ~DemoServer();

 private:
  DemoServer();
  std::unique_ptr<TempDir> dir_;
  std::filesystem::path db_;
  std::unique_ptr<FupinProcess> process_;
  int port_ = 0;
};

ApiReply ToReply(const httplib::Result& r);

}  // namespace fupin::testing
