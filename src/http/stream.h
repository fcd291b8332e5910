// EventStream: the streaming hook for Server-Sent Events (the listen endpoint). A handler
// answers with a Response whose `stream` is set; the session then sends
//   200, Content-Type: text/event-stream, Cache-Control: no-cache, Connection: keep-alive,
//   X-Accel-Buffering: no, Transfer-Encoding: chunked
// and writes whatever is queued, in order, one flush per batch, with no buffering in the way.
// While the queue stays empty the session writes an SSE comment line (":\n\n") every
// keep-alive interval (ServerOptions::stream_keepalive) so proxies and clients see a live
// connection. Bytes may be queued before the response is returned (e.g. `retry:` and
// `welcome`); they are sent right after the headers.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "realtime/sink.h"

namespace ledgerline::http {

class EventStream : public realtime::Sink {
 public:
  // `max_queued_bytes`: bound on bytes written but not yet sent; exceeding it closes the
  // stream (a consumer that falls too far behind is dropped).
  explicit EventStream(std::size_t max_queued_bytes);
  ~EventStream() override;

  // Queues SSE-formatted bytes. Thread-safe, never blocks. False when the stream has ended or
  // is closing, or when the bound would be exceeded (the stream then ends, dropping what was
  // queued).
  bool write(std::shared_ptr<const std::string> bytes) override;
  // Queues like write, leaving the session asleep until flush() (or its next look).
  bool write_quiet(std::shared_ptr<const std::string> bytes) override;
  void flush() override;
  // Sends what is queued, then ends the response. Thread-safe, idempotent.
  void close() override;

  // Registers `callback` to run once when the stream has ended for any reason: the peer
  // disconnected, a write failed or timed out, the bound was exceeded, the server is shutting
  // down, or close() finished. Runs on an arbitrary thread without internal locks held; runs
  // immediately if the stream already ended.
  void on_disconnect(std::function<void()> callback);

  bool ended() const;
  std::size_t queued_bytes() const override;

  // --- Used by the session that serves the stream (not by endpoints). ---
  // `waker` is called (from any thread, without locks held) whenever there is new work: bytes
  // queued into an empty queue (the session takes all there is before it sleeps), close
  // requested or the stream ended.
  void set_waker(std::function<void()> waker);
  // Moves every queued piece into `out`; returns false when the caller should finish: close()
  // was requested (and everything is now taken) or the stream ended.
  bool take(std::vector<std::shared_ptr<const std::string>>& out);
  // Marks the stream ended and runs the disconnect callbacks (once).
  void end();

 private:
  bool queue(std::shared_ptr<const std::string> bytes, bool wake_now);
  void wake();

  const std::size_t max_queued_bytes_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<const std::string>> queue_;  // vector: nothing allocated when idle
  std::size_t queued_bytes_ = 0;
  bool closing_ = false;
  bool ended_ = false;
  bool wake_owed_ = false;  // write_quiet filled an empty queue; flush() wakes the session
  std::function<void()> waker_;
  std::vector<std::function<void()>> disconnect_callbacks_;
};

}  // namespace ledgerline::http
