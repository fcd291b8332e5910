// TEMPORARY: answers 501 until the realtime engineer's listen.cpp lands (then delete this file).
#include "http/api/listen.h"

namespace ledgerline::http::api {

namespace {
class PendingListenEndpoint final : public ListenEndpoint {
 public:
  void handle(const Request&, Respond respond) override {
    respond(Response::json(
        501,
        R"({"error":{"description":"listen is not implemented yet","type":"notImplemented"}})"));
  }
  void shutdown() override {}
};
}  // namespace

std::unique_ptr<ListenEndpoint> make_listen_endpoint(const ApiContext&) {
  return std::make_unique<PendingListenEndpoint>();
}

}  // namespace ledgerline::http::api
