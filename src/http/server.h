// Server: the HTTP/1.1 front door (Boost.Beast + Asio coroutines, all of it inside src/http).
// A small pool of I/O threads serves keep-alive sessions; routes go to src/http/api endpoints;
// slow work runs on a separate worker pool. Stopping is graceful: stop accepting, close idle
// connections and event streams, let in-flight requests (and their commits) finish.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "groq/groq.h"
#include "http/message.h"
#include "http/router.h"
#include "realtime/hub.h"
#include "store/store.h"
#include "util/result.h"

namespace ledgerline::app {
class Shop;
class LiveDashboard;
}  // namespace ledgerline::app

namespace ledgerline::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (see Server::port)
  std::string dataset = "production";
  std::size_t io_threads = 0;                      // 0: one per core
  std::size_t worker_threads = 0;                  // query evaluation; 0: one per core (at least 2)
  std::size_t max_body_bytes = 4 * 1024 * 1024;    // larger bodies get 413
  std::size_t max_header_bytes = 64 * 1024;        // request line + headers; larger get 431
  std::chrono::milliseconds read_timeout{30000};   // to receive a whole request once started
  std::chrono::milliseconds idle_timeout{60000};   // keep-alive connection without a request
  std::chrono::milliseconds write_timeout{30000};  // to send one response or stream batch
  std::chrono::milliseconds query_timeout{10000};  // GROQ evaluation deadline
  std::chrono::milliseconds stream_keepalive{15000};  // SSE comment when a stream is idle
  std::size_t stream_queue_bytes = 256 * 1024;        // per event stream (EventStream bound)
  std::chrono::milliseconds shutdown_grace{10000};    // then remaining connections are cut
  std::vector<std::string> cors_origins;              // "*" allows any origin
  std::string web_dir;  // the web app from this folder; "" = the copy embedded in the binary
  bool stop_on_signals = false;  // SIGINT/SIGTERM call request_stop()
  // The shop (src/app) behind /api/v1/{products,stock-adjustments,bills,stats,exports}; must
  // outlive the server. Null: those routes are not served.
  app::Shop* shop = nullptr;
  // The dashboard's live aggregates (GET /api/v1/stats/dashboard; must outlive the server).
  // Null with a shop: the server builds its own (tests).
  app::LiveDashboard* dashboard = nullptr;
  // Identity and access: required; the door keeper resolves every request through it and the
  // read rules come from its table. Must outlive the server.
  auth::Auth* auth = nullptr;
  // The listen hub (built by the composition root, must outlive the server); null: the server
  // builds one of its own (tests).
  realtime::ListenHub* hub = nullptr;
  // The URL people reach the server at (e.g. "https://shop.example.com"): https makes session
  // cookies `Secure`, and its origin is the one CSRF checks accept. "": the Host header's.
  std::string public_url;
  // Adds routes beyond the data API (matched before the built-in ones), e.g. app endpoints;
  // each declares its Access (see routes.h).
  std::function<void(Router&)> add_routes;
};

class Server {
 public:
  // Binds host:port and starts serving. `store` must outlive the server.
  static Result<std::unique_ptr<Server>> start(store::Store& store, ServerOptions options);
  virtual ~Server() = default;  // stops (as stop()) if still running

  // The bound address (the real port when options.port was 0).
  virtual const std::string& host() const = 0;
  virtual std::uint16_t port() const = 0;

  // Asks the server to stop; returns at once (thread-safe, also safe from handlers).
  virtual void request_stop() = 0;
  // Blocks until request_stop() (or a signal), then stops gracefully and returns.
  virtual void wait() = 0;
  // request_stop() + wait(). Never call from an I/O thread.
  virtual void stop() = 0;
};

}  // namespace ledgerline::http
