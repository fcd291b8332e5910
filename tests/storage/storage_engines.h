// The storage engines the contract tests run against, by name: "sqlite" (a temp folder) and
// "postgres" (a fresh schema on LEDGERLINE_TEST_POSTGRES; skipped when that is unset). Each
// engine opens the same place every time, so a test can close and reopen it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "storage/postgres/postgres_storage.h"
#include "storage/sqlite/sqlite_storage.h"
#include "support/postgres_schema.h"
#include "support/temp_dir.h"

namespace ledgerline::storage::testing {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual Result<std::unique_ptr<Storage>> open(std::uint64_t log_retention) = 0;
};

class SqliteEngine final : public Engine {
 public:
  Result<std::unique_ptr<Storage>> open(std::uint64_t log_retention) override {
    return open_sqlite(dir_.path(), SqliteOptions{.log_retention = log_retention});
  }

 private:
  test_support::TempDir dir_{"ll-storage"};
};

class PostgresEngine final : public Engine {
 public:
  Result<std::unique_ptr<Storage>> open(std::uint64_t log_retention) override {
    // Small pages, so scans and loads cross page boundaries in every test.
    return open_postgres(schema_.url(),
                         PostgresOptions{.log_retention = log_retention, .page_rows = 2});
  }

 private:
  test_support::PostgresSchema schema_;
};

inline std::string engine_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

// The engine called `name`, or nullptr after GTEST_SKIP-worthy `skip` is set.
inline std::unique_ptr<Engine> make_engine(const std::string& name, std::string& skip) {
  if (name == "sqlite") return std::make_unique<SqliteEngine>();
  if (test_support::PostgresSchema::server_url().empty()) {
    skip = test_support::PostgresSchema::kSkipMessage;
    return nullptr;
  }
  return std::make_unique<PostgresEngine>();
}

}  // namespace ledgerline::storage::testing
