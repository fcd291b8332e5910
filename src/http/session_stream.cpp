// The Server-Sent Events half of Session: headers, then queued bytes as chunks, keep-alive
// comments while idle, and a watcher that notices when the peer goes away.
//
// Sending: a stream that has something new is put on its I/O thread's StreamDrain list; one
// posted pass over that list writes each stream's queue straight to its socket (one
// non-blocking sendmsg per stream) while the stream's coroutine sleeps. The coroutine does
// the rest: the headers, a send the socket could not take at once (with the write timeout),
// keep-alive comments, the last chunk and the close. So a delivery costs one list push and
// one sendmsg, not a posted wake-up, a coroutine resume and an asynchronous write.
#include <sys/socket.h>
#include <sys/uio.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <climits>
#include <mutex>
#include <vector>

#include "http/session.h"
#include "http/session_io.h"

namespace ledgerline::http {

namespace {
const std::string kKeepAliveChunk = "3\r\n:\n\n\r\n";  // an SSE comment line, chunk-framed
// Streams sent per pass before the drain lets the I/O thread's other work (requests, commit
// answers, the reactor) run: a commit's answer does not wait behind a whole fan-out.
constexpr std::size_t kDrainSlice = 16;
// More pieces than fit in one sendmsg go to the coroutine's asynchronous write.
constexpr std::size_t kMaxDirectPieces = IOV_MAX - 2;

std::size_t bytes_in(const std::vector<std::shared_ptr<const std::string>>& batch) {
  std::size_t total = 0;
  for (const auto& piece : batch) total += piece->size();
  return total;
}

// One per io_context (so per I/O thread): the streams with something to send.
class StreamDrain : public asio::execution_context::service {
 public:
  static inline asio::execution_context::id id;

  explicit StreamDrain(asio::execution_context& context)
      : service(context),
        io_(static_cast<asio::io_context&>(context)) {}  // sessions run on io_contexts only

  // From any thread.
  void ready(std::weak_ptr<Session> session) {
    bool schedule;
    {
      std::lock_guard lock(mutex_);
      ready_.push_back(std::move(session));
      schedule = !scheduled_;
      scheduled_ = true;
    }
    if (schedule) asio::post(io_, [this] { drain(); });
  }

 private:
  void shutdown() override {
    std::lock_guard lock(mutex_);
    ready_.clear();
    working_.clear();
  }

  // On the I/O thread: a slice of the list, then a post of itself for the rest (or for one
  // more look, which ends the pass when nothing arrived meanwhile).
  void drain() {
    if (next_ == working_.size()) {
      working_.clear();
      next_ = 0;
      std::lock_guard lock(mutex_);
      working_.swap(ready_);
      if (working_.empty()) {
        scheduled_ = false;
        return;
      }
    }
    const std::size_t end = std::min(working_.size(), next_ + kDrainSlice);
    for (; next_ < end; ++next_) {
      if (auto session = working_[next_].lock()) session->send_queued();
    }
    asio::post(io_, [this] { drain(); });
  }

  asio::io_context& io_;
  std::mutex mutex_;
  std::vector<std::weak_ptr<Session>> ready_;    // guarded by mutex_
  bool scheduled_ = false;                       // a drain() is posted or running
  std::vector<std::weak_ptr<Session>> working_;  // I/O thread only
  std::size_t next_ = 0;
};

}  // namespace

awaitable<bool> Session::write_stream_header() {
  // Its own coroutine: the serializer's frame is freed before the stream goes idle.
  bhttp::response<bhttp::empty_body> message{bhttp::status::ok, stream_version_};
  message.set(bhttp::field::server, "ledgerline");
  message.set(bhttp::field::content_type, "text/event-stream");
  message.set(bhttp::field::cache_control, "no-cache");
  message.set(bhttp::field::connection, "keep-alive");
  message.set("X-Accel-Buffering", "no");
  for (const Header& header : stream_response_.headers) message.insert(header.name, header.value);
  message.chunked(true);
  stream_response_ = Response();
  bhttp::response_serializer<bhttp::empty_body> serializer{message};
  stream_.expires_after(state_.options.write_timeout);
  auto [ec, n] = co_await bhttp::async_write_header(stream_, serializer, kTuple);
  stream_.expires_never();
  co_return !ec;
}

awaitable<void> Session::serve_stream() {
  std::shared_ptr<EventStream> events = std::move(stream_response_.stream);
  if (!co_await write_stream_header()) {
    events->end();
    co_return;
  }
  // An idle stream keeps only what it must: drop the read buffer and the response headers.
  buffer_.clear();
  buffer_.shrink_to_fit();
  event_stream_ = events;
  phase_ = Phase::kStreaming;
  std::weak_ptr<Session> weak = weak_from_this();
  StreamDrain& drain =
      asio::use_service<StreamDrain>(asio::query(stream_.get_executor(), asio::execution::context));
  events->set_waker([weak, &drain] { drain.ready(weak); });
  watch_peer();
  if (state_.draining) events->close();

  std::vector<std::shared_ptr<const std::string>> batch;
  std::vector<asio::const_buffer> buffers;
  for (;;) {
    if (peer_gone_) break;
    if (!stream_remainder_.empty()) {
      stream_.expires_after(state_.options.write_timeout);
      auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(stream_remainder_), kTuple);
      stream_.expires_never();
      std::string().swap(stream_remainder_);
      if (ec) break;
      continue;
    }
    batch.clear();
    bool open = events->take(batch);
    if (peer_gone_) break;
    if (!batch.empty()) {
      char size_line[24];
      const std::size_t size_length = chunk_size_line(bytes_in(batch), size_line);
      buffers.clear();
      buffers.emplace_back(size_line, size_length);
      for (const auto& piece : batch) buffers.emplace_back(asio::buffer(*piece));
      buffers.emplace_back(asio::buffer(kCrlf));
      stream_.expires_after(state_.options.write_timeout);
      auto [ec, n] = co_await asio::async_write(stream_, buffers, kTuple);
      stream_.expires_never();
      if (ec) break;
      continue;  // look for more before sleeping
    }
    if (!open) {
      stream_.expires_after(state_.options.write_timeout);
      co_await asio::async_write(stream_, asio::buffer(kLastChunk), kTuple);
      stream_.expires_never();
      break;
    }
    // Everything queued is sent: from here until the coroutine wakes, send_queued writes.
    stream_idle_ = true;
    sent_while_idle_ = false;
    wake_.expires_after(state_.options.stream_keepalive);
    auto [wait_error] = co_await wake_.async_wait(kTuple);
    stream_idle_ = false;
    if (!wait_error && !peer_gone_ && !sent_while_idle_ && stream_remainder_.empty()) {
      // Idle for a whole keep-alive interval.
      stream_.expires_after(state_.options.write_timeout);
      auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(kKeepAliveChunk), kTuple);
      stream_.expires_never();
      if (ec) break;
    }
  }
  batch.clear();
  buffers.clear();
  events->set_waker(nullptr);
  events->end();
  event_stream_.reset();
  close_socket();
}

void Session::send_queued() {
  if (!event_stream_) return;
  if (!stream_idle_) {
    // The coroutine takes what is queued itself before it sleeps again. But a stream that
    // ended while the coroutine waits for a reader that stopped reading (its queue bound was
    // hit) is cut now, not at the write timeout.
    if (event_stream_->ended()) {
      beast::error_code ignored;
      stream_.socket().cancel(ignored);
    }
    return;
  }
  thread_local std::vector<std::shared_ptr<const std::string>> batch;
  thread_local std::vector<iovec> pieces;
  batch.clear();
  const bool open = event_stream_->take(batch);
  if (!batch.empty() && !peer_gone_) {
    char size_line[24];
    const std::size_t size_length = chunk_size_line(bytes_in(batch), size_line);
    pieces.clear();
    pieces.push_back({size_line, size_length});
    for (const auto& piece : batch)
      pieces.push_back({const_cast<char*>(piece->data()), piece->size()});
    pieces.push_back({const_cast<char*>(kCrlf.data()), kCrlf.size()});
    std::size_t sent = 0;
    if (batch.size() <= kMaxDirectPieces) {
      msghdr message{};
      message.msg_iov = pieces.data();
      message.msg_iovlen = pieces.size();
      const ssize_t n =
          ::sendmsg(stream_.socket().native_handle(), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        sent = static_cast<std::size_t>(n);
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        peer_gone_ = true;  // reset or broken pipe: the coroutine closes
      }
    }
    // What the socket did not take (rare: a reader that is behind) goes to the coroutine.
    std::size_t skip = sent;
    for (const iovec& piece : pieces) {
      if (skip >= piece.iov_len) {
        skip -= piece.iov_len;
        continue;
      }
      stream_remainder_.append(static_cast<const char*>(piece.iov_base) + skip,
                               piece.iov_len - skip);
      skip = 0;
    }
    sent_while_idle_ = true;
  }
  batch.clear();
  if (!open || peer_gone_ || !stream_remainder_.empty()) {
    stream_idle_ = false;
    wake_.cancel();
  }
}

void Session::watch_peer() {
  // A client never sends anything on an open event stream: readable means it left (EOF or
  // reset). A callback, not a coroutine, so an idle stream holds no extra coroutine frame.
  stream_.socket().async_wait(
      asio::ip::tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
        if (!ec) {
          char sink[256];
          beast::error_code read_error;
          self->stream_.socket().non_blocking(true, read_error);
          std::size_t n = self->stream_.socket().read_some(asio::buffer(sink), read_error);
          bool still_there = (!read_error && n > 0) || read_error == asio::error::would_block;
          if (still_there) {  // stray bytes or a spurious wake-up: keep watching
            self->watch_peer();
            return;
          }
        }
        self->peer_gone_ = true;
        self->wake_.cancel();
      });
}

}  // namespace ledgerline::http
