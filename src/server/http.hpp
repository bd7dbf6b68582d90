// The HTTP layer's own vocabulary: a route table whose entries carry their handler,
// their access rule and their documentation, so the OpenAPI document is generated
// from the very table the server routes by. Handlers are thin: they read the request,
// call the domain, and return JSON or a Status. One function turns a Status into the
// error envelope (ErrorResponse).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.hpp"
#include "core/status.hpp"

namespace fupin::server {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_params;  // e.g. {"id": "5110…"}
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;  // the Content-Type header, as sent
  std::string ip;
  std::optional<accounts::User> user;  // set for routes that need a session
  accounts::Session session;

  /// A query parameter or `fallback`.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
  int QueryInt(const std::string& name, int fallback) const;
  /// The body parsed as a JSON object; InvalidArgument (rule request.json) otherwise.
  Result<nlohmann::json> Json() const;
};

struct Response {
  int status = 200;
  nlohmann::json json;  // sent when body is empty
  std::string body;     // raw body (files); content_type then says what it is
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Ok(nlohmann::json j) {
    Response r;
    r.json = std::move(j);
    return r;
  }
};

enum class Access {
  kPublic,          // no session needed
  kPasswordChange,  // a session, even one that must change its password first
  kSession,         // a session whose password need not change
};

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // OpenAPI style below /api/v1, e.g. "/households/{id}"
  std::string summary;
  Access access = Access::kSession;
  Handler handler;
  std::vector<std::string> query_params = {};  // documented query parameters
};

/// The HTTP status of a Status code.
int HttpStatusOf(StatusCode code);
/// The error envelope: {"error":{"code","rule","field","message":{"zh","en"}}}.
Response ErrorResponse(const Status& status);

/// The OpenAPI 3 document of `routes` (all under /api/v1).
nlohmann::json OpenApiDocument(const std::vector<Route>& routes, const std::string& version);

/// JSON text that never throws on invalid UTF-8.
std::string DumpJson(const nlohmann::json& j);

}  // namespace fupin::server
