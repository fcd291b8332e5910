// store_bench DIR [--commits N] [--threads T]: opens the store in DIR (e.g. after
// `ledgerline import`), reports cold start time and resident memory, times full and by-type
// scans of a snapshot, then commits N single-document transactions from T threads.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "util/json.h"

using namespace ledgerline;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_bench DIR [--commits N] [--threads T]\n");
    return 2;
  }
  std::string dir = argv[1];
  int commits = 20000, threads = 64;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--commits") commits = std::atoi(argv[i + 1]);
    if (flag == "--threads") threads = std::atoi(argv[i + 1]);
  }
  long rss_before = resident_kib();
  auto start = Clock::now();
  auto storage = storage::open_sqlite(dir);
  if (!storage.ok()) {
    std::fprintf(stderr, "%s\n", storage.error().message.c_str());
    return 1;
  }
  auto opened = store::Store::open(std::move(*storage));
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<store::Store> store = std::move(*opened);
  double cold_ms = ms_since(start);
  store::SnapshotPtr snapshot = store->snapshot();
  long rss = resident_kib() - rss_before;
  std::printf("cold_start_ms=%.0f documents=%zu rss_mib=%.0f rss_mib_per_100k_docs=%.0f\n", cold_ms,
              snapshot->size(), rss / 1024.0,
              snapshot->size() ? rss / 1024.0 * 100000.0 / snapshot->size() : 0.0);

  for (int run = 0; run < 3; ++run) {
    auto scan_start = Clock::now();
    std::size_t count = 0;
    snapshot->for_each([&](const Value&) { return ++count > 0; });
    double scan_ms = ms_since(scan_start);
    auto type_start = Clock::now();
    std::size_t bills = 0;
    snapshot->for_each_of_type("bill", [&](const Value&) { return ++bills > 0; });
    double type_ms = ms_since(type_start);
    auto get_start = Clock::now();
    std::size_t found = 0;
    for (int i = 1; i <= 100000; ++i) {
      char id[32];
      std::snprintf(id, sizeof id, "stx-%06d", i);
      found += snapshot->get(id) != nullptr;
    }
    double get_ms = ms_since(get_start);
    std::printf("scan_all_ms=%.1f (%zu docs) scan_type_bill_ms=%.1f (%zu) get_100k_ms=%.1f (%zu)\n",
                scan_ms, count, type_ms, bills, get_ms, found);
  }
  snapshot.reset();

  std::atomic<int> next{0}, failed{0};
  auto commit_start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < commits; i = next++) {
        std::string mutation = R"([{"createOrReplace":{"_id":"bench-)" + std::to_string(i) +
                               R"(","_type":"benchItem","n":)" + std::to_string(i) + "}}]";
        if (!store->commit(parse_json(mutation).value()).ok()) ++failed;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  double commit_s = ms_since(commit_start) / 1000.0;
  std::printf("commits=%d threads=%d failed=%d seconds=%.2f durable_tx_per_s=%.0f\n", commits,
              threads, failed.load(), commit_s, commits / commit_s);
  store->close();
  return 0;
}
