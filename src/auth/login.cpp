#include "auth/login.h"

#include <algorithm>

#include "auth/secrets.h"

namespace ledgerline::auth {
namespace {

Error login_refused() {
  return Error::unauthenticated("Wrong email or password", "invalidCredentials");
}

Error too_many(std::chrono::seconds retry_after) {
  return Error::too_many_requests("Too many failed logins; try again in " +
                                  std::to_string(retry_after.count()) + " s")
      .with_details(Value::object(
          {{Key::intern("retryAfter"), Value::number(static_cast<double>(retry_after.count()))}}));
}

}  // namespace

Login::Login(storage::AuthStorage& storage, Users& users, Sessions& sessions,
             const AuthOptions& options)
    : storage_(storage),
      users_(users),
      sessions_(sessions),
      options_(options),
      per_account_(options.login_per_account, options.now_ms),
      per_address_(options.login_per_address, options.now_ms) {}

const std::string& Login::dummy_hash() {
  std::call_once(dummy_once_, [this] {
    Result<std::string> hash = hash_password(random_secret(), options_.password_cost);
    dummy_hash_ = hash.ok() ? *hash : std::string();
  });
  return dummy_hash_;
}

Result<LoginOutcome> Login::login(const LoginRequest& request, const std::string& client_address) {
  std::string account_key = "account:" + request.email;
  std::string address_key = "address:" + client_address;
  std::optional<std::chrono::seconds> wait = per_account_.blocked(account_key);
  if (auto address_wait = per_address_.blocked(address_key)) {
    wait = std::max(wait.value_or(std::chrono::seconds(0)), *address_wait);
  }
  if (wait) return too_many(*wait);

  auto user = storage_.user_by_email(request.email);
  if (!user.ok()) return std::move(user).error();
  // Always one verification of the same cost, so the time does not tell whether the account
  // exists.
  const std::string& hash = *user ? (*user)->password_hash : dummy_hash();
  bool password_ok = verify_password(request.password, hash);
  if (!*user || !password_ok || !(*user)->active) {
    per_account_.record_failure(account_key);
    per_address_.record_failure(address_key);
    return login_refused();
  }
  per_account_.forget(account_key);
  if (password_needs_rehash(hash, options_.password_cost)) {
    Result<std::string> rehashed = hash_password(request.password, options_.password_cost);
    if (rehashed.ok()) (void)users_.store_password_hash(**user, std::move(*rehashed));
  }
  Result<Value> document = users_.document((*user)->user_id);
  if (!document.ok()) return std::move(document).error();
  Result<OpenedSession> session = sessions_.open(**user);
  if (!session.ok()) return std::move(session).error();
  return LoginOutcome{std::move(*document), std::move(*session)};
}

}  // namespace ledgerline::auth
