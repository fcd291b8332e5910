#include "http/router.h"

#include <algorithm>

#include "http/errors.h"
#include "http/url.h"

namespace ledgerline::http {

void Router::add(std::string_view method, std::string_view pattern, Access access,
                 Handler handler) {
  Route route;
  route.method = std::string(method);
  route.access = access;
  for (std::string_view segment : split_path(pattern)) route.segments.emplace_back(segment);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& path,
                     Request* request, bool& bad_encoding) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& pattern = route.segments[i];
    std::string_view segment = path[i];
    if (pattern.size() >= 2 && pattern.back() == '*') {
      std::string_view prefix(pattern.data(), pattern.size() - 1);
      if (segment.size() <= prefix.size() || segment.substr(0, prefix.size()) != prefix) {
        return false;
      }
    } else if (!pattern.empty() && pattern[0] == ':') {
      if (request != nullptr) {
        auto decoded = percent_decode(segment);
        if (!decoded) {
          bad_encoding = true;
          return false;
        }
        request->params[pattern.substr(1)] = std::move(*decoded);
      }
    } else if (segment != pattern) {
      return false;
    }
  }
  return true;
}

Router::Match Router::match(Request& request) const {
  Match result;
  std::vector<std::string_view> path = split_path(request.path);
  for (const Route& route : routes_) {
    bool bad = false;
    if (!matches(route, path, nullptr, bad)) continue;
    if (route.method == request.method) {
      request.params.clear();
      if (!matches(route, path, &request, result.bad_encoding)) return result;
      result.handler = &route.handler;
      result.access = route.access;
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
        result.allowed.end()) {
      result.allowed.push_back(route.method);
    }
  }
  return result;
}

void Router::dispatch(Request request, Respond respond) const {
  Match found = match(request);
  if (found.handler != nullptr) {
    if (door_keeper_) {
      if (Status admitted = door_keeper_(request, found.access); !admitted) {
        respond(error_response(admitted.error()));
        return;
      }
    }
    (*found.handler)(std::move(request), std::move(respond));
    return;
  }
  if (found.bad_encoding) {
    respond(error_response(Error::invalid("Malformed percent-encoding in the path", "badRequest")));
    return;
  }
  if (!found.allowed.empty()) {
    std::string allow;
    for (const auto& method : found.allowed) allow += (allow.empty() ? "" : ", ") + method;
    Response response = error_response(
        Error::method_not_allowed("Method " + request.method + " is not allowed for " +
                                  request.path + " (allowed: " + allow + ")"));
    response.headers.push_back({"allow", allow});
    respond(std::move(response));
    return;
  }
  if (fallback_) {
    fallback_(std::move(request), std::move(respond));
    return;
  }
  respond(error_response(
      Error::not_found("No route for " + request.method + " " + request.path, "notFound")));
}

}  // namespace ledgerline::http
