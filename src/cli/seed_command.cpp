// `ledgerline seed --data DIR | --postgres URL --customers N --products N --bills N`: makes a large
// shop for benchmarks through the shop's actions (batched, every rule checked) into an empty
// folder.
#include <chrono>
#include <iostream>

#include "app/rules.h"
#include "app/seed.h"
#include "cli/commands.h"
#include "cli/data_source.h"
#include "store/store.h"
#include "util/time.h"

namespace ledgerline::cli {
namespace {

struct SeedArguments {
  DataSource source;
  app::BulkSeedOptions options;
};

int run_seed(const SeedArguments& args) {
  auto storage = open_storage(args.source);
  if (!storage.ok()) {
    std::cerr << "ledgerline seed: " << storage.error().message << "\n";
    return 1;
  }
  auto opened = store::Store::open(std::move(*storage), shop_store_options());
  if (!opened.ok()) {
    std::cerr << "ledgerline seed: " << opened.error().message << "\n";
    return 1;
  }
  std::unique_ptr<store::Store> store = std::move(*opened);
  if (store->snapshot()->size() > 0) {
    std::cerr << "ledgerline seed: the store already has documents (seed needs an empty "
                 "one)\n";
    store->close();
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  app::Shop shop(*store);
  auto summary =
      app::seed_bulk_shop(shop, app::user_document_maker(*store), now_micros(), args.options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t documents = store->snapshot()->size();
  store->close();
  if (!summary.ok()) {
    std::cerr << "ledgerline seed: " << summary.error().message << "\n";
    return 1;
  }
  std::cout << "seeded " << summary->users.size() << " users, " << summary->products
            << " products, " << summary->bills << " bills (" << summary->actions << " actions, "
            << summary->refused << " refused by the rules; " << documents << " documents) in "
            << seconds << " s" << std::endl;
  return 0;
}

}  // namespace

void add_seed_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SeedArguments>();
  auto* sub = app.add_subcommand("seed", "Make a large shop for benchmarks (empty --data only)");
  add_data_source_options(*sub, args->source, "SQLite data folder");
  sub->add_option("--customers", args->options.customers, "Customers")->capture_default_str();
  sub->add_option("--products", args->options.products, "Products")->capture_default_str();
  sub->add_option("--bills", args->options.bills, "Bills")->capture_default_str();
  sub->add_option("--batch", args->options.batch, "Actions per transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--random-seed", args->options.random_seed, "Random seed")->capture_default_str();
  run_with_data_source(*sub, args->source, [args, &exit_code] { exit_code = run_seed(*args); });
}

}  // namespace ledgerline::cli
