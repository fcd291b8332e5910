// Where a command's data lives: the SQLite data folder (--data DIR) or a PostgreSQL database
// (--postgres URL, or env LEDGERLINE_POSTGRES). The one place that picks the storage engine:
// every command that opens data adds its options with add_data_source_options() and opens it
// with open_storage() / open_auth_storage().
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "storage/auth_storage.h"
#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::cli {

struct DataSource {
  std::string data_dir;  // SQLite: the data folder
  std::string
      postgres_url;  // PostgreSQL: the connection URL (never printed: it may hold a password)
  bool postgres() const { return !postgres_url.empty(); }
};

// Adds --data (described by `data_help`) and --postgres to `command`; they exclude each other.
void add_data_source_options(CLI::App& command, DataSource& source, const std::string& data_help);

// Makes `run` the callback of `command`, behind a check that --data or --postgres was given
// (without either: CLI::RequiredError, which run() prints before exiting 2).
void run_with_data_source(CLI::App& command, const DataSource& source, std::function<void()> run);

// `read_only`: SQLite opens the folder without writing or locking (beside a running server);
// PostgreSQL reads through its own connection either way.
Result<std::unique_ptr<storage::Storage>> open_storage(const DataSource& source,
                                                       bool read_only = false);

// The auth part of `storage` (opened from `source`); works on a read-only SQLite open too, for
// reading accounts beside a running server.
Result<std::unique_ptr<storage::AuthStorage>> open_auth_storage(const DataSource& source,
                                                                storage::Storage& storage,
                                                                bool read_only = false);

}  // namespace ledgerline::cli
