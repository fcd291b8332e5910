// storage/migrations.h on PostgreSQL: versions recorded in `schema_migrations` (as on SQLite),
// each migration in one transaction under an advisory lock, so nodes opening the same database
// at once apply each migration exactly once. Also the documents/log schema as migrations.
#pragma once

#include <array>

#include "storage/migrations.h"
#include "storage/postgres/pg_connection.h"

namespace ledgerline::storage::postgres {

// Documents keep their JSON as text, byte for byte what the store wrote (scan_documents_json
// returns it as SQLite does); ids and the log's order compare bytewise (COLLATE "C"), like
// SQLite's BINARY collation. The log is keyed by position and indexed by transaction id.
inline constexpr std::array<Migration, 1> kDocumentMigrations{{
    {1, "documents and log",
     R"sql(
CREATE TABLE documents(id TEXT COLLATE "C" PRIMARY KEY NOT NULL, json TEXT NOT NULL);
CREATE TABLE log(position BIGINT PRIMARY KEY, transaction_id TEXT NOT NULL,
  timestamp TEXT NOT NULL, identity TEXT NOT NULL, writes TEXT NOT NULL);
CREATE INDEX log_transaction_id ON log(transaction_id);
)sql"},
}};

class PgMigrationTarget final : public MigrationTarget {
 public:
  explicit PgMigrationTarget(Connection& db) : db_(db) {}
  Result<int> applied_version(std::string_view component) override;
  Status apply(std::string_view component, const Migration& migration) override;

 private:
  Connection& db_;
};

}  // namespace ledgerline::storage::postgres
