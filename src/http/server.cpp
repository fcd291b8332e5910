// Server: the I/O threads, the accept loop, signals and the graceful stop sequence. Each I/O
// thread runs its own io_context, and a new connection goes to the next one in turn: a
// session's handlers never run on two threads, so they need no strand, and a wake-up posted
// to a session touches only its thread's queue.
#include "http/server.h"

#include <pthread.h>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "app/dashboard.h"
#include "http/api/listen.h"
#include "http/door_keeper.h"
#include "http/routes.h"
#include "http/server_state.h"
#include "http/session.h"
#include "http/static_files.h"
#include "http/worker_pool.h"

namespace ledgerline::http {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::size_t default_threads(std::size_t wanted, std::size_t minimum) {
  if (wanted > 0) return wanted;
  return std::max<std::size_t>(minimum, std::thread::hardware_concurrency());
}

class ServerImpl final : public Server {
 public:
  ServerImpl(store::Store& store, ServerOptions options)
      : options_(std::move(options)),
        workers_(std::make_unique<WorkerPool>(default_threads(options_.worker_threads, 2))),
        ios_(make_contexts(default_threads(options_.io_threads, 1))),
        acceptor_(*ios_.front()),
        signals_(*ios_.front()) {
    for (auto& io : ios_) works_.push_back(asio::make_work_guard(*io));
    context_.store = &store;
    context_.dataset = options_.dataset;
    context_.workers = workers_.get();
    context_.shop = options_.shop;
    context_.dashboard = options_.dashboard;
    if (options_.shop != nullptr && context_.dashboard == nullptr) {
      own_dashboard_ = std::make_unique<app::LiveDashboard>(store);
      context_.dashboard = own_dashboard_.get();
    }
    context_.query_timeout = options_.query_timeout;
    context_.stream_queue_bytes = options_.stream_queue_bytes;
    context_.auth = options_.auth;
    context_.secure_cookies = options_.public_url.rfind("https://", 0) == 0;
    auth::Auth* auth = options_.auth;
    context_.read_rule = [auth](const Identity& identity) {
      return auth->read_rules().for_identity(identity);
    };
    realtime::ListenHub* hub = options_.hub;
    if (hub == nullptr) {
      own_hub_ = std::make_unique<realtime::ListenHub>(store, api::hub_options_for_http());
      hub = own_hub_.get();
    }
    listen_ = api::make_listen_endpoint(context_, *hub);
    revocation_subscription_ =
        auth->revocations().subscribe([listen = listen_.get()](const auth::Revocation& revocation) {
          listen->close_revoked(revocation);
        });
    web_ = options_.web_dir.empty() ? StaticFiles::embedded()
                                    : StaticFiles::from_folder(options_.web_dir);
    Router router;
    if (options_.add_routes) options_.add_routes(router);
    make_routes(router, context_, *listen_, web_.get());
    router.set_door_keeper(make_door_keeper(*auth, origin_of(options_.public_url)));
    state_ = std::make_unique<ServerState>(options_, std::move(router));
  }

  ~ServerImpl() override {
    stop();
    options_.auth->revocations().unsubscribe(revocation_subscription_);
  }

  Status bind() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(options_.host, ec);
    if (ec) return Error::invalid("Invalid --host \"" + options_.host + "\": " + ec.message());
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error::unavailable("Cannot listen on " + options_.host + ":" +
                                    std::to_string(options_.port) + ": " + ec.message(),
                                "listenError");
    }
    host_ = options_.host;
    port_ = acceptor_.local_endpoint().port();
    return Status::success();
  }

  void run() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    if (options_.stop_on_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("received signal {}, stopping", signal);
        request_stop();
      });
    }
    for (std::size_t i = 0; i < ios_.size(); ++i) {
      threads_.emplace_back([this, i] {
        std::string name = "http-io-" + std::to_string(i);
        pthread_setname_np(pthread_self(), name.c_str());
        ios_[i]->run();
      });
    }
  }

  const std::string& host() const override { return host_; }
  std::uint16_t port() const override { return port_; }

  void request_stop() override {
    {
      std::lock_guard lock(stop_mutex_);
      stop_requested_ = true;
    }
    stop_wanted_.notify_all();
  }

  void wait() override {
    {
      std::unique_lock lock(stop_mutex_);
      stop_wanted_.wait(lock, [this] { return stop_requested_; });
    }
    std::lock_guard once(stopping_mutex_);
    if (!stopped_) {
      graceful_stop();
      stopped_ = true;
    }
  }

  void stop() override {
    request_stop();
    wait();
  }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      asio::io_context& io = *ios_[next_io_++ % ios_.size()];
      auto [ec, socket] =
          co_await acceptor_.async_accept(io.get_executor(), asio::as_tuple(asio::use_awaitable));
      if (!acceptor_.is_open() || state_->draining) break;
      if (ec) {  // e.g. out of file descriptors: back off instead of spinning
        spdlog::warn("accept failed: {}", ec.message());
        asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
      boost::system::error_code option_error;
      socket.set_option(tcp::no_delay(true), option_error);
      std::make_shared<Session>(std::move(socket), *state_)->start();
    }
  }

  std::vector<std::shared_ptr<Session>> live_sessions() {
    std::vector<std::shared_ptr<Session>> sessions;
    std::lock_guard lock(state_->sessions_mutex);
    for (auto& [key, weak] : state_->sessions) {
      if (auto session = weak.lock()) sessions.push_back(std::move(session));
    }
    return sessions;
  }

  bool wait_for_sessions(std::chrono::milliseconds timeout) {
    std::unique_lock lock(state_->sessions_mutex);
    return state_->sessions_changed.wait_for(lock, timeout,
                                             [this] { return state_->sessions.empty(); });
  }

  void graceful_stop() {
    state_->draining = true;
    std::promise<void> closed;
    asio::post(acceptor_.get_executor(), [this, &closed] {
      boost::system::error_code ec;
      acceptor_.close(ec);
      signals_.cancel(ec);
      closed.set_value();
    });
    if (!threads_.empty()) closed.get_future().wait();
    listen_->shutdown();
    if (own_hub_) own_hub_->close_all();
    for (auto& session : live_sessions()) session->begin_shutdown();
    if (!wait_for_sessions(options_.shutdown_grace)) {
      spdlog::warn("http: cutting connections still open after the grace period");
      for (auto& session : live_sessions()) session->force_close();
      wait_for_sessions(std::chrono::milliseconds(2000));
    }
    works_.clear();
    for (auto& io : ios_) io->stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
    workers_.reset();  // runs queued work, then joins
  }

  ServerOptions options_;
  ApiContext context_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<realtime::ListenHub> own_hub_;       // when the composition root gave none
  std::unique_ptr<app::LiveDashboard> own_dashboard_;  // likewise
  std::unique_ptr<api::ListenEndpoint> listen_;
  std::uint64_t revocation_subscription_ = 0;
  std::unique_ptr<StaticFiles> web_;
  std::unique_ptr<ServerState> state_;
  static std::vector<std::unique_ptr<asio::io_context>> make_contexts(std::size_t count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (std::size_t i = 0; i < count; ++i)
      contexts.push_back(std::make_unique<asio::io_context>(1));
    return contexts;
  }

  std::vector<std::unique_ptr<asio::io_context>> ios_;  // one per I/O thread
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> works_;
  std::size_t next_io_ = 0;  // the accept loop's round robin
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::vector<std::thread> threads_;
  std::string host_;
  std::uint16_t port_ = 0;

  std::mutex stop_mutex_;
  std::condition_variable stop_wanted_;
  bool stop_requested_ = false;
  std::mutex stopping_mutex_;
  bool stopped_ = false;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::start(store::Store& store, ServerOptions options) {
  if (options.auth == nullptr) return Error::invalid("the server needs auth (ServerOptions::auth)");
  auto server = std::make_unique<ServerImpl>(store, std::move(options));
  Status bound = server->bind();
  if (!bound.ok()) return std::move(bound).error();
  server->run();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace ledgerline::http
