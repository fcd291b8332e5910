// The embedded storage engine: one SQLite database `DIR/ledgerline.db` in WAL mode with
// synchronous=FULL (an acknowledged commit survives power loss). Tables: documents (id, json)
// and log (position, transaction id, timestamp, identity, JSON of the writes). Neither table
// has a SQLite index on an id: the engine keeps document id -> rowid (DocumentRows) and
// transaction id -> position (TransactionIdIndex) in memory, so writes append instead of
// dirtying random index pages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::storage {

struct SqliteOptions {
  // Log records kept after each persist (older ones are deleted); at least 1.
  std::uint64_t log_retention = 100000;
  // Read-only: never creates or writes, and takes no lock (export beside a running server).
  bool read_only = false;
  // WAL frames after which a background checkpoint runs (the WAL stays under ~10x this).
  int checkpoint_frames = 1000;
};

// Opens (creating DIR and the database when missing) the SQLite engine in `dir`. A writable
// open takes an exclusive lock on DIR/ledgerline.lock: a second writer process gets
// kUnavailable ("data directory ... is in use"). Errors: kInvalidArgument (bad dir),
// kInternal (SQLite failure), kNotFound (read_only and no database).
Result<std::unique_ptr<Storage>> open_sqlite(const std::string& dir, SqliteOptions options = {});

}  // namespace ledgerline::storage
