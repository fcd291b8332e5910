// dashboard_bench DIR [--rounds N]: opens the store in DIR (e.g. after `ledgerline seed`),
// times building the live dashboard's aggregates from the snapshot, then answers the dashboard
// N times each way, alternating: the one-pass reference over the snapshot (dashboard_stats, what
// the endpoint did before) and the live aggregates (LiveDashboard::render), both serialized to
// JSON as the endpoint does. Prints p50/p99/max in ms and checks both give the same figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/dashboard.h"
#include "app/stats.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "util/time.h"

using namespace ledgerline;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char* name, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, std::size_t(q * ms.size()))]; };
  std::printf("%-28s n=%zu  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms\n", name, ms.size(), at(0.5),
              at(0.99), ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dashboard_bench DIR [--rounds N]\n");
    return 2;
  }
  int rounds = 100;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--rounds") rounds = std::atoi(argv[i + 1]);
  }
  auto start = Clock::now();
  auto storage = storage::open_sqlite(argv[1]);
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
  store::SnapshotPtr snapshot = store->snapshot();
  std::size_t bills = 0;
  snapshot->for_each_of_type("bill", [&bills](const Value&) { return ++bills, true; });
  std::printf("opened %zu documents (%zu bills) in %.0f ms\n", snapshot->size(), bills,
              ms_since(start));
  start = Clock::now();
  app::LiveDashboard live(*store);
  std::printf("live aggregates built from the snapshot in %.1f ms\n", ms_since(start));

  std::vector<double> one_pass, aggregates;
  std::size_t bytes = 0;
  for (int round = 0; round < rounds; ++round) {
    std::int64_t now = now_micros();
    auto t = Clock::now();
    std::string a = app::dashboard_stats(*store->snapshot(), now)->to_json();
    one_pass.push_back(ms_since(t));
    t = Clock::now();
    std::string b = live.render(now).to_json();
    aggregates.push_back(ms_since(t));
    if (a != b) {
      std::fprintf(stderr, "the live figures differ from the one-pass figures\n");
      return 1;
    }
    bytes = b.size();
  }
  std::printf("answer: %zu bytes of JSON; both ways give the same figures\n", bytes);
  report("one pass (before)", one_pass);
  report("live aggregates (after)", aggregates);
  store->close();
  return 0;
}
