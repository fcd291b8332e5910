// ApiContext: what every endpoint in src/http/api may use — the store, the served dataset's
// name, limits, and the worker pool that runs slow work off the I/O threads. One per server;
// endpoints hold references to it for the server's lifetime.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "auth/auth.h"
#include "groq/groq.h"
#include "http/message.h"
#include "store/store.h"
#include "util/result.h"

namespace ledgerline::app {
class Shop;
class LiveDashboard;
}  // namespace ledgerline::app

namespace ledgerline::http {

class WorkerPool;

struct ApiContext {
  store::Store* store = nullptr;
  std::string dataset = "production";
  WorkerPool* workers = nullptr;  // runs query evaluation and other CPU-heavy work
  app::Shop* shop = nullptr;      // the shop's actions (src/app); null: no /api/v1 shop routes
  app::LiveDashboard* dashboard = nullptr;  // the dashboard's live aggregates (with a shop)
  std::chrono::milliseconds query_timeout{10000};
  std::size_t stream_queue_bytes = 256 * 1024;  // EventStream bound per listener
  // Identity and access (users, tokens, sessions, login); the door keeper has already resolved
  // request.identity from it before an endpoint runs.
  auth::Auth* auth = nullptr;
  bool secure_cookies = false;  // the public URL is https: session cookies get `Secure`
  // The read rule for a caller (docs/domain.md "Roles and read rules"): a filter every document it
  // reads must match, null for "everything", or an error (401/403). Unset: everyone reads
  // everything. Applied only through read_scope.h.
  std::function<Result<groq::FilterPtr>(const Identity&)> read_rule;
};

}  // namespace ledgerline::http
