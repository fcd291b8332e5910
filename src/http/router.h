// Router: maps (method, path) to a handler. Patterns are '/'-separated segments:
//   literal     matches itself                     e.g. "data"
//   "v*"        matches any segment starting with "v" plus at least one more character
//   ":name"     captures one segment (percent-decoded) into Request::params["name"]
// A path that matches a pattern under another method gets 405 (with an Allow header); no
// match at all goes to the fallback (static files), else 404. Both errors are JSON.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace ledgerline::http {

using Handler = std::function<void(Request request, Respond respond)>;

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler);
  // Handles requests that match no route (e.g. GET of the web app's files).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // Finds the route, fills request.params and calls its handler (on this thread), or answers
  // 404/405 through `respond`.
  void dispatch(Request request, Respond respond) const;

  // The outcome of matching without calling anything (for tests and diagnostics).
  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method
    std::vector<std::string> allowed;  // methods of routes matching the path (for 405)
    bool bad_encoding = false;         // a captured segment had a malformed %-escape
  };
  Match match(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool matches(const Route& route, const std::vector<std::string_view>& path,
                      Request* request, bool& bad_encoding);

  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace ledgerline::http
