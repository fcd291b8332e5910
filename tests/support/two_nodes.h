// Two stores ("nodes") over one fresh PostgreSQL schema, as two `serve --postgres` processes
// would be, for the scale-out tests; skipped when LEDGERLINE_TEST_POSTGRES is unset.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "storage/postgres/postgres_storage.h"
#include "store/store.h"
#include "support/postgres_schema.h"

namespace ledgerline::test_support {

class TwoNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PostgresSchema::server_url().empty()) GTEST_SKIP() << PostgresSchema::kSkipMessage;
    schema_.emplace();
    a_ = open_node();
    b_ = open_node();
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    schema_.reset();
  }

  // Store options for each node (tests add validators).
  virtual store::StoreOptions node_options() {
    store::StoreOptions options;
    options.follow_period = std::chrono::milliseconds(500);
    return options;
  }

  std::unique_ptr<store::Store> open_node() {
    auto storage = storage::open_postgres(schema_->url());
    EXPECT_TRUE(storage.ok()) << storage.error().message;
    if (!storage.ok()) return nullptr;
    auto store = store::Store::open(std::move(*storage), node_options());
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Waits (up to 10 s) until `node` shows log position `position`.
  static bool reaches(const store::Store& node, std::uint64_t position) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (node.snapshot()->position() < position) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
  }

  std::optional<PostgresSchema> schema_;
  std::unique_ptr<store::Store> a_;
  std::unique_ptr<store::Store> b_;
};

}  // namespace ledgerline::test_support
