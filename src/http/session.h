// Internal to src/http: one HTTP/1.1 connection (in the spirit of Beast's advanced_server):
// reads requests with header/body limits and timeouts, dispatches them through the router,
// writes responses (plain, chunked, or a Server-Sent Events stream) and honours keep-alive.
// Its lifetime is owned by the shared_ptrs its coroutines hold.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>
#include <optional>

#include "http/message.h"
#include "http/server_state.h"

namespace ledgerline::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, ServerState& state);
  ~Session();

  // Registers the session and starts serving on its socket's executor (one I/O thread).
  void start();
  // Graceful shutdown, from any thread: idle connections close, streams end, busy ones close
  // after their response.
  void begin_shutdown();
  // Cuts the connection now (after the grace period), from any thread.
  void force_close();
  // On the session's I/O thread, from its StreamDrain pass: sends what the event stream has
  // queued straight to the socket while the stream coroutine sleeps; leaves the rest (a full
  // socket, a closing stream, a gone peer) to the coroutine.
  void send_queued();

 private:
  enum class Phase { kIdle, kBusy, kStreaming };
  enum class Next { kContinue, kClose, kStream };
  struct RequestHead {
    unsigned version = 11;  // the HTTP version to answer in
    bool keep_alive = false;
  };

  boost::asio::awaitable<void> run();
  // One request, read -> answer -> send; what to do with the connection next.
  boost::asio::awaitable<Next> serve_request();
  // Reads one request's head and body within the limits and timeouts. Nothing when the
  // connection must close: the peer left, a timeout, or a rejection (431, 413, 400) answered.
  boost::asio::awaitable<std::optional<Request>> read_request(RequestHead& head);
  boost::asio::awaitable<bool> send_continue(unsigned version);  // "Expect: 100-continue"
  boost::asio::awaitable<void> reject(const Error& error, unsigned version);
  // The CORS preflight's answer, or the handler's with CORS headers.
  boost::asio::awaitable<Response> answer(Request request);
  boost::asio::awaitable<Next> send(Response response, const RequestHead& head);
  boost::asio::awaitable<Response> call_handler(Request request);
  boost::asio::awaitable<bool> write_response(Response& response, unsigned version,
                                              bool keep_alive);
  // HEAD: the headers of `response` with its body's Content-Length, and no body.
  boost::asio::awaitable<bool> write_head_only(const Response& response, unsigned version,
                                               bool keep_alive);
  boost::asio::awaitable<bool> write_chunked(Response& response, unsigned version, bool keep_alive);
  boost::asio::awaitable<void> serve_stream();
  boost::asio::awaitable<bool> write_stream_header();
  void watch_peer();
  boost::asio::awaitable<void> linger_close();
  void close_socket();

  ServerState& state_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer wake_;  // wakes the stream writer (new bytes, close, peer gone)
  Phase phase_ = Phase::kIdle;
  bool peer_gone_ = false;
  bool stream_idle_ = false;      // the stream coroutine sleeps on wake_: send_queued may write
  bool sent_while_idle_ = false;  // send_queued wrote during this sleep: no keep-alive owed
  std::string stream_remainder_;  // what a direct send left unsent; the coroutine writes it
  std::shared_ptr<EventStream> event_stream_;  // while streaming
  Response stream_response_;                   // headers of the stream being started
  unsigned stream_version_ = 11;
  std::string remote_address_;
};

}  // namespace ledgerline::http
