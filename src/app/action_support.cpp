#include "app/action_support.h"

#include <fmt/format.h>

#include "util/ids.h"
#include "util/time.h"

namespace ledgerline::app::detail {

Value reference(std::string_view id) {
  return Value::object({{Key::intern("_type"), Value::string("reference")},
                        {Key::intern("_ref"), Value::string(id)}});
}

std::string timestamp(std::int64_t micros) {
  return format_rfc3339(micros);
}

ObjectBuilder new_document(std::string_view type, std::string id, const ActionEnv& env) {
  ObjectBuilder document;
  document.set("_id", Value::string(id));
  document.set("_type", Value::string(type));
  if (env.backdate) document.set("_createdAt", Value::string(timestamp(env.now_micros)));
  return document;
}

std::int64_t integer(const Value& value) {
  return static_cast<std::int64_t>(value.as_number());
}

void write_event(Draft& draft, const ActionEnv& env, std::string_view kind,
                 std::vector<std::string> subjects, std::string message) {
  ObjectBuilder event = new_document("shopEvent", "event-" + time_ordered_id(), env);
  event.set("kind", Value::string(kind));
  std::vector<Value> refs;
  for (const std::string& subject : subjects) {
    if (subject.empty()) continue;
    ObjectBuilder ref(reference(subject));
    ref.set("_key", Value::string(random_id(12)));
    refs.push_back(ref.build());
  }
  event.set("subjects", Value::array(std::move(refs)));
  if (!env.actor.empty()) event.set("actor", reference(env.actor));
  event.set("message", Value::string(message));
  event.set("at", Value::string(timestamp(env.now_micros)));
  draft.create(event.build());
}

std::string describe_product(const Value& product) {
  return fmt::format("\"{}\" ({})", product.get("name").as_string(),
                     product.get("sku").as_string());
}

Error bad_field(std::string_view field, std::string_view problem) {
  return Error::invalid(fmt::format("{} {}", field, problem), "validationError")
      .with_details(Value::object({{Key::intern("field"), Value::string(field)}}));
}

Status move_stock(Draft& draft, const Value& product, const StockMove& move, const ActionEnv& env,
                  std::string* row_id) {
  std::string id(product.get("_id").as_string());
  std::int64_t before = integer(product.get("stock"));
  std::int64_t threshold = integer(product.get("lowStockThreshold"));
  std::int64_t after = 0;
  if (__builtin_add_overflow(before, move.delta, &after) || after > kMaxStoredInteger) {
    return Error::conflict(fmt::format("Stock for {} would exceed the largest storable count",
                                       describe_product(product)),
                           "stockOutOfRange");
  }
  if (after < 0) {
    return Error::conflict(fmt::format("Not enough stock for {}: {} left, {} requested",
                                       describe_product(product), before, -move.delta),
                           "insufficientStock")
        .with_details(
            Value::object({{Key::intern("product"), Value::string(id)},
                           {Key::intern("available"), Value::number(double(before))},
                           {Key::intern("requested"), Value::number(double(-move.delta))}}));
  }
  draft.set(id, Value::object({{Key::intern("stock"), Value::number(static_cast<double>(after))}}));
  std::string row_document_id = "stx-" + time_ordered_id();
  if (row_id != nullptr) *row_id = row_document_id;
  ObjectBuilder row = new_document("stockTransaction", std::move(row_document_id), env);
  row.set("product", reference(id));
  row.set("kind", Value::string(move.kind));
  row.set("quantity", Value::number(static_cast<double>(move.delta)));
  row.set("stockBefore", Value::number(static_cast<double>(before)));
  row.set("stockAfter", Value::number(static_cast<double>(after)));
  if (!move.bill_id.empty()) row.set("bill", reference(move.bill_id));
  if (!move.reason.empty()) row.set("reason", Value::string(move.reason));
  if (!env.actor.empty()) row.set("actor", reference(env.actor));
  row.set("at", Value::string(timestamp(env.now_micros)));
  draft.create(row.build());
  if (after == 0 && before > 0) {
    write_event(draft, env, "stock.out", {id},
                fmt::format("{} is out of stock", describe_product(product)));
  } else if (after > 0 && after <= threshold && before > threshold) {
    write_event(draft, env, "stock.low", {id},
                fmt::format("{} is low on stock: {} left (threshold {})", describe_product(product),
                            after, threshold));
  }
  return Status::success();
}

}  // namespace ledgerline::app::detail
