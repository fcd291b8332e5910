// The role -> read rule table (docs/domain.md "Roles and read rules"). Each rule is a GROQ
// filter that calls identity(); it is parsed once, when the table is built, and the same
// FilterPtr is handed to every caller of that role, so the listen hub puts listeners with the
// same rule and filter into one filter group and query planning sees one shared rule.
#pragma once

#include <string_view>

#include "auth/identity.h"
#include "groq/groq.h"
#include "util/result.h"

namespace ledgerline::auth {

// What a customer may read: active products, their own bills and user document, and the shop
// events that name them.
inline constexpr std::string_view kCustomerReadRule =
    R"(*[_type == "product" && active == true || _type == "bill" && customer._ref == identity())"
    R"( || _type == "user" && _id == identity() || _type == "shopEvent" && identity() in subjects[]._ref])";

class ReadRules {
 public:
  // Parses every rule; an error here is a bug in the table.
  static Result<ReadRules> standard();

  // The rule for `identity`: null for admins (everything), the customer rule for customers,
  // kUnauthenticated for anonymous callers.
  Result<groq::FilterPtr> for_identity(const Identity& identity) const;

  const groq::FilterPtr& customer_rule() const { return customer_; }

 private:
  groq::FilterPtr customer_;
};

}  // namespace ledgerline::auth
