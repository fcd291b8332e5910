// Schemas checked on every write and app-owned fields protected from the raw data API (rule 5):
// a raw mutation gets 403 naming the action to use; actions pass; bad shapes get 400.
#include "app/schema.h"
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

class Rules : public ShopTest {
 protected:
  void SetUp() override {
    ShopTest::SetUp();
    product_ = std::string(product("SKU-1", "Oolong", 1250, 7).get("_id").as_string());
    auto created = act(app::create_bill, NewBill{"alice", {{product_, 2, 0}}, std::nullopt, 0, ""});
    ASSERT_TRUE(created.ok());
    bill_ = std::string(created->document.get("_id").as_string());
  }
  Result<store::CommitResult> raw(const std::string& mutations) {
    return store_->commit(json(mutations));
  }
  void expect_forbidden(const std::string& mutations, const std::string& names) {
    auto position = store_->snapshot()->position();
    auto result = raw(mutations);
    ASSERT_FALSE(result.ok()) << mutations;
    EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied) << result.error().message;
    EXPECT_NE(result.error().message.find(names), std::string::npos) << result.error().message;
    EXPECT_EQ(store_->snapshot()->position(), position);
  }
  std::string product_, bill_;
};

TEST_F(Rules, RawPatchOfProductStockNamesTheStockAction) {
  expect_forbidden(R"([{"patch":{"id":")" + product_ + R"(","set":{"stock":100}}}])",
                   "POST /api/v1/stock-adjustments");
  expect_forbidden(R"([{"patch":{"id":")" + product_ + R"(","inc":{"stock":1}}}])", "stock");
  expect_forbidden(R"([{"patch":{"id":")" + product_ + R"(","unset":["sku"]}}])", "sku");
}

TEST_F(Rules, RawPatchOfFreeProductFieldsIsAllowed) {
  auto result =
      raw(R"([{"patch":{"id":")" + product_ + R"(","set":{"description":"Smoky","price":1300}}}])");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(get(product_).get("price").as_number(), 1300);
}

TEST_F(Rules, RawCreatesAndDeletesOfActionDocumentsAreRefused) {
  expect_forbidden(
      R"([{"create":{"_id":"p2","_type":"product","name":"X","sku":"X","category":"c","price":1,"stock":5,"lowStockThreshold":0,"active":true}}])",
      "POST /api/v1/products");
  expect_forbidden(R"([{"delete":{"id":")" + product_ + R"("}}])", "PATCH /api/v1/products");
  expect_forbidden(R"([{"delete":{"id":")" + bill_ + R"("}}])", "/cancel");
  expect_forbidden(
      R"([{"create":{"_id":"e1","_type":"shopEvent","kind":"bill.created","subjects":[],"message":"x","at":"2026-01-01T00:00:00Z"}}])",
      "shopEvent");
  expect_forbidden(R"([{"createOrReplace":{"_id":")" + product_ + R"(","_type":"gadget"}}])",
                   "product");
  expect_forbidden(R"([{"createOrReplace":{"_id":"x1","_type":"bill"}}])", "POST /api/v1/bills");
}

TEST_F(Rules, RawChangesToBillMoneyNameTheBillActions) {
  expect_forbidden(R"([{"patch":{"id":")" + bill_ + R"(","set":{"status":"paid"}}}])",
                   "POST /api/v1/bills/" + bill_ + "/payments");
  expect_forbidden(R"([{"patch":{"id":")" + bill_ + R"(","set":{"total":1}}}])", "bill.total");
  expect_forbidden(R"([{"patch":{"id":")" + bill_ + R"(","set":{"cancelReason":"x"}}}])",
                   "/cancel");
  auto note = raw(R"([{"patch":{"id":")" + bill_ + R"(","set":{"note":"call before delivery"}}}])");
  EXPECT_TRUE(note.ok());
}

TEST_F(Rules, LedgerRowsAreNeverEdited) {
  std::string row(all("stockTransaction")[0].get("_id").as_string());
  expect_forbidden(R"([{"patch":{"id":")" + row + R"(","set":{"quantity":99}}}])",
                   "stockTransaction.quantity");
  expect_forbidden(R"([{"delete":{"id":")" + row + R"("}}])", "stockTransaction");
  std::string counter(kBillCounterId);
  expect_forbidden(R"([{"patch":{"id":")" + counter + R"(","set":{"lastBillNumber":0}}}])",
                   "shopCounter");
}

TEST_F(Rules, UserSchemaIsCheckedOnRawWrites) {
  auto bad_role = raw(
      R"([{"create":{"_id":"u9","_type":"user","name":"U","email":"u@x.test","role":"boss","active":true}}])");
  ASSERT_FALSE(bad_role.ok());
  EXPECT_EQ(bad_role.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_role.error().message.find("role"), std::string::npos);
  auto upper = raw(
      R"([{"create":{"_id":"u9","_type":"user","name":"U","email":"U@x.test","role":"admin","active":true}}])");
  ASSERT_FALSE(upper.ok());
  EXPECT_NE(upper.error().message.find("email"), std::string::npos);
  auto missing = raw(
      R"([{"create":{"_id":"u9","_type":"user","name":"U","email":"u@x.test","role":"admin"}}])");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("active is required"), std::string::npos);
  auto unique = raw(
      R"([{"create":{"_id":"u9","_type":"user","name":"U","email":"alice@demo.test","role":"admin","active":true}}])");
  ASSERT_FALSE(unique.ok());
  EXPECT_EQ(unique.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(get("u9").is_null());
}

TEST_F(Rules, ProductSchemaIsCheckedOnRawPatches) {
  auto negative = raw(R"([{"patch":{"id":")" + product_ + R"(","set":{"price":-1}}}])");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(negative.error().message.find("price"), std::string::npos);
  auto fraction =
      raw(R"([{"patch":{"id":")" + product_ + R"(","set":{"lowStockThreshold":1.5}}}])");
  ASSERT_FALSE(fraction.ok());
  auto huge = raw(R"([{"patch":{"id":")" + product_ + R"(","set":{"price":9007199254740993}}}])");
  ASSERT_FALSE(huge.ok());
  auto untyped = raw(R"([{"patch":{"id":")" + product_ + R"(","set":{"active":"yes"}}}])");
  ASSERT_FALSE(untyped.ok());
  EXPECT_EQ(get(product_).get("price").as_number(), 1250);
}

TEST_F(Rules, SchemaTableCoversEveryShopType) {
  for (std::string_view type : {"user", "product", "stockTransaction", "bill", "shopEvent"}) {
    EXPECT_NE(schema_for(type), nullptr) << type;
  }
  EXPECT_EQ(schema_for("article"), nullptr);
  EXPECT_TRUE(validate_document(json(R"({"_id":"a","_type":"article","anything":1})")).ok());
}

}  // namespace
}  // namespace ledgerline::app
