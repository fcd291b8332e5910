#include "app/input.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <set>

#include "app/action_support.h"
#include "groq/datetime.h"

namespace ledgerline::app {

namespace {

using detail::bad_field;

// Reads the members of one JSON object; finish() refuses members nobody asked for.
class Reader {
 public:
  Reader(const Value& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  Status check_object() const {
    if (object_.is_object()) return Status::success();
    return prefix_.empty()
               ? Error::invalid("The request body must be a JSON object", "validationError")
               : bad_field(prefix_.substr(0, prefix_.size() - 1), "must be an object");
  }
  std::string field(std::string_view name) const { return prefix_ + std::string(name); }

  // nullptr when absent (or null).
  const Value* take(std::string_view name) {
    known_.insert(std::string(name));
    const Value* value = object_.find(name);
    return value == nullptr || value->is_null() ? nullptr : value;
  }

  Status text(std::string_view name, std::string& out, bool required, std::size_t max_length,
              bool allow_empty = false) {
    const Value* value = take(name);
    if (value == nullptr) return required ? missing(name) : Status::success();
    if (!value->is_string()) return bad_field(field(name), "must be a string");
    if (value->size() > max_length) {
      return bad_field(field(name), fmt::format("must be at most {} characters", max_length));
    }
    if (!allow_empty && value->size() == 0) return bad_field(field(name), "must not be empty");
    out = std::string(value->as_string());
    return Status::success();
  }

  Status integer(std::string_view name, std::int64_t& out, bool required, std::int64_t min,
                 std::int64_t max) {
    const Value* value = take(name);
    if (value == nullptr) return required ? missing(name) : Status::success();
    if (!value->is_number()) return bad_field(field(name), "must be a number");
    double n = value->as_number();
    if (!std::isfinite(n) || std::trunc(n) != n) {
      return bad_field(field(name), "must be a whole number");
    }
    if (n < static_cast<double>(min) || n > static_cast<double>(max)) {
      return bad_field(field(name), fmt::format("must be between {} and {}", min, max));
    }
    out = static_cast<std::int64_t>(n);
    return Status::success();
  }

  Status boolean(std::string_view name, bool& out, bool required) {
    const Value* value = take(name);
    if (value == nullptr) return required ? missing(name) : Status::success();
    if (!value->is_bool()) return bad_field(field(name), "must be true or false");
    out = value->as_bool();
    return Status::success();
  }

  Status choice(std::string_view name, std::string& out, bool required,
                std::initializer_list<std::string_view> choices) {
    std::string given;
    if (Status read = text(name, given, required, 64); !read) return read;
    if (given.empty()) return Status::success();
    for (std::string_view choice : choices) {
      if (given == choice) {
        out = given;
        return Status::success();
      }
    }
    return bad_field(field(name),
                     fmt::format("must be one of \"{}\"", fmt::join(choices, "\", \"")));
  }

  Status finish() const {
    for (const Member& member : object_.as_object()) {
      if (known_.count(std::string(member.key.str())) == 0) {
        return bad_field(field(member.key.str()), "is not a known field");
      }
    }
    return Status::success();
  }

 private:
  Status missing(std::string_view name) const { return bad_field(field(name), "is required"); }

  const Value& object_;
  std::string prefix_;
  std::set<std::string> known_;
};

#define LL_TRY(expression)                         \
  do {                                             \
    if (Status status_ = (expression); !status_) { \
      return std::move(status_).error();           \
    }                                              \
  } while (false)

constexpr std::int64_t kMax = kMaxStoredInteger;

Status id_field(Reader& reader, std::string_view name, std::string& out) {
  return reader.text(name, out, true, 128);
}

}  // namespace

Result<NewProduct> parse_new_product(const Value& body) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  NewProduct input;
  LL_TRY(reader.text("name", input.name, true, kMaxNameLength));
  LL_TRY(reader.text("sku", input.sku, true, 64));
  LL_TRY(reader.text("category", input.category, true, kMaxNameLength));
  LL_TRY(reader.text("description", input.description, false, kMaxTextLength, true));
  LL_TRY(reader.integer("price", input.price, true, 0, kMax));
  LL_TRY(reader.integer("stock", input.stock, true, 0, kMax));
  LL_TRY(reader.integer("lowStockThreshold", input.low_stock_threshold, true, 0, kMax));
  LL_TRY(reader.boolean("active", input.active, true));
  LL_TRY(reader.finish());
  return input;
}

Result<ProductChanges> parse_product_changes(const Value& body, std::string product_id) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  ProductChanges input{std::move(product_id)};
  std::string text;
  if (reader.take("name") != nullptr) {
    LL_TRY(reader.text("name", text, true, kMaxNameLength));
    input.name = text;
  }
  if (reader.take("category") != nullptr) {
    LL_TRY(reader.text("category", text, true, kMaxNameLength));
    input.category = text;
  }
  if (reader.take("description") != nullptr) {
    text.clear();
    LL_TRY(reader.text("description", text, true, kMaxTextLength, true));
    input.description = text;
  }
  std::int64_t number = 0;
  if (reader.take("price") != nullptr) {
    LL_TRY(reader.integer("price", number, true, 0, kMax));
    input.price = number;
  }
  if (reader.take("lowStockThreshold") != nullptr) {
    LL_TRY(reader.integer("lowStockThreshold", number, true, 0, kMax));
    input.low_stock_threshold = number;
  }
  if (reader.take("active") != nullptr) {
    bool active = false;
    LL_TRY(reader.boolean("active", active, true));
    input.active = active;
  }
  if (body.find("stock") != nullptr) {
    return bad_field("stock",
                     "cannot be changed here: use POST /api/v1/stock-adjustments to restock or "
                     "adjust");
  }
  LL_TRY(reader.finish());
  return input;
}

Result<StockChange> parse_stock_change(const Value& body) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  StockChange input;
  LL_TRY(id_field(reader, "productId", input.product_id));
  LL_TRY(reader.integer("delta", input.delta, true, -kMax, kMax));
  LL_TRY(reader.choice("kind", input.kind, true, {"restock", "adjustment"}));
  LL_TRY(reader.text("reason", input.reason, input.kind == "adjustment", kMaxTextLength));
  LL_TRY(reader.finish());
  if (input.delta == 0) return bad_field("delta", "must not be 0");
  if (input.kind == "restock" && input.delta < 0) {
    return bad_field("delta", "must be greater than 0 for a restock");
  }
  return input;
}

Result<NewBill> parse_new_bill(const Value& body) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  NewBill input;
  LL_TRY(id_field(reader, "customerId", input.customer_id));
  const Value* items = reader.take("items");
  if (items == nullptr) return bad_field("items", "is required");
  if (!items->is_array()) return bad_field("items", "must be an array");
  if (items->size() == 0) return bad_field("items", "must have at least one line");
  if (items->size() > kMaxBillLines) {
    return bad_field("items", fmt::format("must have at most {} lines", kMaxBillLines));
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    Reader line_reader(items->as_array()[i], fmt::format("items[{}].", i));
    LL_TRY(line_reader.check_object());
    BillLine line;
    LL_TRY(id_field(line_reader, "productId", line.product_id));
    LL_TRY(line_reader.integer("quantity", line.quantity, true, 1, kMax));
    LL_TRY(line_reader.integer("discountRate", line.discount_rate, false, 0, kBasisPoints));
    LL_TRY(line_reader.finish());
    input.lines.push_back(std::move(line));
  }
  std::string due;
  LL_TRY(reader.text("dueDate", due, false, 64));
  if (!due.empty()) {
    auto millis = groq::parse_rfc3339(due);
    if (!millis) return bad_field("dueDate", "must be an RFC 3339 timestamp");
    input.due_micros = static_cast<std::int64_t>(*millis) * 1000;
  }
  LL_TRY(reader.integer("taxRate", input.tax_rate, false, 0, kBasisPoints));
  LL_TRY(reader.text("idempotencyKey", input.idempotency_key, false, 200));
  LL_TRY(reader.finish());
  return input;
}

Result<NewPayment> parse_new_payment(const Value& body, std::string bill_id) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  NewPayment input{std::move(bill_id)};
  LL_TRY(reader.integer("amount", input.amount, true, 1, kMax));
  LL_TRY(reader.choice("method", input.method, false, {"cash", "card", "bank_transfer", "other"}));
  LL_TRY(reader.text("idempotencyKey", input.idempotency_key, true, 200));
  LL_TRY(reader.finish());
  return input;
}

Result<Cancellation> parse_cancellation(const Value& body, std::string bill_id) {
  Reader reader(body, "");
  LL_TRY(reader.check_object());
  Cancellation input{std::move(bill_id)};
  LL_TRY(reader.text("reason", input.reason, false, kMaxTextLength, true));
  LL_TRY(reader.finish());
  return input;
}

}  // namespace ledgerline::app
