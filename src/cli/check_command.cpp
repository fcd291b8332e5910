// `ledgerline check --data DIR`: loads the documents (read-only, works beside a running
// server) and recomputes every shop invariant (app/check.h); prints each breach, exit 1 on any.
#include <iostream>

#include "app/check.h"
#include "cli/commands.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"

namespace ledgerline::cli {
namespace {

int run_check(const std::string& data_dir) {
  storage::SqliteOptions options;
  options.read_only = true;
  auto storage = storage::open_sqlite(data_dir, options);
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
  auto data_dir = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("check", "Recompute every shop invariant; exit 1 on any breach");
  sub->add_option("--data", *data_dir, "Data folder (SQLite database)")->required();
  sub->callback([data_dir, &exit_code] { exit_code = run_check(*data_dir); });
}

}  // namespace ledgerline::cli
