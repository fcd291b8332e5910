// Auth: identity and access for one server, built once by the composition root (cli/serve) over
// the auth storage and the store. It owns users, tokens, sessions, login, the role -> read rule
// table and the revocation feed, and resolves what a request presents into an Identity. The
// HTTP layer calls authenticate() once per request, before dispatch (src/http/door_keeper.h).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "auth/auth_options.h"
#include "auth/identity.h"
#include "auth/login.h"
#include "auth/read_rules.h"
#include "auth/revocation_relay.h"
#include "auth/revocations.h"
#include "auth/sessions.h"
#include "auth/tokens.h"
#include "auth/users.h"
#include "storage/auth_storage.h"
#include "store/store.h"
#include "util/result.h"

namespace ledgerline::auth {

// What a request carries, as received (headers may be absent).
struct PresentedCredentials {
  std::optional<std::string_view> authorization;  // the Authorization header
  std::optional<std::string_view> cookie;         // the Cookie header
};

class Auth {
 public:
  // `store` must outlive the Auth; the storage is owned.
  static Result<std::unique_ptr<Auth>> open(std::unique_ptr<storage::AuthStorage> storage,
                                            store::Store& store, AuthOptions options = {});

  // An Authorization header must hold a valid bearer token; otherwise a session cookie must be
  // valid; with neither the caller is anonymous (an Identity that is not authenticated).
  // kUnauthenticated when a credential is presented but not accepted.
  Result<Identity> authenticate(const PresentedCredentials& presented);

  // Use open(); public for std::make_unique.
  Auth(std::unique_ptr<storage::AuthStorage> storage, store::Store& store, AuthOptions options,
       ReadRules rules);

  Users& users() { return users_; }
  Tokens& tokens() { return tokens_; }
  Sessions& sessions() { return sessions_; }
  Login& login() { return login_; }
  const ReadRules& read_rules() const { return rules_; }
  RevocationFeed& revocations() { return revocations_; }
  const AuthOptions& options() const { return options_; }

 private:
  AuthOptions options_;
  std::unique_ptr<storage::AuthStorage> storage_;
  RevocationFeed revocations_;
  ReadRules rules_;
  Users users_;
  Tokens tokens_;
  Sessions sessions_;
  Login login_;
  RevocationRelay relay_;  // last: stops before what it feeds goes away
};

}  // namespace ledgerline::auth
