// Moving accounts (cli/accounts_file.h) out of one store's auth tables and into another's, for
// `export --accounts` and `import --accounts`. Records go across as stored: the same ids, the
// same password and token hashes, so every password and API token keeps working.
#pragma once

#include <functional>
#include <string_view>

#include "cli/accounts_file.h"
#include "storage/auth_storage.h"
#include "util/result.h"

namespace ledgerline::cli {

// Every user's credentials and every token (sessions are left behind).
Result<Accounts> read_accounts(storage::AuthStorage& source);

// Whether `accounts` can go into `target` as they are, checked before anything is written:
// kConflict naming the first user id, email or token id (never a hash) that `target` has
// already; kInvalidArgument for a user without a user document (`has_user_document` false).
Status check_accounts_fit(const Accounts& accounts, storage::AuthStorage& target,
                          const std::function<bool(std::string_view)>& has_user_document);

// Inserts every user, then every token (one storage transaction each).
Status insert_accounts(const Accounts& accounts, storage::AuthStorage& target);

}  // namespace ledgerline::cli
