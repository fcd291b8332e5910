// The Server-Sent Events half of Session: headers, then queued bytes as chunks, keep-alive
// comments while idle, and a watcher that notices when the peer goes away.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <vector>

#include "http/session.h"

namespace ledgerline::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;

namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
const std::string kCrlf = "\r\n";
const std::string kLastChunk = "0\r\n\r\n";
const std::string kKeepAliveChunk = "3\r\n:\n\n\r\n";  // an SSE comment line, chunk-framed
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
  auto executor = stream_.get_executor();
  events->set_waker([weak, executor] {
    asio::post(executor, [weak] {
      if (auto self = weak.lock()) self->wake_.cancel();
    });
  });
  watch_peer();
  if (state_.draining) events->close();

  std::vector<std::shared_ptr<const std::string>> batch;
  std::vector<asio::const_buffer> buffers;
  for (;;) {
    batch.clear();
    bool open = events->take(batch);
    if (peer_gone_) break;
    if (!batch.empty()) {
      std::size_t total = 0;
      for (const auto& piece : batch) total += piece->size();
      char size_line[24];
      int size_length = std::snprintf(size_line, sizeof size_line, "%zx\r\n", total);
      buffers.clear();
      buffers.emplace_back(size_line, static_cast<std::size_t>(size_length));
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
    wake_.expires_after(state_.options.stream_keepalive);
    auto [wait_error] = co_await wake_.async_wait(kTuple);
    if (!wait_error && !peer_gone_) {  // idle for a whole keep-alive interval
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
