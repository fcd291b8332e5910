#include "cli/accounts_transfer.h"

namespace ledgerline::cli {

Result<Accounts> read_accounts(storage::AuthStorage& source) {
  Accounts accounts;
  auto users = source.users();
  if (!users.ok()) return std::move(users).error();
  accounts.users = std::move(*users);
  auto tokens = source.tokens();
  if (!tokens.ok()) return std::move(tokens).error();
  accounts.tokens = std::move(*tokens);
  return accounts;
}

Status check_accounts_fit(const Accounts& accounts, storage::AuthStorage& target,
                          const std::function<bool(std::string_view)>& has_user_document) {
  for (const storage::UserCredentials& user : accounts.users) {
    if (!has_user_document(user.user_id)) {
      return Error::invalid("account " + user.email + " (" + user.user_id +
                            ") has no user document in the store or in the import file");
    }
    auto by_id = target.user_by_id(user.user_id);
    if (!by_id.ok()) return std::move(by_id).error();
    auto by_email = target.user_by_email(user.email);
    if (!by_email.ok()) return std::move(by_email).error();
    if (*by_id || *by_email) {
      return Error::conflict("account " + user.email + " (" + user.user_id +
                             ") exists already in the target");
    }
  }
  for (const storage::TokenRecord& token : accounts.tokens) {
    auto by_id = target.token_by_id(token.token_id);
    if (!by_id.ok()) return std::move(by_id).error();
    auto by_hash = target.token_by_hash(token.hash);
    if (!by_hash.ok()) return std::move(by_hash).error();
    if (*by_id || *by_hash) {
      return Error::conflict("token " + token.token_id + " exists already in the target");
    }
  }
  return Status::success();
}

Status insert_accounts(const Accounts& accounts, storage::AuthStorage& target) {
  for (const storage::UserCredentials& user : accounts.users) {
    if (Status s = target.insert_user(user); !s) return s;
  }
  for (const storage::TokenRecord& token : accounts.tokens) {
    if (Status s = target.insert_token(token); !s) return s;
  }
  return Status::success();
}

}  // namespace ledgerline::cli
