#include "app/rules.h"

#include <fmt/format.h>

#include "app/schema.h"

namespace ledgerline::app {

namespace {

std::string_view type_of(const store::Change& change) {
  return change.next.is_null() ? change.previous.get("_type").as_string()
                               : change.next.get("_type").as_string();
}

// Which action changes an app-owned field of a type (for the 403 message).
std::string action_for(std::string_view type, std::string_view field, std::string_view id) {
  if (type == "product" && field == "stock") {
    return "POST /api/v1/stock-adjustments (or sell it with POST /api/v1/bills)";
  }
  if (type == "bill") {
    if (field == "payments" || field == "amountPaid" || field == "status") {
      return fmt::format("POST /api/v1/bills/{}/payments or POST /api/v1/bills/{}/cancel", id, id);
    }
    if (field == "cancelledAt" || field == "cancelReason") {
      return fmt::format("POST /api/v1/bills/{}/cancel", id);
    }
  }
  return std::string(schema_for(type)->action_hint);
}

Status check_raw_change(const store::Change& change) {
  std::string_view previous_type = change.previous.get("_type").as_string();
  std::string_view next_type = change.next.get("_type").as_string();
  for (std::string_view type : {previous_type, next_type}) {
    const TypeSchema* schema = schema_for(type);
    if (schema == nullptr || !schema->created_by_actions_only) continue;
    bool retyped = previous_type != next_type;
    if (change.previous.is_null() || (retyped && type == next_type)) {
      return Error::permission_denied(fmt::format(
          "{} documents are created only by the shop's actions: use {} (document \"{}\")", type,
          schema->action_hint, change.id));
    }
    if (change.next.is_null() || retyped) {
      return Error::permission_denied(fmt::format(
          "{} \"{}\" cannot be deleted or retyped through the data API{}", type, change.id,
          type == "product" ? ": set active to false with PATCH /api/v1/products/{id}"
          : type == "bill" ? fmt::format(": cancel it with POST /api/v1/bills/{}/cancel", change.id)
                           : std::string(" (it is part of the shop's history)")));
    }
    for (const FieldSpec& field : schema->fields) {
      if (!field.app_owned) continue;
      const Value* before = change.previous.find(field.name);
      const Value* after = change.next.find(field.name);
      bool same = (before == nullptr && after == nullptr) ||
                  (before != nullptr && after != nullptr && *before == *after);
      if (!same) {
        return Error::permission_denied(
            fmt::format("{}.{} of \"{}\" is changed only by the shop's actions: use {}", type,
                        field.name, change.id, action_for(type, field.name, change.id)));
      }
    }
  }
  return Status::success();
}

Status check_unique_email(const groq::Dataset& after, const store::Change& change) {
  const Value& email = change.next.get("email");
  if (!email.is_string() || change.previous.get("email") == email) return Status::success();
  Status result;
  after.for_each_of_type("user", [&](const Value& user) {
    if (user.get("_id").as_string() != change.id && user.get("email") == email) {
      result = Error::conflict(fmt::format("email \"{}\" is already used by user \"{}\"",
                                           email.as_string(), user.get("_id").as_string()),
                               "duplicateEmail");
      return false;
    }
    return true;
  });
  return result;
}

}  // namespace

store::TransactionValidator shop_validator() {
  return [](const groq::Dataset& after, const std::vector<store::Change>& changes,
            const store::CommitOptions& options) -> Status {
    for (const store::Change& change : changes) {
      if (schema_for(type_of(change)) == nullptr &&
          schema_for(change.previous.get("_type").as_string()) == nullptr) {
        continue;
      }
      if (!options.app_action) {
        if (Status allowed = check_raw_change(change); !allowed) return allowed;
      }
      if (change.next.is_null()) continue;
      if (Status valid = validate_document(change.next); !valid) return valid;
      if (change.next.get("_type").as_string() == "user") {
        if (Status unique = check_unique_email(after, change); !unique) return unique;
      }
    }
    return Status::success();
  };
}

}  // namespace ledgerline::app
