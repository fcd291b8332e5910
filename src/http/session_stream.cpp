// The Server-Sent Events half of Session: headers, then queued bytes as chunks, keep-alive
// comments while idle, and a watcher that notices when the peer goes away.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
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

awaitable<void> Session::serve_stream() {
  std::shared_ptr<EventStream> events = std::move(stream_response_.stream);
  stream_response_.stream.reset();
  {
    bhttp::response<bhttp::empty_body> message{bhttp::status::ok, stream_version_};
    message.set(bhttp::field::server, "ledgerline");
    message.set(bhttp::field::content_type, "text/event-stream");
    message.set(bhttp::field::cache_control, "no-cache");
    message.set(bhttp::field::connection, "keep-alive");
    message.set("X-Accel-Buffering", "no");
    for (const Header& header : stream_response_.headers) {
      message.insert(header.name, header.value);
    }
    message.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{message};
    stream_.expires_after(state_.options.write_timeout);
    auto [ec, n] = co_await bhttp::async_write_header(stream_, serializer, kTuple);
    stream_.expires_never();
    stream_response_ = Response();
    if (ec) {
      events->end();
      co_return;
    }
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
  asio::co_spawn(
      executor, [self = shared_from_this()] { return self->watch_peer(); }, asio::detached);
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

awaitable<void> Session::watch_peer() {
  // A client never sends anything on an open event stream; a read that ends means it left.
  std::array<char, 16> sink;
  for (;;) {
    auto [ec, n] = co_await stream_.socket().async_read_some(asio::buffer(sink), kTuple);
    if (ec) break;
  }
  peer_gone_ = true;
  wake_.cancel();
}

}  // namespace ledgerline::http
