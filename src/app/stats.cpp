#include "app/stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "util/time.h"

namespace ledgerline::app {

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000 * 1000;
constexpr int kDays = 30;
constexpr std::size_t kTopProducts = 5;

constexpr std::string_view kQuery = R"({
  "counts": {
    "pending": count(*[_type == "bill" && status == "pending"]),
    "partially_paid": count(*[_type == "bill" && status == "partially_paid"]),
    "paid": count(*[_type == "bill" && status == "paid"]),
    "cancelled": count(*[_type == "bill" && status == "cancelled"]),
    "overdue": count(*[_type == "bill" && status in ["pending", "partially_paid"] && dueDate < $now])
  },
  "revenue": math::sum(*[_type == "bill" && status != "cancelled"].amountPaid),
  "billed": math::sum(*[_type == "bill" && status != "cancelled"].total),
  "payments": *[_type == "bill" && status != "cancelled"].payments[][paidAt >= $since]{amount, paidAt},
  "lines": *[_type == "bill" && status != "cancelled"].items[]{"product": product._ref, quantity, lineTotal},
  "products": *[_type == "product"]{_id, name, sku, category, stock, price, lowStockThreshold, active}
})";

const groq::QueryPtr& dashboard_query() {
  static const groq::QueryPtr query = [] {
    auto parsed = groq::parse(kQuery);
    return parsed.ok() ? *parsed : nullptr;
  }();
  return query;
}

std::int64_t integer(const Value& value) {
  return static_cast<std::int64_t>(value.as_number());
}
Value number(std::int64_t n) {
  return Value::number(static_cast<double>(n));
}

struct Sold {
  std::int64_t quantity = 0, revenue = 0;
};

}  // namespace

Result<Value> dashboard_stats(const groq::Dataset& snapshot, std::int64_t now_micros) {
  std::int64_t first_day = (now_micros / kDay - (kDays - 1)) * kDay;
  groq::EvalOptions options;
  options.params =
      Value::object({{Key::intern("now"), Value::string(format_rfc3339(now_micros))},
                     {Key::intern("since"), Value::string(format_rfc3339(first_day))}});
  if (dashboard_query() == nullptr) return Error::internal("the dashboard query does not parse");
  auto figures = groq::evaluate(*dashboard_query(), snapshot, options);
  if (!figures.ok()) return std::move(figures).error();

  std::map<std::string, std::int64_t> by_day;
  for (int d = 0; d < kDays; ++d) by_day[format_rfc3339(first_day + d * kDay).substr(0, 10)] = 0;
  for (const Value& payment : figures->get("payments").as_array()) {
    auto day = by_day.find(std::string(payment.get("paidAt").as_string().substr(0, 10)));
    if (day != by_day.end()) day->second += integer(payment.get("amount"));
  }
  std::vector<Value> days;
  for (const auto& [day, amount] : by_day) {
    days.push_back(Value::object(
        {{Key::intern("day"), Value::string(day)}, {Key::intern("amount"), number(amount)}}));
  }

  std::unordered_map<std::string, Sold> sold;
  for (const Value& line : figures->get("lines").as_array()) {
    Sold& entry = sold[std::string(line.get("product").as_string())];
    entry.quantity += integer(line.get("quantity"));
    entry.revenue += integer(line.get("lineTotal"));
  }
  std::vector<Value> low, out, top;
  std::int64_t units = 0, active = 0;
  __int128 value = 0;
  struct Ranked {
    Value product;
    Sold sold;
  };
  std::vector<Ranked> ranked;
  for (const Value& product : figures->get("products").as_array()) {
    std::int64_t stock = integer(product.get("stock"));
    units += stock;
    value += static_cast<__int128>(stock) * integer(product.get("price"));
    if (product.get("active").as_bool()) ++active;
    if (stock == 0) {
      out.push_back(product);
    } else if (stock <= integer(product.get("lowStockThreshold"))) {
      low.push_back(product);
    }
    auto found = sold.find(std::string(product.get("_id").as_string()));
    if (found != sold.end()) ranked.push_back(Ranked{product, found->second});
  }
  std::sort(low.begin(), low.end(), [](const Value& a, const Value& b) {
    return a.get("stock").as_number() < b.get("stock").as_number();
  });
  std::size_t top_count = std::min(kTopProducts, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + top_count, ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      return a.sold.quantity != b.sold.quantity ? a.sold.quantity > b.sold.quantity
                                                                : a.sold.revenue > b.sold.revenue;
                    });
  for (std::size_t i = 0; i < top_count; ++i) {
    ObjectBuilder entry;
    entry.set("_id", ranked[i].product.get("_id"));
    entry.set("name", ranked[i].product.get("name"));
    entry.set("sku", ranked[i].product.get("sku"));
    entry.set("quantity", number(ranked[i].sold.quantity));
    entry.set("revenue", number(ranked[i].sold.revenue));
    top.push_back(entry.build());
  }
  std::int64_t revenue = integer(figures->get("revenue"));
  std::int64_t billed = integer(figures->get("billed"));
  const Value& counts = figures->get("counts");
  std::int64_t bills = 0;
  for (const Member& member : counts.as_object()) {
    if (member.key.str() != "overdue") bills += integer(member.value);
  }

  ObjectBuilder stock;
  stock.set("products", number(static_cast<std::int64_t>(figures->get("products").size())));
  stock.set("activeProducts", number(active));
  stock.set("units", number(units));
  stock.set("value", Value::number(static_cast<double>(value)));
  stock.set("lowStock", number(static_cast<std::int64_t>(low.size())));
  stock.set("outOfStock", number(static_cast<std::int64_t>(out.size())));

  ObjectBuilder result;
  result.set("generatedAt", Value::string(format_rfc3339(now_micros)));
  result.set("currency", Value::string("USD"));
  result.set("bills", counts.with(Key::intern("total"), number(bills)));
  result.set("revenue", number(revenue));
  result.set("outstanding", number(billed - revenue));
  result.set("revenueByDay", Value::array(std::move(days)));
  result.set("topProducts", Value::array(std::move(top)));
  result.set("lowStock", Value::array(std::move(low)));
  result.set("outOfStock", Value::array(std::move(out)));
  result.set("stock", stock.build());
  return result.build();
}

}  // namespace ledgerline::app
