// The shop's application API over real HTTP: answers (201/200 with the document), broken rules
// (409 naming the product and what is left), unknown ids (404), the raw data API refusing
// app-owned fields (403 naming the action), and a data-driven table of bad input: every field of
// every action missing, wrong-typed, negative, huge, unknown, or with an unknown extra field ->
// 400 naming the field, nothing written, nothing on the stream.
#include <gtest/gtest.h>

#include "shop_server.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;

class ShopApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ShopServer>();
    server_->make_user("alice");
    server_->make_user("admin", "admin");
    connection_ = std::make_unique<Connection>(server_->port());
    tea_ = server_->make_product(*connection_, "SKU-0001", "Black tea", 450, 20);
    green_ = server_->make_product(*connection_, "SKU-0002", "Green tea", 1999, 3);
  }
  Reply post(const std::string& path, const std::string& body) {
    return connection_->request(verb::post, path, body);
  }
  std::string make_bill(const std::string& product, int quantity) {
    Reply reply =
        post("/api/v1/bills", R"({"customerId":"alice","items":[{"productId":")" + product +
                                  R"(","quantity":)" + std::to_string(quantity) + "}]}");
    EXPECT_EQ(reply.status, 201) << reply.body;
    return std::string(parse(reply.body).get("_id").as_string());
  }
  std::unique_ptr<ShopServer> server_;
  std::unique_ptr<Connection> connection_;
  std::string tea_, green_;
};

TEST_F(ShopApi, ProductCreateAnswers201AndUpdateAnswers200) {
  Value product = server_->get(tea_);
  EXPECT_EQ(product.get("stock").as_number(), 20);
  Reply updated = connection_->request(verb::patch, "/api/v1/products/" + tea_,
                                       R"({"price":500,"description":"Strong"})");
  EXPECT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(parse(updated.body).get("price").as_number(), 500);
  EXPECT_EQ(parse(updated.body).get("stock").as_number(), 20);
  Reply missing = connection_->request(verb::patch, "/api/v1/products/nope", R"({"price":1})");
  EXPECT_EQ(missing.status, 404);
}

TEST_F(ShopApi, StockAdjustmentAnswersTheProductWithItsLedgerRow) {
  Reply restocked =
      post("/api/v1/stock-adjustments",
           R"({"productId":")" + tea_ + R"(","delta":4,"kind":"restock","reason":"delivery"})");
  ASSERT_EQ(restocked.status, 200) << restocked.body;
  Value answer = parse(restocked.body);
  EXPECT_EQ(answer.get("_id").as_string(), tea_);
  EXPECT_EQ(answer.get("stock").as_number(), 24);
  Value row = answer.get("stockTransaction");
  EXPECT_EQ(row.get("_type").as_string(), "stockTransaction");
  EXPECT_EQ(row.get("stockBefore").as_number(), 20);
  EXPECT_EQ(row.get("stockAfter").as_number(), 24);
  EXPECT_EQ(row.get("product").get("_ref").as_string(), tea_);
  EXPECT_EQ(server_->get(std::string(row.get("_id").as_string())), row);
}

TEST_F(ShopApi, DashboardFollowsActionsOverHttp) {
  auto dashboard = [&] {
    Reply reply = connection_->request(verb::get, "/api/v1/stats/dashboard", "");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return parse(reply.body);
  };
  EXPECT_EQ(dashboard().get("counts").get("total").as_number(), 0);
  std::string bill = make_bill(green_, 3);
  Value after = dashboard();
  EXPECT_EQ(after.get("counts").get("pending").as_number(), 1);
  EXPECT_EQ(after.get("outstanding").as_number(), 3 * 1999);
  EXPECT_EQ(after.get("outOfStock").as_array().size(), 1u);
  ASSERT_EQ(after.get("topProducts").as_array().size(), 1u);
  EXPECT_EQ(after.get("topProducts").as_array()[0].get("_id").as_string(), green_);
}

TEST_F(ShopApi, BillLifecycleOverHttp) {
  Reply created =
      post("/api/v1/bills", R"({"customerId":"alice","taxRate":825,"items":[{"productId":")" +
                                tea_ + R"(","quantity":2,"discountRate":1000}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  Value bill = parse(created.body);
  EXPECT_EQ(bill.get("billNumber").as_string(), "INV-000001");
  EXPECT_EQ(bill.get("subtotal").as_number(), 810);
  EXPECT_EQ(bill.get("tax").as_number(), 67);  // 66.825 -> 67
  EXPECT_EQ(bill.get("total").as_number(), 877);
  std::string id(bill.get("_id").as_string());
  Reply paid = post("/api/v1/bills/" + id + "/payments",
                    R"({"amount":877,"method":"cash","idempotencyKey":"k1"})");
  EXPECT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(parse(paid.body).get("status").as_string(), "paid");
  Reply over = post("/api/v1/bills/" + id + "/payments", R"({"amount":1,"idempotencyKey":"k2"})");
  EXPECT_EQ(over.status, 409);
  EXPECT_TRUE(parse(over.body).get("error").get("description").is_string());
  Reply cancel = post("/api/v1/bills/" + id + "/cancel", R"({"reason":"x"})");
  EXPECT_EQ(cancel.status, 409) << cancel.body;
  std::string other = make_bill(tea_, 1);
  Reply cancelled = post("/api/v1/bills/" + other + "/cancel", R"({"reason":"wrong"})");
  EXPECT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(parse(cancelled.body).get("status").as_string(), "cancelled");
  Reply unknown = post("/api/v1/bills/bill-nope/payments", R"({"amount":1,"idempotencyKey":"k"})");
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(ShopApi, NotEnoughStockIs409NamingTheProductAndWhatIsLeft) {
  Reply reply = post("/api/v1/bills", R"({"customerId":"alice","items":[{"productId":")" + green_ +
                                          R"(","quantity":5}]})");
  EXPECT_EQ(reply.status, 409);
  Value error = parse(reply.body).get("error");
  EXPECT_EQ(error.get("description").as_string(),
            "Not enough stock for \"Green tea\" (SKU-0002): 3 left, 5 requested");
  EXPECT_EQ(error.get("type").as_string(), "insufficientStock");
}

TEST_F(ShopApi, IdempotentBillAnswersTheSameBillWith200) {
  std::string body = R"({"customerId":"alice","idempotencyKey":"order-1","items":[{"productId":")" +
                     tea_ + R"(","quantity":1}]})";
  Reply first = post("/api/v1/bills", body);
  Reply again = post("/api/v1/bills", body);
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(parse(first.body), parse(again.body));
  EXPECT_EQ(server_->get(tea_).get("stock").as_number(), 19);
}

TEST_F(ShopApi, RawMutationOfAppOwnedFieldsGets403NamingTheAction) {
  Reply stock = post("/v1/data/mutate/production",
                     R"({"mutations":[{"patch":{"id":")" + tea_ + R"(","set":{"stock":99}}}]})");
  EXPECT_EQ(stock.status, 403) << stock.body;
  EXPECT_NE(stock.body.find("POST /api/v1/stock-adjustments"), std::string::npos);
  std::string bill = make_bill(tea_, 1);
  Reply status = post("/v1/data/mutate/production", R"({"mutations":[{"patch":{"id":")" + bill +
                                                        R"(","set":{"status":"paid"}}}]})");
  EXPECT_EQ(status.status, 403);
  EXPECT_NE(status.body.find("/payments"), std::string::npos);
  EXPECT_EQ(server_->get(tea_).get("stock").as_number(), 19);
}

// ---- bad input, as data -----------------------------------------------------------------------

struct BadInput {
  const char* method;
  const char* path;   // $TEA / $BILL replaced
  const char* body;   // $TEA replaced
  const char* field;  // the field the 400 must name
};

const BadInput kBadInputs[] = {
    // POST /api/v1/products
    {"POST", "/api/v1/products",
     R"({"sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "name"},
    {"POST", "/api/v1/products",
     R"({"name":5,"sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "name"},
    {"POST", "/api/v1/products",
     R"({"name":"","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "name"},
    {"POST", "/api/v1/products",
     R"({"name":"n","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "sku"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":["x"],"category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "sku"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","price":1,"stock":1,"lowStockThreshold":0,"active":true})",
     "category"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":-1,"stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":"1","stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1.5,"stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1e300,"stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":9223372036854775807,"stock":1,"lowStockThreshold":0,"active":true})",
     "price"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"lowStockThreshold":0,"active":true})",
     "stock"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":-3,"lowStockThreshold":0,"active":true})",
     "stock"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1e20,"lowStockThreshold":0,"active":true})",
     "stock"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"active":true})",
     "lowStockThreshold"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":-1,"active":true})",
     "lowStockThreshold"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0})",
     "active"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":"yes"})",
     "active"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true,"description":7})",
     "description"},
    {"POST", "/api/v1/products",
     R"({"name":"n","sku":"N1","category":"c","price":1,"stock":1,"lowStockThreshold":0,"active":true,"cost":3})",
     "cost"},
    // PATCH /api/v1/products/{id}
    {"PATCH", "/api/v1/products/$TEA", R"({"price":-5})", "price"},
    {"PATCH", "/api/v1/products/$TEA", R"({"price":"cheap"})", "price"},
    {"PATCH", "/api/v1/products/$TEA", R"({"name":""})", "name"},
    {"PATCH", "/api/v1/products/$TEA", R"({"active":1})", "active"},
    {"PATCH", "/api/v1/products/$TEA", R"({"lowStockThreshold":1e30})", "lowStockThreshold"},
    {"PATCH", "/api/v1/products/$TEA", R"({"stock":100})", "stock"},
    {"PATCH", "/api/v1/products/$TEA", R"({"sku":"X"})", "sku"},
    // POST /api/v1/stock-adjustments
    {"POST", "/api/v1/stock-adjustments", R"({"delta":1,"kind":"restock","reason":"r"})",
     "productId"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":7,"delta":1,"kind":"restock","reason":"r"})", "productId"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"nope","delta":1,"kind":"restock","reason":"r"})", "productId"},
    {"POST", "/api/v1/stock-adjustments", R"({"productId":"$TEA","kind":"restock","reason":"r"})",
     "delta"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":"1","kind":"restock","reason":"r"})", "delta"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":-1,"kind":"restock","reason":"r"})", "delta"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":0,"kind":"adjustment","reason":"r"})", "delta"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":1e40,"kind":"restock","reason":"r"})", "delta"},
    {"POST", "/api/v1/stock-adjustments", R"({"productId":"$TEA","delta":1,"reason":"r"})", "kind"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":1,"kind":"sale","reason":"r"})", "kind"},
    {"POST", "/api/v1/stock-adjustments", R"({"productId":"$TEA","delta":-1,"kind":"adjustment"})",
     "reason"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":-1,"kind":"adjustment","reason":false})", "reason"},
    {"POST", "/api/v1/stock-adjustments",
     R"({"productId":"$TEA","delta":1,"kind":"restock","reason":"r","stock":3})", "stock"},
    // POST /api/v1/bills
    {"POST", "/api/v1/bills", R"({"items":[{"productId":"$TEA","quantity":1}]})", "customerId"},
    {"POST", "/api/v1/bills", R"({"customerId":3,"items":[{"productId":"$TEA","quantity":1}]})",
     "customerId"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"ghost","items":[{"productId":"$TEA","quantity":1}]})", "customerId"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"$TEA","items":[{"productId":"$TEA","quantity":1}]})", "customerId"},
    {"POST", "/api/v1/bills", R"({"customerId":"alice"})", "items"},
    {"POST", "/api/v1/bills", R"({"customerId":"alice","items":{}})", "items"},
    {"POST", "/api/v1/bills", R"({"customerId":"alice","items":[]})", "items"},
    {"POST", "/api/v1/bills", R"({"customerId":"alice","items":[5]})", "items[0]"},
    {"POST", "/api/v1/bills", R"({"customerId":"alice","items":[{"quantity":1}]})",
     "items[0].productId"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"nope","quantity":1}]})", "items[0].productId"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1},{"productId":"$TEA"}]})",
     "items[1].quantity"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":0}]})", "items[0].quantity"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":-2}]})", "items[0].quantity"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":"2"}]})",
     "items[0].quantity"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1e18}]})",
     "items[0].quantity"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1,"discountRate":10001}]})",
     "items[0].discountRate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1,"discountRate":-1}]})",
     "items[0].discountRate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1,"unitPrice":1}]})",
     "items[0].unitPrice"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"taxRate":-5})",
     "taxRate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"taxRate":"8%"})",
     "taxRate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"dueDate":"tomorrow"})",
     "dueDate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"dueDate":5})",
     "dueDate"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"idempotencyKey":12})",
     "idempotencyKey"},
    {"POST", "/api/v1/bills",
     R"({"customerId":"alice","items":[{"productId":"$TEA","quantity":1}],"total":1})", "total"},
    // POST /api/v1/bills/{id}/payments
    {"POST", "/api/v1/bills/$BILL/payments", R"({"idempotencyKey":"k"})", "amount"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":"5","idempotencyKey":"k"})", "amount"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":-5,"idempotencyKey":"k"})", "amount"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":0,"idempotencyKey":"k"})", "amount"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":1e300,"idempotencyKey":"k"})", "amount"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":5})", "idempotencyKey"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":5,"idempotencyKey":""})",
     "idempotencyKey"},
    {"POST", "/api/v1/bills/$BILL/payments",
     R"({"amount":5,"idempotencyKey":"k","method":"bitcoin"})", "method"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":5,"idempotencyKey":"k","method":3})",
     "method"},
    {"POST", "/api/v1/bills/$BILL/payments", R"({"amount":5,"idempotencyKey":"k","paidAt":"x"})",
     "paidAt"},
    // POST /api/v1/bills/{id}/cancel
    {"POST", "/api/v1/bills/$BILL/cancel", R"({"reason":42})", "reason"},
    {"POST", "/api/v1/bills/$BILL/cancel", R"({"reason":"r","refund":true})", "refund"},
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

TEST_F(ShopApi, BadInputGets400NamingTheFieldAndWritesNothing) {
  std::string bill = make_bill(tea_, 1);
  for (const BadInput& row : kBadInputs) {
    std::string path = replace_all(replace_all(row.path, "$TEA", tea_), "$BILL", bill);
    std::string body = replace_all(row.body, "$TEA", tea_);
    auto position = server_->store().snapshot()->position();
    Reply reply = connection_->request(
        std::string(row.method) == "PATCH" ? verb::patch : verb::post, path, body);
    SCOPED_TRACE(std::string(row.method) + " " + row.path + " " + row.body);
    EXPECT_EQ(reply.status, 400) << reply.body;
    Value error = parse(reply.body).get("error");
    EXPECT_EQ(error.get("type").as_string(), "validationError") << reply.body;
    EXPECT_NE(error.get("description").as_string().find(row.field), std::string::npos)
        << reply.body;
    // Nothing committed means nothing on the listen stream either: it only carries committed
    // transactions, and the log position did not move.
    EXPECT_EQ(server_->store().snapshot()->position(), position);
  }
}

TEST_F(ShopApi, MalformedJsonAndNonObjectBodiesAre400) {
  for (const char* body : {"{", "[]", "5", "\"x\"", "null"}) {
    Reply reply = post("/api/v1/bills", body);
    EXPECT_EQ(reply.status, 400) << body << " " << reply.body;
  }
}

}  // namespace
}  // namespace ledgerline::http::testing
