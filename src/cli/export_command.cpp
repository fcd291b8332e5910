// `ledgerline export --data DIR | --postgres URL [--out FILE] [--accounts FILE]`: writes every
// document as NDJSON (Sanity's export format, _id order) from one consistent read snapshot,
// streamed; works beside a running server. --accounts also writes the login accounts and API
// tokens (hashes; cli/accounts_file.h) to a file of their own, mode 0600.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/accounts_transfer.h"
#include "cli/commands.h"
#include "cli/data_source.h"

namespace ledgerline::cli {
namespace {

struct ExportArguments {
  DataSource source;
  std::string out;       // empty: stdout
  std::string accounts;  // empty: no accounts file
};

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file != nullptr) std::fclose(file);
  }
};

// The accounts of the data source (read before the documents; written after them).
Result<Accounts> load_accounts(const DataSource& source, storage::Storage& storage) {
  auto auth_storage = open_auth_storage(source, storage, /*read_only=*/true);
  if (!auth_storage.ok()) return std::move(auth_storage).error();
  return read_accounts(**auth_storage);
}

int run_export(const ExportArguments& args) {
  auto storage = open_storage(args.source, /*read_only=*/true);
  if (!storage.ok()) {
    std::cerr << "ledgerline export: " << storage.error().message << "\n";
    return 1;
  }
  std::optional<Accounts> accounts;
  if (!args.accounts.empty()) {
    auto loaded = load_accounts(args.source, **storage);
    if (!loaded.ok()) {
      std::cerr << "ledgerline export: accounts: " << loaded.error().message << "\n";
      return 1;
    }
    accounts = std::move(*loaded);
  }
  // Write next to the target and rename at the end, so a failed export leaves no partial file.
  std::string temporary = args.out.empty() ? "" : args.out + ".tmp";
  std::unique_ptr<std::FILE, FileCloser> owned;
  std::FILE* out = stdout;
  if (!temporary.empty()) {
    owned.reset(std::fopen(temporary.c_str(), "wb"));
    if (!owned) {
      std::cerr << "ledgerline export: cannot write " << temporary << "\n";
      return 1;
    }
    out = owned.get();
  }
  std::size_t documents = 0;
  bool write_ok = true;
  Status scanned = (*storage)->scan_documents_json([&](std::string_view, std::string_view json) {
    write_ok = std::fwrite(json.data(), 1, json.size(), out) == json.size() &&
               std::fputc('\n', out) != EOF;
    ++documents;
    return write_ok;
  });
  write_ok = write_ok && std::fflush(out) == 0;
  if (owned) write_ok = std::fclose(owned.release()) == 0 && write_ok;
  if (!scanned.ok() || !write_ok) {
    std::cerr << "ledgerline export: " << (scanned.ok() ? "write failed" : scanned.error().message)
              << "\n";
    if (!temporary.empty()) std::filesystem::remove(temporary);
    return 1;
  }
  if (!temporary.empty()) {
    std::error_code ec;
    std::filesystem::rename(temporary, args.out, ec);
    if (ec) {
      std::cerr << "ledgerline export: cannot rename to " << args.out << ": " << ec.message()
                << "\n";
      return 1;
    }
    std::cerr << "exported " << documents << " documents to " << args.out << "\n";
  }
  if (accounts) {
    if (Status s = write_accounts_file(*accounts, args.accounts); !s) {
      std::cerr << "ledgerline export: " << s.error().message << "\n";
      return 1;
    }
    std::cerr << "exported " << accounts->users.size() << " accounts and "
              << accounts->tokens.size() << " API tokens to " << args.accounts
              << " (secret: password and token hashes)\n";
  }
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArguments>();
  auto* sub = app.add_subcommand(
      "export",
      "Export every document as NDJSON (Sanity's export format, one document per line, _id\n"
      "order) from one consistent snapshot. Safe while the server is running.");
  add_data_source_options(*sub, args->source, "SQLite data folder (must exist)");
  sub->add_option("--out", args->out, "Output file (default: standard output)");
  sub->add_option("--accounts", args->accounts,
                  "Also write login accounts and API tokens (password and token hashes: keep it "
                  "secret) to this file, mode 0600");
  run_with_data_source(*sub, args->source, [args, &exit_code] { exit_code = run_export(*args); });
}

}  // namespace ledgerline::cli
