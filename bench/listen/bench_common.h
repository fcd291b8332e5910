// Shared pieces of the listen benchmark: options, latency summaries, request/payload builders
// and starting the server (definitions in listen_bench.cpp; the slow-consumer scenario in
// slow_consumer.cpp).
#pragma once

#include <chrono>
#include <cstdint>
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
};

struct Latency {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

Latency summarize(std::vector<std::int64_t> samples);
// The raw HTTP request of an SSE listener on `*[_type == "bench"]` with includeResult.
std::string listen_request(const std::string& token);
// A mutate body: createOrReplace of bench-<sequence % 64>, transactionId b<sequence>.
std::string commit_body(std::uint64_t sequence, int payload);
void wait_for_completion(const Fleet& fleet, std::uint64_t expected_completed, double seconds);
std::string temp_dir();
bool start_ledgerline(const Options& options, ChildProcess& server, const std::string& dir,
                      int& port, std::string& token);

// One listener that never reads next to `listeners` normal ones; prints what happened.
void run_slow_consumer(const Options& options, int listeners);

}  // namespace listen_bench
