// A store and Auth over SQLite in a fresh temp dir, with a clock the test moves by hand.
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

#include "auth/auth.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "support/test_storage.h"

namespace ledgerline::auth::testing {

class AuthFixture {
 public:
  explicit AuthFixture(AuthOptions options = {}, bool minimal_cost = true) {
    if (minimal_cost) options.password_cost = PasswordCost::minimal();
    options.now_ms = [this] { return now_ms.load(); };
    open(std::move(options));
  }
  ~AuthFixture() { close(); }

  void open(AuthOptions options) {
    auto storage = test_support::open_test_storage(dir_.path());
    if (!storage.ok()) throw std::runtime_error(storage.error().message);
    auto auth_storage = (*storage)->open_auth_storage();
    if (!auth_storage.ok()) throw std::runtime_error(auth_storage.error().message);
    auto store = store::Store::open(std::move(*storage));
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    auto auth = Auth::open(std::move(*auth_storage), *store_, std::move(options));
    if (!auth.ok()) throw std::runtime_error(auth.error().message);
    auth_ = std::move(*auth);
  }
  void close() {
    auth_.reset();
    if (store_) store_->close();
    store_.reset();
  }
  // Closes and opens the same folder again (what a restart sees).
  void reopen(AuthOptions options) {
    AuthOptions with_clock = std::move(options);
    with_clock.now_ms = [this] { return now_ms.load(); };
    close();
    open(std::move(with_clock));
  }

  Auth& auth() { return *auth_; }
  store::Store& store() { return *store_; }

  // Creates a user and returns its id (throws on failure).
  std::string user(const std::string& email, Role role, const std::string& password = "secret-1") {
    auto created = auth_->users().create(email, email.substr(0, email.find('@')), role, password);
    if (!created.ok()) throw std::runtime_error(created.error().message);
    return std::string(created->get("_id").as_string());
  }

  std::atomic<std::int64_t> now_ms{1'800'000'000'000};

 private:
  test_support::TempDir dir_{"ledgerline-auth"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Auth> auth_;
};

}  // namespace ledgerline::auth::testing
