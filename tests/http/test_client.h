// A tiny blocking HTTP/1.1 client and a real server fixture (SQLite store in a temp dir, real
// auth with an admin user and token) for the in-process end-to-end tests. A Connection sends
// the fixture's admin token unless told otherwise (bearer "" sends none).
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
#include <functional>
#include <string>

#include "auth/auth.h"
#include "http/server.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "support/test_storage.h"

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

// The bearer token a new Connection sends by default (set by the newest ServerFixture).
inline std::string& default_bearer() {
  static std::string token;
  return token;
}

// One TCP connection; requests are sent one after another on it (keep-alive).
class Connection {
 public:
  explicit Connection(std::uint16_t port, std::string bearer = default_bearer())
      : socket_(io_), bearer_(std::move(bearer)) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval timeout{10, 0};  // never hang a test
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }

  Reply request(bhttp::verb method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    bhttp::request<bhttp::string_body> message{method, target, 11};
    message.set(bhttp::field::host, "127.0.0.1");
    if (!bearer_.empty()) message.set(bhttp::field::authorization, "Bearer " + bearer_);
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
  std::string bearer_;
  beast::flat_buffer buffer_;
  std::string raw_;
};

// A real store over SQLite in a fresh temp dir, and a server on a free port.
class ServerFixture {
 public:
  // `prepare` runs once the store is open, before the server starts (e.g. to add the shop).
  using Prepare = std::function<void(store::Store&, ServerOptions&)>;
  explicit ServerFixture(ServerOptions options = {}, auth::AuthOptions auth_options = {},
                         store::StoreOptions store_options = {}, const Prepare& prepare = {})
      : auth_options_(std::move(auth_options)) {
    auto storage = test_support::open_test_storage(dir_.path());
    if (!storage.ok()) throw std::runtime_error(storage.error().message);
    auto auth_storage = (*storage)->open_auth_storage();
    if (!auth_storage.ok()) throw std::runtime_error(auth_storage.error().message);
    auto store = store::Store::open(std::move(*storage), std::move(store_options));
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    auth_options_.password_cost = auth::PasswordCost::minimal();  // tests create many users
    auto auth = auth::Auth::open(std::move(*auth_storage), *store_, auth_options_);
    if (!auth.ok()) throw std::runtime_error(auth.error().message);
    auth_ = std::move(*auth);
    auto admin = auth_->users().create("admin@fixture.test", "Fixture Admin", auth::Role::kAdmin,
                                       "admin-password");
    if (!admin.ok()) throw std::runtime_error(admin.error().message);
    admin_id_ = std::string(admin->get("_id").as_string());
    auto token = auth_->tokens().create(admin_id_, "fixture");
    if (!token.ok()) throw std::runtime_error(token.error().message);
    admin_token_ = token->secret;
    default_bearer() = admin_token_;
    options.auth = auth_.get();
    if (prepare) prepare(*store_, options);
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
    auth_.reset();
    if (store_) store_->close();
  }

  std::uint16_t port() const { return port_; }
  Server& server() { return *server_; }
  store::Store& store() { return *store_; }
  auth::Auth& auth() { return *auth_; }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& admin_id() const { return admin_id_; }

 private:
  test_support::TempDir dir_{"ledgerline-http"};
  auth::AuthOptions auth_options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::Auth> auth_;
  std::unique_ptr<Server> server_;
  std::string admin_id_;
  std::string admin_token_;
  std::uint16_t port_ = 0;
};

}  // namespace ledgerline::http::testing
