#include "http/session.h"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

#include "http/errors.h"
#include "http/session_io.h"
#include "http/url.h"

namespace ledgerline::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Converts Beast's request into the endpoints' plain Request; an error for a bad target.
Result<Request> to_request(bhttp::request<bhttp::string_body>&& message,
                           const std::string& remote_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  auto [path, query] = split_target(request.target);
  request.path = std::string(path);
  auto pairs = parse_query_string(query);
  if (!pairs) return Error::invalid("Malformed percent-encoding in the query string", "badRequest");
  request.query = std::move(*pairs);
  for (const auto& field : message) {
    request.headers.push_back({lower(field.name_string()), std::string(field.value())});
  }
  request.body = std::move(message.body());
  request.remote_address = remote_address;
  return request;
}

template <class Body>
void set_headers(bhttp::response<Body>& message, const Response& response) {
  message.set(bhttp::field::server, "ledgerline");
  if (!response.content_type.empty())
    message.set(bhttp::field::content_type, response.content_type);
  for (const Header& header : response.headers) message.insert(header.name, header.value);
}

Error payload_too_large(std::size_t limit) {
  return Error::payload_too_large("Request body exceeds the limit of " + std::to_string(limit) +
                                  " bytes");
}

// What a client whose request head could not be read is told, or nothing when the connection
// just ended (timeout, closed, reset) and there is nobody to answer.
std::optional<Error> rejection_for(beast::error_code error, std::size_t max_body_bytes) {
  if (error == bhttp::error::header_limit) {
    return Error::headers_too_large("Request headers are too large");
  }
  if (error == bhttp::error::body_limit) return payload_too_large(max_body_bytes);
  bool protocol_error =
      error.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
      error != bhttp::error::end_of_stream && error != bhttp::error::partial_message;
  if (protocol_error) {
    return Error::invalid("Malformed HTTP request: " + error.message(), "badRequest");
  }
  return std::nullopt;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, ServerState& state)
    : state_(state), stream_(std::move(socket)), wake_(stream_.get_executor()) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
}

Session::~Session() {
  if (event_stream_) event_stream_->end();
}

void Session::start() {
  {
    std::lock_guard lock(state_.sessions_mutex);
    state_.sessions[this] = weak_from_this();
  }
  asio::co_spawn(
      stream_.get_executor(), [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void Session::begin_shutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    switch (self->phase_) {
      case Phase::kIdle:
        self->close_socket();
        break;
      case Phase::kStreaming:
        if (self->event_stream_) self->event_stream_->close();
        break;
      case Phase::kBusy:
        break;  // closes after its response (state_.draining)
    }
  });
}

void Session::force_close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->peer_gone_ = true;
    self->close_socket();
    self->wake_.cancel();
  });
}

void Session::close_socket() {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
}

awaitable<void> Session::run() {
  auto self = shared_from_this();
  try {
    for (;;) {
      Next next = co_await serve_request();
      if (next == Next::kStream) co_await serve_stream();
      if (next != Next::kContinue || state_.draining) break;
    }
    co_await linger_close();
  } catch (const std::exception& e) {
    spdlog::warn("http session failed: {}", e.what());
  }
  close_socket();
  {
    std::lock_guard lock(state_.sessions_mutex);
    state_.sessions.erase(this);
  }
  state_.sessions_changed.notify_all();
}

awaitable<void> Session::linger_close() {
  // Half-close, then read and discard what the client is still sending (e.g. the rest of a
  // body that got a 413) so the kernel does not answer it with a reset: clients that write
  // their whole body before reading (Node's http) would see EPIPE instead of our response.
  // Bounded in bytes and time.
  constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  stream_.expires_after(
      std::min<std::chrono::milliseconds>(state_.options.read_timeout, std::chrono::seconds(10)));
  std::array<char, 16 * 1024> discard;
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    auto [read_error, n] = co_await stream_.async_read_some(asio::buffer(discard), kTuple);
    if (read_error) break;
    drained += n;
  }
}

awaitable<Session::Next> Session::serve_request() {
  phase_ = Phase::kIdle;
  if (state_.draining) co_return Next::kClose;
  RequestHead head;
  std::optional<Request> request = co_await read_request(head);
  if (!request) co_return Next::kClose;
  Response response = co_await answer(std::move(*request));
  co_return co_await send(std::move(response), head);
}

awaitable<std::optional<Request>> Session::read_request(RequestHead& head) {
  const ServerOptions& options = state_.options;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);

  stream_.expires_after(buffer_.size() > 0 ? options.read_timeout : options.idle_timeout);
  auto [header_error, header_bytes] =
      co_await bhttp::async_read_header(stream_, buffer_, parser, kTuple);
  phase_ = Phase::kBusy;
  (void)header_bytes;
  if (header_error) {
    if (std::optional<Error> rejection = rejection_for(header_error, options.max_body_bytes)) {
      co_await reject(*rejection, head.version);
    }
    co_return std::nullopt;
  }
  head.version = parser.get().version();
  auto content_length = parser.content_length();
  if (content_length && *content_length > options.max_body_bytes) {
    co_await reject(payload_too_large(options.max_body_bytes), head.version);
    co_return std::nullopt;
  }
  if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
    if (!co_await send_continue(head.version)) co_return std::nullopt;
  }
  if (!parser.is_done()) {
    stream_.expires_after(options.read_timeout);
    auto [body_error, body_bytes] = co_await bhttp::async_read(stream_, buffer_, parser, kTuple);
    if (body_error) {
      if (body_error == bhttp::error::body_limit) {
        co_await reject(payload_too_large(options.max_body_bytes), head.version);
      }
      co_return std::nullopt;
    }
  }
  stream_.expires_never();

  bhttp::request<bhttp::string_body> message = parser.release();
  head.keep_alive = message.keep_alive();
  Result<Request> converted = to_request(std::move(message), remote_address_);
  if (!converted.ok()) {
    co_await reject(converted.error(), head.version);
    co_return std::nullopt;
  }
  co_return std::move(*converted);
}

awaitable<bool> Session::send_continue(unsigned version) {
  bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
  stream_.expires_after(state_.options.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream_, go_on, kTuple);
  co_return !ec;
}

awaitable<void> Session::reject(const Error& error, unsigned version) {
  Response response = error_response(error);
  co_await write_response(response, version, false);
}

awaitable<Response> Session::answer(Request request) {
  if (auto preflight = state_.cors.preflight(request)) co_return std::move(*preflight);
  Request cors_request;  // what CORS needs once the request has moved into its handler
  cors_request.method = request.method;
  if (const std::string* origin = request.header("origin")) {
    cors_request.headers.push_back({"origin", *origin});
  }
  Response response = co_await call_handler(std::move(request));
  state_.cors.decorate(cors_request, response);
  co_return response;
}

awaitable<Session::Next> Session::send(Response response, const RequestHead& head) {
  if (response.stream) {
    stream_response_ = std::move(response);
    stream_version_ = head.version;
    co_return Next::kStream;
  }
  bool keep_alive = head.keep_alive && !state_.draining;
  bool written = response.chunks ? co_await write_chunked(response, head.version, keep_alive)
                                 : co_await write_response(response, head.version, keep_alive);
  co_return written&& keep_alive ? Next::kContinue : Next::kClose;
}

awaitable<Response> Session::call_handler(Request request) {
  auto initiate = [this, &request](auto handler) {
    using HandlerType = decltype(handler);
    struct Pending {
      explicit Pending(HandlerType h) : handler(std::move(h)) {}
      HandlerType handler;
      std::atomic<bool> answered{false};
    };
    auto pending = std::make_shared<Pending>(std::move(handler));
    auto executor = stream_.get_executor();
    Respond respond = [pending, executor](Response response) {
      if (pending->answered.exchange(true)) {
        spdlog::error("http: a handler answered one request twice; the second answer is dropped");
        return;
      }
      asio::post(executor, [pending, response = std::move(response)]() mutable {
        std::move(pending->handler)(std::move(response));
      });
    };
    try {
      state_.router.dispatch(std::move(request), respond);
    } catch (const std::exception& e) {
      spdlog::error("http: handler threw: {}", e.what());
      respond(error_response(Error::internal("Internal error")));
    }
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      initiate, asio::use_awaitable);
}

awaitable<bool> Session::write_response(Response& response, unsigned version, bool keep_alive) {
  if (response.omit_body) co_return co_await write_head_only(response, version, keep_alive);
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  set_headers(message, response);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  stream_.expires_after(state_.options.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream_, message, kTuple);
  stream_.expires_never();
  co_return !ec;
}

awaitable<bool> Session::write_head_only(const Response& response, unsigned version,
                                         bool keep_alive) {
  bhttp::response<bhttp::empty_body> message{static_cast<bhttp::status>(response.status), version};
  set_headers(message, response);
  message.content_length(response.body.size());
  message.keep_alive(keep_alive);
  stream_.expires_after(state_.options.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream_, message, kTuple);
  stream_.expires_never();
  co_return !ec;
}

awaitable<bool> Session::write_chunked(Response& response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::empty_body> message{static_cast<bhttp::status>(response.status), version};
  set_headers(message, response);
  message.keep_alive(keep_alive);
  message.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer{message};
  stream_.expires_after(state_.options.write_timeout);
  auto [header_error, header_bytes] =
      co_await bhttp::async_write_header(stream_, serializer, kTuple);
  if (header_error) co_return false;
  std::string piece;
  bool more = true;
  while (more) {
    piece.clear();
    more = response.chunks->next(piece);
    if (piece.empty()) continue;
    char size_line[24];
    const std::size_t size_length = chunk_size_line(piece.size(), size_line);
    std::array<asio::const_buffer, 3> buffers{asio::buffer(size_line, size_length),
                                              asio::buffer(piece), asio::buffer(kCrlf)};
    stream_.expires_after(state_.options.write_timeout);
    auto [ec, n] = co_await asio::async_write(stream_, buffers, kTuple);
    if (ec) co_return false;
  }
  stream_.expires_after(state_.options.write_timeout);
  auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(kLastChunk), kTuple);
  stream_.expires_never();
  co_return !ec;
}

}  // namespace ledgerline::http
