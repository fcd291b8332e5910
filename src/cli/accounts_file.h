// The accounts file of `export --accounts` / `import --accounts`: a store's login accounts
// (credentials with their argon2id password hashes) and API tokens (their hashes) as one JSON
// object, to move a shop between storage engines with its logins. Secret-bearing: written with
// mode 0600 under a temporary name, renamed when complete, and never printed. Web sessions are
// not carried (people log in again after a move).
//
//   {"format":"ledgerline-accounts","version":1,
//    "users":[{"id","email","role","active","passwordHash","createdMs"}, ...],
//    "tokens":[{"id","userId","label","hash","createdMs","lastUsedMs","revoked"}, ...]}
#pragma once

#include <string>
#include <vector>

#include "storage/auth_storage.h"
#include "util/result.h"

namespace ledgerline::cli {

struct Accounts {
  std::vector<storage::UserCredentials> users;
  std::vector<storage::TokenRecord> tokens;
};

// Writes `accounts` to `path` (mode 0600; a failure leaves no file at `path`).
Status write_accounts_file(const Accounts& accounts, const std::string& path);

// Reads and validates the whole file: kInvalidArgument naming the entry and field ("users[2]
// .email: ...") for bad JSON, a wrong format or version, a missing, mistyped or unknown field,
// a malformed email, role or hash, a duplicate id, email or hash, or a token of an unknown user.
Result<Accounts> read_accounts_file(const std::string& path);

}  // namespace ledgerline::cli
