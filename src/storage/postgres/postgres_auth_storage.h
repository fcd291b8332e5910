// AuthStorage on PostgreSQL: the auth_* tables beside the documents, on a small pool of
// connections of their own (every request authenticates), schema kept by storage/migrations.h
// with the same migrations and `schema_migrations` table as the SQLite engine.
#pragma once

#include <memory>
#include <string>

#include "storage/auth_storage.h"
#include "util/result.h"

namespace ledgerline::storage {

// Connects to `url` and migrates the auth tables to this build's version. Errors as
// open_postgres.
Result<std::unique_ptr<AuthStorage>> open_postgres_auth_storage(const std::string& url);

}  // namespace ledgerline::storage
