// Who is calling: the identity every request carries once the door keeper (src/http/door_keeper.h)
// has resolved its session cookie or bearer token. The read rule and the write rights of a
// request are derived from this one value (see docs/security.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ledgerline::auth {

enum class Role { kAnonymous, kCustomer, kAdmin };

// "admin" | "customer" | "anonymous".
std::string_view role_name(Role role);
// Parses "admin" or "customer" (the roles a user can have); nullopt otherwise.
std::optional<Role> parse_user_role(std::string_view text);

// How the caller proved who it is.
enum class CredentialKind { kNone, kToken, kSession };

struct Identity {
  std::string user_id;  // "" when anonymous; the `_id` of the user's document otherwise
  Role role = Role::kAnonymous;
  CredentialKind credential = CredentialKind::kNone;
  std::string credential_id;  // the token's or session's id (never its secret)

  bool authenticated() const { return !user_id.empty(); }
  bool is_admin() const { return role == Role::kAdmin; }
};

}  // namespace ledgerline::auth
