// Customers against admins (`--identities`): N customer listeners, each its own user with its own
// API token, listen to `*[_type == "bill"]` through the customer read rule (they see only their
// own bill); N admin listeners listen with that rule written out for the same customers,
// `*[_type == "bill" && customer._ref == "<customer i>"]`. Every message is one transaction that
// patches a free field of K customers' bills (--bills-per-message, default 1), so in both phases
// each message reaches exactly K listeners, one event each, and the hub matches the same K
// changes against N filter groups. Both phases run on one server, one after the other.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
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

// Listeners one admin identity may hold (the server's per-identity limit is 1,000).
constexpr int kListenersPerAdmin = 1000;
// Sequences (transaction ids b<sequence>) one run may use; a kept data folder has room for
// kMaxSequences / kSequencesPerRun runs.
constexpr std::uint64_t kSequencesPerRun = 200'000;

// The string value of "name" in a compact JSON answer ("" when absent).
std::string string_field(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  std::size_t start = json.find(key);
  if (start == std::string::npos) return "";
  start += key.size();
  return json.substr(start, json.find('"', start) - start);
}

struct Customer {
  std::string id, token, bill;
};

// What setup made, kept in `<--identities-data>/identities.txt` so later runs reuse the users:
// `admin TOKEN`, `next SEQUENCE` (transaction ids are unique per data folder), then one
// `customer ID TOKEN BILL` line each.
struct Provisioned {
  std::vector<std::string> admin_tokens;
  std::uint64_t next_sequence = 0;
  std::vector<Customer> customers;
};

bool load(const std::string& file, Provisioned& out) {
  std::ifstream in(file);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "admin") {
      out.admin_tokens.emplace_back();
      fields >> out.admin_tokens.back();
    } else if (kind == "next") {
      fields >> out.next_sequence;
    } else if (kind == "customer") {
      Customer customer;
      fields >> customer.id >> customer.token >> customer.bill;
      out.customers.push_back(customer);
    }
  }
  return !out.admin_tokens.empty();
}

void save(const std::string& file, const Provisioned& provisioned) {
  std::ofstream out(file);
  for (const std::string& token : provisioned.admin_tokens) out << "admin " << token << "\n";
  out << "next " << provisioned.next_sequence << "\n";
  for (const Customer& c : provisioned.customers)
    out << "customer " << c.id << " " << c.token << " " << c.bill << "\n";
}

// `method path body` as the admin; exits with the answer when the status is not `expected`.
std::string call(HttpCommitter& client, const std::string& method, const std::string& path,
                 const std::string& body, int expected) {
  std::string answer;
  const int status = client.request(method, path, body, &answer);
  if (status != expected) {
    std::fprintf(stderr, "%s %s: %d %s\n", method.c_str(), path.c_str(), status, answer.c_str());
    std::exit(1);
  }
  return answer;
}

// A user with role `role` and an API token; its password is hashed like any other (argon2id at
// the server's cost), the hashing runs on the server's worker pool, hence several callers.
std::pair<std::string, std::string> user_with_token(HttpCommitter& client, const std::string& role,
                                                    int index) {
  const std::string email = role + "-" + std::to_string(index) + "@bench.invalid";
  const std::string user =
      call(client, "POST", "/api/v1/users",
           R"({"email":")" + email + R"(","name":"Bench )" + role + " " + std::to_string(index) +
               R"(","role":")" + role + R"(","password":"bench-password-)" + std::to_string(index) +
               "\"}",
           201);
  const std::string id = string_field(user, "_id");
  const std::string token = string_field(
      call(client, "POST", "/api/v1/tokens", R"({"userId":")" + id + R"(","label":"bench"})", 201),
      "token");
  return {id, token};
}

// Setup through the admin HTTP API: a product with enough stock, then per customer a user, a
// token and one bill (POST /api/v1/bills: bills are made by the shop's action only).
void provision(std::vector<HttpCommitter>& clients, int listeners,
               std::vector<Customer>& customers) {
  const auto setup_start = std::chrono::steady_clock::now();
  const std::string product = string_field(
      call(clients[0], "POST", "/api/v1/products",
           R"({"name":"Bench tea","sku":"BENCH-1","category":"bench","price":100,"stock":)" +
               std::to_string(listeners) + R"(,"lowStockThreshold":0,"active":true})",
           201),
      "_id");
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kSenderThreads; ++t) {
    workers.emplace_back([&, t] {
      HttpCommitter& client = clients[static_cast<std::size_t>(t)];
      for (int i = next++; i < listeners; i = next++) {
        Customer& customer = customers[static_cast<std::size_t>(i)];
        std::tie(customer.id, customer.token) = user_with_token(client, "customer", i);
        customer.bill =
            string_field(call(client, "POST", "/api/v1/bills",
                              R"({"customerId":")" + customer.id + R"(","items":[{"productId":")" +
                                  product + R"(","quantity":1}]})",
                              201),
                         "_id");
        if (customer.id.empty() || customer.token.empty() || customer.bill.empty()) {
          std::fprintf(stderr, "customer %d: no id, token or bill in the answers\n", i);
          std::exit(1);
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  std::printf(
      "setup: %d customers (user, token, bill) in %.1f s\n", listeners,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count());
}

}  // namespace

std::vector<Figures> run_identities(const Options& options, int listeners) {
  // With --identities-data DIR the users, tokens and bills made by an earlier run are reused
  // (argon2id makes creating 1,000 users take minutes); without it, a fresh temp folder.
  const bool keep = !options.identities_data.empty();
  const std::string dir = keep ? options.identities_data : temp_dir();
  const std::string state_file = dir + "/identities.txt";
  Provisioned provisioned;
  const bool reuse = keep && load(state_file, provisioned);
  if (reuse && provisioned.customers.size() < static_cast<std::size_t>(listeners)) {
    std::fprintf(stderr, "%s holds %zu customers, fewer than %d\n", state_file.c_str(),
                 provisioned.customers.size(), listeners);
    std::exit(1);
  }
  if (keep) std::filesystem::create_directories(dir);
  Options server_options = options;
  if (reuse) server_options.token = provisioned.admin_tokens[0];
  ChildProcess server;
  int port = 0;
  std::string admin_token;
  if (!start_ledgerline(server_options, server, dir, port, admin_token)) std::exit(1);
  std::vector<HttpCommitter> clients(kSenderThreads);
  for (auto& client : clients) client.connect(port, admin_token);
  const std::size_t admins_needed =
      static_cast<std::size_t>((listeners + kListenersPerAdmin - 1) / kListenersPerAdmin);
  if (!reuse) {
    provisioned.admin_tokens = {admin_token};
    provisioned.customers.resize(static_cast<std::size_t>(listeners));
    provision(clients, listeners, provisioned.customers);
  }
  while (provisioned.admin_tokens.size() < admins_needed) {
    provisioned.admin_tokens.push_back(
        user_with_token(clients[0], "admin", static_cast<int>(provisioned.admin_tokens.size()))
            .second);
  }
  std::vector<Customer> customers(provisioned.customers.begin(),
                                  provisioned.customers.begin() + listeners);
  const std::vector<std::string>& admin_tokens = provisioned.admin_tokens;

  // Message s: one transaction setting benchSeq = s on the bills of K customers (a field the
  // shop does not own, so the raw data API may write it), transactionId b<s>; customers
  // s*K .. s*K+K-1 (mod N), so each listener's turn comes round evenly.
  const std::size_t per_message = std::clamp<std::size_t>(
      static_cast<std::size_t>(options.bills_per_message), 1, customers.size());
  auto message = [&](std::uint64_t s) {
    std::string body = R"({"mutations":[)";
    for (std::size_t k = 0; k < per_message; ++k) {
      if (k > 0) body.push_back(',');
      const Customer& customer = customers[(s * per_message + k) % customers.size()];
      body += R"({"patch":{"id":")" + customer.bill + R"(","set":{"benchSeq":)" +
              std::to_string(s) + "}}}";
    }
    return body + R"(],"transactionId":"b)" + std::to_string(s) + "\"}";
  };

  // Transaction ids are unique per data folder: this run takes the next kSequencesPerRun.
  std::uint64_t sequence = provisioned.next_sequence;
  if (sequence + kSequencesPerRun > kMaxSequences) {
    std::fprintf(stderr, "%s has no sequences left: provision a new folder\n", dir.c_str());
    std::exit(1);
  }
  if (keep) {
    provisioned.next_sequence += kSequencesPerRun;
    save(state_file, provisioned);
  }
  auto phase = [&](bool as_customers) {
    Figures figures{as_customers ? "customers" : "admins", listeners};
    Fleet fleet(kMaxSequences);
    FleetOptions fleet_options{port, listeners, "", "event: welcome"};
    fleet_options.readers = options.readers;
    fleet_options.receivers_per_message = static_cast<int>(per_message);
    for (std::size_t i = 0; i < customers.size(); ++i) {
      fleet_options.requests.push_back(
          as_customers ? listen_request(customers[i].token, R"(*[_type == "bill"])")
                       : listen_request(admin_tokens[i / kListenersPerAdmin],
                                        R"(*[_type == "bill" && customer._ref == ")" +
                                            customers[i].id + "\"]"));
    }
    if (!fleet.open(fleet_options) || !fleet.wait_ready(std::chrono::seconds(120))) {
      std::fprintf(stderr, "%s: only %zu of %d listeners ready\n", figures.system.c_str(),
                   fleet.ready(), listeners);
      std::exit(1);
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    auto send = [&](int thread, std::uint64_t s) {
      fleet.mark_sent(s);
      return clients[static_cast<std::size_t>(thread)].commit(message(s)) == 200;
    };
    const std::uint64_t bytes_before = fleet.bytes();
    const std::uint64_t deliveries_before = fleet.deliveries();
    measure(options, fleet, static_cast<int>(per_message), {server.pid()}, sequence, send, figures);
    figures.bytes_per_event =
        double(fleet.bytes() - bytes_before) /
        double(std::max<std::uint64_t>(1, fleet.deliveries() - deliveries_before));
    fleet.close_all();
    // Let the server notice the closed streams before the next phase opens its own.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    return figures;
  };

  std::vector<Figures> sides;
  if (options.identities == "customers") {
    sides.push_back(phase(true));
  } else if (options.identities == "admins") {
    sides.push_back(phase(false));
  } else {
    sides.push_back(phase(options.customers_first));
    sides.push_back(phase(!options.customers_first));
  }
  server.stop();
  if (!keep) std::filesystem::remove_all(dir);
  return sides;
}

}  // namespace listen_bench
