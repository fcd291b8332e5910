#include "http/api/health.h"

#include <fmt/format.h>

namespace ledgerline::http::api {

void handle_health(const ApiContext& context, Request request, Respond respond) {
  store::StorageHealth health;
  if (context.store != nullptr) health = context.store->health();
  std::string body =
      health.reachable ? R"({"status":"ok")" : R"({"status":"degraded","writes":"unavailable")";
  if (request.flag("detail")) {
    if (health.reachable) body += R"(,"writes":"ok")";
    body += fmt::format(R"(,"logPosition":{},"storage":"{}")", health.position,
                        health.shared ? "shared" : "embedded");
  }
  respond(Response::json(200, body + "}"));
}

}  // namespace ledgerline::http::api
