#include "http/cors.h"

#include <algorithm>

namespace ledgerline::http {

Cors::Cors(std::vector<std::string> allowed_origins) : origins_(std::move(allowed_origins)) {}

bool Cors::allowed(const std::string& origin) const {
  return std::any_of(origins_.begin(), origins_.end(),
                     [&](const std::string& o) { return o == "*" || o == origin; });
}

std::optional<Response> Cors::preflight(const Request& request) const {
  if (request.method != "OPTIONS") return std::nullopt;
  Response response;
  response.status = 204;
  response.content_type.clear();
  const std::string* origin = request.header("origin");
  const std::string* method = request.header("access-control-request-method");
  if (origin == nullptr || method == nullptr) {
    response.headers.push_back({"allow", "GET, POST, OPTIONS"});
    return response;
  }
  if (!allowed(*origin)) return response;  // no allow headers: the browser refuses
  response.headers.push_back({"access-control-allow-origin", *origin});
  response.headers.push_back({"access-control-allow-credentials", "true"});
  response.headers.push_back(
      {"access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS"});
  const std::string* headers = request.header("access-control-request-headers");
  response.headers.push_back(
      {"access-control-allow-headers",
       headers != nullptr ? *headers : "Authorization, Content-Type, Last-Event-ID, X-CSRF-Token"});
  response.headers.push_back({"access-control-max-age", "600"});
  response.headers.push_back({"vary", "Origin"});
  return response;
}

void Cors::decorate(const Request& request, Response& response) const {
  const std::string* origin = request.header("origin");
  if (origin == nullptr || !allowed(*origin)) return;
  response.headers.push_back({"access-control-allow-origin", *origin});
  response.headers.push_back({"access-control-allow-credentials", "true"});
  response.headers.push_back({"vary", "Origin"});
}

}  // namespace ledgerline::http
