// Sink: where the listen hub writes one listener's Server-Sent Events. Implemented by the HTTP
// layer (an open SSE response) and by tests; the realtime layer never sees sockets.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace ledgerline::realtime {

class Sink {
 public:
  virtual ~Sink() = default;
  // Queues already SSE-formatted bytes for writing; never blocks and may be called from any
  // thread. Returns false when the sink is closed or its queue bound is exceeded (the sink then
  // closes itself, and the caller drops the subscription).
  virtual bool write(std::shared_ptr<const std::string> bytes) = 0;
  // Like write, but the writer may stay asleep until flush(): the hub queues a whole fan-out
  // round first, so a listener gets all of that round's events in one send.
  virtual bool write_quiet(std::shared_ptr<const std::string> bytes) {
    return write(std::move(bytes));
  }
  // Wakes the writer for what write_quiet queued. Never blocks.
  virtual void flush() {}
  // Flushes what is queued, then ends the response.
  virtual void close() = 0;
  // Bytes accepted by write() but not yet sent (0 when unknown). The hub pauses log replay
  // while this is high, so a resuming client is fed as fast as it reads, not faster.
  virtual std::size_t queued_bytes() const { return 0; }
};

}  // namespace ledgerline::realtime
