// Schema migrations on PostgreSQL, serialised between nodes by an advisory lock.
#include "storage/postgres/pg_migrations.h"

#include <string>

namespace ledgerline::storage::postgres {
namespace {

// pg_advisory_xact_lock key serialising schema changes between nodes ("LLschema").
constexpr std::string_view kLockSql = "SELECT pg_advisory_xact_lock(5497896115902967137)";

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations(component TEXT NOT NULL, version BIGINT NOT "
    "NULL, description TEXT NOT NULL, PRIMARY KEY(component, version))";

constexpr std::string_view kVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations WHERE component = $1";

}  // namespace

Result<int> PgMigrationTarget::applied_version(std::string_view component) {
  int version = 0;
  Status s = db_.transaction("BEGIN", [&]() -> Status {
    if (Status locked = db_.exec(kLockSql); !locked) return locked;
    if (Status created = db_.exec(kCreateTable); !created) return created;
    auto row = db_.query(kVersionSql, {std::string(component)});
    if (!row.ok()) return std::move(row).error();
    version = static_cast<int>(row->integer(0, 0));
    return Status::success();
  });
  if (!s) return std::move(s).error();
  return version;
}

Status PgMigrationTarget::apply(std::string_view component, const Migration& migration) {
  return db_.transaction("BEGIN", [&]() -> Status {
    if (Status locked = db_.exec(kLockSql); !locked) return locked;
    // Another node may have applied it since applied_version(): then there is nothing to do.
    auto row = db_.query(kVersionSql, {std::string(component)});
    if (!row.ok()) return std::move(row).error();
    if (row->integer(0, 0) >= migration.version) return Status::success();
    if (Status s = db_.exec(migration.sql); !s) return s;
    auto recorded = db_.query(
        "INSERT INTO schema_migrations(component, version, description) VALUES($1, $2, $3)",
        {std::string(component), std::to_string(migration.version),
         std::string(migration.description)});
    if (!recorded.ok()) return std::move(recorded).error();
    return Status::success();
  });
}

}  // namespace ledgerline::storage::postgres
