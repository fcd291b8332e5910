// AuthStorage on SQLite: the auth_* tables inside the data folder's ledgerline.db, on a
// connection of their own (WAL lets it run beside the document writer), schema kept by
// storage/migrations.h with the versions recorded in the `schema_migrations` table.
#pragma once

#include <memory>
#include <string>

#include "storage/auth_storage.h"
#include "util/result.h"

namespace ledgerline::storage {

// Opens `database` (a ledgerline.db path) and migrates the auth tables to this build's version.
Result<std::unique_ptr<AuthStorage>> open_sqlite_auth_storage(const std::string& database);

}  // namespace ledgerline::storage
