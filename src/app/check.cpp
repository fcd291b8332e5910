#include "app/check.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

#include "app/actions.h"
#include "app/money.h"
#include "app/schema.h"

namespace ledgerline::app {

namespace {

std::int64_t integer(const Value& value) {
  return static_cast<std::int64_t>(value.as_number());
}
std::string text(const Value& value) {
  return std::string(value.as_string());
}
std::string ref(const Value& value) {
  return text(value.get("_ref"));
}

struct Row {
  std::int64_t before, after, quantity;
};

class Checker {
 public:
  explicit Checker(const groq::Dataset& documents) : documents_(documents) {}

  std::vector<std::string> run() {
    documents_.for_each([&](const Value& document) {
      if (Status valid = validate_document(document); !valid) breach("{}", valid.error().message);
      return true;
    });
    check_users();
    collect_ledger();
    check_products();
    check_bills();
    check_events();
    return std::move(breaches_);
  }

 private:
  template <class... Args>
  void breach(fmt::format_string<Args...> format, Args&&... args) {
    breaches_.push_back(fmt::format(format, std::forward<Args>(args)...));
  }

  bool is(const std::string& id, std::string_view type) const {
    const Value* document = documents_.get(id);
    return document != nullptr && document->get("_type").as_string() == type;
  }

  void check_users() {
    std::map<std::string, std::string> emails;
    documents_.for_each_of_type("user", [&](const Value& user) {
      auto [at, fresh] = emails.emplace(text(user.get("email")), text(user.get("_id")));
      if (!fresh) {
        breach("users \"{}\" and \"{}\" share the email {}", at->second, text(user.get("_id")),
               at->first);
      }
      return true;
    });
  }

  void collect_ledger() {
    documents_.for_each_of_type("stockTransaction", [&](const Value& row) {
      std::string id = text(row.get("_id"));
      std::string product = ref(row.get("product"));
      if (!is(product, "product"))
        breach("stockTransaction \"{}\": product \"{}\" does not exist", id, product);
      Row entry{integer(row.get("stockBefore")), integer(row.get("stockAfter")),
                integer(row.get("quantity"))};
      if (entry.after - entry.before != entry.quantity) {
        breach("stockTransaction \"{}\": stockAfter − stockBefore is {}, quantity is {}", id,
               entry.after - entry.before, entry.quantity);
      }
      std::string kind = text(row.get("kind"));
      bool needs_bill = kind == "sale" || kind == "cancellation";
      std::string bill = ref(row.get("bill"));
      if (needs_bill && !is(bill, "bill")) {
        breach("stockTransaction \"{}\" ({}): bill \"{}\" does not exist", id, kind, bill);
      }
      if (!bill.empty()) bill_moves_[bill][product] += entry.quantity;
      if (kind == "cancellation") cancelled_bills_.insert(bill);
      std::string actor = ref(row.get("actor"));
      if (!actor.empty() && !is(actor, "user"))
        breach("stockTransaction \"{}\": actor \"{}\" does not exist", id, actor);
      rows_[product].push_back(entry);
      return true;
    });
  }

  // The rows must form one unbroken chain 0 -> ... -> stock using every row once: an Eulerian
  // trail over stock levels (each row an edge before -> after).
  void check_products() {
    std::set<std::string> skus;
    documents_.for_each_of_type("product", [&](const Value& product) {
      std::string id = text(product.get("_id"));
      std::string sku = text(product.get("sku"));
      if (!skus.insert(sku).second) breach("product \"{}\": SKU {} is used twice", id, sku);
      std::int64_t stock = integer(product.get("stock"));
      const std::vector<Row>& rows = rows_[id];
      std::map<std::int64_t, int> balance;  // out − in per stock level
      std::map<std::int64_t, std::vector<std::int64_t>> edges;
      for (const Row& row : rows) {
        ++balance[row.before];
        --balance[row.after];
        edges[row.before].push_back(row.after);
        edges[row.after].push_back(row.before);
      }
      bool chained = true;
      for (const auto& [level, net] : balance) {
        int expected = (level == 0 ? 1 : 0) - (level == stock ? 1 : 0);
        if (net != expected) chained = false;
      }
      if (rows.empty()) chained = stock == 0;
      if (chained && !rows.empty()) {  // every row reachable from 0
        std::set<std::int64_t> seen{0};
        std::vector<std::int64_t> todo{0};
        while (!todo.empty()) {
          std::int64_t level = todo.back();
          todo.pop_back();
          for (std::int64_t next : edges[level]) {
            if (seen.insert(next).second) todo.push_back(next);
          }
        }
        for (const auto& [level, unused] : edges) chained = chained && seen.count(level);
      }
      if (!chained) {
        breach(
            "product \"{}\" ({}): stock {} is not the end of an unbroken ledger chain from 0 "
            "({} rows)",
            id, sku, stock, rows.size());
      }
      return true;
    });
  }

  void check_bill(const Value& bill) {
    std::string id = text(bill.get("_id"));
    std::string label = fmt::format("bill \"{}\" ({})", id, text(bill.get("billNumber")));
    if (!is(ref(bill.get("customer")), "user"))
      breach("{}: customer \"{}\" does not exist", label, ref(bill.get("customer")));
    Money subtotal = 0;
    std::map<std::string, std::int64_t> sold;
    for (const Value& item : bill.get("items").as_array()) {
      std::string product = ref(item.get("product"));
      if (!is(product, "product")) breach("{}: product \"{}\" does not exist", label, product);
      auto line = line_total(integer(item.get("quantity")), integer(item.get("unitPrice")),
                             integer(item.get("discountRate")));
      if (!line.ok() || *line != integer(item.get("lineTotal"))) {
        breach("{}: line {} total is {}, its quantity, price and discount give {}", label,
               text(item.get("_key")), integer(item.get("lineTotal")), line.ok() ? *line : -1);
      }
      subtotal += integer(item.get("lineTotal"));
      sold[product] -= integer(item.get("quantity"));
    }
    Money tax = tax_for(subtotal, integer(bill.get("taxRate"))).ok()
                    ? *tax_for(subtotal, integer(bill.get("taxRate")))
                    : -1;
    if (subtotal != integer(bill.get("subtotal")))
      breach("{}: subtotal {} ≠ Σ lines {}", label, integer(bill.get("subtotal")), subtotal);
    if (tax != integer(bill.get("tax")))
      breach("{}: tax {} ≠ {}", label, integer(bill.get("tax")), tax);
    Money total = integer(bill.get("total"));
    if (total != subtotal + tax)
      breach("{}: total {} ≠ subtotal + tax {}", label, total, subtotal + tax);
    Money paid = 0;
    std::set<std::string> keys;
    for (const Value& payment : bill.get("payments").as_array()) {
      paid += integer(payment.get("amount"));
      if (!keys.insert(text(payment.get("idempotencyKey"))).second) {
        breach("{}: two payments share idempotencyKey \"{}\"", label,
               text(payment.get("idempotencyKey")));
      }
    }
    if (paid != integer(bill.get("amountPaid")))
      breach("{}: amountPaid {} ≠ Σ payments {}", label, integer(bill.get("amountPaid")), paid);
    if (paid > total) breach("{}: paid {} exceeds total {}", label, paid, total);
    std::string status = text(bill.get("status"));
    std::string expected = paid == total ? "paid" : paid > 0 ? "partially_paid" : "pending";
    if (status == "cancelled") {
      if (paid != 0) breach("{}: cancelled with {} paid", label, paid);
      for (auto& [product, quantity] : sold) quantity = 0;  // sale and cancellation cancel out
    } else if (status != expected) {
      breach("{}: status \"{}\" but its payments make it \"{}\"", label, status, expected);
    }
    auto& moves = bill_moves_[id];
    for (const auto& [product, quantity] : sold) {
      if (moves[product] != quantity) {
        breach("{}: stock rows move {} of product \"{}\", its lines say {}", label, moves[product],
               product, quantity);
      }
    }
    for (const auto& [product, quantity] : moves) {
      if (!sold.count(product) && quantity != 0)
        breach("{}: stock rows for product \"{}\" not on the bill", label, product);
    }
  }

  void check_bills() {
    std::map<std::int64_t, std::string> numbers;
    documents_.for_each_of_type("bill", [&](const Value& bill) {
      check_bill(bill);
      std::string number = text(bill.get("billNumber"));
      std::int64_t n = 0;
      if (number.size() != 10 || number.rfind("INV-", 0) != 0 ||
          (n = std::strtoll(number.c_str() + 4, nullptr, 10)) <= 0) {
        breach("bill \"{}\": bill number \"{}\" is not INV-NNNNNN", text(bill.get("_id")), number);
        return true;
      }
      auto [at, fresh] = numbers.emplace(n, text(bill.get("_id")));
      if (!fresh)
        breach("bills \"{}\" and \"{}\" share the number {}", at->second, text(bill.get("_id")),
               number);
      return true;
    });
    std::int64_t expected = 1;
    for (const auto& [n, id] : numbers) {
      if (n != expected) {
        breach("bill numbers have a gap: {} is missing", format_bill_number(expected));
        break;
      }
      ++expected;
    }
    const Value* counter = documents_.get(kBillCounterId);
    std::int64_t last = counter ? integer(counter->get("lastBillNumber")) : 0;
    if (last != static_cast<std::int64_t>(numbers.size())) {
      breach("the bill counter says {} bills, there are {}", last, numbers.size());
    }
  }

  void check_events() {
    documents_.for_each_of_type("shopEvent", [&](const Value& event) {
      for (const Value& subject : event.get("subjects").as_array()) {
        if (documents_.get(ref(subject)) == nullptr) {
          breach("shopEvent \"{}\": subject \"{}\" does not exist", text(event.get("_id")),
                 ref(subject));
        }
      }
      return true;
    });
  }

  const groq::Dataset& documents_;
  std::vector<std::string> breaches_;
  std::unordered_map<std::string, std::vector<Row>> rows_;
  std::unordered_map<std::string, std::map<std::string, std::int64_t>> bill_moves_;
  std::set<std::string> cancelled_bills_;
};

}  // namespace

std::vector<std::string> check_shop(const groq::Dataset& documents) {
  return Checker(documents).run();
}

}  // namespace ledgerline::app
