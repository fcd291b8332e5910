// Helpers shared by the action files (internal to src/app): references, ids, the stock ledger
// row + low/out events every stock change writes, and shopEvent documents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actions.h"

namespace ledgerline::app::detail {

Value reference(std::string_view id);
std::string timestamp(std::int64_t micros);
// A new document's common members: _id, _type, and _createdAt when env.backdate.
ObjectBuilder new_document(std::string_view type, std::string id, const ActionEnv& env);
std::int64_t integer(const Value& value);  // a stored integer field (0 when absent)

// Writes a shopEvent.
void write_event(Draft& draft, const ActionEnv& env, std::string_view kind,
                 std::vector<std::string> subjects, std::string message);

struct StockMove {
  std::string kind;     // "restock" | "sale" | "adjustment" | "cancellation"
  std::int64_t delta;   // signed
  std::string bill_id;  // "" when none
  std::string reason;
};
// Applies `move` to the product's stock: refuses (409) a result below zero, sets
// product.stock, writes the ledger row and, when the change crosses into low or out of stock,
// the stock.low / stock.out event. `product` must be a product document in the draft.
// `row_id`, when given, receives the ledger row's id.
Status move_stock(Draft& draft, const Value& product, const StockMove& move, const ActionEnv& env,
                  std::string* row_id = nullptr);

// "\"Green tea\" (SKU-0002)"
std::string describe_product(const Value& product);
// 400 naming a field.
Error bad_field(std::string_view field, std::string_view problem);

}  // namespace ledgerline::app::detail
