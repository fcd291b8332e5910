// ApiContext: what every endpoint in src/http/api may use — the store, the served dataset's
// name, limits, and the worker pool that runs slow work off the I/O threads. One per server;
// endpoints hold references to it for the server's lifetime.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "store/store.h"

namespace ledgerline::http {

class WorkerPool;

struct ApiContext {
  store::Store* store = nullptr;
  std::string dataset = "production";
  WorkerPool* workers = nullptr;  // runs query evaluation and other CPU-heavy work
  std::chrono::milliseconds query_timeout{10000};
  std::size_t stream_queue_bytes = 256 * 1024;  // EventStream bound per listener
};

}  // namespace ledgerline::http
