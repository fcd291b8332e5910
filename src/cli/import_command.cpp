// `ledgerline import --data DIR | --postgres URL FILE.ndjson [--replace] [--accounts FILE]`: loads
// a Sanity NDJSON export in batched transactions, validating every line before committing
// anything; --accounts also loads login accounts and API tokens written by `export --accounts`
// (cli/accounts_file.h), validated and checked against the target before anything is written.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "cli/accounts_transfer.h"
#include "cli/commands.h"
#include "cli/data_source.h"
#include "store/ndjson_import.h"
#include "util/json.h"

namespace ledgerline::cli {
namespace {

struct ImportArguments {
  DataSource source;
  std::string file;
  std::string accounts;  // empty: no accounts file
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

int fail(const std::string& message) {
  std::cerr << "ledgerline import: " << message << "\n";
  return 1;
}

// The _id of every line of the NDJSON file that has one (bad lines are import_ndjson's to report).
std::set<std::string> document_ids(const std::string& file) {
  std::set<std::string> ids;
  std::ifstream input(file, std::ios::binary);
  std::string line;
  while (std::getline(input, line)) {
    Result<Value> document = parse_json(line);
    if (document.ok() && document->get("_id").is_string()) {
      ids.emplace(document->get("_id").as_string());
    }
  }
  return ids;
}

// Checks before anything is written that the accounts fit: none exists in the target yet, and
// each has its user document in the store already or in the file being imported.
Status check_accounts(const Accounts& accounts, storage::AuthStorage& target, store::Store& store,
                      const std::string& file) {
  std::set<std::string> ids = document_ids(file);
  store::SnapshotPtr snapshot = store.snapshot();
  return check_accounts_fit(accounts, target, [&](std::string_view id) {
    return ids.contains(std::string(id)) || snapshot->get(id) != nullptr;
  });
}

int run_import(const ImportArguments& args) {
  std::ifstream input(args.file, std::ios::binary);
  if (!input) return fail("cannot open " + args.file);
  std::optional<Accounts> accounts;
  if (!args.accounts.empty()) {
    auto read = read_accounts_file(args.accounts);
    if (!read.ok()) return fail(read.error().message);
    accounts = std::move(*read);
  }
  auto storage = open_storage(args.source);
  if (!storage.ok()) return fail(storage.error().message);
  std::unique_ptr<storage::AuthStorage> auth_storage;
  if (accounts) {
    auto opened = open_auth_storage(args.source, **storage);
    if (!opened.ok()) return fail(opened.error().message);
    auth_storage = std::move(*opened);
  }
  auto store = store::Store::open(std::move(*storage));
  if (!store.ok()) return fail(store.error().message);
  if (accounts) {
    if (Status s = check_accounts(*accounts, *auth_storage, **store, args.file); !s) {
      (*store)->close();
      return fail(args.accounts + ": " + s.error().message);
    }
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
  if (!summary.ok()) return fail(args.file + ": " + summary.error().message);
  double seconds = progress.seconds();
  std::cerr << fmt::format(
      "imported {} documents ({} created, {} replaced) in {} transactions, {:.1f}s ({:.0f} "
      "docs/s)\n",
      summary->documents, summary->created, summary->replaced, summary->transactions, seconds,
      summary->documents / std::max(seconds, 1e-3));
  if (accounts) {
    if (Status s = insert_accounts(*accounts, *auth_storage); !s) {
      return fail("the documents are in; the accounts failed: " + s.error().message);
    }
    std::cerr << "imported " << accounts->users.size() << " accounts and "
              << accounts->tokens.size() << " API tokens\n";
  }
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
  add_data_source_options(*sub, args->source, "SQLite data folder (created when missing)");
  sub->add_option("file", args->file, "NDJSON file to import")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_flag("--replace", args->replace, "Overwrite documents whose _id already exists");
  sub->add_option("--batch-size", args->batch_size, "Documents per transaction (default 1000)")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--accounts", args->accounts,
                  "Also load login accounts and API tokens from this file (written by export "
                  "--accounts); refused, writing nothing, if any exists already")
      ->check(CLI::ExistingFile);
  run_with_data_source(*sub, args->source, [args, &exit_code] { exit_code = run_import(*args); });
}

}  // namespace ledgerline::cli
