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

class ShopServer {
 public:
  explicit ShopServer(ServerOptions options = {}) {
    auto storage = storage::open_sqlite(dir_.path());
    if (!storage.ok()) throw std::runtime_error(storage.error().message);
    store::StoreOptions store_options;
    store_options.validators.push_back(app::shop_validator());
    auto store = store::Store::open(std::move(*storage), std::move(store_options));
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    shop_ = std::make_unique<app::Shop>(*store_);
    options.port = 0;
    options.shop = shop_.get();
    if (options.io_threads == 0) options.io_threads = 2;
    if (options.worker_threads == 0) options.worker_threads = 2;
    auto server = Server::start(*store_, options);
    if (!server.ok()) throw std::runtime_error(server.error().message);
    server_ = std::move(*server);
    port_ = server_->port();
  }
  ~ShopServer() {
    if (server_) server_->stop();
    server_.reset();
    shop_.reset();
    if (store_) store_->close();
  }

  std::uint16_t port() const { return port_; }
  store::Store& store() { return *store_; }

  // A user document made through the raw data API, as the auth layer does.
  void make_user(const std::string& id, const std::string& role = "customer") {
    auto result = store_->commit(parse(R"([{"create":{"_id":")" + id +
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
    const Value* document = store_->snapshot()->get(id);
    return document ? *document : Value();
  }

 private:
  test_support::TempDir dir_{"ledgerline-shop"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::Shop> shop_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

}  // namespace ledgerline::http::testing
