// Product and stock actions: creation with its initial restock row, updates that never touch
// stock, restocks and adjustments with their ledger rows and low/out events.
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

using ProductActions = ShopTest;

std::vector<std::string> event_kinds(const std::vector<Value>& events) {
  std::vector<std::string> kinds;
  for (const Value& event : events) kinds.emplace_back(event.get("kind").as_string());
  std::sort(kinds.begin(), kinds.end());
  return kinds;
}

TEST_F(ProductActions, CreateWritesInitialStockAsARestockRow) {
  Value created = product("SKU-1", "Oolong", 1250, 7);
  EXPECT_EQ(created.get("stock").as_number(), 7);
  EXPECT_EQ(created.get("price").as_number(), 1250);
  auto rows = all("stockTransaction");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get("kind").as_string(), "restock");
  EXPECT_EQ(rows[0].get("stockBefore").as_number(), 0);
  EXPECT_EQ(rows[0].get("stockAfter").as_number(), 7);
  EXPECT_EQ(rows[0].get("product").get("_ref"), created.get("_id"));
  EXPECT_EQ(event_kinds(all("shopEvent")), std::vector<std::string>{"product.created"});
}

TEST_F(ProductActions, ZeroInitialStockWritesNoRow) {
  product("SKU-1", "Oolong", 1250, 0);
  EXPECT_EQ(count("stockTransaction"), 0u);
}

TEST_F(ProductActions, SkuIsUniqueIgnoringCase) {
  product("SKU-1", "Oolong", 1250, 7);
  auto duplicate = act(app::create_product, NewProduct{"Other", "sku-1", "Tea", "", 1, 1, 0, true});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_NE(duplicate.error().message.find("Oolong"), std::string::npos);
  EXPECT_EQ(count("product"), 1u);
}

TEST_F(ProductActions, UpdateChangesOnlyGivenFields) {
  std::string id(product("SKU-1", "Oolong", 1250, 7).get("_id").as_string());
  ProductChanges changes{id};
  changes.price = 1500;
  changes.name = "Oolong Supreme";
  auto updated = act(app::update_product, changes);
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(updated->created);
  EXPECT_EQ(updated->document.get("price").as_number(), 1500);
  EXPECT_EQ(updated->document.get("name").as_string(), "Oolong Supreme");
  EXPECT_EQ(updated->document.get("stock").as_number(), 7);
  EXPECT_EQ(updated->document.get("category").as_string(), "Tea");
  auto missing = act(app::update_product, ProductChanges{"product-nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(ProductActions, RestockAndAdjustmentWriteChainedRows) {
  std::string id(product("SKU-1", "Oolong", 1250, 7, 3).get("_id").as_string());
  ASSERT_TRUE(act(app::change_stock, StockChange{id, 5, "restock", "delivery"}).ok());
  auto adjusted = act(app::change_stock, StockChange{id, -10, "adjustment", "broken jars"});
  ASSERT_TRUE(adjusted.ok()) << adjusted.error().message;
  EXPECT_EQ(adjusted->document.get("stock").as_number(), 2);
  std::vector<Value> rows = all("stockTransaction");
  std::sort(rows.begin(), rows.end(), [](const Value& a, const Value& b) {
    return a.get("stockBefore").as_number() < b.get("stockBefore").as_number();
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].get("stockAfter").as_number(), 12);
  EXPECT_EQ(rows[2].get("kind").as_string(), "adjustment");
  EXPECT_EQ(rows[2].get("reason").as_string(), "broken jars");
  EXPECT_EQ(event_kinds(all("shopEvent")),
            (std::vector<std::string>{"product.created", "stock.adjusted", "stock.low",
                                      "stock.restocked"}));
}

TEST_F(ProductActions, StockChangeAnswersTheProductAndTheLedgerRowItWrote) {
  std::string id(product("SKU-1", "Oolong", 1250, 7, 3).get("_id").as_string());
  now_ = kJan1 + 1000000;
  auto restocked = act(app::change_stock, StockChange{id, 5, "restock", "delivery"});
  ASSERT_TRUE(restocked.ok()) << restocked.error().message;
  const Value& answer = restocked->document;
  // Still the product (what callers read before), with the row as one more member.
  EXPECT_EQ(answer.get("_id").as_string(), id);
  EXPECT_EQ(answer.get("stock").as_number(), 12);
  EXPECT_FALSE(restocked->created);
  const Value& row = answer.get("stockTransaction");
  ASSERT_TRUE(row.is_object()) << answer.to_json();
  EXPECT_EQ(row.get("_type").as_string(), "stockTransaction");
  EXPECT_EQ(row.get("kind").as_string(), "restock");
  EXPECT_EQ(row.get("quantity").as_number(), 5);
  EXPECT_EQ(row.get("stockBefore").as_number(), 7);
  EXPECT_EQ(row.get("stockAfter").as_number(), 12);
  EXPECT_EQ(row.get("reason").as_string(), "delivery");
  EXPECT_EQ(row.get("product").get("_ref").as_string(), id);
  EXPECT_FALSE(row.get("_rev").as_string().empty());
  // It is the stored row, not a copy made for the answer; the stored product has no such member.
  EXPECT_EQ(get(row.get("_id").as_string()), row);
  EXPECT_TRUE(get(id).get("stockTransaction").is_null());
  auto adjusted = act(app::change_stock, StockChange{id, -2, "adjustment", "broken"});
  ASSERT_TRUE(adjusted.ok());
  EXPECT_EQ(adjusted->document.get("stockTransaction").get("quantity").as_number(), -2);
  EXPECT_EQ(adjusted->document.get("stockTransaction").get("stockAfter").as_number(), 10);
}

TEST_F(ProductActions, AdjustmentBelowZeroIsRefused) {
  std::string id(product("SKU-1", "Oolong", 1250, 2).get("_id").as_string());
  auto refused = act(app::change_stock, StockChange{id, -3, "adjustment", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("\"Oolong\" (SKU-1): 2 left"), std::string::npos);
  EXPECT_EQ(get(id).get("stock").as_number(), 2);
  auto zero = act(app::change_stock, StockChange{id, -2, "adjustment", "inventory count"});
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->document.get("stock").as_number(), 0);
  auto kinds = event_kinds(all("shopEvent"));
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "stock.out"), kinds.end());
}

TEST_F(ProductActions, RestockMustAddStock) {
  std::string id(product("SKU-1", "Oolong", 1250, 2).get("_id").as_string());
  auto refused = act(app::change_stock, StockChange{id, -1, "restock", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("delta"), std::string::npos);
  auto unknown = act(app::change_stock, StockChange{"nope", 1, "restock", ""});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("productId"), std::string::npos);
}

TEST_F(ProductActions, BatchDropsAFailedActionAndKeepsTheRest) {
  std::vector<Shop::BatchItem> items;
  items.push_back(
      {[](Draft& draft, const ActionEnv& env) {
         return create_product(draft, NewProduct{"A", "A-1", "X", "", 10, 1, 0, true}, env);
       },
       "admin"});
  items.push_back({[](Draft& draft, const ActionEnv& env) {
                     return change_stock(
                         draft, StockChange{product_id_for_sku("A-1"), -5, "adjustment", ""}, env);
                   },
                   "admin"});
  items.push_back(
      {[](Draft& draft, const ActionEnv& env) {
         return change_stock(draft, StockChange{product_id_for_sku("A-1"), 4, "restock", ""}, env);
       },
       "admin"});
  std::vector<std::size_t> failed;
  auto applied = shop_->run_batch(
      std::move(items), false, [&](std::size_t index, const Error&) { failed.push_back(index); });
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, 2u);
  EXPECT_EQ(failed, std::vector<std::size_t>{1});
  EXPECT_EQ(get(product_id_for_sku("A-1")).get("stock").as_number(), 5);
  EXPECT_EQ(count("stockTransaction"), 2u);
}

}  // namespace
}  // namespace ledgerline::app
