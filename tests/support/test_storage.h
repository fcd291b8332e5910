// The storage engine the layer suites (store, realtime, auth, app, http) run on. SQLite in the
// test's folder by default; with LEDGERLINE_TEST_STORAGE=postgres, PostgreSQL on
// LEDGERLINE_TEST_POSTGRES instead: one fresh schema per folder, the same schema each time the
// folder is opened again (a reopen sees what was stored), dropped when the test process ends.
// CI runs those suites both ways (scripts/test). Options that only SQLite has (read_only) keep
// SQLite.
#pragma once

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "storage/postgres/postgres_storage.h"
#include "storage/sqlite/sqlite_storage.h"
#include "support/postgres_schema.h"

namespace ledgerline::test_support {

// True when the suites run on PostgreSQL (LEDGERLINE_TEST_STORAGE=postgres).
inline bool testing_on_postgres() {
  const char* engine = std::getenv("LEDGERLINE_TEST_STORAGE");
  return engine != nullptr && std::string_view(engine) == "postgres";
}

inline Result<std::unique_ptr<storage::Storage>> open_test_storage(
    const std::string& dir, storage::SqliteOptions options = {}) {
  if (!testing_on_postgres() || options.read_only) return storage::open_sqlite(dir, options);
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<PostgresSchema>> schemas;  // folder -> schema
  std::string url;
  {
    std::lock_guard lock(mutex);
    std::unique_ptr<PostgresSchema>& schema = schemas[dir];
    if (!schema) schema = std::make_unique<PostgresSchema>();
    url = schema->url();
  }
  return storage::open_postgres(url, {.log_retention = options.log_retention});
}

}  // namespace ledgerline::test_support
