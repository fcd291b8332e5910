// `ledgerline serve`: opens the SQLite storage in --data and the store, optionally seeds demo
// data, and serves the HTTP API until SIGINT/SIGTERM (graceful: in-flight requests and commits
// finish, then the store closes). Prints one line `listening on http://HOST:PORT` on stdout.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/seed.h"
#include "app/shop.h"
#include "cli/commands.h"
#include "http/server.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "util/log.h"
#include "util/time.h"

namespace ledgerline::cli {

namespace {

struct ServeArguments {
  std::string data;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string dataset = "production";
  std::string postgres;
  bool seed_demo = false;
  std::string web;
  std::string log_level = "info";
  bool allow_remote = false;
  std::vector<std::string> cors_origins;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  int query_timeout_ms = 10000;
  std::size_t io_threads = 0;
};

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Makes the demo shop through the shop's actions (only into an empty store) and prints the
// logins it made.
Status seed_demo(store::Store& store, app::Shop& shop, const app::UserMaker& make_user) {
  if (store.snapshot()->size() > 0) {
    std::cerr << "ledgerline serve: --seed-demo skipped: the data folder already has documents\n";
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
  if (!args.postgres.empty()) {
    return fail(2,
                "--postgres is not supported yet (this build stores data in SQLite under --data)");
  }
  if (args.port < 0 || args.port > 65535) return fail(2, "--port must be between 0 and 65535");
  if (!is_loopback(args.host) && !args.allow_remote) {
    return fail(2, "refusing to listen on non-loopback host \"" + args.host +
                       "\": authentication is not implemented yet, so anyone who can reach it "
                       "could read and change all data (pass --allow-remote to do it anyway)");
  }
  if (!args.web.empty() && !std::filesystem::is_directory(args.web)) {
    return fail(2, "--web \"" + args.web + "\" is not a directory");
  }

  auto storage = storage::open_sqlite(args.data);
  if (!storage.ok()) return fail(1, storage.error().message);
  auto opened = store::Store::open(std::move(*storage), shop_store_options());
  if (!opened.ok()) return fail(1, opened.error().message);
  std::unique_ptr<store::Store> store = std::move(*opened);

  app::Shop shop(*store);
  if (args.seed_demo) {
    // Without the auth layer only the user documents are made (no passwords); the composition
    // root plugs auth's "create user" in here once it exists.
    Status seeded = seed_demo(*store, shop, app::user_document_maker(*store));
    if (!seeded) {
      store->close();
      return fail(1, "seeding failed: " + seeded.error().message);
    }
  }

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
  auto server = http::Server::start(*store, options);
  if (!server.ok()) {
    store->close();
    return fail(1, server.error().message);
  }
  std::string shown_host = (*server)->host();
  if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
  std::cout << "listening on http://" << shown_host << ":" << (*server)->port() << std::endl;
  (*server)->wait();
  store->close();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArguments>();
  auto* sub = app.add_subcommand("serve", "Serve the HTTP API (Sanity-compatible data API)");
  sub->add_option("--data", args->data, "Data folder (SQLite database)")->required();
  sub->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  sub->add_option("--port", args->port, "Port (0: any free port)")->capture_default_str();
  sub->add_option("--dataset", args->dataset, "Dataset name served")->capture_default_str();
  sub->add_option("--postgres", args->postgres, "PostgreSQL URL (not supported yet)")
      ->envname("LEDGERLINE_POSTGRES");
  sub->add_flag("--seed-demo", args->seed_demo,
                "Make the demo shop (through the shop's actions) when the folder is empty");
  sub->add_option(
      "--web", args->web,
      "Serve the web app from this folder instead of the copy built into the binary (development)");
  sub->add_option("--log-level", args->log_level, "trace|debug|info|warn|error|off")
      ->capture_default_str();
  sub->add_flag("--allow-remote", args->allow_remote,
                "Allow a non-loopback --host although there is no authentication yet");
  sub->add_option("--cors-origin", args->cors_origins, "Allowed CORS origin (repeatable)");
  sub->add_option("--max-body-bytes", args->max_body_bytes, "Request body limit")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--query-timeout-ms", args->query_timeout_ms, "GROQ query time limit")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--io-threads", args->io_threads, "I/O threads (0: one per core)");
  sub->callback([args, &exit_code] { exit_code = serve(*args); });
}

}  // namespace ledgerline::cli
