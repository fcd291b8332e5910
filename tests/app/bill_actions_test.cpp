// Bill actions (DOMAIN.md rules 1-4): numbering, prices copied, stock and sale rows, payments
// and their status transitions, idempotency, cancellation, and every refusal.
#include <thread>

#include "app/action_support.h"
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

class BillActions : public ShopTest {
 protected:
  void SetUp() override {
    ShopTest::SetUp();
    tea_ = std::string(product("SKU-0001", "Black tea", 450, 20).get("_id").as_string());
    green_ = std::string(product("SKU-0002", "Green tea", 1999, 3).get("_id").as_string());
  }
  Result<ActionResult> bill(std::vector<BillLine> lines, std::int64_t tax_rate = 0,
                            std::string key = "") {
    NewBill input{"alice", std::move(lines), std::nullopt, tax_rate, std::move(key)};
    return act(app::create_bill, input);
  }
  Result<ActionResult> pay(const std::string& bill_id, Money amount, std::string key,
                           std::string method = "card") {
    return act(app::record_payment, NewPayment{bill_id, amount, method, std::move(key)});
  }
  std::string tea_, green_;
};

std::string id_of(const Result<ActionResult>& result) {
  return std::string(result->document.get("_id").as_string());
}

TEST_F(BillActions, CreateComputesTotalsCopiesPricesAndNumbers) {
  auto created = bill({{tea_, 3, 0}, {green_, 1, 1000}}, 825);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->created);
  const Value& doc = created->document;
  EXPECT_EQ(doc.get("billNumber").as_string(), "INV-000001");
  EXPECT_EQ(doc.get("items").as_array()[0].get("lineTotal").as_number(), 1350);
  // 1999 × 0.9 = 1799.1 -> 1799
  EXPECT_EQ(doc.get("items").as_array()[1].get("lineTotal").as_number(), 1799);
  EXPECT_EQ(doc.get("items").as_array()[1].get("name").as_string(), "Green tea");
  EXPECT_EQ(doc.get("items").as_array()[1].get("sku").as_string(), "SKU-0002");
  EXPECT_EQ(doc.get("items").as_array()[1].get("unitPrice").as_number(), 1999);
  EXPECT_EQ(doc.get("subtotal").as_number(), 3149);
  // 3149 × 0.0825 = 259.79 -> 260
  EXPECT_EQ(doc.get("tax").as_number(), 260);
  EXPECT_EQ(doc.get("total").as_number(), 3409);
  EXPECT_EQ(doc.get("status").as_string(), "pending");
  EXPECT_EQ(doc.get("amountPaid").as_number(), 0);
  EXPECT_EQ(doc.get("issuedAt").as_string(), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(doc.get("dueDate").as_string(), "2026-01-15T00:00:00.000Z");
  EXPECT_FALSE(doc.get("_rev").is_null());
  EXPECT_EQ(get(tea_).get("stock").as_number(), 17);
  EXPECT_EQ(get(green_).get("stock").as_number(), 2);
  auto second = bill({{tea_, 1, 0}});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->document.get("billNumber").as_string(), "INV-000002");
}

TEST_F(BillActions, EachLineWritesASaleRowChainedToTheStock) {
  auto created = bill({{tea_, 3, 0}, {tea_, 2, 0}});
  ASSERT_TRUE(created.ok());
  int sales = 0;
  for (const Value& row : all("stockTransaction")) {
    if (row.get("kind").as_string() != "sale") continue;
    ++sales;
    EXPECT_EQ(row.get("bill").get("_ref").as_string(), id_of(created));
    EXPECT_EQ(row.get("actor").get("_ref").as_string(), "admin");
    EXPECT_EQ(row.get("stockAfter").as_number() - row.get("stockBefore").as_number(),
              row.get("quantity").as_number());
  }
  EXPECT_EQ(sales, 2);
  EXPECT_EQ(get(tea_).get("stock").as_number(), 15);
}

TEST_F(BillActions, NotEnoughStockNamesTheProductAndWritesNothing) {
  auto before = store_->snapshot()->position();
  auto refused = bill({{tea_, 1, 0}, {green_, 5, 0}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message,
            "Not enough stock for \"Green tea\" (SKU-0002): 3 left, 5 requested");
  EXPECT_EQ(store_->snapshot()->position(), before);
  EXPECT_EQ(get(tea_).get("stock").as_number(), 20);
  // The number is not consumed by the failed bill.
  EXPECT_EQ(bill({{green_, 3, 0}})->document.get("billNumber").as_string(), "INV-000001");
}

TEST_F(BillActions, InactiveProductAndUnknownIdsAreRefused) {
  ASSERT_TRUE(act(app::update_product, ProductChanges{green_, {}, {}, {}, {}, {}, false}).ok());
  auto inactive = bill({{green_, 1, 0}});
  ASSERT_FALSE(inactive.ok());
  EXPECT_EQ(inactive.error().code, ErrorCode::kConflict);
  EXPECT_NE(inactive.error().message.find("Green tea"), std::string::npos);
  auto unknown = bill({{"nope", 1, 0}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("items[0].productId"), std::string::npos);
  auto no_customer = act(app::create_bill, NewBill{"ghost", {{tea_, 1, 0}}, std::nullopt, 0, ""});
  ASSERT_FALSE(no_customer.ok());
  EXPECT_NE(no_customer.error().message.find("customerId"), std::string::npos);
  auto not_a_user = act(app::create_bill, NewBill{tea_, {{tea_, 1, 0}}, std::nullopt, 0, ""});
  ASSERT_FALSE(not_a_user.ok());
  EXPECT_EQ(count("bill"), 0u);
}

TEST_F(BillActions, SameIdempotencyKeyAnswersTheSameBill) {
  auto first = bill({{tea_, 2, 0}}, 0, "order-42");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  auto again = bill({{tea_, 2, 0}}, 0, "order-42");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(id_of(again), id_of(first));
  EXPECT_EQ(again->document.get("_rev"), first->document.get("_rev"));
  EXPECT_EQ(get(tea_).get("stock").as_number(), 18);
  EXPECT_EQ(count("bill"), 1u);
}

TEST_F(BillActions, PaymentsMovePendingToPartiallyPaidToPaid) {
  auto created = bill({{tea_, 2, 0}});  // 900
  std::string id = id_of(created);
  auto part = pay(id, 400, "p1");
  ASSERT_TRUE(part.ok()) << part.error().message;
  EXPECT_FALSE(part->created);
  EXPECT_EQ(part->document.get("status").as_string(), "partially_paid");
  EXPECT_EQ(part->document.get("amountPaid").as_number(), 400);
  auto rest = pay(id, 500, "p2", "bank_transfer");
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->document.get("status").as_string(), "paid");
  EXPECT_EQ(rest->document.get("payments").size(), 2u);
  EXPECT_EQ(rest->document.get("payments").as_array()[1].get("method").as_string(),
            "bank_transfer");
}

TEST_F(BillActions, OverPaymentIsRefused) {
  std::string id = id_of(bill({{tea_, 1, 0}}));  // 450
  auto over = pay(id, 451, "p1");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kConflict);
  EXPECT_NE(over.error().message.find("4.50 USD"), std::string::npos);
  ASSERT_TRUE(pay(id, 450, "p2").ok());
  auto after_paid = pay(id, 1, "p3");
  ASSERT_FALSE(after_paid.ok());
  EXPECT_EQ(after_paid.error().code, ErrorCode::kConflict);
  EXPECT_EQ(get(id).get("amountPaid").as_number(), 450);
}

TEST_F(BillActions, SamePaymentKeyRecordsOnePayment) {
  std::string id = id_of(bill({{tea_, 2, 0}}));
  auto first = pay(id, 100, "same");
  auto second = pay(id, 100, "same");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->document.get("_rev"), first->document.get("_rev"));
  EXPECT_EQ(get(id).get("payments").size(), 1u);
  EXPECT_EQ(get(id).get("amountPaid").as_number(), 100);
}

TEST_F(BillActions, ConcurrentRetriesOfOnePaymentRecordItOnce) {
  std::string id = id_of(bill({{tea_, 2, 0}}));
  std::vector<std::thread> threads;
  std::atomic<int> answered{0};
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto result = pay(id, 300, "retry-key");
      if (result.ok() && result->document.get("amountPaid").as_number() == 300) ++answered;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(answered.load(), 20);
  EXPECT_EQ(get(id).get("payments").size(), 1u);
}

TEST_F(BillActions, PaymentOnCancelledBillIsRefused) {
  std::string id = id_of(bill({{tea_, 2, 0}}));
  ASSERT_TRUE(act(app::cancel_bill, Cancellation{id, "changed mind"}).ok());
  auto refused = pay(id, 100, "p1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("cancelled"), std::string::npos);
}

TEST_F(BillActions, CancelRestoresStockWithCancellationRows) {
  std::string id = id_of(bill({{tea_, 3, 0}, {green_, 3, 0}}));
  EXPECT_EQ(get(green_).get("stock").as_number(), 0);
  auto cancelled = act(app::cancel_bill, Cancellation{id, "wrong order"});
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->document.get("status").as_string(), "cancelled");
  EXPECT_EQ(cancelled->document.get("cancelReason").as_string(), "wrong order");
  EXPECT_EQ(cancelled->document.get("billNumber").as_string(), "INV-000001");
  EXPECT_EQ(get(tea_).get("stock").as_number(), 20);
  EXPECT_EQ(get(green_).get("stock").as_number(), 3);
  int cancellations = 0;
  for (const Value& row : all("stockTransaction")) {
    if (row.get("kind").as_string() == "cancellation") ++cancellations;
  }
  EXPECT_EQ(cancellations, 2);
  // The cancelled number is never reused.
  EXPECT_EQ(bill({{tea_, 1, 0}})->document.get("billNumber").as_string(), "INV-000002");
}

TEST_F(BillActions, CancelIsRefusedWhenPaidOrAlreadyCancelled) {
  std::string paid = id_of(bill({{tea_, 2, 0}}));
  ASSERT_TRUE(pay(paid, 1, "p").ok());
  auto refused = act(app::cancel_bill, Cancellation{paid, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  std::string other = id_of(bill({{tea_, 1, 0}}));
  ASSERT_TRUE(act(app::cancel_bill, Cancellation{other, ""}).ok());
  auto twice = act(app::cancel_bill, Cancellation{other, ""});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto unknown = act(app::cancel_bill, Cancellation{"bill-missing", ""});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(BillActions, EventsNameBillCustomerAndProducts) {
  std::string id = id_of(bill({{green_, 3, 0}}));
  ASSERT_TRUE(pay(id, 100, "p").ok());
  std::map<std::string, int> kinds;
  bool customer_in_payment = false;
  for (const Value& event : all("shopEvent")) {
    kinds[std::string(event.get("kind").as_string())]++;
    EXPECT_EQ(event.get("actor").get("_ref").as_string(), "admin");
    if (event.get("kind").as_string() == "payment.recorded") {
      for (const Value& subject : event.get("subjects").as_array()) {
        customer_in_payment |= subject.get("_ref").as_string() == "alice";
      }
    }
  }
  EXPECT_EQ(kinds["bill.created"], 1);
  EXPECT_EQ(kinds["payment.recorded"], 1);
  EXPECT_EQ(kinds["stock.out"], 1);  // green tea went 3 -> 0
  EXPECT_TRUE(customer_in_payment);
}

TEST_F(BillActions, ConcurrentBuyersNeverOversell) {
  std::vector<std::thread> threads;
  std::atomic<int> sold{0}, refused{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      auto result = bill({{green_, 1, 0}});
      if (result.ok()) {
        ++sold;
      } else if (result.error().message.find("Green tea") != std::string::npos) {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sold.load(), 3);
  EXPECT_EQ(refused.load(), 13);
  EXPECT_EQ(get(green_).get("stock").as_number(), 0);
}

TEST_F(BillActions, TotalBeyondExactRangeIsRefused) {
  std::string pricey(
      product("SKU-BIG", "Gold", kMaxStoredInteger / 2 + 1, 5).get("_id").as_string());
  auto refused = bill({{pricey, 2, 0}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(get(pricey).get("stock").as_number(), 5);
}

TEST_F(BillActions, FreeBillIsPaidAtOnce) {
  auto created = bill({{tea_, 1, 10000}});
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->document.get("total").as_number(), 0);
  EXPECT_EQ(created->document.get("status").as_string(), "paid");
}

}  // namespace
}  // namespace ledgerline::app
