#include "server/http.hpp"

#include <fmt/format.h>

#include <charconv>

namespace fupin::server {

std::string Request::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

int Request::QueryInt(const std::string& name, int fallback) const {
  const std::string v = Query(name);
  int out = fallback;
  if (!v.empty()) {
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size()) return fallback;
  }
  return out;
}

Result<nlohmann::json> Request::Json() const {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Invalid("body", "request.json",
                           {"请求内容不是有效的 JSON 对象", "the request body is not a JSON object"});
  }
  return j;
}

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 422;
    case StatusCode::kTooManyRequests:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& status) {
  Response r;
  // A locked account answers 423 Locked, so a client can tell it from a wrong password.
  r.status = status.rule() == "login.locked" ? 423 : HttpStatusOf(status.code());
  r.json = {{"error",
             {{"code", StatusCodeName(status.code())},
              {"rule", status.rule()},
              {"field", status.field()},
              {"message", {{"zh", status.message().zh}, {"en", status.message().en}}}}}};
  return r;
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json OpenApiDocument(const std::vector<Route>& routes, const std::string& version) {
  nlohmann::json paths = nlohmann::json::object();
  const nlohmann::json error_ref = {{"$ref", "#/components/responses/Error"}};
  for (const Route& r : routes) {
    nlohmann::json op = {{"summary", r.summary}, {"operationId", fmt::format("{} {}", r.method, r.path)}};
    nlohmann::json params = nlohmann::json::array();
    for (std::size_t open = r.path.find('{'); open != std::string::npos; open = r.path.find('{', open + 1)) {
      const std::size_t close = r.path.find('}', open);
      if (close == std::string::npos) break;
      params.push_back({{"name", r.path.substr(open + 1, close - open - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.query_params) {
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    op["responses"] = {{"200", {{"description", "OK"}}}, {"default", error_ref}};
    if (r.access == Access::kPublic) {
      op["security"] = nlohmann::json::array();
    }
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "fupin 扶贫 API"}, {"version", version}}},
          {"servers", {{{"url", "/api/v1"}}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "fupin_session"}}},
              {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}}},
            {"responses",
             {{"Error",
               {{"description", "error envelope: {error:{code, rule, field, message:{zh, en}}}"},
                {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}}}}},
          {"security", {{{"session", nlohmann::json::array()}}}}};
}

}  // namespace fupin::server
