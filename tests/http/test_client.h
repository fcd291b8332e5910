// A tiny blocking HTTP/1.1 client and a real server fixture (SQLite store in a temp dir) for
// the in-process end-to-end tests.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <string>

#include "http/server.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace ledgerline::http::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct Reply {
  int status = 0;
  std::string body;
  bhttp::fields headers;
  bool keep_alive = false;
};

// One TCP connection; requests are sent one after another on it (keep-alive).
class Connection {
 public:
  explicit Connection(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval timeout{10, 0};  // never hang a test
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }

  Reply request(bhttp::verb method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    bhttp::request<bhttp::string_body> message{method, target, 11};
    message.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) message.set(name, value);
    if (!body.empty() || method == bhttp::verb::post) {
      message.set(bhttp::field::content_type, "application/json");
      message.body() = body;
    }
    message.prepare_payload();
    bhttp::write(socket_, message);
    return read_reply();
  }

  Reply read_reply() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1u << 30);
    bhttp::read(socket_, buffer_, parser);
    auto response = parser.release();
    Reply reply;
    reply.status = static_cast<int>(response.result_int());
    reply.body = std::move(response.body());
    reply.keep_alive = response.keep_alive();
    reply.headers = std::move(response.base());
    return reply;
  }

  void send_raw(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // Reads until `needle` appears in what was received (or the peer closes); returns it all.
  std::string read_until(const std::string& needle) {
    beast::error_code ec;
    asio::read_until(socket_, asio::dynamic_buffer(raw_), needle, ec);
    return raw_;
  }

  std::uint16_t local_port() const { return socket_.local_endpoint().port(); }

  // True when the server closed the connection (a read ends with EOF or a reset).
  bool closed_by_peer() {
    char byte;
    beast::error_code ec;
    std::size_t n = socket_.read_some(asio::buffer(&byte, 1), ec);
    return n == 0 && (ec == asio::error::eof || ec == asio::error::connection_reset);
  }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::string raw_;
};

// A real store over SQLite in a fresh temp dir, and a server on a free port.
class ServerFixture {
 public:
  explicit ServerFixture(ServerOptions options = {}) {
    auto storage = storage::open_sqlite(dir_.path());
    if (!storage.ok()) throw std::runtime_error(storage.error().message);
    auto store = store::Store::open(std::move(*storage));
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    options.port = 0;
    if (options.io_threads == 0) options.io_threads = 2;
    if (options.worker_threads == 0) options.worker_threads = 2;
    auto server = Server::start(*store_, options);
    if (!server.ok()) throw std::runtime_error(server.error().message);
    server_ = std::move(*server);
    port_ = server_->port();
  }
  ~ServerFixture() { stop(); }

  void stop() {
    if (server_) server_->stop();
    server_.reset();
    if (store_) store_->close();
  }

  std::uint16_t port() const { return port_; }
  Server& server() { return *server_; }
  store::Store& store() { return *store_; }

 private:
  test_support::TempDir dir_{"ledgerline-http"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

}  // namespace ledgerline::http::testing
