// The listen endpoint (`GET /v*/data/listen/{dataset}`, Server-Sent Events): implemented by the
// realtime layer's owner in listen.cpp on top of EventStream (src/http/stream.h). The router
// has already checked the dataset; the handler answers with Response::stream set (or an error
// Response). Request params: query, $name=<JSON>, includeResult, includePreviousRevision,
// includeMutations, visibility, enableResume, header last-event-id.
#pragma once

#include <memory>

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

class ListenEndpoint {
 public:
  virtual ~ListenEndpoint() = default;
  // Handles one listen request; calls `respond` exactly once (from any thread).
  virtual void handle(const Request& request, Respond respond) = 0;
  // The server is stopping: end every open stream (EventStream::close) and stop accepting.
  virtual void shutdown() = 0;
};

// Created once per server, after the store is open; destroyed after every session ended.
std::unique_ptr<ListenEndpoint> make_listen_endpoint(const ApiContext& context);

}  // namespace ledgerline::http::api
