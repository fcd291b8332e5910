// The listen endpoint (`GET /v*/data/listen/{dataset}`, Server-Sent Events): implemented by the
// realtime layer's owner in listen.cpp on top of EventStream (src/http/stream.h). The router
// has already checked the dataset; the handler answers with Response::stream set (or an error
// Response). Request params: query, $name=<JSON>, includeResult, includePreviousRevision,
// includeMutations, visibility, enableResume, header last-event-id.
#pragma once

#include <memory>

#include "auth/revocations.h"
#include "http/api/context.h"
#include "http/message.h"
#include "realtime/hub.h"

namespace ledgerline::http::api {

class ListenEndpoint {
 public:
  virtual ~ListenEndpoint() = default;
  // Handles one listen request; calls `respond` exactly once (from any thread).
  virtual void handle(const Request& request, Respond respond) = 0;
  // The server is stopping: end every open stream (EventStream::close) and stop accepting.
  virtual void shutdown() = 0;
  // Ends, at once, every open stream of an identity the revocation covers (a revoked token, a
  // logout, a disabled user). Thread-safe.
  virtual void close_revoked(const auth::Revocation& revocation) = 0;
  virtual std::size_t open_streams() const = 0;
};

// The hub options the HTTP streams need (the session, not the hub, writes keep-alives).
realtime::HubOptions hub_options_for_http(realtime::HubOptions options = {});

// Created once per server, after the store is open; destroyed after every session ended.
// `hub` (built by the composition root) must outlive the endpoint.
std::unique_ptr<ListenEndpoint> make_listen_endpoint(const ApiContext& context,
                                                     realtime::ListenHub& hub);

}  // namespace ledgerline::http::api
