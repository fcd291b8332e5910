// Slow-consumer scenario: a listener that never reads must not delay the others and must be
// disconnected once the server's per-stream queue bound is hit.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.h"
#include "senders.h"

namespace listen_bench {

void run_slow_consumer(const Options& options, int listeners) {
  const std::string dir = temp_dir();
  ChildProcess server;
  int port = 0;
  std::string token;
  if (!start_ledgerline(options, server, dir, port, token)) std::exit(1);
  std::vector<HttpCommitter> committers(kSenderThreads);
  for (auto& committer : committers) committer.connect(port, token);
  Fleet fleet(kMaxSequences);
  if (!fleet.open({port, listeners, listen_request(token), "event: welcome"}) ||
      !fleet.wait_ready(std::chrono::seconds(120))) {
    std::exit(1);
  }
  constexpr int kSlowPayload = 4096;
  constexpr double kSlowRate = 100;
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
    const std::uint64_t failures = run_paced(kSenderThreads, kSlowRate, sequence, count, send);
    if (failures > 0)
      std::fprintf(stderr, "slow consumer scenario: %llu commits failed\n",
                   static_cast<unsigned long long>(failures));
    wait_for_completion(fleet, completed + count, 10);
    fleet.set_recording(false);
    sequence += count;
    return summarize(fleet.take_samples());
  };
  const Latency alone = phase(4);

  Fleet slow(kMaxSequences);
  FleetOptions stalled{port, 1, listen_request(token), "event: welcome"};
  stalled.read = false;
  stalled.receive_buffer = 4096;
  slow.open(stalled);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::int64_t slow_started = now_ns();
  const std::uint64_t slow_first = sequence;
  const Latency with_slow = phase(8);
  const bool eof = slow.drain_until_eof(0, std::chrono::seconds(10));
  std::uint64_t slow_got = 0, slow_last = slow_first;
  for (std::uint64_t s = slow_first; s < sequence; ++s) {
    slow_got += slow.receipts(s);
    if (slow.receipts(s) > 0) slow_last = s;
  }
  // The server stops writing to it once its queue bound is hit: the last event it got was
  // committed about then.
  const double dropped_after_s = double(fleet.sent_at(slow_last) - slow_started) / 1e9;
  std::printf(
      "\nslow consumer: %d listeners + 1 that never reads (SO_RCVBUF 4 KiB), %d B documents at "
      "%.0f commits/s\n"
      "  others without it: p50 %.2f ms  p99 %.2f ms  max %.2f ms\n"
      "  others with it:    p50 %.2f ms  p99 %.2f ms  max %.2f ms\n"
      "  stalled listener: last event it got was committed %.2f s after it stopped reading; got "
      "%llu of %llu events; connection closed (EOF after draining): %s; others dropped: %zu\n",
      listeners, kSlowPayload, kSlowRate, alone.p50_ms, alone.p99_ms, alone.max_ms,
      with_slow.p50_ms, with_slow.p99_ms, with_slow.max_ms, dropped_after_s,
      static_cast<unsigned long long>(slow_got),
      static_cast<unsigned long long>(sequence - slow_first), eof ? "yes" : "no",
      fleet.closed_connections());
  slow.close_all();
  fleet.close_all();
  server.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace listen_bench
