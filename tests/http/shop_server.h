// A real server with the shop (store with the shop's validator, app::Shop, /api/v1 routes) on a
// free loopback port, plus helpers to make users (raw, as auth would) and products over HTTP.
#pragma once

#include <memory>
#include <string>

#include "app/rules.h"
#include "app/shop.h"
#include "support/json.h"
#include "support/temp_dir.h"
#include "test_client.h"

namespace ledgerline::http::testing {

// Response bodies and mutations in the tests are JSON; bad JSON fails the test.
inline Value parse(const std::string& text) {
  return test_support::json(text);
}

// The shared ServerFixture (auth with an admin token every Connection sends) plus the shop.
class ShopServer {
 public:
  explicit ShopServer(ServerOptions options = {})
      : fixture_(options, {}, shop_store_options(),
                 [this](store::Store& store, ServerOptions& server_options) {
                   shop_ = std::make_unique<app::Shop>(store);
                   server_options.shop = shop_.get();
                 }) {}

  std::uint16_t port() const { return fixture_.port(); }
  store::Store& store() { return fixture_.store(); }

  // A user document made through the raw data API, as the auth layer does.
  void make_user(const std::string& id, const std::string& role = "customer") {
    auto result = store().commit(parse(R"([{"create":{"_id":")" + id +
                                       R"(","_type":"user","name":")" + id + R"(","email":")" + id +
                                       R"(@demo.test","role":")" + role + R"(","active":true}}])"));
    if (!result.ok()) throw std::runtime_error(result.error().message);
  }

  // Creates a product over HTTP; returns its id.
  std::string make_product(Connection& connection, const std::string& sku, const std::string& name,
                           int price, int stock, int threshold = 2) {
    Reply reply = connection.request(
        bhttp::verb::post, "/api/v1/products",
        R"({"name":")" + name + R"(","sku":")" + sku + R"(","category":"Tea","price":)" +
            std::to_string(price) + R"(,"stock":)" + std::to_string(stock) +
            R"(,"lowStockThreshold":)" + std::to_string(threshold) + R"(,"active":true})");
    if (reply.status != 201) throw std::runtime_error("product: " + reply.body);
    return std::string(parse(reply.body).get("_id").as_string());
  }

  Value get(std::string_view id) {
    const Value* document = store().snapshot()->get(id);
    return document ? *document : Value();
  }

 private:
  static store::StoreOptions shop_store_options() {
    store::StoreOptions options;
    options.validators.push_back(app::shop_validator());
    return options;
  }

  std::unique_ptr<app::Shop> shop_;  // declared first: it outlives the fixture's server
  ServerFixture fixture_;
};

}  // namespace ledgerline::http::testing
