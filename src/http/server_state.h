// Internal to src/http: what the listener and every session share — options, the route table,
// CORS, the draining flag and the registry of live sessions used for graceful shutdown.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/api/context.h"
#include "http/cors.h"
#include "http/router.h"
#include "http/server.h"

namespace ledgerline::http {

class Session;

struct ServerState {
  ServerState(ServerOptions opts, Router routes)
      : options(std::move(opts)), router(std::move(routes)), cors(options.cors_origins) {}

  const ServerOptions options;
  const Router router;
  const Cors cors;
  std::atomic<bool> draining{false};  // finish current requests, then close connections

  // Live sessions (registered by Session::start, removed when a session ends).
  std::mutex sessions_mutex;
  std::condition_variable sessions_changed;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
};

}  // namespace ledgerline::http
