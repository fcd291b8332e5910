#include "app/schema.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "app/money.h"
#include "groq/datetime.h"

namespace ledgerline::app {

namespace {

using K = FieldKind;

constexpr std::string_view kRoles[] = {"admin", "customer"};
constexpr std::string_view kStockKinds[] = {"restock", "sale", "adjustment", "cancellation"};
constexpr std::string_view kBillStatuses[] = {"pending", "partially_paid", "paid", "cancelled"};
constexpr std::string_view kMethods[] = {"cash", "card", "bank_transfer", "other"};
constexpr std::string_view kEventKinds[] = {"bill.created",    "payment.recorded", "bill.cancelled",
                                            "stock.restocked", "stock.adjusted",   "stock.low",
                                            "stock.out",       "product.created"};

const FieldSpec kUser[] = {
    {"name", K::kText},
    {"email", K::kEmail},
    {"role", K::kEnum, true, false, kRoles},
    {"active", K::kBool},
};

const FieldSpec kProduct[] = {
    {"name", K::kText},
    {"sku", K::kText, true, true},
    {"category", K::kText},
    {"description", K::kOptionalText, false},
    {"price", K::kCount},
    {"currency", K::kCurrency, false},
    {"stock", K::kCount, true, true},
    {"lowStockThreshold", K::kCount},
    {"active", K::kBool},
};

const FieldSpec kStockTransaction[] = {
    {"product", K::kReference, true, true},    {"kind", K::kEnum, true, true, kStockKinds},
    {"quantity", K::kSignedCount, true, true}, {"stockBefore", K::kCount, true, true},
    {"stockAfter", K::kCount, true, true},     {"bill", K::kReference, false, true},
    {"reason", K::kOptionalText, false, true}, {"actor", K::kReference, false, true},
    {"at", K::kTimestamp, true, true},
};

const FieldSpec kBillItem[] = {
    {"_key", K::kText},
    {"product", K::kReference},
    {"name", K::kText},
    {"sku", K::kText},
    {"quantity", K::kPositiveCount},
    {"unitPrice", K::kCount},
    {"discountRate", K::kBasisPoints},
    {"lineTotal", K::kCount},
};

const FieldSpec kPayment[] = {
    {"_key", K::kText},
    {"amount", K::kPositiveCount},
    {"method", K::kEnum, true, false, kMethods},
    {"paidAt", K::kTimestamp},
    {"idempotencyKey", K::kText},
};

const FieldSpec kBill[] = {
    {"billNumber", K::kText, true, true},
    {"customer", K::kReference, true, true},
    {"items", K::kObjects, true, true, {}, kBillItem},
    {"subtotal", K::kCount, true, true},
    {"taxRate", K::kRate, true, true},
    {"tax", K::kCount, true, true},
    {"total", K::kCount, true, true},
    {"amountPaid", K::kCount, true, true},
    {"currency", K::kCurrency, true, true},
    {"status", K::kEnum, true, true, kBillStatuses},
    {"issuedAt", K::kTimestamp, true, true},
    {"dueDate", K::kTimestamp, true, true},
    {"payments", K::kObjects, true, true, {}, kPayment},
    {"idempotencyKey", K::kText, false, true},
    {"cancelledAt", K::kTimestamp, false, true},
    {"cancelReason", K::kOptionalText, false, true},
    {"actor", K::kReference, false, true},
};

const FieldSpec kShopEvent[] = {
    {"kind", K::kEnum, true, true, kEventKinds}, {"subjects", K::kReferences, true, true},
    {"actor", K::kReference, false, true},       {"message", K::kText, true, true},
    {"at", K::kTimestamp, true, true},
};

const FieldSpec kShopCounter[] = {
    {"lastBillNumber", K::kCount, true, true},
};

const TypeSchema kSchemas[] = {
    {"user", kUser, false, ""},
    {"product", kProduct, true, "POST /api/v1/products"},
    {"stockTransaction", kStockTransaction, true,
     "POST /api/v1/stock-adjustments, POST /api/v1/bills or POST /api/v1/bills/{id}/cancel"},
    {"bill", kBill, true, "POST /api/v1/bills"},
    {"shopEvent", kShopEvent, true, "the shop's actions (they write their own events)"},
    {"shopCounter", kShopCounter, true, "POST /api/v1/bills (it numbers bills)"},
};

bool is_integer(const Value& value, double min) {
  if (!value.is_number()) return false;
  double n = value.as_number();
  return std::isfinite(n) && std::trunc(n) == n && n >= min &&
         n <= static_cast<double>(kMaxStoredInteger);
}

bool is_reference(const Value& value) {
  return value.is_object() && value.get("_ref").is_string() && value.get("_ref").size() > 0;
}

// "" when `value` fits `spec`, otherwise what it must be.
std::string check_field(const FieldSpec& spec, const Value& value, const std::string& path);

std::string check_object(std::span<const FieldSpec> fields, const Value& object,
                         const std::string& prefix) {
  for (const FieldSpec& spec : fields) {
    std::string path = prefix + std::string(spec.name);
    const Value* value = object.find(spec.name);
    if (value == nullptr || value->is_null()) {
      if (spec.required) return path + " is required";
      continue;
    }
    std::string problem = check_field(spec, *value, path);
    if (!problem.empty()) return problem;
  }
  return "";
}

std::string check_field(const FieldSpec& spec, const Value& value, const std::string& path) {
  switch (spec.kind) {
    case K::kText:
      return value.is_string() && value.size() > 0 ? "" : path + " must be a non-empty string";
    case K::kOptionalText:
      return value.is_string() ? "" : path + " must be a string";
    case K::kEmail: {
      std::string_view email = value.as_string();
      bool lower = true;
      for (char c : email) lower = lower && !(c >= 'A' && c <= 'Z');
      bool ok = value.is_string() && lower && email.find('@') != std::string_view::npos &&
                email.find('@') == email.rfind('@') && email.front() != '@' && email.back() != '@';
      return ok ? "" : path + " must be a lower-case email address";
    }
    case K::kBool:
      return value.is_bool() ? "" : path + " must be true or false";
    case K::kCount:
      return is_integer(value, 0) ? "" : path + " must be an integer ≥ 0";
    case K::kPositiveCount:
      return is_integer(value, 1) ? "" : path + " must be an integer greater than 0";
    case K::kSignedCount:
      return is_integer(value, -static_cast<double>(kMaxStoredInteger))
                 ? ""
                 : path + " must be an integer";
    case K::kBasisPoints:
      return is_integer(value, 0) && value.as_number() <= kBasisPoints
                 ? ""
                 : path + " must be an integer between 0 and 10000 (basis points)";
    case K::kRate:
      return is_integer(value, 0) ? "" : path + " must be an integer ≥ 0 (basis points)";
    case K::kTimestamp:
      return value.is_string() && groq::parse_rfc3339(value.as_string()).has_value()
                 ? ""
                 : path + " must be an RFC 3339 timestamp";
    case K::kReference:
      return is_reference(value) ? "" : path + " must be a reference {\"_ref\": id}";
    case K::kReferences:
      if (!value.is_array()) return path + " must be an array of references";
      for (const Value& item : value.as_array()) {
        if (!is_reference(item)) return path + " must be an array of references";
      }
      return "";
    case K::kCurrency: {
      std::string_view code = value.as_string();
      bool ok = value.is_string() && code.size() == 3;
      for (char c : code) ok = ok && c >= 'A' && c <= 'Z';
      return ok ? "" : path + " must be an ISO 4217 code such as \"USD\"";
    }
    case K::kEnum:
      for (std::string_view choice : spec.choices) {
        if (value.is_string() && value.as_string() == choice) return "";
      }
      return fmt::format("{} must be one of \"{}\"", path, fmt::join(spec.choices, "\", \""));
    case K::kObjects: {
      if (!value.is_array()) return path + " must be an array";
      std::size_t index = 0;
      for (const Value& item : value.as_array()) {
        std::string item_path = fmt::format("{}[{}]", path, index++);
        if (!item.is_object()) return item_path + " must be an object";
        std::string problem = check_object(spec.items, item, item_path + ".");
        if (!problem.empty()) return problem;
      }
      return "";
    }
  }
  return path + " has an unknown kind";
}

}  // namespace

const TypeSchema* schema_for(std::string_view type) {
  for (const TypeSchema& schema : kSchemas) {
    if (schema.type == type) return &schema;
  }
  return nullptr;
}

Status validate_document(const Value& document) {
  const TypeSchema* schema = schema_for(document.get("_type").as_string());
  if (schema == nullptr) return Status::success();
  std::string problem = check_object(schema->fields, document, "");
  if (problem.empty()) return Status::success();
  return Error::invalid(
      fmt::format("{} \"{}\": {}", schema->type, document.get("_id").as_string(), problem),
      "validationError");
}

}  // namespace ledgerline::app
