// The auth tables' schema as migrations (storage/migrations.h). The SQL sticks to what SQLite and
// PostgreSQL both accept (TEXT, BIGINT, UNIQUE), so both engines apply the same list.
#pragma once

#include <array>

#include "storage/migrations.h"

namespace ledgerline::storage {

inline constexpr std::array<Migration, 1> kAuthMigrations{{
    {1, "users, tokens and sessions",
     R"sql(
CREATE TABLE auth_users(user_id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL, active BIGINT NOT NULL, password_hash TEXT NOT NULL,
  created_ms BIGINT NOT NULL);
CREATE TABLE auth_tokens(token_id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL,
  label TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL,
  last_used_ms BIGINT NOT NULL, revoked BIGINT NOT NULL);
CREATE TABLE auth_sessions(session_id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL,
  revoked BIGINT NOT NULL);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);
)sql"},
}};

}  // namespace ledgerline::storage
