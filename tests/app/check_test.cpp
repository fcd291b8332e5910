// `ledgerline check`'s invariants: a shop made by actions (including the demo seed) has no
// breach; each kind of tampering with the documents is reported.
#include <fmt/format.h>

#include "app/check.h"
#include "app/seed.h"
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

class Check : public ShopTest {
 protected:
  void SetUp() override {
    ShopTest::SetUp();
    tea_ = std::string(product("SKU-1", "Black tea", 450, 20).get("_id").as_string());
    auto made = act(app::create_bill, NewBill{"alice", {{tea_, 3, 500}}, std::nullopt, 825, ""});
    ASSERT_TRUE(made.ok());
    bill_ = std::string(made->document.get("_id").as_string());
    ASSERT_TRUE(act(app::record_payment, NewPayment{bill_, 100, "cash", "p1"}).ok());
    auto other = act(app::create_bill, NewBill{"alice", {{tea_, 2, 0}}, std::nullopt, 0, ""});
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(act(app::cancel_bill,
                    Cancellation{std::string(other->document.get("_id").as_string()), "x"})
                    .ok());
    ASSERT_TRUE(act(app::change_stock, StockChange{tea_, -4, "adjustment", "count"}).ok());
  }
  // The documents with one changed by `edit` (by id).
  std::vector<std::string> check_with(const std::string& id,
                                      const std::function<Value(const Value&)>& edit) {
    std::vector<Value> documents;
    store_->snapshot()->for_each([&](const Value& document) {
      if (document.get("_id").as_string() == id) {
        Value edited = edit(document);
        if (!edited.is_null()) documents.push_back(edited);
      } else {
        documents.push_back(document);
      }
      return true;
    });
    return check_shop(*groq::make_vector_dataset(std::move(documents)));
  }
  static Value with(const Value& document, std::string_view key, Value value) {
    return document.with(Key::intern(key), std::move(value));
  }
  std::string tea_, bill_;
};

TEST_F(Check, ActionMadeShopHasNoBreach) {
  EXPECT_EQ(check_shop(*store_->snapshot()), std::vector<std::string>{});
}

TEST_F(Check, StockOffItsLedgerChainIsABreach) {
  auto breaches =
      check_with(tea_, [](const Value& p) { return with(p, "stock", Value::number(99)); });
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_NE(breaches[0].find("unbroken ledger chain"), std::string::npos);
}

TEST_F(Check, MissingLedgerRowIsABreach) {
  std::string row;
  for (const Value& r : all("stockTransaction")) {
    if (r.get("kind").as_string() == "adjustment") row = std::string(r.get("_id").as_string());
  }
  auto breaches = check_with(row, [](const Value&) { return Value(); });
  EXPECT_FALSE(breaches.empty());
}

TEST_F(Check, WrongTotalsAndStatusAreBreaches) {
  auto total = check_with(bill_, [](const Value& b) { return with(b, "total", Value::number(1)); });
  EXPECT_FALSE(total.empty());
  auto status =
      check_with(bill_, [](const Value& b) { return with(b, "status", Value::string("paid")); });
  ASSERT_FALSE(status.empty());
  EXPECT_NE(status[0].find("partially_paid"), std::string::npos);
  auto paid =
      check_with(bill_, [](const Value& b) { return with(b, "amountPaid", Value::number(5)); });
  EXPECT_FALSE(paid.empty());
}

TEST_F(Check, BillNumberGapAndDuplicateAreBreaches) {
  auto gap = check_with(
      bill_, [](const Value& b) { return with(b, "billNumber", Value::string("INV-000007")); });
  bool found = false;
  for (const auto& breach : gap) found |= breach.find("gap") != std::string::npos;
  EXPECT_TRUE(found);
  auto duplicate = check_with(
      bill_, [](const Value& b) { return with(b, "billNumber", Value::string("INV-000002")); });
  found = false;
  for (const auto& breach : duplicate)
    found |= breach.find("share the number") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(Check, DanglingReferenceIsABreach) {
  auto breaches = check_with("alice", [](const Value&) { return Value(); });
  bool found = false;
  for (const auto& breach : breaches)
    found |= breach.find("\"alice\" does not exist") != std::string::npos;
  EXPECT_TRUE(found);
}

class DemoSeed : public ShopTest {
 protected:
  void SetUp() override { open_store(); }  // empty: the demo makes its own users
};

TEST_F(DemoSeed, MakesAConsistentShopInEveryStatus) {
  constexpr std::int64_t kApril1 = kJan1 + 90LL * 86400 * 1000000;
  auto summary = seed_demo_shop(*shop_, user_document_maker(*store_), kApril1);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->users.size(), 6u);
  EXPECT_EQ(get("user-alice").get("email").as_string(), "alice@demo.test");
  EXPECT_EQ(count("product"), 40u);
  EXPECT_GE(count("bill"), 55u);
  std::map<std::string, int> statuses;
  int overdue = 0, low = 0, out = 0;
  for (const Value& bill : all("bill")) {
    std::string status(bill.get("status").as_string());
    statuses[status]++;
    if ((status == "pending" || status == "partially_paid") &&
        bill.get("dueDate").as_string() < std::string_view("2026-04-01")) {
      ++overdue;
    }
    EXPECT_EQ(bill.get("_createdAt").as_string(), bill.get("issuedAt").as_string());
    EXPECT_LT(bill.get("issuedAt").as_string(), std::string_view("2026-04-01"));
    EXPECT_GE(bill.get("issuedAt").as_string(), std::string_view("2026-01-31"));
  }
  for (const Value& product : all("product")) {
    double stock = product.get("stock").as_number();
    if (stock == 0) {
      ++out;
    } else if (stock <= product.get("lowStockThreshold").as_number()) {
      ++low;
    }
  }
  for (const char* status : {"pending", "partially_paid", "paid", "cancelled"}) {
    EXPECT_GT(statuses[status], 0) << status;
  }
  EXPECT_GT(overdue, 0);
  EXPECT_GE(out, 3);
  EXPECT_GE(low, 3);
  EXPECT_EQ(summary->refused, 0u);
  EXPECT_EQ(check_shop(*store_->snapshot()), std::vector<std::string>{});
}

TEST_F(DemoSeed, BulkSeedMakesAConsistentShop) {
  BulkSeedOptions options;
  options.customers = 5;
  options.products = 20;
  options.bills = 300;
  options.batch = 64;
  auto summary = seed_bulk_shop(*shop_, user_document_maker(*store_), kJan1, options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(count("bill"), 300u);
  EXPECT_EQ(get(std::string(kBillCounterId)).get("lastBillNumber").as_number(), 300);
  EXPECT_EQ(check_shop(*store_->snapshot()), std::vector<std::string>{});
}

}  // namespace
}  // namespace ledgerline::app
