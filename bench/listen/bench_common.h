// Shared pieces of the listen benchmark: options, latency summaries, request/payload builders
// and starting the server (definitions in listen_bench.cpp; the slow-consumer scenario in
// slow_consumer.cpp).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "child_process.h"
#include "fleet.h"

namespace listen_bench {

constexpr std::size_t kMaxSequences = 4'000'000;
constexpr int kSenderThreads = 4;

struct Options {
  std::string bin = "build/ledgerline";
  std::vector<int> listeners = {1000, 10000};
  double rate = 100;
  double seconds = 10;
  int payload = 100;
  std::uint64_t window = 64;
  double throughput_seconds = 5;
  std::string redis_server = "redis-server";
  bool redis = true;
  bool slow = true;
  std::string token;  // "": an admin token is provisioned in each fresh data folder
  int readers = 1;    // the fleet's reading threads
  // "customers", "admins" or "both": listeners with one identity each against listeners with
  // the customer rule written out (identities.cpp); "": the Redis comparison.
  std::string identities;
  bool customers_first = false;  // with "both": the customer phase runs first
  std::string identities_data;   // a data folder kept between runs ("": a fresh temp folder)
  int bills_per_message = 1;     // with --identities: customers' bills each message changes
  // --postgres URL: also run `serve --postgres` nodes, each run on a fresh database made in that
  // cluster with `psql URL` (URL names a database to connect to, e.g. .../postgres).
  std::string postgres;
  std::vector<int> pg_nodes = {1, 2};  // node counts to run on PostgreSQL (listeners spread)
  std::string psql = "psql";
  bool sqlite = true;  // --no-sqlite: PostgreSQL-backed nodes only
};

struct Figures {
  std::string system;
  int listeners = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::uint64_t delivered = 0, expected = 0;
  double deliveries_per_second = 0;
  double kib_per_listener = 0;
  double bytes_per_event = 0;
  // CPU time per delivery during the latency phase: the server's, and this load generator's
  // (its reading thread, mostly; on loopback each side also pays part of the other's TCP path).
  double server_us_per_delivery = 0, generator_us_per_delivery = 0;
  double cores_busy = 0;       // server + load generator CPU time / wall time of the latency phase
  double sent_per_second = 0;  // messages the latency phase got sent per second (goal: --rate)
};

struct Latency {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

Latency summarize(std::vector<std::int64_t> samples);
// The raw HTTP request of an SSE listener on `query` with includeResult.
std::string listen_request(const std::string& token,
                           const std::string& query = R"(*[_type == "bench"])");
// A mutate body: createOrReplace of bench-<sequence % 64>, transactionId b<sequence>.
std::string commit_body(std::uint64_t sequence, int payload);
void wait_for_completion(const Fleet& fleet, std::uint64_t expected_completed, double seconds);
std::string temp_dir();
std::string url_encode(const std::string& text);
// Latency phase at --rate, then deliveries/s with --window messages in flight, on an open fleet
// where `receivers` listeners get each message; `send` commits/publishes one sequence.
// `servers`' CPU time is summed (several nodes).
void measure(const Options& options, Fleet& fleet, int receivers, const std::vector<pid_t>& servers,
             std::uint64_t& sequence, const std::function<bool(int, std::uint64_t)>& send,
             Figures& figures);
// An admin token for fresh storage (`storage`: {"--data", DIR} or {"--postgres", URL}), made
// with `ledgerline user create` + `token create`; `scratch` holds the password file.
std::string provision_admin_token(const Options& options, const std::vector<std::string>& storage,
                                  const std::string& scratch);
// `ledgerline serve` on `storage` at a free port (set in `port`).
bool start_serve(const Options& options, ChildProcess& server,
                 const std::vector<std::string>& storage, int& port);
// `serve --data dir` with a token of its own (options.token when set).
bool start_ledgerline(const Options& options, ChildProcess& server, const std::string& dir,
                      int& port, std::string& token);

// A fresh database `name` in options.postgres's cluster (dropped first if it exists); its URL,
// or "" on failure (postgres_databases.cpp). drop_database drops it, connections and all.
std::string fresh_database(const Options& options, const std::string& name);
void drop_database(const Options& options, const std::string& name);

// One listener that never reads next to `listeners` normal ones; prints what happened.
void run_slow_consumer(const Options& options, int listeners);

// Customers (one identity each, the customer read rule) against admins with that rule written
// out, in one server; prints both and the ratio (identities.cpp).
std::vector<Figures> run_identities(const Options& options, int listeners);

}  // namespace listen_bench
