// Making shops through the same actions as the API: the deterministic demo shop
// (`serve --seed-demo`) and large shops for benchmarks (`ledgerline seed`). Both run the actions
// in big batches (Shop::run_batch: many actions per transaction, each still checked by its
// rules) with a back-dated clock so the history spreads over past days.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/shop.h"

namespace ledgerline::app {

// A login the seed wants to exist.
struct SeedUser {
  std::string id;  // the user document's _id
  std::string name, email, role, password;
};

// Creates one user: the auth layer's "create user" (credentials + user document) when plugged
// in; by default, user_document_maker() writes only the user document (no password).
using UserMaker = std::function<Status(const SeedUser&)>;
UserMaker user_document_maker(store::Store& store);

struct SeedSummary {
  std::vector<SeedUser> users;  // the logins made (for `serve` to print)
  std::size_t products = 0, bills = 0, actions = 0, refused = 0;
};

// The demo shop: admin@demo.test/admin, alice/bob/carol/dave/erin @demo.test (password = first
// name), 40 products in 5 categories (some low, some out), 60 bills over the last 60 days in
// every status including overdue, with payments, restocks, adjustments and cancellations.
// Deterministic for a given `now_micros` (documents ids aside). The store should be empty.
Result<SeedSummary> seed_demo_shop(Shop& shop, const UserMaker& make_user, std::int64_t now_micros);

// A large shop: `customers` customers (+ one admin), `products` products with ample stock,
// `bills` bills of 1-4 lines over the last year, about half paid, some partly paid, a few
// cancelled. `batch` actions per transaction.
struct BulkSeedOptions {
  std::size_t customers = 100, products = 1000, bills = 100000, batch = 1000;
  std::uint32_t random_seed = 42;
};
Result<SeedSummary> seed_bulk_shop(Shop& shop, const UserMaker& make_user, std::int64_t now_micros,
                                   const BulkSeedOptions& options);

}  // namespace ledgerline::app
