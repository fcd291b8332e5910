// `ledgerline import --data DIR FILE.ndjson [--replace]`: loads a Sanity NDJSON export into the
// data folder in batched transactions, validating every line before committing anything.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/ndjson_import.h"

namespace ledgerline::cli {
namespace {

struct ImportArguments {
  std::string data_dir;
  std::string file;
  bool replace = false;
  std::size_t batch_size = 1000;
};

// Progress on a terminal: "imported 12000/306000 documents  45000 docs/s  6s left".
class ProgressLine {
 public:
  ProgressLine() : start_(std::chrono::steady_clock::now()) {}
  void update(const store::ImportProgress& progress) {
    double rate = progress.committed / std::max(seconds(), 1e-3);
    double left = rate > 0 ? (progress.total - progress.committed) / rate : 0;
    std::cerr << fmt::format("\rimported {}/{} documents  {:.0f} docs/s  {:.0f}s left   ",
                             progress.committed, progress.total, rate, left)
              << std::flush;
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

int run_import(const ImportArguments& args) {
  std::ifstream input(args.file, std::ios::binary);
  if (!input) {
    std::cerr << "ledgerline import: cannot open " << args.file << "\n";
    return 1;
  }
  auto storage = storage::open_sqlite(args.data_dir);
  if (!storage.ok()) {
    std::cerr << "ledgerline import: " << storage.error().message << "\n";
    return 1;
  }
  auto store = store::Store::open(std::move(*storage));
  if (!store.ok()) {
    std::cerr << "ledgerline import: " << store.error().message << "\n";
    return 1;
  }
  ProgressLine progress;
  bool terminal = ::isatty(STDERR_FILENO) != 0;
  store::ImportOptions options;
  options.replace = args.replace;
  options.batch_documents = args.batch_size;
  if (terminal) options.progress = [&](const store::ImportProgress& p) { progress.update(p); };
  auto summary = store::import_ndjson(**store, input, options);
  (*store)->close();
  if (terminal) std::cerr << "\n";
  if (!summary.ok()) {
    std::cerr << "ledgerline import: " << args.file << ": " << summary.error().message << "\n";
    return 1;
  }
  double seconds = progress.seconds();
  std::cerr << fmt::format(
      "imported {} documents ({} created, {} replaced) in {} transactions, {:.1f}s ({:.0f} "
      "docs/s)\n",
      summary->documents, summary->created, summary->replaced, summary->transactions, seconds,
      summary->documents / std::max(seconds, 1e-3));
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ImportArguments>();
  auto* sub = app.add_subcommand(
      "import",
      "Import a Sanity NDJSON export (one document per line) into the data folder.\n"
      "Every line is validated before anything is written; a bad line names its line number\n"
      "and nothing is imported. Documents keep the _id, _rev, _createdAt and _updatedAt they\n"
      "carry (missing ones are generated). Without --replace the import fails, writing\n"
      "nothing, if any _id already exists; with --replace existing documents are overwritten.\n"
      "Runs against a stopped server (the data folder is locked while serving).");
  sub->add_option("--data", args->data_dir, "Data folder (created when missing)")->required();
  sub->add_option("file", args->file, "NDJSON file to import")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_flag("--replace", args->replace, "Overwrite documents whose _id already exists");
  sub->add_option("--batch-size", args->batch_size, "Documents per transaction (default 1000)")
      ->check(CLI::Range(1, 1000000));
  sub->callback([args, &exit_code] { exit_code = run_import(*args); });
}

}  // namespace ledgerline::cli
