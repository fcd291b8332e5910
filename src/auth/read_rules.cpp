#include "auth/read_rules.h"

namespace ledgerline::auth {

Result<ReadRules> ReadRules::standard() {
  Result<groq::QueryPtr> query = groq::parse(kCustomerReadRule);
  if (!query.ok()) return std::move(query).error();
  Result<groq::FilterPtr> filter = groq::make_filter(*query, Value::empty_object());
  if (!filter.ok()) return std::move(filter).error();
  ReadRules rules;
  rules.customer_ = std::move(*filter);
  return rules;
}

Result<groq::FilterPtr> ReadRules::for_identity(const Identity& identity) const {
  if (!identity.authenticated()) {
    return Error::unauthenticated("Authentication required: send a bearer token or log in");
  }
  switch (identity.role) {
    case Role::kAdmin:
      return groq::FilterPtr();
    case Role::kCustomer:
      return customer_;
    case Role::kAnonymous:
      break;
  }
  return Error::unauthenticated("Authentication required: send a bearer token or log in");
}

}  // namespace ledgerline::auth
