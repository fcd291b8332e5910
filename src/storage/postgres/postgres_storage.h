// The PostgreSQL storage engine, for several Ledgerline nodes on one database: tables
// documents (id, json text) and log (position, transaction id, timestamp, identity, JSON of the
// writes), created and migrated on open (pg_migrations.h). Commits are durable
// (synchronous_commit=on) and serialised between nodes by an advisory writer lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::storage {

struct PostgresOptions {
  // Log records kept after each persist (older ones are deleted); at least 1.
  std::uint64_t log_retention = 100000;
  // Rows fetched per round trip by load_documents and scan_documents_json (keyset pages).
  std::size_t page_rows = 4096;
};

// Connects to `url` (postgresql://user:password@host:port/db?...) and migrates the schema.
// Errors: kUnavailable (server unreachable or login refused; the message never shows the
// password), kInternal (SQL failure, or a schema newer than this build).
Result<std::unique_ptr<Storage>> open_postgres(const std::string& url,
                                               PostgresOptions options = {});

}  // namespace ledgerline::storage
