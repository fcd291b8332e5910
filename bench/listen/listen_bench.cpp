// Listen fan-out benchmark. Starts `ledgerline serve` (fresh temp data dir, free port) and, in
// the same run, its own `redis-server` on a free loopback port; for each N it opens N SSE
// listeners (resp. N SUBSCRIBE connections) from this process and measures, with no Node in
// the path:
//   - commit->receive latency p50/p99/max at K commits/s (send of the commit request / PUBLISH
//     to the moment a listener reads the event), and events lost;
//   - deliveries per second with at most W messages in flight (each completes when all N got it);
//   - resident memory per idle listener (server RSS growth / N);
//   - CPU time per delivery in the latency phase, of the server and of this load generator.
// Then a slow-consumer scenario: one listener that never reads, next to N normal ones.
// With --postgres URL it also runs `serve --postgres` nodes (--pg-nodes 1,2: one node, then two
// on one database), each run on a fresh database in that cluster: the listeners are spread over
// the nodes (connection i on node i mod K), the commits all go to the first node.
//
// Usage: listen_bench [--bin build/ledgerline] [--listeners 1000,10000] [--rate 100]
//                     [--seconds 10] [--payload 100] [--window 64] [--throughput-seconds 5]
//                     [--redis-server redis-server] [--no-redis] [--no-slow] [--token T]
//                     [--readers 1] [--identities customers|admins|both] [--customers-first]
//                     [--identities-data DIR] [--bills-per-message K]
//                     [--postgres URL [--pg-nodes 1,2] [--psql psql] [--no-sqlite]]
// With --identities it compares customers and admins instead (identities.cpp, README).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.h"
#include "child_process.h"
#include "fleet.h"
#include "senders.h"

namespace listen_bench {

Latency summarize(std::vector<std::int64_t> samples) {
  Latency latency;
  if (samples.empty()) return latency;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    return double(samples[std::min(samples.size() - 1, std::size_t(q * double(samples.size())))]) /
           1e6;
  };
  latency.p50_ms = at(0.50);
  latency.p99_ms = at(0.99);
  latency.max_ms = double(samples.back()) / 1e6;
  return latency;
}

std::string url_encode(const std::string& text) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string listen_request(const std::string& token, const std::string& query) {
  return "GET /v2025-02-19/data/listen/production?query=" + url_encode(query) +
         "&includeResult=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
         "Cache-Control: no-cache\r\nAuthorization: Bearer " +
         token + "\r\n\r\n";
}

std::string commit_body(std::uint64_t sequence, int payload) {
  return R"({"mutations":[{"createOrReplace":{"_id":"bench-)" + std::to_string(sequence % 64) +
         R"(","_type":"bench","seq":)" + std::to_string(sequence) + R"(,"payload":")" +
         std::string(static_cast<std::size_t>(payload), 'x') + R"("}}],"transactionId":"b)" +
         std::to_string(sequence) + "\"}";
}

// The same bytes a listener gets from ledgerline, padded to its measured event size.
std::string redis_payload(std::uint64_t sequence, double bytes_per_event) {
  std::string head = "id: b" + std::to_string(sequence) + "#bench-" +
                     std::to_string(sequence % 64) + "\nevent: mutation\ndata: {\"x\":\"";
  std::string tail = "\"}\n\n";
  const std::size_t target = static_cast<std::size_t>(bytes_per_event);
  const std::size_t padding =
      target > head.size() + tail.size() ? target - head.size() - tail.size() : 0;
  return head + std::string(padding, 'x') + tail;
}

void wait_for_completion(const Fleet& fleet, std::uint64_t expected_completed, double seconds) {
  const auto until = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
  while (fleet.completed() < expected_completed && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

double cpu_microseconds(const std::vector<pid_t>& processes) {
  double total = 0;
  for (pid_t pid : processes) total += cpu_microseconds(pid);
  return total;
}

void measure(const Options& options, Fleet& fleet, int receivers, const std::vector<pid_t>& servers,
             std::uint64_t& sequence, const std::function<bool(int, std::uint64_t)>& send,
             Figures& figures) {
  const auto warmup = static_cast<std::uint64_t>(options.rate);
  run_paced(kSenderThreads, options.rate, sequence, warmup, send);
  sequence += warmup;
  wait_for_completion(fleet, warmup, 5);
  fleet.take_samples();
  const std::uint64_t first = sequence;
  const auto count = static_cast<std::uint64_t>(options.rate * options.seconds);
  const std::uint64_t completed_before = fleet.completed();
  const std::uint64_t deliveries_start = fleet.deliveries();
  const double server_cpu_start = cpu_microseconds(servers);
  const double generator_cpu_start = cpu_microseconds(0);
  const auto phase_start = std::chrono::steady_clock::now();
  fleet.set_recording(true);
  const std::uint64_t failures = run_paced(kSenderThreads, options.rate, first, count, send);
  // A sender waits for each answer: a server that cannot keep the rate is sent fewer per second.
  figures.sent_per_second =
      double(count) /
      std::chrono::duration<double>(std::chrono::steady_clock::now() - phase_start).count();
  wait_for_completion(fleet, completed_before + count, 10);
  fleet.set_recording(false);
  const double phase_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - phase_start)
          .count();
  const double server_cpu = cpu_microseconds(servers) - server_cpu_start;
  const double generator_cpu = cpu_microseconds(0) - generator_cpu_start;
  const double phase_deliveries =
      double(std::max<std::uint64_t>(1, fleet.deliveries() - deliveries_start));
  figures.server_us_per_delivery = server_cpu / phase_deliveries;
  figures.generator_us_per_delivery = generator_cpu / phase_deliveries;
  figures.cores_busy = (server_cpu + generator_cpu) / phase_us;
  sequence += count;
  if (failures > 0)
    std::fprintf(stderr, "%s: %llu sends failed\n", figures.system.c_str(),
                 static_cast<unsigned long long>(failures));
  Latency latency = summarize(fleet.take_samples());
  figures.p50_ms = latency.p50_ms;
  figures.p99_ms = latency.p99_ms;
  figures.max_ms = latency.max_ms;
  figures.expected = count * static_cast<std::uint64_t>(receivers);
  for (std::uint64_t s = first; s < first + count; ++s) figures.delivered += fleet.receipts(s);

  const std::uint64_t deliveries_before = fleet.deliveries();
  const std::uint64_t completed_start = fleet.completed();
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t sent = run_windowed(
      kSenderThreads, options.window, sequence, options.throughput_seconds,
      [&] { return fleet.completed(); }, send);
  wait_for_completion(fleet, completed_start + sent, 30);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sequence += sent;
  figures.deliveries_per_second = double(fleet.deliveries() - deliveries_before) / elapsed;
}

std::string temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "listen-bench-XXXXXX").string();
  return mkdtemp(pattern.data());
}

// Every request needs a token now; "" on failure.
std::string provision_admin_token(const Options& options, const std::vector<std::string>& storage,
                                  const std::string& scratch) {
  const std::string password_file = scratch + "/bench-password";
  std::ofstream(password_file) << "bench-admin-password\n";
  auto command = [&](std::vector<std::string> head, std::vector<std::string> tail) {
    head.insert(head.end(), storage.begin(), storage.end());
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
  };
  ChildProcess user;
  if (!user.start(command({options.bin, "user", "create"},
                          {"--email", "bench@test.invalid", "--name", "Bench", "--role", "admin",
                           "--password-file", password_file})) ||
      user.wait_for_line("created", std::chrono::seconds(30)).empty()) {
    std::fprintf(stderr, "user create failed:\n%s\n", user.output().c_str());
    return "";
  }
  user.stop();
  ChildProcess token;
  if (!token.start(command({options.bin, "token", "create"}, {"--user", "bench@test.invalid"})))
    return "";
  std::string line = token.wait_for_line("llt_", std::chrono::seconds(30));
  token.stop();
  std::size_t start = line.find("llt_");
  return start == std::string::npos
             ? ""
             : line.substr(start, line.find_first_of(" \r\n", start) - start);
}

bool start_serve(const Options& options, ChildProcess& server,
                 const std::vector<std::string>& storage, int& port) {
  // Warnings only: the bench reads the server's output only until "listening on", and info
  // lines (one per user or token created) would fill the pipe and block the server's logging.
  std::vector<std::string> argv = {options.bin, "serve"};
  argv.insert(argv.end(), storage.begin(), storage.end());
  argv.insert(argv.end(), {"--host", "127.0.0.1", "--port", "0", "--log-level", "warn"});
  if (!server.start(argv)) return false;
  std::string line = server.wait_for_line("listening on", std::chrono::seconds(30));
  if (line.empty()) {
    std::fprintf(stderr, "ledgerline did not start:\n%s\n", server.output().c_str());
    return false;
  }
  port = std::atoi(line.c_str() + line.rfind(':') + 1);
  return port > 0;
}

bool start_ledgerline(const Options& options, ChildProcess& server, const std::string& dir,
                      int& port, std::string& token) {
  token =
      options.token.empty() ? provision_admin_token(options, {"--data", dir}, dir) : options.token;
  return !token.empty() && start_serve(options, server, {"--data", dir}, port);
}

long resident_kib(const std::vector<ChildProcess>& servers) {
  long total = 0;
  for (const ChildProcess& server : servers) total += resident_kib(server.pid());
  return total;
}

// `nodes` 0: one node on SQLite in a fresh data folder; K > 0: K nodes on one fresh PostgreSQL
// database, the listeners spread over them, the commits sent to the first.
Figures run_ledgerline(const Options& options, int listeners, int nodes = 0) {
  Figures figures{nodes == 0 ? "ledgerline" : "ll-pg x" + std::to_string(nodes), listeners};
  const std::string dir = temp_dir();
  const std::string database = "listen_bench_" + std::to_string(listeners) + "_" +
                               std::to_string(nodes) + "_" + std::to_string(getpid());
  std::vector<std::string> storage = {"--data", dir};
  if (nodes > 0) storage = {"--postgres", fresh_database(options, database)};
  if (storage[1].empty()) std::exit(1);
  std::string token =
      options.token.empty() ? provision_admin_token(options, storage, dir) : options.token;
  if (token.empty()) std::exit(1);
  std::vector<ChildProcess> servers(static_cast<std::size_t>(std::max(1, nodes)));
  std::vector<int> ports(servers.size());
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    if (!start_serve(options, servers[i], storage, ports[i])) std::exit(1);
    pids.push_back(servers[i].pid());
  }
  std::vector<HttpCommitter> committers(kSenderThreads);
  for (auto& committer : committers) committer.connect(ports[0], token);
  committers[0].commit(commit_body(kMaxSequences - 1, options.payload));  // warm the store
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long rss_before = resident_kib(servers);
  Fleet fleet(kMaxSequences);
  FleetOptions fleet_options{ports[0], listeners, listen_request(token), "event: welcome"};
  fleet_options.ports = ports;
  fleet_options.readers = options.readers;
  if (!fleet.open(fleet_options) || !fleet.wait_ready(std::chrono::seconds(120))) {
    std::fprintf(stderr, "%s: only %zu of %d listeners ready\n", figures.system.c_str(),
                 fleet.ready(), listeners);
    std::exit(1);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  figures.kib_per_listener = double(resident_kib(servers) - rss_before) / listeners;
  const std::uint64_t bytes_before = fleet.bytes();
  std::uint64_t sequence = 0;
  auto send = [&](int thread, std::uint64_t s) {
    fleet.mark_sent(s);
    return committers[static_cast<std::size_t>(thread)].commit(commit_body(s, options.payload)) ==
           200;
  };
  const std::uint64_t deliveries_before = fleet.deliveries();
  measure(options, fleet, listeners, pids, sequence, send, figures);
  figures.bytes_per_event =
      double(fleet.bytes() - bytes_before) /
      double(std::max<std::uint64_t>(1, fleet.deliveries() - deliveries_before));
  fleet.close_all();
  for (ChildProcess& server : servers) server.stop();
  std::filesystem::remove_all(dir);
  if (nodes > 0) drop_database(options, database);
  return figures;
}

Figures run_redis(const Options& options, int listeners, double bytes_per_event) {
  Figures figures{"redis", listeners};
  figures.bytes_per_event = bytes_per_event;
  const int port = free_loopback_port();
  ChildProcess redis;
  if (!redis.start({options.redis_server, "--port", std::to_string(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no", "--maxclients",
                    std::to_string(listeners + 64), "--loglevel", "notice"}) ||
      redis.wait_for_line("Ready to accept connections", std::chrono::seconds(10)).empty()) {
    std::fprintf(stderr, "redis-server did not start:\n%s\n", redis.output().c_str());
    std::exit(1);
  }
  std::vector<RedisPublisher> publishers(kSenderThreads);
  for (auto& publisher : publishers) publisher.connect(port);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long rss_before = resident_kib(redis.pid());
  Fleet fleet(kMaxSequences);
  FleetOptions fleet_options{port, listeners, "SUBSCRIBE bench\r\n", "subscribe"};
  fleet_options.readers = options.readers;
  if (!fleet.open(fleet_options) || !fleet.wait_ready(std::chrono::seconds(120))) {
    std::fprintf(stderr, "redis: only %zu of %d subscribers ready\n", fleet.ready(), listeners);
    std::exit(1);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  figures.kib_per_listener = double(resident_kib(redis.pid()) - rss_before) / listeners;
  std::uint64_t sequence = 0;
  auto send = [&](int thread, std::uint64_t s) {
    const std::string payload = redis_payload(s, bytes_per_event);
    fleet.mark_sent(s);
    return publishers[static_cast<std::size_t>(thread)].publish("bench", payload);
  };
  measure(options, fleet, listeners, {redis.pid()}, sequence, send, figures);
  fleet.close_all();
  redis.stop();
  return figures;
}

// "1000,10000" -> {1000, 10000}.
std::vector<int> int_list(const std::string& text) {
  std::vector<int> items;
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) items.push_back(std::stoi(item));
  return items;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--bin")
      options.bin = next();
    else if (arg == "--listeners")
      options.listeners = int_list(next());
    else if (arg == "--rate")
      options.rate = std::stod(next());
    else if (arg == "--seconds")
      options.seconds = std::stod(next());
    else if (arg == "--payload")
      options.payload = std::stoi(next());
    else if (arg == "--window")
      options.window = std::stoull(next());
    else if (arg == "--throughput-seconds")
      options.throughput_seconds = std::stod(next());
    else if (arg == "--redis-server")
      options.redis_server = next();
    else if (arg == "--no-redis")
      options.redis = false;
    else if (arg == "--no-slow")
      options.slow = false;
    else if (arg == "--token")
      options.token = next();
    else if (arg == "--readers")
      options.readers = std::stoi(next());
    else if (arg == "--identities") {
      options.identities = next();
      if (options.identities != "customers" && options.identities != "admins" &&
          options.identities != "both") {
        std::fprintf(stderr, "--identities takes customers, admins or both\n");
        std::exit(2);
      }
    } else if (arg == "--customers-first")
      options.customers_first = true;
    else if (arg == "--identities-data")
      options.identities_data = next();
    else if (arg == "--bills-per-message")
      options.bills_per_message = std::stoi(next());
    else if (arg == "--postgres")
      options.postgres = next();
    else if (arg == "--pg-nodes")
      options.pg_nodes = int_list(next());
    else if (arg == "--psql")
      options.psql = next();
    else if (arg == "--no-sqlite")
      options.sqlite = false;
    else {
      std::fprintf(stderr, "unknown option %s (see the comment atop listen_bench.cpp)\n",
                   arg.c_str());
      std::exit(2);
    }
  }
  return options;
}

}  // namespace listen_bench

using namespace listen_bench;

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const long fds = raise_fd_limit();
  std::printf(
      "listen bench: %u cores, fd limit %ld, %.0f commits/s for %.0f s, %d B payload, "
      "window %llu for %.0f s\n",
      std::thread::hardware_concurrency(), fds, options.rate, options.seconds, options.payload,
      static_cast<unsigned long long>(options.window), options.throughput_seconds);
  std::printf("%-11s %7s %9s %9s %9s %12s %14s %12s %10s %11s %11s\n", "system", "N", "p50_ms",
              "p99_ms", "max_ms", "lost", "deliveries/s", "KiB/listener", "B/event", "srv_us/dlv",
              "gen_us/dlv");
  auto print = [](const Figures& f) {
    std::printf("%-11s %7d %9.2f %9.2f %9.2f %12lld %14.0f %12.2f %10.0f %11.2f %11.2f\n",
                f.system.c_str(), f.listeners, f.p50_ms, f.p99_ms, f.max_ms,
                static_cast<long long>(f.expected) - static_cast<long long>(f.delivered),
                f.deliveries_per_second, f.kib_per_listener, f.bytes_per_event,
                f.server_us_per_delivery, f.generator_us_per_delivery);
    std::fflush(stdout);
  };
  if (!options.identities.empty()) {
    for (int listeners : options.listeners) {
      std::vector<Figures> sides = run_identities(options, listeners);
      for (const Figures& side : sides) print(side);
      if (sides.size() == 2) {
        const Figures& customers = sides[0].system == "customers" ? sides[0] : sides[1];
        const Figures& admins = sides[0].system == "customers" ? sides[1] : sides[0];
        std::printf(
            "N=%d: deliveries/s customers/admins = %.2f, server CPU per delivery "
            "customers/admins = %.2f, p99 customers/admins = %.2f\n",
            listeners,
            customers.deliveries_per_second / std::max(1.0, admins.deliveries_per_second),
            customers.server_us_per_delivery / std::max(1e-9, admins.server_us_per_delivery),
            customers.p99_ms / std::max(1e-9, admins.p99_ms));
      }
    }
    return 0;
  }
  std::vector<std::pair<Figures, Figures>> pairs;
  std::vector<std::pair<Figures, Figures>> pg_pairs;  // (SQLite, PostgreSQL xK)
  for (int listeners : options.listeners) {
    Figures ours{"ledgerline", listeners};
    if (options.sqlite) {
      ours = run_ledgerline(options, listeners);
      print(ours);
      if (options.redis) {
        Figures theirs = run_redis(options, listeners, ours.bytes_per_event);
        print(theirs);
        pairs.emplace_back(ours, theirs);
      }
    }
    for (int nodes : options.postgres.empty() ? std::vector<int>{} : options.pg_nodes) {
      Figures pg = run_ledgerline(options, listeners, nodes);
      print(pg);
      pg_pairs.emplace_back(ours, pg);
    }
  }
  for (const auto& [sqlite, pg] : pg_pairs) {
    if (sqlite.deliveries_per_second <= 0) continue;
    std::printf("N=%d: %s/SQLite: deliveries/s %.2f, p99 %.2f, server CPU per delivery %.2f\n",
                pg.listeners, pg.system.c_str(),
                pg.deliveries_per_second / sqlite.deliveries_per_second,
                pg.p99_ms / std::max(1e-9, sqlite.p99_ms),
                pg.server_us_per_delivery / std::max(1e-9, sqlite.server_us_per_delivery));
  }
  // The CPU one message to all N costs here, server and listeners together, spread over every
  // core: about the earliest the last listener can have its copy, whatever the schedule.
  const double cores = std::max(1u, std::thread::hardware_concurrency());
  auto floor_ms = [&](const Figures& f) {
    return (f.server_us_per_delivery + f.generator_us_per_delivery) * f.listeners / cores / 1e3;
  };
  for (const auto& [ours, theirs] : pairs) {
    std::printf(
        "N=%d: deliveries/s ledgerline/redis = %.2f, server CPU per delivery "
        "ledgerline/redis = %.2f\n",
        ours.listeners, ours.deliveries_per_second / std::max(1.0, theirs.deliveries_per_second),
        ours.server_us_per_delivery / std::max(1e-9, theirs.server_us_per_delivery));
    std::printf(
        "N=%d: CPU per message to all listeners / %.0f cores: ledgerline %.2f ms, "
        "redis %.2f ms; cores busy in the latency phase (server + listeners): "
        "ledgerline %.2f, redis %.2f; messages sent per second in it: ledgerline %.0f, "
        "redis %.0f\n",
        ours.listeners, cores, floor_ms(ours), floor_ms(theirs), ours.cores_busy, theirs.cores_busy,
        ours.sent_per_second, theirs.sent_per_second);
  }
  if (options.slow) run_slow_consumer(options, std::min(100, options.listeners.front()));
  return 0;
}
