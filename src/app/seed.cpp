#include "app/seed.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

namespace ledgerline::app {

namespace {

constexpr std::int64_t kHour = 3600LL * 1000 * 1000;
constexpr std::int64_t kDay = 24 * kHour;

struct Timed {
  std::int64_t at;
  std::size_t order;  // keeps equal times in the order they were planned
  Action action;
};

class Plan {
 public:
  void add(std::int64_t at, Action action) {
    items_.push_back(Timed{at, items_.size(), std::move(action)});
  }
  // Runs the plan in time order, `batch` actions per transaction, as `actor`.
  Result<std::size_t> run(Shop& shop, const std::string& actor, std::size_t batch,
                          std::size_t& refused) {
    std::sort(items_.begin(), items_.end(), [](const Timed& a, const Timed& b) {
      return a.at != b.at ? a.at < b.at : a.order < b.order;
    });
    std::size_t applied = 0;
    for (std::size_t start = 0; start < items_.size(); start += batch) {
      std::vector<Shop::BatchItem> items;
      for (std::size_t i = start; i < std::min(items_.size(), start + batch); ++i) {
        items.push_back(Shop::BatchItem{std::move(items_[i].action), actor, items_[i].at});
      }
      auto done = shop.run_batch(std::move(items), true,
                                 [&refused](std::size_t, const Error&) { ++refused; });
      if (!done.ok()) return std::move(done).error();
      applied += *done;
    }
    return applied;
  }

 private:
  std::vector<Timed> items_;
};

template <class Input, class Function>
Action bind(Function function, Input input) {
  return [function, input = std::move(input)](Draft& draft, const ActionEnv& env) {
    return function(draft, input, env);
  };
}

Status make_users(const UserMaker& make_user, const std::vector<SeedUser>& users) {
  for (const SeedUser& user : users) {
    if (Status made = make_user(user); !made) return made;
  }
  return Status::success();
}

}  // namespace

UserMaker user_document_maker(store::Store& store) {
  return [&store](const SeedUser& user) -> Status {
    ObjectBuilder document;
    document.set("_id", Value::string(user.id));
    document.set("_type", Value::string("user"));
    document.set("name", Value::string(user.name));
    document.set("email", Value::string(user.email));
    document.set("role", Value::string(user.role));
    document.set("active", Value::boolean(true));
    auto committed =
        store.commit(Value::array({Value::object({{Key::intern("create"), document.build()}})}));
    if (!committed.ok()) return std::move(committed).error();
    return Status::success();
  };
}

Result<SeedSummary> seed_demo_shop(Shop& shop, const UserMaker& make_user,
                                   std::int64_t now_micros) {
  SeedSummary summary;
  summary.users = {{"user-admin", "Ada Admin", "admin@demo.test", "admin", "admin"},
                   {"user-alice", "Alice Archer", "alice@demo.test", "customer", "alice"},
                   {"user-bob", "Bob Baker", "bob@demo.test", "customer", "bob"},
                   {"user-carol", "Carol Chen", "carol@demo.test", "customer", "carol"},
                   {"user-dave", "Dave Diaz", "dave@demo.test", "customer", "dave"},
                   {"user-erin", "Erin Evans", "erin@demo.test", "customer", "erin"}};
  if (Status made = make_users(make_user, summary.users); !made) return std::move(made).error();

  struct Category {
    const char* name;
    const char* items[8];
  };
  const Category categories[] = {
      {"Tea",
       {"Black tea", "Green tea", "Oolong", "Earl Grey", "Chamomile", "Rooibos", "Matcha",
        "Jasmine tea"}},
      {"Coffee",
       {"Espresso beans", "House blend", "Decaf", "Cold brew pack", "Colombia single origin",
        "Ethiopia single origin", "Instant coffee", "Coffee filters"}},
      {"Snacks",
       {"Shortbread", "Almonds", "Dark chocolate", "Oat cookies", "Dried mango", "Pretzels",
        "Granola bar", "Honey"}},
      {"Kitchen",
       {"Teapot", "French press", "Mug", "Tea strainer", "Milk frother", "Kettle", "Coffee grinder",
        "Travel cup"}},
      {"Stationery",
       {"Notebook", "Gel pen", "Sticky notes", "Planner", "Pencil set", "Envelope pack",
        "Desk calendar", "Highlighters"}},
  };
  std::mt19937 random(20261206);
  auto pick = [&random](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  Plan plan;
  std::vector<std::string> product_ids;
  std::int64_t start = now_micros - 60 * kDay;
  int n = 0;
  for (const Category& category : categories) {
    for (const char* name : category.items) {
      ++n;
      NewProduct product{name,
                         fmt::format("SKU-{:04}", n),
                         category.name,
                         fmt::format("{} from the demo shop's {} shelf", name, category.name),
                         pick(3, 60) * 50 - 1,  // 149 .. 2999 cents, ending in 9
                         pick(25, 60),
                         pick(3, 8),
                         true};
      product_ids.push_back(product_id_for_sku(product.sku));
      plan.add(start - kHour + n, bind(app::create_product, product));
    }
  }
  summary.products = product_ids.size();
  std::vector<std::string> customers;
  for (const SeedUser& user : summary.users) {
    if (user.role == "customer") customers.push_back(user.id);
  }
  for (int i = 0; i < 60; ++i) {
    std::int64_t at = start + i * kDay + pick(8, 18) * kHour;  // one bill a day, office hours
    NewBill bill;
    bill.customer_id = customers[i % customers.size()];
    bill.idempotency_key = fmt::format("demo-bill-{}", i + 1);
    bill.tax_rate = i % 3 == 0 ? 825 : 0;
    int lines = pick(1, 3);
    for (int l = 0; l < lines; ++l) {
      bill.lines.push_back(
          BillLine{product_ids[pick(0, 39)], pick(1, 3), l == 0 && i % 7 == 0 ? 1000 : 0});
    }
    plan.add(at, bind(app::create_bill, bill));
    std::string id = bill_id_for_key(bill.idempotency_key);
    int fate = i % 10;  // 0-3 paid, 4-5 partly paid, 6 cancelled, 7-9 open (overdue if old)
    if (fate <= 3) {
      plan.add(at + pick(1, 10) * kDay, [id, i](Draft& draft, const ActionEnv& env) {
        const Value* b = draft.get(id);
        Money due = b ? static_cast<Money>(b->get("total").as_number()) : 0;
        return record_payment(
            draft, NewPayment{id, due, i % 2 ? "card" : "cash", fmt::format("demo-pay-{}", i)},
            env);
      });
    } else if (fate <= 5) {
      plan.add(at + pick(1, 5) * kDay, [id, i](Draft& draft, const ActionEnv& env) {
        const Value* b = draft.get(id);
        Money half = b ? static_cast<Money>(b->get("total").as_number()) / 2 : 0;
        return record_payment(draft,
                              NewPayment{id, std::max<Money>(half, 1), "bank_transfer",
                                         fmt::format("demo-pay-{}", i)},
                              env);
      });
    } else if (fate == 6) {
      plan.add(at + pick(1, 3) * kHour,
               bind(app::cancel_bill, Cancellation{id, "customer changed their mind"}));
    }
  }
  // Deliveries every ten days for the first half of the catalogue.
  for (int round = 1; round <= 5; ++round) {
    for (int p = 0; p < 20; p += 3) {
      plan.add(start + round * 10 * kDay + p,
               bind(app::change_stock,
                    StockChange{product_ids[p], pick(5, 20), "restock", "weekly delivery"}));
    }
  }
  // A stock count near the end: a few products turn out to be gone, others run low.
  for (int p : {33, 36, 39}) {
    plan.add(now_micros - 2 * kDay + p, [id = product_ids[p]](Draft& draft, const ActionEnv& env) {
      const Value* product = draft.get(id);
      std::int64_t stock =
          product ? static_cast<std::int64_t>(product->get("stock").as_number()) : 0;
      if (stock == 0) return Result<ActionAnswer>(ActionAnswer{id, false});
      return change_stock(draft, StockChange{id, -stock, "adjustment", "stock count: none left"},
                          env);
    });
  }
  for (int p : {21, 25, 29, 31, 35}) {
    plan.add(now_micros - kDay + p, [id = product_ids[p]](Draft& draft, const ActionEnv& env) {
      const Value* product = draft.get(id);
      std::int64_t stock =
          product ? static_cast<std::int64_t>(product->get("stock").as_number()) : 0;
      std::int64_t target = std::max<std::int64_t>(
          1, static_cast<std::int64_t>(product->get("lowStockThreshold").as_number()) - 1);
      if (stock <= target) return Result<ActionAnswer>(ActionAnswer{id, false});
      return change_stock(
          draft, StockChange{id, target - stock, "adjustment", "stock count: breakage"}, env);
    });
  }
  auto applied = plan.run(shop, "user-admin", 500, summary.refused);
  if (!applied.ok()) return std::move(applied).error();
  summary.actions = *applied;
  summary.bills = 60;
  return summary;
}

Result<SeedSummary> seed_bulk_shop(Shop& shop, const UserMaker& make_user, std::int64_t now_micros,
                                   const BulkSeedOptions& options) {
  SeedSummary summary;
  summary.users.push_back({"user-admin", "Admin", "admin@bench.test", "admin", "admin"});
  for (std::size_t c = 0; c < options.customers; ++c) {
    summary.users.push_back({fmt::format("user-c{}", c + 1), fmt::format("Customer {}", c + 1),
                             fmt::format("customer{}@bench.test", c + 1), "customer",
                             fmt::format("customer{}", c + 1)});
  }
  if (Status made = make_users(make_user, summary.users); !made) return std::move(made).error();
  std::mt19937 random(options.random_seed);
  auto pick = [&random](std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
  };
  std::int64_t start = now_micros - 365 * kDay;
  std::vector<std::string> product_ids;
  {
    Plan plan;
    for (std::size_t p = 0; p < options.products; ++p) {
      NewProduct product{fmt::format("Product {}", p + 1),
                         fmt::format("BENCH-{:06}", p + 1),
                         fmt::format("Category {}", p % 12 + 1),
                         "",
                         pick(1, 200) * 25 - 1,
                         1000000,
                         20,
                         true};
      product_ids.push_back(product_id_for_sku(product.sku));
      plan.add(start + static_cast<std::int64_t>(p), bind(app::create_product, product));
    }
    auto applied = plan.run(shop, "user-admin", options.batch, summary.refused);
    if (!applied.ok()) return std::move(applied).error();
    summary.products = *applied;
  }
  if (product_ids.empty() || options.customers == 0) return summary;
  std::int64_t span = 365 * kDay;
  for (std::size_t done = 0; done < options.bills; done += options.batch) {
    Plan plan;
    std::size_t count = std::min(options.batch, options.bills - done);
    for (std::size_t b = 0; b < count; ++b) {
      std::size_t index = done + b;
      std::int64_t at = start + static_cast<std::int64_t>(static_cast<__int128>(span) * index /
                                                          std::max<std::size_t>(options.bills, 1));
      NewBill bill;
      bill.customer_id = summary.users[1 + pick(0, options.customers - 1)].id;
      bill.idempotency_key = fmt::format("bulk-{}", index + 1);
      bill.tax_rate = index % 4 == 0 ? 825 : 0;
      for (std::int64_t l = pick(1, 4); l > 0; --l) {
        bill.lines.push_back(BillLine{product_ids[pick(0, product_ids.size() - 1)], pick(1, 5),
                                      index % 9 == 0 ? 500 : 0});
      }
      plan.add(at, bind(app::create_bill, bill));
      std::string id = bill_id_for_key(bill.idempotency_key);
      int fate = static_cast<int>(index % 20);
      if (fate < 10 || fate == 15) {
        bool full = fate < 10;
        plan.add(at + 1, [id, index, full](Draft& draft, const ActionEnv& env) {
          const Value* found = draft.get(id);
          Money total = found ? static_cast<Money>(found->get("total").as_number()) : 0;
          Money amount = full ? total : std::max<Money>(1, total / 3);
          return record_payment(
              draft, NewPayment{id, amount, "card", fmt::format("bulk-pay-{}", index)}, env);
        });
      } else if (fate == 19) {
        plan.add(at + 1, bind(app::cancel_bill, Cancellation{id, "bulk seed"}));
      }
    }
    auto applied = plan.run(shop, "user-admin", options.batch * 2, summary.refused);
    if (!applied.ok()) return std::move(applied).error();
    summary.actions += *applied;
    summary.bills += count;
  }
  return summary;
}

}  // namespace ledgerline::app
