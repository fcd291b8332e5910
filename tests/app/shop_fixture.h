// Test fixture: a real Store (SQLite in a temporary folder) with the shop's validator, a Shop
// on a settable clock, and helpers to make users (through the raw API, as auth would) and
// products.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "app/rules.h"
#include "app/shop.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/json.h"
#include "support/temp_dir.h"
#include "support/test_storage.h"

namespace ledgerline::app {

using test_support::json;

// 2026-01-01T00:00:00Z in microseconds.
constexpr std::int64_t kJan1 = 1767225600LL * 1000000;

class ShopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    open_store();
    make_user("admin", "Ada Admin", "admin@demo.test", "admin");
    make_user("alice", "Alice", "alice@demo.test", "customer");
  }
  // A fresh empty store with the shop's validator, and the shop on the test clock.
  void open_store() {
    auto storage = test_support::open_test_storage(dir_.path());
    ASSERT_TRUE(storage.ok()) << storage.error().message;
    store::StoreOptions options;
    options.validators.push_back(shop_validator());
    auto opened = store::Store::open(std::move(*storage), std::move(options));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    shop_ = std::make_unique<Shop>(*store_, [this] { return now_.load(); });
  }
  void TearDown() override {
    shop_.reset();
    store_.reset();
  }

  void make_user(const std::string& id, const std::string& name, const std::string& email,
                 const std::string& role) {
    auto result = store_->commit(json(R"([{"create":{"_id":")" + id +
                                      R"(","_type":"user","name":")" + name + R"(","email":")" +
                                      email + R"(","role":")" + role + R"(","active":true}}])"));
    ASSERT_TRUE(result.ok()) << result.error().message;
  }

  // Runs an action as the admin.
  template <class Input, class Function>
  Result<ActionResult> act(Function function, Input input) {
    return shop_->run_sync(
        [function, input](Draft& draft, const ActionEnv& env) {
          return function(draft, input, env);
        },
        "admin");
  }

  Value product(const std::string& sku, const std::string& name, Money price, std::int64_t stock,
                std::int64_t threshold = 2) {
    NewProduct input{name, sku, "Tea", "", price, stock, threshold, true};
    auto result = act(app::create_product, input);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result->document : Value();
  }

  Value get(std::string_view id) {
    const Value* document = store_->snapshot()->get(id);
    return document ? *document : Value();
  }
  // Every document of a type, in _id order.
  std::vector<Value> all(std::string_view type) {
    std::vector<Value> found;
    store_->snapshot()->for_each_of_type(type, [&](const Value& document) {
      found.push_back(document);
      return true;
    });
    return found;
  }
  std::size_t count(std::string_view type) { return all(type).size(); }

  test_support::TempDir dir_{"ll-shop"};
  std::atomic<std::int64_t> now_{kJan1};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Shop> shop_;
};

}  // namespace ledgerline::app
