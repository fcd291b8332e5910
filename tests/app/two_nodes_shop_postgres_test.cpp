// The shop's rules across two nodes on one PostgreSQL: each node applies in the one log order
// under the database's writer lock, so 2 x 32 buyers of 10 units sell exactly 10 and a payment
// retried on both nodes with one key is recorded once.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "app/actions.h"
#include "app/rules.h"
#include "app/shop.h"
#include "support/json.h"
#include "support/two_nodes.h"

namespace ledgerline::app {
namespace {

using test_support::json;

class PostgresTwoNodeShop : public test_support::TwoNodesTest {
 protected:
  store::StoreOptions node_options() override {
    store::StoreOptions options = TwoNodesTest::node_options();
    options.validators.push_back(shop_validator());
    return options;
  }
  void SetUp() override {
    TwoNodesTest::SetUp();
    if (IsSkipped()) return;
    shop_a_ = std::make_unique<Shop>(*a_);
    shop_b_ = std::make_unique<Shop>(*b_);
    for (const char* user : {R"({"_id":"admin","_type":"user","name":"Ada","email":"a@x.test",)"
                             R"("role":"admin","active":true})",
                             R"({"_id":"alice","_type":"user","name":"Alice","email":"b@x.test",)"
                             R"("role":"customer","active":true})"}) {
      ASSERT_TRUE(a_->commit(json(std::string(R"([{"create":)") + user + "}]")).ok());
    }
    auto tea = shop_a_->run_sync(
        [](Draft& draft, const ActionEnv& env) {
          return create_product(draft, NewProduct{"Tea", "SKU-1", "Tea", "", 450, 10, 2, true},
                                env);
        },
        "admin");
    ASSERT_TRUE(tea.ok()) << tea.error().message;
    tea_ = std::string(tea->document.get("_id").as_string());
    ASSERT_TRUE(reaches(*b_, a_->snapshot()->position()));
  }
  void TearDown() override {
    shop_a_.reset();
    shop_b_.reset();
    TwoNodesTest::TearDown();
  }
  Shop& shop(int i) { return i % 2 ? *shop_a_ : *shop_b_; }
  Result<ActionResult> buy(Shop& shop, std::int64_t quantity, std::string key = "") {
    NewBill bill{"alice", {{tea_, quantity, 0}}, std::nullopt, 0, std::move(key)};
    return shop.run_sync(
        [bill](Draft& draft, const ActionEnv& env) { return create_bill(draft, bill, env); },
        "admin");
  }
  std::size_t count(const store::Store& node, std::string_view type) {
    std::size_t n = 0;
    node.snapshot()->for_each_of_type(type, [&](const Value&) { return ++n, true; });
    return n;
  }

  std::unique_ptr<Shop> shop_a_, shop_b_;
  std::string tea_;
};

TEST_F(PostgresTwoNodeShop, TwoNodesOf32BuyersSellExactlyTheTenUnits) {
  std::atomic<int> sold{0}, refused{0}, other{0};
  std::vector<std::thread> buyers;
  for (int i = 0; i < 64; ++i) {
    buyers.emplace_back([&, i] {
      auto result = buy(shop(i), 1);
      if (result.ok()) {
        ++sold;
      } else if (result.error().code == ErrorCode::kConflict &&
                 result.error().message.find("Tea") != std::string::npos) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& buyer : buyers) buyer.join();
  EXPECT_EQ(sold.load(), 10);
  EXPECT_EQ(refused.load(), 54);
  EXPECT_EQ(other.load(), 0);
  std::uint64_t last = std::max(a_->snapshot()->position(), b_->snapshot()->position());
  ASSERT_TRUE(reaches(*a_, last) && reaches(*b_, last));
  for (store::Store* node : {a_.get(), b_.get()}) {
    EXPECT_EQ(node->snapshot()->get(tea_)->get("stock").as_number(), 0);
    EXPECT_EQ(count(*node, "bill"), 10u);
  }
  // Bill numbers are gap-free and unique across both nodes.
  std::vector<std::string> numbers;
  a_->snapshot()->for_each_of_type("bill", [&](const Value& bill) {
    numbers.emplace_back(bill.get("billNumber").as_string());
    return true;
  });
  std::sort(numbers.begin(), numbers.end());
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(numbers.at(i), format_bill_number(i + 1));
  }
}

TEST_F(PostgresTwoNodeShop, APaymentRetriedOnBothNodesIsRecordedOnce) {
  auto bill = buy(*shop_a_, 2);
  ASSERT_TRUE(bill.ok()) << bill.error().message;
  std::string id(bill->document.get("_id").as_string());
  ASSERT_TRUE(reaches(*b_, a_->snapshot()->position()));
  std::vector<std::thread> retries;
  std::atomic<int> answered{0};
  for (int i = 0; i < 20; ++i) {
    retries.emplace_back([&, i] {
      NewPayment payment{id, 500, "card", "pay-once"};
      auto result = shop(i).run_sync(
          [payment](Draft& draft, const ActionEnv& env) {
            return record_payment(draft, payment, env);
          },
          "admin");
      if (result.ok() && result->document.get("_id").as_string() == id) ++answered;
    });
  }
  for (std::thread& retry : retries) retry.join();
  EXPECT_EQ(answered.load(), 20);
  std::uint64_t last = std::max(a_->snapshot()->position(), b_->snapshot()->position());
  ASSERT_TRUE(reaches(*a_, last) && reaches(*b_, last));
  for (store::Store* node : {a_.get(), b_.get()}) {
    const Value* paid = node->snapshot()->get(id);
    ASSERT_NE(paid, nullptr);
    EXPECT_EQ(paid->get("payments").size(), 1u);
    EXPECT_EQ(paid->get("amountPaid").as_number(), 500);
  }
}

}  // namespace
}  // namespace ledgerline::app
