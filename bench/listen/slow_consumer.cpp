// Slow-consumer scenario: a listener that never reads must not delay the others and must be
// disconnected once the server's per-stream queue bound is hit.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.h"
#include "senders.h"

namespace listen_bench {

namespace {

// State of the server-side TCP socket between `server_port` and `client_port` ("01" is
// ESTABLISHED; "" when it is gone).
std::string server_socket_state(int server_port, int client_port) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  char local[16], remote[16];
  std::snprintf(local, sizeof local, ":%04X", server_port);
  std::snprintf(remote, sizeof remote, ":%04X", client_port);
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local_address, remote_address, state;
    fields >> slot >> local_address >> remote_address >> state;
    if (local_address.ends_with(local) && remote_address.ends_with(remote)) return state;
  }
  return "";
}

}  // namespace

void run_slow_consumer(const Options& options, int listeners) {
  const std::string dir = temp_dir();
  ChildProcess server;
  int port = 0;
  if (!start_ledgerline(options, server, dir, port)) std::exit(1);
  std::vector<HttpCommitter> committers(kSenderThreads);
  for (auto& committer : committers) committer.connect(port, options.token);
  Fleet fleet(kMaxSequences);
  if (!fleet.open({port, listeners, listen_request(options.token), "event: welcome"}) ||
      !fleet.wait_ready(std::chrono::seconds(120))) {
    std::exit(1);
  }
  constexpr int kSlowPayload = 8192;
  constexpr double kSlowRate = 200;
  std::uint64_t sequence = 0;
  auto send = [&](int thread, std::uint64_t s) {
    fleet.mark_sent(s);
    return committers[static_cast<std::size_t>(thread)].commit(commit_body(s, kSlowPayload)) == 200;
  };
  auto phase = [&](double seconds) {
    const auto count = static_cast<std::uint64_t>(kSlowRate * seconds);
    const std::uint64_t completed = fleet.completed();
    fleet.take_samples();
    fleet.set_recording(true);
    run_paced(kSenderThreads, kSlowRate, sequence, count, send);
    wait_for_completion(fleet, completed + count, 10);
    fleet.set_recording(false);
    sequence += count;
    return summarize(fleet.take_samples());
  };
  const Latency alone = phase(4);

  Fleet slow(kMaxSequences);
  FleetOptions stalled{port, 1, listen_request(options.token), "event: welcome"};
  stalled.read = false;
  stalled.receive_buffer = 4096;
  slow.open(stalled);
  const int slow_port = slow.local_port(0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::atomic<bool> watching{true};
  std::atomic<double> dropped_after_s{-1};
  const auto slow_started = std::chrono::steady_clock::now();
  std::thread watcher([&] {
    while (watching.load()) {
      if (server_socket_state(port, slow_port) != "01") {
        dropped_after_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - slow_started).count();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  const std::uint64_t slow_first = sequence;
  const Latency with_slow = phase(8);
  watching = false;
  watcher.join();
  const bool eof = slow.drain_until_eof(0, std::chrono::seconds(10));
  std::uint64_t slow_got = 0;
  for (std::uint64_t s = slow_first; s < sequence; ++s) slow_got += slow.receipts(s);
  std::printf(
      "\nslow consumer: %d listeners + 1 that never reads (SO_RCVBUF 4 KiB), %d B documents at "
      "%.0f commits/s\n"
      "  others without it: p50 %.2f ms  p99 %.2f ms  max %.2f ms\n"
      "  others with it:    p50 %.2f ms  p99 %.2f ms  max %.2f ms\n"
      "  stalled listener: server closed it after %.2f s (queue bound hit), got %llu of %llu "
      "events, EOF after draining: %s\n",
      listeners, kSlowPayload, kSlowRate, alone.p50_ms, alone.p99_ms, alone.max_ms,
      with_slow.p50_ms, with_slow.p99_ms, with_slow.max_ms, dropped_after_s.load(),
      static_cast<unsigned long long>(slow_got),
      static_cast<unsigned long long>(sequence - slow_first), eof ? "yes" : "no");
  slow.close_all();
  fleet.close_all();
  server.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace listen_bench
