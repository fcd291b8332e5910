// `ledgerline serve`: the composition root. It builds, in order and explicitly, storage (SQLite
// in --data or PostgreSQL at --postgres, with its auth part; cli/open_data.h) -> store -> auth ->
// listen hub -> http, optionally seeds demo
// data and logins, and serves until SIGINT/SIGTERM (graceful: in-flight requests and commits
// finish, then the store closes). Prints one line `listening on http://HOST:PORT` on stdout.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/dashboard.h"
#include "app/seed.h"
#include "app/shop.h"
#include "auth/auth.h"
#include "cli/commands.h"
#include "cli/open_data.h"
#include "http/api/listen.h"
#include "http/server.h"
#include "realtime/hub.h"
#include "store/store.h"
#include "util/log.h"
#include "util/time.h"

namespace ledgerline::cli {

namespace {

struct ServeArguments {
  DataSource source;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string dataset = "production";
  bool seed_demo = false;
  std::string web;
  std::string log_level = "info";
  bool allow_remote = false;  // accepted for old scripts; remote hosts need auth, which is on
  std::string public_url;
  int session_idle_minutes = 12 * 60;
  int session_max_hours = 7 * 24;
  std::vector<std::string> cors_origins;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  int query_timeout_ms = 10000;
  std::size_t io_threads = 0;
};

// Creates a seeded user through auth: credentials (argon2id) and the user document with the
// seed's id, which the demo bills reference.
app::UserMaker demo_user_maker(auth::Auth& auth) {
  return [&auth](const app::SeedUser& user) -> Status {
    auth::Role role = user.role == "admin" ? auth::Role::kAdmin : auth::Role::kCustomer;
    Result<Value> created =
        auth.users().create(user.email, user.name, role, user.password, "", user.id);
    if (!created.ok()) return std::move(created).error();
    return Status::success();
  };
}

// True when the folder holds documents other than user accounts (accounts made with `user
// create` before the first start, as the test harnesses do, do not count as shop data).
bool has_shop_data(const store::Snapshot& snapshot) {
  bool found = false;
  snapshot.for_each([&](const Value& document) {
    found = document.get("_type").as_string() != "user";
    return !found;
  });
  return found;
}

// Makes the demo shop through the shop's actions (only into an empty store) and prints the
// logins it made.
Status seed_demo(store::Store& store, app::Shop& shop, const app::UserMaker& make_user) {
  if (has_shop_data(*store.snapshot())) {
    std::cerr << "ledgerline serve: --seed-demo skipped: the store already has shop data\n";
    return Status::success();
  }
  auto summary = app::seed_demo_shop(shop, make_user, now_micros());
  if (!summary.ok()) return std::move(summary).error();
  std::cerr << "ledgerline serve: seeded the demo shop (" << summary->products << " products, "
            << summary->actions << " actions, " << store.snapshot()->size()
            << " documents); logins:\n";
  for (const app::SeedUser& user : summary->users) {
    std::cerr << "  " << user.role << "  " << user.email << " / " << user.password << "\n";
  }
  return Status::success();
}

int serve(const ServeArguments& args) {
  auto fail = [](int code, const std::string& message) {
    std::cerr << "ledgerline serve: " << message << "\n";
    return code;
  };
  if (!set_log_level(args.log_level)) {
    return fail(
        2, "unknown --log-level \"" + args.log_level + "\" (trace, debug, info, warn, error, off)");
  }
  if (args.port < 0 || args.port > 65535) return fail(2, "--port must be between 0 and 65535");
  if (!args.public_url.empty() && args.public_url.rfind("http://", 0) != 0 &&
      args.public_url.rfind("https://", 0) != 0) {
    return fail(2, "--public-url must start with http:// or https://");
  }
  if (!args.web.empty() && !std::filesystem::is_directory(args.web)) {
    return fail(2, "--web \"" + args.web + "\" is not a directory");
  }

  // storage -> store -> auth -> hub -> http, each handed what it uses.
  auth::AuthOptions auth_options;
  auth_options.session_idle = std::chrono::minutes(args.session_idle_minutes);
  auth_options.session_absolute = std::chrono::hours(args.session_max_hours);
  auto opened = open_data(args.source, auth_options, shop_store_options());
  if (!opened.ok()) return fail(1, opened.error().message);
  std::unique_ptr<OpenedData> data = std::move(*opened);
  store::Store* store = data->store.get();
  auth::Auth* auth = data->auth.get();
  auth->login().prepare();
  auto hub = std::make_unique<realtime::ListenHub>(*store, http::api::hub_options_for_http());

  app::Shop shop(*store);
  if (args.seed_demo) {
    Status seeded = seed_demo(*store, shop, demo_user_maker(*auth));
    if (!seeded) return fail(1, "seeding failed: " + seeded.error().message);
  }

  // Built after the demo seed so it starts from the seeded snapshot (it would follow it anyway).
  app::LiveDashboard dashboard(*store);

  http::ServerOptions options;
  options.host = args.host == "localhost" ? "127.0.0.1" : args.host;
  options.port = static_cast<std::uint16_t>(args.port);
  options.dataset = args.dataset;
  options.web_dir = args.web;
  options.cors_origins = args.cors_origins;
  options.max_body_bytes = args.max_body_bytes;
  options.query_timeout = std::chrono::milliseconds(args.query_timeout_ms);
  options.io_threads = args.io_threads;
  options.stop_on_signals = true;
  options.shop = &shop;
  options.dashboard = &dashboard;
  options.auth = auth;
  options.hub = hub.get();
  options.public_url = args.public_url;
  auto server = http::Server::start(*store, options);
  if (!server.ok()) {
    hub.reset();
    return fail(1, server.error().message);
  }
  std::string shown_host = (*server)->host();
  if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
  std::cout << "listening on http://" << shown_host << ":" << (*server)->port() << std::endl;
  (*server)->wait();
  server->reset();
  hub.reset();
  data->auth.reset();
  store->close();  // the object outlives the dashboard and the shop (declared after `data`)
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArguments>();
  auto* sub = app.add_subcommand("serve", "Serve the HTTP API (Sanity-compatible data API)");
  add_data_source_options(*sub, args->source, "SQLite data folder");
  sub->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  sub->add_option("--port", args->port, "Port (0: any free port)")->capture_default_str();
  sub->add_option("--dataset", args->dataset, "Dataset name served")->capture_default_str();
  sub->add_flag("--seed-demo", args->seed_demo,
                "Make the demo shop (through the shop's actions) when the folder is empty");
  sub->add_option(
      "--web", args->web,
      "Serve the web app from this folder instead of the copy built into the binary (development)");
  sub->add_option("--log-level", args->log_level, "trace|debug|info|warn|error|off")
      ->capture_default_str();
  sub->add_flag("--allow-remote", args->allow_remote,
                "Ignored (kept for old scripts): any --host is allowed, every request is "
                "authenticated");
  sub->add_option("--public-url", args->public_url,
                  "URL people reach the server at (https: Secure session cookies; its origin is "
                  "the one CSRF checks accept)");
  sub->add_option("--session-idle-minutes", args->session_idle_minutes,
                  "A web session ends after this long without requests")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--session-max-hours", args->session_max_hours,
                  "A web session ends this long after login")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--cors-origin", args->cors_origins, "Allowed CORS origin (repeatable)");
  sub->add_option("--max-body-bytes", args->max_body_bytes, "Request body limit")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--query-timeout-ms", args->query_timeout_ms, "GROQ query time limit")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--io-threads", args->io_threads, "I/O threads (0: one per core)");
  run_with_data_source(*sub, args->source, [args, &exit_code] { exit_code = serve(*args); });
}

}  // namespace ledgerline::cli
