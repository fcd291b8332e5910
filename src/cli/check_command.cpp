// `ledgerline check --data DIR | --postgres URL`: loads the documents (read-only, works beside
// a running server) and recomputes every shop invariant (app/check.h); prints each breach, exit 1
// on any.
#include <iostream>

#include "app/check.h"
#include "cli/commands.h"
#include "cli/data_source.h"
#include "store/store.h"

namespace ledgerline::cli {
namespace {

int run_check(const DataSource& source) {
  auto storage = open_storage(source, /*read_only=*/true);
  if (!storage.ok()) {
    std::cerr << "ledgerline check: " << storage.error().message << "\n";
    return 2;
  }
  auto store = store::Store::open(std::move(*storage));
  if (!store.ok()) {
    std::cerr << "ledgerline check: " << store.error().message << "\n";
    return 2;
  }
  store::SnapshotPtr snapshot = (*store)->snapshot();
  std::vector<std::string> breaches = app::check_shop(*snapshot);
  (*store)->close();
  for (const std::string& breach : breaches) std::cout << "breach: " << breach << "\n";
  std::cout << "checked " << snapshot->size() << " documents: "
            << (breaches.empty() ? "no breach" : std::to_string(breaches.size()) + " breach(es)")
            << std::endl;
  return breaches.empty() ? 0 : 1;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto source = std::make_shared<DataSource>();
  auto* sub = app.add_subcommand("check", "Recompute every shop invariant; exit 1 on any breach");
  add_data_source_options(*sub, *source, "SQLite data folder");
  run_with_data_source(*sub, *source, [source, &exit_code] { exit_code = run_check(*source); });
}

}  // namespace ledgerline::cli
