// `ledgerline export --data DIR [--out FILE]`: writes every document as NDJSON (Sanity's export
// format, _id order) from one consistent read snapshot, streamed; works beside a running server.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "storage/sqlite/sqlite_storage.h"

namespace ledgerline::cli {
namespace {

struct ExportArguments {
  std::string data_dir;
  std::string out;  // empty: stdout
};

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file != nullptr) std::fclose(file);
  }
};

int run_export(const ExportArguments& args) {
  storage::SqliteOptions options;
  options.read_only = true;
  auto storage = storage::open_sqlite(args.data_dir, options);
  if (!storage.ok()) {
    std::cerr << "ledgerline export: " << storage.error().message << "\n";
    return 1;
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
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArguments>();
  auto* sub = app.add_subcommand(
      "export",
      "Export every document as NDJSON (Sanity's export format, one document per line, _id\n"
      "order) from one consistent snapshot. Safe while the server is running.");
  sub->add_option("--data", args->data_dir, "Data folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  sub->add_option("--out", args->out, "Output file (default: standard output)");
  sub->callback([args, &exit_code] { exit_code = run_export(*args); });
}

}  // namespace ledgerline::cli
