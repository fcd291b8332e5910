// Bill actions: create (number, prices, stock, sale rows — rule 2), payments (rule 3) and
// cancellation (rule 4), each with its events.
#include <fmt/format.h>

#include "app/action_support.h"
#include "app/actions.h"
#include "util/ids.h"

namespace ledgerline::app {

using namespace detail;

namespace {

constexpr std::int64_t kDayMicros = 24LL * 3600 * 1000 * 1000;

Result<const Value*> find_bill(const Draft& draft, const std::string& id) {
  const Value* bill = draft.get(id);
  if (bill == nullptr || bill->get("_type").as_string() != "bill") {
    return Error::not_found(fmt::format("No bill with id \"{}\"", id));
  }
  return bill;
}

std::string bill_label(const Value& bill) {
  return std::string(bill.get("billNumber").as_string());
}

// Takes the next bill number from the counter document (gap-free: the counter and the bill
// commit in the same transaction, and a failed action leaves neither).
std::int64_t take_bill_number(Draft& draft, const ActionEnv& env) {
  const Value* counter = draft.get(kBillCounterId);
  std::int64_t next = (counter ? integer(counter->get("lastBillNumber")) : 0) + 1;
  if (counter == nullptr) {
    ObjectBuilder created = new_document("shopCounter", std::string(kBillCounterId), env);
    created.set("lastBillNumber", Value::number(static_cast<double>(next)));
    draft.create(created.build());
  } else {
    draft.set(
        std::string(kBillCounterId),
        Value::object({{Key::intern("lastBillNumber"), Value::number(static_cast<double>(next))}}));
  }
  return next;
}

}  // namespace

std::string format_bill_number(std::int64_t number) {
  return fmt::format("INV-{:06}", number);
}

Result<ActionAnswer> create_bill(Draft& draft, const NewBill& input, const ActionEnv& env) {
  std::string id = input.idempotency_key.empty() ? "bill-" + time_ordered_id()
                                                 : bill_id_for_key(input.idempotency_key);
  if (!input.idempotency_key.empty()) {
    if (const Value* existing = draft.get(id)) {
      if (existing->get("idempotencyKey").as_string() != input.idempotency_key) {
        return Error::conflict("idempotencyKey collides with another bill's key; use another",
                               "idempotencyConflict");
      }
      return ActionAnswer{id, false};  // the same request again: the same bill
    }
  }
  const Value* customer = draft.get(input.customer_id);
  if (customer == nullptr || customer->get("_type").as_string() != "user") {
    return bad_field("customerId", fmt::format("names no user (\"{}\")", input.customer_id));
  }
  if (!customer->get("active").as_bool()) {
    return Error::conflict(
        fmt::format("Customer \"{}\" is not active", customer->get("name").as_string()),
        "inactiveCustomer");
  }
  if (input.lines.empty()) return bad_field("items", "must have at least one line");
  std::vector<Value> items;
  std::vector<std::string> subjects{id, input.customer_id};
  Money subtotal = 0;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const BillLine& line = input.lines[i];
    const Value* found = draft.get(line.product_id);
    if (found == nullptr || found->get("_type").as_string() != "product") {
      return bad_field(fmt::format("items[{}].productId", i),
                       fmt::format("names no product (\"{}\")", line.product_id));
    }
    Value product = *found;
    if (!product.get("active").as_bool()) {
      return Error::conflict(fmt::format("Product {} is not active", describe_product(product)),
                             "inactiveProduct");
    }
    Money unit_price = integer(product.get("price"));
    auto total = line_total(line.quantity, unit_price, line.discount_rate);
    if (!total.ok()) return std::move(total).error();
    auto sum = checked_add(subtotal, *total, "the subtotal");
    if (!sum.ok()) return std::move(sum).error();
    subtotal = *sum;
    Status moved = move_stock(draft, product, StockMove{"sale", -line.quantity, id, ""}, env);
    if (!moved) return std::move(moved).error();
    ObjectBuilder item;
    item.set("_key", Value::string(fmt::format("line{}", i + 1)));
    item.set("product", reference(line.product_id));
    item.set("name", product.get("name"));
    item.set("sku", product.get("sku"));
    item.set("quantity", Value::number(static_cast<double>(line.quantity)));
    item.set("unitPrice", Value::number(static_cast<double>(unit_price)));
    item.set("discountRate", Value::number(static_cast<double>(line.discount_rate)));
    auto stored = stored_integer(*total, fmt::format("items[{}] line total", i));
    if (!stored.ok()) return std::move(stored).error();
    item.set("lineTotal", *stored);
    items.push_back(item.build());
    subjects.push_back(line.product_id);
  }
  auto tax = tax_for(subtotal, input.tax_rate);
  if (!tax.ok()) return std::move(tax).error();
  auto total = checked_add(subtotal, *tax, "the bill total");
  if (!total.ok()) return std::move(total).error();
  auto stored_total = stored_integer(*total, "the bill total");
  if (!stored_total.ok()) return std::move(stored_total).error();

  std::string number = format_bill_number(take_bill_number(draft, env));
  ObjectBuilder bill = new_document("bill", id, env);
  bill.set("billNumber", Value::string(number));
  bill.set("customer", reference(input.customer_id));
  bill.set("items", Value::array(std::move(items)));
  bill.set("subtotal", Value::number(static_cast<double>(subtotal)));
  bill.set("taxRate", Value::number(static_cast<double>(input.tax_rate)));
  bill.set("tax", Value::number(static_cast<double>(*tax)));
  bill.set("total", *stored_total);
  bill.set("amountPaid", Value::number(0));
  bill.set("currency", Value::string("USD"));
  // A bill of nothing owed (free items, full discounts) is settled the moment it exists.
  bill.set("status", Value::string(*total == 0 ? "paid" : "pending"));
  bill.set("issuedAt", Value::string(timestamp(env.now_micros)));
  bill.set("dueDate",
           Value::string(timestamp(input.due_micros.value_or(env.now_micros + 14 * kDayMicros))));
  bill.set("payments", Value::empty_array());
  if (!input.idempotency_key.empty()) {
    bill.set("idempotencyKey", Value::string(input.idempotency_key));
  }
  if (!env.actor.empty()) bill.set("actor", reference(env.actor));
  draft.create(bill.build());
  write_event(draft, env, "bill.created", subjects,
              fmt::format("Bill {} created for {}: {} line(s), {}", number,
                          customer->get("name").as_string(), input.lines.size(),
                          format_money(*total, "USD")));
  return ActionAnswer{id, true};
}

Result<ActionAnswer> record_payment(Draft& draft, const NewPayment& input, const ActionEnv& env) {
  auto found = find_bill(draft, input.bill_id);
  if (!found.ok()) return std::move(found).error();
  Value bill = **found;
  for (const Value& payment : bill.get("payments").as_array()) {
    if (payment.get("idempotencyKey").as_string() == input.idempotency_key) {
      return ActionAnswer{input.bill_id, false};  // already recorded: answer the same bill
    }
  }
  if (input.amount <= 0) return bad_field("amount", "must be greater than 0");
  if (bill.get("status").as_string() == "cancelled") {
    return Error::conflict(
        fmt::format("Bill {} is cancelled: payments are refused", bill_label(bill)),
        "billCancelled");
  }
  Money total = integer(bill.get("total"));
  Money paid = integer(bill.get("amountPaid"));
  auto after = checked_add(paid, input.amount, "the amount paid");
  if (!after.ok() || *after > total) {
    return Error::conflict(fmt::format("Payment of {} exceeds what is left to pay on bill {}: {}",
                                       format_money(input.amount, "USD"), bill_label(bill),
                                       format_money(total - paid, "USD")),
                           "overPayment");
  }
  ObjectBuilder payment;
  payment.set("_key", Value::string(random_id(12)));
  payment.set("amount", Value::number(static_cast<double>(input.amount)));
  payment.set("method", Value::string(input.method));
  payment.set("paidAt", Value::string(timestamp(env.now_micros)));
  payment.set("idempotencyKey", Value::string(input.idempotency_key));
  std::vector<Value> payments(bill.get("payments").as_array().begin(),
                              bill.get("payments").as_array().end());
  payments.push_back(payment.build());
  std::string status = *after == total ? "paid" : "partially_paid";
  ObjectBuilder fields;
  fields.set("payments", Value::array(std::move(payments)));
  fields.set("amountPaid", Value::number(static_cast<double>(*after)));
  fields.set("status", Value::string(status));
  draft.set(input.bill_id, fields.build());
  write_event(draft, env, "payment.recorded",
              {input.bill_id, std::string(bill.get("customer").get("_ref").as_string())},
              fmt::format("Payment of {} ({}) recorded on bill {}: {}",
                          format_money(input.amount, "USD"), input.method, bill_label(bill),
                          status == "paid" ? "paid in full"
                                           : format_money(total - *after, "USD") + " left"));
  return ActionAnswer{input.bill_id, false};
}

Result<ActionAnswer> cancel_bill(Draft& draft, const Cancellation& input, const ActionEnv& env) {
  auto found = find_bill(draft, input.bill_id);
  if (!found.ok()) return std::move(found).error();
  Value bill = **found;
  if (bill.get("status").as_string() == "cancelled") {
    return Error::conflict(fmt::format("Bill {} is already cancelled", bill_label(bill)),
                           "billCancelled");
  }
  if (integer(bill.get("amountPaid")) > 0) {
    return Error::conflict(
        fmt::format("Bill {} has payments ({} paid) and cannot be cancelled", bill_label(bill),
                    format_money(integer(bill.get("amountPaid")), "USD")),
        "billHasPayments");
  }
  std::vector<std::string> subjects{input.bill_id,
                                    std::string(bill.get("customer").get("_ref").as_string())};
  for (const Value& item : bill.get("items").as_array()) {
    std::string product_id(item.get("product").get("_ref").as_string());
    const Value* product = draft.get(product_id);
    if (product == nullptr) continue;  // cannot happen: products are never deleted
    Status moved = move_stock(
        draft, *product,
        StockMove{"cancellation", integer(item.get("quantity")), input.bill_id, input.reason}, env);
    if (!moved) return std::move(moved).error();
    subjects.push_back(product_id);
  }
  ObjectBuilder fields;
  fields.set("status", Value::string("cancelled"));
  fields.set("cancelledAt", Value::string(timestamp(env.now_micros)));
  fields.set("cancelReason", Value::string(input.reason));
  draft.set(input.bill_id, fields.build());
  write_event(draft, env, "bill.cancelled", subjects,
              fmt::format("Bill {} cancelled{}", bill_label(bill),
                          input.reason.empty() ? "" : ": " + input.reason));
  return ActionAnswer{input.bill_id, false};
}

}  // namespace ledgerline::app
