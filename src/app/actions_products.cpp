// Product actions: create (initial stock as a restock row), update (never stock), and stock
// changes (restock / adjustment), each with its events.
#include <fmt/format.h>

#include <cctype>

#include "app/action_support.h"
#include "app/actions.h"

namespace ledgerline::app {

using namespace detail;

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// A product must exist for every action naming it; `field` names the input that gave the id.
Result<const Value*> find_product(const Draft& draft, const std::string& id,
                                  std::string_view field) {
  const Value* product = draft.get(id);
  if (product == nullptr || product->get("_type").as_string() != "product") {
    return bad_field(field, fmt::format("names no product (\"{}\")", id));
  }
  return product;
}

}  // namespace

std::string product_id_for_sku(std::string_view sku) {
  std::string lower;
  for (char c : sku) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return fmt::format("product-{:016x}", fnv1a(lower, 14695981039346656037ULL));
}

std::string bill_id_for_key(std::string_view idempotency_key) {
  return fmt::format("bill-key-{:016x}{:016x}", fnv1a(idempotency_key, 14695981039346656037ULL),
                     fnv1a(idempotency_key, 0x9e3779b97f4a7c15ULL));
}

Result<ActionAnswer> create_product(Draft& draft, const NewProduct& input, const ActionEnv& env) {
  std::string id = product_id_for_sku(input.sku);
  if (const Value* existing = draft.get(id)) {
    return Error::conflict(
        fmt::format("SKU {} is already used by {}", input.sku, describe_product(*existing)),
        "duplicateSku");
  }
  ObjectBuilder product = new_document("product", id, env);
  product.set("name", Value::string(input.name));
  product.set("sku", Value::string(input.sku));
  product.set("category", Value::string(input.category));
  product.set("description", Value::string(input.description));
  product.set("price", Value::number(static_cast<double>(input.price)));
  product.set("currency", Value::string("USD"));
  product.set("stock", Value::number(0));
  product.set("lowStockThreshold", Value::number(static_cast<double>(input.low_stock_threshold)));
  product.set("active", Value::boolean(input.active));
  Value document = product.build();
  draft.create(document);
  write_event(draft, env, "product.created", {id},
              fmt::format("Product {} created at {}", describe_product(document),
                          format_money(input.price, "USD")));
  if (input.stock > 0) {
    Status moved = move_stock(draft, *draft.get(id),
                              StockMove{"restock", input.stock, "", "initial stock"}, env);
    if (!moved) return std::move(moved).error();
  }
  return ActionAnswer{id, true};
}

Result<ActionAnswer> update_product(Draft& draft, const ProductChanges& input, const ActionEnv&) {
  const Value* product = draft.get(input.product_id);
  if (product == nullptr || product->get("_type").as_string() != "product") {
    return Error::not_found(fmt::format("No product with id \"{}\"", input.product_id));
  }
  ObjectBuilder fields;
  if (input.name) fields.set("name", Value::string(*input.name));
  if (input.category) fields.set("category", Value::string(*input.category));
  if (input.description) fields.set("description", Value::string(*input.description));
  if (input.price) fields.set("price", Value::number(static_cast<double>(*input.price)));
  if (input.low_stock_threshold) {
    fields.set("lowStockThreshold", Value::number(static_cast<double>(*input.low_stock_threshold)));
  }
  if (input.active) fields.set("active", Value::boolean(*input.active));
  if (fields.size() > 0) draft.set(input.product_id, fields.build());
  return ActionAnswer{input.product_id, false};
}

Result<ActionAnswer> change_stock(Draft& draft, const StockChange& input, const ActionEnv& env) {
  auto product = find_product(draft, input.product_id, "productId");
  if (!product.ok()) return std::move(product).error();
  Value before = **product;
  if (input.kind == "restock" && input.delta <= 0) {
    return bad_field("delta", "must be greater than 0 for a restock");
  }
  if (input.delta == 0) return bad_field("delta", "must not be 0");
  if (input.kind == "adjustment" && integer(before.get("stock")) + input.delta < 0) {
    return Error::conflict(
        fmt::format("Not enough stock for {}: {} left, adjustment of {} would go below zero",
                    describe_product(before), integer(before.get("stock")), input.delta),
        "insufficientStock");
  }
  std::string row_id;
  Status moved =
      move_stock(draft, before, StockMove{input.kind, input.delta, "", input.reason}, env, &row_id);
  if (!moved) return std::move(moved).error();
  std::int64_t after = integer(draft.get(input.product_id)->get("stock"));
  bool restock = input.kind == "restock";
  write_event(
      draft, env, restock ? "stock.restocked" : "stock.adjusted", {input.product_id},
      fmt::format("{} {} by {}: {} → {}{}", describe_product(before),
                  restock ? "restocked" : "adjusted", input.delta, integer(before.get("stock")),
                  after, input.reason.empty() ? "" : " (" + input.reason + ")"));
  // The caller gets the product and the ledger row this change wrote.
  return ActionAnswer{input.product_id, false, {{"stockTransaction", row_id}}};
}

}  // namespace ledgerline::app
