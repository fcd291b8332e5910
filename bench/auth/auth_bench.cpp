// auth_bench [--customers N] [--bills N] [--others N] [--logins N]
// (1) Read rule cost: a store of 100k bills over 1,000 customers plus 200k other documents
//     (300k in all); a customer's "my bills" query through the customer read rule (as every
//     read door evaluates it, groq::RuleView) against the admin's query with the same filter
//     written out, and the rule without its index narrowing (what every bill would cost).
// (2) Login: p50/p95 latency of Login::login at the server's argon2id cost (one thread), so
//     logins/s per core = 1000 / p50.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "groq/rule_view.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"

using namespace ledgerline;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread (ms): on a machine shared with other work, what one login costs a
// core, independent of how long it waited for one.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// Documents generated in memory at load; commits are accepted and forgotten.
class GeneratedStorage final : public storage::Storage {
 public:
  GeneratedStorage(int customers, int bills, int others)
      : customers_(customers), bills_(bills), others_(others) {}
  Status load_documents(const std::function<void(Value)>& visit) override {
    auto ref = [](const std::string& id) {
      return Value::object({{Key::intern("_type"), Value::string("reference")},
                            {Key::intern("_ref"), Value::string(id)}});
    };
    for (int c = 0; c < customers_; ++c) {
      visit(Value::object({{Key::intern("_id"), Value::string(customer_id(c))},
                           {Key::intern("_type"), Value::string("user")},
                           {Key::intern("role"), Value::string("customer")}}));
    }
    for (int b = 0; b < bills_; ++b) {
      std::string product = "product-" + std::to_string(b % 500);
      visit(Value::object(
          {{Key::intern("_id"), Value::string("bill-" + std::to_string(b))},
           {Key::intern("_type"), Value::string("bill")},
           {Key::intern("billNumber"), Value::string("INV-" + std::to_string(b))},
           {Key::intern("customer"), ref(customer_id(b % customers_))},
           {Key::intern("items"),
            Value::array({Value::object({{Key::intern("_key"), Value::string("k")},
                                         {Key::intern("product"), ref(product)},
                                         {Key::intern("quantity"), Value::number(1)}})})},
           {Key::intern("total"), Value::number(100 + b % 1000)},
           {Key::intern("status"), Value::string(b % 3 ? "paid" : "pending")}}));
    }
    for (int o = 0; o < others_; ++o) {
      bool ledger = o % 2 == 0;
      visit(Value::object(
          {{Key::intern("_id"), Value::string((ledger ? "st-" : "ev-") + std::to_string(o))},
           {Key::intern("_type"), Value::string(ledger ? "stockTransaction" : "shopEvent")},
           {Key::intern(ledger ? "product" : "actor"), ref("product-" + std::to_string(o % 500))},
           {Key::intern("quantity"), Value::number(-1)}}));
    }
    return Status::success();
  }
  Result<std::uint64_t> last_position() override { return std::uint64_t{0}; }
  Result<std::vector<storage::LogRecord>> read_log(std::uint64_t, std::size_t) override {
    return std::vector<storage::LogRecord>{};
  }
  Result<std::uint64_t> first_position() override { return std::uint64_t{0}; }
  Result<std::uint64_t> find_position(const std::string&) override {
    return Error::not_found("no log");
  }
  Status scan_documents_json(
      const std::function<bool(std::string_view, std::string_view)>&) override {
    return Status::success();
  }
  Status persist(const std::vector<const storage::LogRecord*>&) override {
    return Status::success();
  }
  static std::string customer_id(int c) { return "customer-" + std::to_string(c); }

 private:
  int customers_, bills_, others_;
};

// Median evaluation time of `query` over `dataset` (ms), and its result size.
std::pair<double, std::size_t> time_query(const std::string& text, const groq::Dataset& dataset,
                                          const groq::EvalOptions& options, int runs) {
  auto query = groq::parse(text);
  if (!query.ok()) {
    std::fprintf(stderr, "parse: %s\n", query.error().message.c_str());
    std::exit(1);
  }
  std::vector<double> times;
  std::size_t size = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    auto result = groq::evaluate(**query, dataset, options);
    times.push_back(ms_since(start));
    if (!result.ok()) {
      std::fprintf(stderr, "evaluate: %s\n", result.error().message.c_str());
      std::exit(1);
    }
    size = result->size();
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], size};
}

}  // namespace

int main(int argc, char** argv) {
  int customers = 1000, bills = 100000, others = 199000, logins = 20, runs = 21;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int value = std::atoi(argv[i + 1]);
    if (flag == "--customers") customers = value;
    if (flag == "--bills") bills = value;
    if (flag == "--others") others = value;
    if (flag == "--logins") logins = value;
    if (flag == "--runs") runs = value;
  }
  auto load_start = Clock::now();
  auto store = store::Store::open(std::make_unique<GeneratedStorage>(customers, bills, others));
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.error().message.c_str());
    return 1;
  }
  store::SnapshotPtr snapshot = (*store)->snapshot();
  std::printf("store: %zu documents (%d bills over %d customers), loaded in %.0f ms\n",
              snapshot->size(), bills, customers, ms_since(load_start));

  auto rules = auth::ReadRules::standard();
  if (!rules.ok()) return 1;
  const std::string customer = GeneratedStorage::customer_id(customers / 2);
  groq::EvalOptions as_customer;
  as_customer.identity = Value::string(customer);
  groq::RuleView customer_view(*snapshot, rules->customer_rule(), as_customer);

  // The same rule with its bill alternative written so no narrowing applies: every bill tested.
  auto unnarrowed_query = groq::parse(
      R"(*[_type == "product" && active == true || _type == "bill" && coalesce(customer._ref, "") == identity())"
      R"( || _type == "user" && _id == identity() || _type == "shopEvent" && identity() in subjects[]._ref])");
  auto unnarrowed = groq::make_filter(*unnarrowed_query, Value::empty_object());
  groq::RuleView unnarrowed_view(*snapshot, *unnarrowed, as_customer);

  groq::EvalOptions as_admin;
  as_admin.params = Value::object({{Key::intern("customer"), Value::string(customer)}});
  const std::string projection = R"({_id, billNumber, total, status})";
  auto [customer_ms, customer_n] =
      time_query(R"(*[_type == "bill"] | order(billNumber desc))" + projection, customer_view,
                 as_customer, runs);
  auto [admin_ms, admin_n] = time_query(
      R"(*[_type == "bill" && customer._ref == $customer] | order(billNumber desc))" + projection,
      *snapshot, as_admin, runs);
  auto [unnarrowed_ms, unnarrowed_n] =
      time_query(R"(*[_type == "bill"] | order(billNumber desc))" + projection, unnarrowed_view,
                 as_customer, std::max(3, runs / 4));
  auto [count_ms, count_n] = time_query("count(*)", customer_view, as_customer, 3);
  (void)count_n;
  std::printf("my bills, customer through the rule:      %.3f ms (%zu bills)\n", customer_ms,
              customer_n);
  std::printf("my bills, admin with the filter written:  %.3f ms (%zu bills)\n", admin_ms, admin_n);
  std::printf("ratio customer/admin: %.2f (goal <= 2, both < 5 ms)\n", customer_ms / admin_ms);
  std::printf("without the rule's index narrowing:       %.3f ms (%zu bills)\n", unnarrowed_ms,
              unnarrowed_n);
  std::printf("count(*) through the customer rule (every document tested): %.1f ms\n", count_ms);

  // (2) Login latency at the server's cost.
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ledgerline-auth-bench-" + std::to_string(::getpid()));
  auto sqlite = storage::open_sqlite(dir.string());
  if (!sqlite.ok()) return 1;
  auto auth_storage = (*sqlite)->open_auth_storage();
  if (!auth_storage.ok()) return 1;
  auth::AuthOptions options;  // the server's defaults: PasswordCost::standard()
  options.login_per_account = {1'000'000, std::chrono::minutes(1)};
  options.login_per_address = {1'000'000, std::chrono::minutes(1)};
  auto auth = auth::Auth::open(std::move(*auth_storage), **store, options);
  if (!auth.ok()) return 1;
  if (!(*auth)->users().create("bench@demo.test", "Bench", auth::Role::kCustomer, "bench-pw").ok())
    return 1;
  std::vector<double> latencies, cpu;
  for (int i = 0; i < logins; ++i) {
    auto start = Clock::now();
    double cpu_start = thread_cpu_ms();
    auto outcome = (*auth)->login().login({"bench@demo.test", "bench-pw"}, "bench");
    cpu.push_back(thread_cpu_ms() - cpu_start);
    latencies.push_back(ms_since(start));
    if (!outcome.ok()) {
      std::fprintf(stderr, "login: %s\n", outcome.error().message.c_str());
      return 1;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  std::sort(cpu.begin(), cpu.end());
  double p50 = latencies[latencies.size() / 2];
  double p95 = latencies[std::min(latencies.size() - 1, latencies.size() * 95 / 100)];
  double cpu_p50 = cpu[cpu.size() / 2];
  const auth::PasswordCost cost = auth::PasswordCost::standard();
  std::printf(
      "login (argon2id t=%llu m=%zu MiB): wall p50 %.1f ms, p95 %.1f ms; CPU p50 %.1f ms"
      " -> %.1f logins/s per core\n",
      cost.operations, cost.memory_bytes >> 20, p50, p95, cpu_p50, 1000.0 / cpu_p50);
  auth->reset();
  sqlite->reset();
  (*store)->close();
  std::filesystem::remove_all(dir);
  return 0;
}
