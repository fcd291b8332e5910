#include "auth/identity.h"

namespace ledgerline::auth {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kCustomer:
      return "customer";
    case Role::kAnonymous:
      break;
  }
  return "anonymous";
}

std::optional<Role> parse_user_role(std::string_view text) {
  if (text == "admin") return Role::kAdmin;
  if (text == "customer") return Role::kCustomer;
  return std::nullopt;
}

}  // namespace ledgerline::auth
