// Router: maps (method, path) to a handler. Patterns are '/'-separated segments:
//   literal     matches itself                     e.g. "data"
//   "v*"        matches any segment starting with "v" plus at least one more character
//   ":name"     captures one segment (percent-decoded) into Request::params["name"]
// A path that matches a pattern under another method gets 405 (with an Allow header); no
// match at all goes to the fallback (static files), else 404. Both errors are JSON.
//
// Every route declares who may call it (Access) where it is added; the door keeper (see
// http/door_keeper.h) resolves the caller's identity and enforces that access before the
// handler runs, so no handler checks credentials itself. The fallback (the web app's static
// files) is public.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "util/result.h"

namespace ledgerline::http {

using Handler = std::function<void(Request request, Respond respond)>;

// Who may call a route.
enum class Access {
  kPublic,         // anyone, even without credentials (login, /health); identity filled if valid
  kAuthenticated,  // any logged-in user; reads are limited by the caller's read rule
  kAdmin,          // admins only (writes, actions, user and token management)
};

// Resolves the caller into request.identity and decides whether it may use a route of
// `access`; a non-ok Status is answered as the error (401, 403, 429...) instead of the route.
using DoorKeeper = std::function<Status(Request& request, Access access)>;

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, Access access, Handler handler);
  // Installed by the server when it has auth; without one every route is open (router tests).
  void set_door_keeper(DoorKeeper door_keeper) { door_keeper_ = std::move(door_keeper); }
  // Handles requests that match no route (e.g. GET of the web app's files).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // Finds the route, fills request.params and calls its handler (on this thread), or answers
  // 404/405 through `respond`.
  void dispatch(Request request, Respond respond) const;

  // The outcome of matching without calling anything (for tests and diagnostics).
  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method
    Access access = Access::kPublic;   // of the matched route
    std::vector<std::string> allowed;  // methods of routes matching the path (for 405)
    bool bad_encoding = false;         // a captured segment had a malformed %-escape
  };
  Match match(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
  };
  static bool matches(const Route& route, const std::vector<std::string_view>& path,
                      Request* request, bool& bad_encoding);

  std::vector<Route> routes_;
  Handler fallback_;
  DoorKeeper door_keeper_;
};

}  // namespace ledgerline::http
