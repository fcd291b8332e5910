#include "auth/auth.h"

#include "auth/credential_parsing.h"
#include "auth/secrets.h"

namespace ledgerline::auth {

Result<std::unique_ptr<Auth>> Auth::open(std::unique_ptr<storage::AuthStorage> storage,
                                         store::Store& store, AuthOptions options) {
  if (!crypto_ready()) return Error::internal("libsodium could not be initialised");
  if (storage == nullptr) return Error::internal("no auth storage");
  Result<ReadRules> rules = ReadRules::standard();
  if (!rules.ok()) return std::move(rules).error();
  return std::make_unique<Auth>(std::move(storage), store, std::move(options), std::move(*rules));
}

Auth::Auth(std::unique_ptr<storage::AuthStorage> storage, store::Store& store, AuthOptions options,
           ReadRules rules)
    : options_(std::move(options)),
      storage_(std::move(storage)),
      rules_(std::move(rules)),
      users_(*storage_, store, options_, revocations_),
      tokens_(*storage_, options_, revocations_),
      sessions_(*storage_, options_, revocations_),
      login_(*storage_, users_, sessions_, options_),
      relay_(*storage_, revocations_) {}

Result<Identity> Auth::authenticate(const PresentedCredentials& presented) {
  if (presented.authorization) {
    std::optional<std::string_view> token = bearer_token(*presented.authorization);
    if (!token) {
      return Error::unauthenticated(
          "The Authorization header must be \"Bearer TOKEN\" with an API token");
    }
    return tokens_.authenticate(*token);
  }
  if (presented.cookie) {
    if (std::optional<std::string_view> secret = cookie_value(*presented.cookie)) {
      return sessions_.authenticate(*secret);
    }
  }
  return Identity{};
}

}  // namespace ledgerline::auth
