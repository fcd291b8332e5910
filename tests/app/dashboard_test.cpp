// The live dashboard (app/dashboard.h) against the one-pass reference (dashboard_stats): random
// actions, raw edits and clock moves, compared after every step, at several "now"s, and again
// after a rebuild from the snapshot.
#include <random>

#include "app/dashboard.h"
#include "app/seed.h"
#include "app/stats.h"
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

constexpr std::int64_t kHour = 3600LL * 1000 * 1000;
constexpr std::int64_t kDay = 24 * kHour;

class DashboardStats : public ShopTest {
 protected:
  // The live figures equal the reference's on the newest snapshot, now and at later times
  // (overdue and the 30-day window move with the clock).
  void expect_same(const LiveDashboard& live, const std::string& step) {
    store::SnapshotPtr snapshot = store_->snapshot();
    ASSERT_EQ(live.position(), snapshot->position()) << step;
    for (std::int64_t later : {std::int64_t{0}, 3 * kDay, 15 * kDay, 40 * kDay}) {
      std::int64_t at = now_.load() + later;
      auto reference = dashboard_stats(*snapshot, at);
      ASSERT_TRUE(reference.ok());
      ASSERT_EQ(live.render(at).to_json(), reference->to_json()) << step << " (+" << later << ")";
    }
  }
};

TEST_F(DashboardStats, LiveAggregatesEqualTheOnePassAfterRandomActions) {
  LiveDashboard live(*store_);
  make_user("bob", "Bob", "bob@demo.test", "customer");
  std::mt19937 random(1213);
  auto pick = [&random](std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
  };
  std::vector<std::string> products, bills;
  for (int p = 0; p < 8; ++p) {
    Value made = product("SKU-" + std::to_string(p), "Product " + std::to_string(p), pick(0, 3000),
                         pick(0, 12), pick(0, 4));
    products.emplace_back(made.get("_id").as_string());
  }
  expect_same(live, "products");
  int refused = 0;
  for (int step = 0; step < 400; ++step) {
    now_ += pick(0, 20) * kHour;
    std::string name = "step " + std::to_string(step);
    int kind = static_cast<int>(pick(0, 9));
    Result<ActionResult> result = Error::invalid("none");
    if (kind <= 3 || bills.empty()) {
      NewBill bill{pick(0, 1) ? "alice" : "bob", {}, std::nullopt, pick(0, 1) ? 825 : 0, ""};
      if (pick(0, 3) == 0) bill.due_micros = now_.load() + pick(-5, 20) * kDay;
      for (std::int64_t l = pick(1, 3); l > 0; --l) {
        bill.lines.push_back(BillLine{products[pick(0, products.size() - 1)], pick(1, 4),
                                      pick(0, 4) == 0 ? 1500 : 0});
      }
      result = act(app::create_bill, bill);
      if (result.ok()) bills.emplace_back(result->document.get("_id").as_string());
    } else if (kind <= 5) {
      const std::string& id = bills[pick(0, bills.size() - 1)];
      Value bill = get(id);
      Money left =
          static_cast<Money>(bill.get("total").as_number() - bill.get("amountPaid").as_number());
      Money amount = pick(0, 1) ? left : std::max<Money>(1, left / 2);
      result = act(app::record_payment, NewPayment{id, amount, "card", "pay-" + name});
    } else if (kind == 6) {
      result = act(app::cancel_bill, Cancellation{bills[pick(0, bills.size() - 1)], "test"});
    } else if (kind == 7) {
      std::int64_t delta = pick(-6, 30);
      result = act(app::change_stock,
                   StockChange{products[pick(0, products.size() - 1)], delta == 0 ? 1 : delta,
                               delta > 0 ? "restock" : "adjustment", "count"});
    } else if (kind == 8) {
      ProductChanges changes{products[pick(0, products.size() - 1)]};
      changes.low_stock_threshold = pick(0, 6);
      if (pick(0, 4) == 0) changes.active = pick(0, 1) == 1;
      changes.price = pick(1, 5000);
      result = act(app::update_product, changes);
    } else {
      // A raw edit of a free field goes through the same commit hook.
      auto raw = store_->commit(test_support::json(R"([{"patch":{"id":")" + products[0] +
                                                   R"(","set":{"description":"edited )" + name +
                                                   R"("}}}])"));
      ASSERT_TRUE(raw.ok()) << raw.error().message;
      result = ActionResult{};
    }
    if (!result.ok()) ++refused;  // out of stock, paying a cancelled bill, ...: nothing written
    expect_same(live, name);
  }
  EXPECT_GT(bills.size(), 60u);
  EXPECT_LT(refused, 200);
  // Built afresh from the snapshot, the aggregates are the same.
  LiveDashboard rebuilt(*store_);
  EXPECT_EQ(rebuilt.render(now_.load()).to_json(), live.render(now_.load()).to_json());
}

TEST_F(DashboardStats, FollowsBatchedSeedTransactions) {
  LiveDashboard live(*store_);
  BulkSeedOptions options;
  options.customers = 3;
  options.products = 20;
  options.bills = 600;
  options.batch = 100;
  auto seeded = seed_bulk_shop(*shop_, user_document_maker(*store_), kJan1, options);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  expect_same(live, "bulk seed");
}

TEST(DashboardAggregatesTest, OverdueCountsOpenBillsDueBeforeNow) {
  auto bill = [](std::string id, std::string status, std::string due) {
    return test_support::json(R"({"_id":")" + id + R"(","_type":"bill","status":")" + status +
                              R"(","dueDate":")" + due + R"(","total":100,"amountPaid":0})");
  };
  DashboardAggregates aggregates;
  aggregates.fold(bill("a", "pending", "2026-01-05T00:00:00.000Z"), +1);
  aggregates.fold(bill("b", "partially_paid", "2026-01-05T00:00:00.000Z"), +1);
  aggregates.fold(bill("c", "paid", "2026-01-02T00:00:00.000Z"), +1);
  aggregates.fold(bill("d", "pending", "2026-01-10T00:00:00.000Z"), +1);
  auto overdue = [&](std::int64_t at) {
    return aggregates.render(at).get("counts").get("overdue").as_number();
  };
  EXPECT_EQ(overdue(kJan1 + 3 * kDay), 0);
  EXPECT_EQ(overdue(kJan1 + 4 * kDay), 0);  // due exactly now (Jan 5): not yet
  EXPECT_EQ(overdue(kJan1 + 4 * kDay + 1000), 2);
  EXPECT_EQ(overdue(kJan1 + 20 * kDay), 3);
  aggregates.change(bill("a", "pending", "2026-01-05T00:00:00.000Z"),
                    bill("a", "paid", "2026-01-05T00:00:00.000Z"));
  EXPECT_EQ(overdue(kJan1 + 20 * kDay), 2);
}

}  // namespace
}  // namespace ledgerline::app
