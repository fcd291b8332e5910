// Load generator for the durable-commit benchmark: N concurrent keep-alive HTTP/1.1 clients,
// each committing single-document `create` transactions back to back against
// POST /v2025-02-19/data/mutate/production (the request @sanity/client's create() sends).
// One thread runs every client as a coroutine, so the server, not the client, is the bottleneck.
// With --bills CUSTOMER --products ID,ID,... it instead sends the shop's sale action, a 3-line
// bill (POST /api/v1/bills, bench/actions). A request counts when its answer is 2xx.
// --method GET --path P sends bodiless GETs of P instead (authenticated reads, e.g. a doc).
// --port A,B,... spreads the clients over several nodes (client i on the i-th port modulo their
// number); tx/s and the latency percentiles are then over every node's answers together.
// Prints one line: clients=N tx=.. seconds=.. tps=.. p50_ms=.. p99_ms=.. errors=..
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  std::vector<std::string> ports = {"8080"};  // client i talks to ports[i % size]
  std::string token = "t";
  std::string path =
      "/v2025-02-19/data/mutate/production?returnIds=true&returnDocuments=true&visibility=sync";
  std::string id_prefix = "bench";
  http::verb method = http::verb::post;
  int clients = 1;
  double warmup_seconds = 2;
  double seconds = 10;
  int payload_bytes = 100;
  std::string bill_customer;          // non-empty: send 3-line bills instead of creates
  std::vector<std::string> products;  // the products bills draw their lines from
};

struct ClientStats {
  std::vector<double> latencies_ms;  // measured window only
  long errors = 0;
  std::string first_error;
};

// Shared clock marks: requests completing inside [measure_from, measure_until) are counted.
struct Window {
  Clock::time_point measure_from;
  Clock::time_point measure_until;
};

static std::string bill_body(const Options& options, int client, long sequence) {
  std::string items;
  std::size_t seed =
      static_cast<std::size_t>(client) * 7919 + static_cast<std::size_t>(sequence) * 104729;
  for (int line = 0; line < 3; ++line) {
    const std::string& product = options.products[(seed + line * 31) % options.products.size()];
    items += std::string(line ? "," : "") + R"({"productId":")" + product + R"(","quantity":1})";
  }
  return R"({"customerId":")" + options.bill_customer + R"(","taxRate":825,"items":[)" + items +
         "]}";
}

static std::string request_body(const Options& options, int client, long sequence) {
  if (!options.bill_customer.empty()) return bill_body(options, client, sequence);
  std::string id =
      options.id_prefix + "-" + std::to_string(client) + "-" + std::to_string(sequence);
  return R"({"mutations":[{"create":{"_id":")" + id + R"(","_type":"benchRow","client":)" +
         std::to_string(client) + R"(,"n":)" + std::to_string(sequence) + R"(,"payload":")" +
         std::string(static_cast<std::size_t>(options.payload_bytes), 'x') + R"("}}]})";
}

static asio::awaitable<void> run_client(const Options& options, int client, const Window& window,
                                        ClientStats& stats) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);
  const std::string& port = options.ports[static_cast<std::size_t>(client) % options.ports.size()];
  auto endpoints = co_await resolver.async_resolve(options.host, port, asio::use_awaitable);
  co_await stream.async_connect(endpoints, asio::use_awaitable);
  stream.socket().set_option(asio::ip::tcp::no_delay(true));
  beast::flat_buffer buffer;
  for (long sequence = 0; Clock::now() < window.measure_until; ++sequence) {
    http::request<http::string_body> request{options.method, options.path, 11};
    request.set(http::field::host, options.host + ":" + port);
    request.set(http::field::content_type, "application/json");
    request.set(http::field::accept, "application/json");
    request.set(http::field::authorization, "Bearer " + options.token);
    request.keep_alive(true);
    if (options.method == http::verb::post) {
      request.body() = request_body(options, client, sequence);
      request.prepare_payload();
    }
    auto started = Clock::now();
    co_await http::async_write(stream, request, asio::use_awaitable);
    http::response<http::string_body> response;
    co_await http::async_read(stream, buffer, response, asio::use_awaitable);
    auto finished = Clock::now();
    if (response.result_int() / 100 != 2) {
      if (stats.errors++ == 0) {
        stats.first_error =
            std::to_string(response.result_int()) + " " + response.body().substr(0, 300);
      }
    } else if (finished >= window.measure_from && finished < window.measure_until) {
      stats.latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(finished - started).count());
    }
    if (!response.keep_alive()) {
      stats.first_error = "server closed the keep-alive connection";
      ++stats.errors;
      co_return;
    }
  }
}

static double percentile(std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

static std::vector<std::string> split_commas(const std::string& value) {
  std::vector<std::string> items;
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t comma = std::min(value.find(',', start), value.size());
    if (comma > start) items.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

static Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--host")
      options.host = value;
    else if (flag == "--port")
      options.ports = split_commas(value);
    else if (flag == "--token")
      options.token = value;
    else if (flag == "--path")
      options.path = value;
    else if (flag == "--method")
      options.method = http::string_to_verb(value);
    else if (flag == "--id-prefix")
      options.id_prefix = value;
    else if (flag == "--clients")
      options.clients = std::atoi(value.c_str());
    else if (flag == "--warmup")
      options.warmup_seconds = std::atof(value.c_str());
    else if (flag == "--seconds")
      options.seconds = std::atof(value.c_str());
    else if (flag == "--payload-bytes")
      options.payload_bytes = std::atoi(value.c_str());
    else if (flag == "--bills") {
      options.bill_customer = value;
      options.path = "/api/v1/bills";
    } else if (flag == "--products") {
      options.products = split_commas(value);
    } else {
      std::cerr << "commit_loadgen: unknown flag " << flag << "\n";
      std::exit(2);
    }
  }
  if ((argc - 1) % 2 != 0 || options.method == http::verb::unknown || options.clients < 1 ||
      options.seconds <= 0 || options.ports.empty() ||
      (!options.bill_customer.empty() && options.products.empty())) {
    std::cerr << "usage: commit_loadgen --port P[,P...] [--host H] [--token T] [--clients N] "
                 "[--seconds S]"
                 " [--warmup S] [--payload-bytes B] [--id-prefix P] [--path P] [--method GET]"
                 " [--bills CUSTOMER --products ID,ID,...]\n";
    std::exit(2);
  }
  return options;
}

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  asio::io_context io(1);
  auto start = Clock::now();
  auto to_duration = [](double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  Window window{start + to_duration(options.warmup_seconds),
                start + to_duration(options.warmup_seconds + options.seconds)};
  std::vector<ClientStats> stats(static_cast<std::size_t>(options.clients));
  int failed_clients = 0;
  std::string failure;
  for (int client = 0; client < options.clients; ++client) {
    asio::co_spawn(io, run_client(options, client, window, stats[static_cast<std::size_t>(client)]),
                   [&](std::exception_ptr error) {
                     if (!error) return;
                     ++failed_clients;
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       failure = e.what();
                     }
                   });
  }
  io.run();

  std::vector<double> all;
  long errors = 0;
  std::string first_error;
  for (auto& s : stats) {
    all.insert(all.end(), s.latencies_ms.begin(), s.latencies_ms.end());
    errors += s.errors;
    if (first_error.empty()) first_error = s.first_error;
  }
  std::sort(all.begin(), all.end());
  double tps = static_cast<double>(all.size()) / options.seconds;
  std::printf("clients=%d tx=%zu seconds=%.1f tps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%ld\n",
              options.clients, all.size(), options.seconds, tps, percentile(all, 0.50),
              percentile(all, 0.99), errors);
  if (!first_error.empty())
    std::fprintf(stderr, "commit_loadgen: first error: %s\n", first_error.c_str());
  if (failed_clients > 0) {
    std::fprintf(stderr, "commit_loadgen: %d clients failed: %s\n", failed_clients,
                 failure.c_str());
    return 1;
  }
  return errors > 0 ? 1 : 0;
}
