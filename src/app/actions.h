// The shop's actions (DOMAIN.md rules 1-5, INTERFACES.md "Application API"). Each takes its
// parsed input and writes into a Draft — reading stock, numbers and bills from the working state
// on the commit thread — and returns which document answers the caller. An action that fails
// returns an Error and its writes must be dropped (Shop does that): 400 kInvalidArgument for
// bad input (naming the field), 404 for an unknown bill, 409 kConflict for a broken rule
// (naming the product or bill and what is left). Every action also writes its shopEvent(s).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/draft.h"
#include "app/money.h"
#include "util/result.h"

namespace ledgerline::app {

// Who acts and when, for one action.
struct ActionEnv {
  std::string actor;        // user id ("" when unknown)
  std::int64_t now_micros;  // the shop clock
  bool backdate = false;    // created documents carry _createdAt = now (demo seed only)
};

struct NewProduct {
  std::string name, sku, category, description;
  Money price = 0;
  std::int64_t stock = 0;
  std::int64_t low_stock_threshold = 0;
  bool active = true;
};

struct ProductChanges {
  std::string product_id;
  std::optional<std::string> name, category, description;
  std::optional<Money> price;
  std::optional<std::int64_t> low_stock_threshold;
  std::optional<bool> active;
};

struct StockChange {
  std::string product_id;
  std::int64_t delta = 0;
  std::string kind;  // "restock" (delta > 0) | "adjustment" (delta != 0)
  std::string reason;
};

struct BillLine {
  std::string product_id;
  std::int64_t quantity = 0;
  std::int64_t discount_rate = 0;  // basis points
};

struct NewBill {
  std::string customer_id;
  std::vector<BillLine> lines;
  std::optional<std::int64_t> due_micros;  // default: 14 days after now
  std::int64_t tax_rate = 0;               // basis points
  std::string idempotency_key;             // "" when none
};

struct NewPayment {
  std::string bill_id;
  Money amount = 0;
  std::string method = "cash";
  std::string idempotency_key;
};

struct Cancellation {
  std::string bill_id;
  std::string reason;
};

// The document that answers an action, and whether the action created it (201) or not (200).
// `attached`: other documents the action wrote that the answer carries as extra members of that
// document (member name, document id), e.g. a stock change's ledger row as `stockTransaction`.
struct ActionAnswer {
  std::string id;
  bool created = false;
  std::vector<std::pair<std::string, std::string>> attached;
};

Result<ActionAnswer> create_product(Draft& draft, const NewProduct& input, const ActionEnv& env);
Result<ActionAnswer> update_product(Draft& draft, const ProductChanges& input,
                                    const ActionEnv& env);
Result<ActionAnswer> change_stock(Draft& draft, const StockChange& input, const ActionEnv& env);
Result<ActionAnswer> create_bill(Draft& draft, const NewBill& input, const ActionEnv& env);
Result<ActionAnswer> record_payment(Draft& draft, const NewPayment& input, const ActionEnv& env);
Result<ActionAnswer> cancel_bill(Draft& draft, const Cancellation& input, const ActionEnv& env);

// Document ids the actions use (deterministic where uniqueness depends on them).
std::string product_id_for_sku(std::string_view sku);           // case-insensitive
std::string bill_id_for_key(std::string_view idempotency_key);  // same key, same bill
inline constexpr std::string_view kBillCounterId = "shop-counter-bills";
std::string format_bill_number(std::int64_t number);  // 1 -> "INV-000001"

}  // namespace ledgerline::app
