// Test fixture: a real Store over the SQLite engine in a fresh temporary data directory.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/json.h"
#include "support/temp_dir.h"
#include "support/test_storage.h"

namespace ledgerline::store {

using test_support::json;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { reopen(); }
  void TearDown() override { store_.reset(); }

  void reopen(storage::SqliteOptions storage_options = {}, StoreOptions options = {}) {
    store_.reset();
    auto storage = test_support::open_test_storage(dir_, storage_options);
    ASSERT_TRUE(storage.ok()) << storage.error().message;
    auto store = Store::open(std::move(*storage), std::move(options));
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
  }

  Result<CommitResult> commit(std::string_view mutations, CommitOptions options = {}) {
    return store_->commit(json(mutations), std::move(options));
  }
  CommitResult commit_ok(std::string_view mutations, CommitOptions options = {}) {
    auto result = commit(mutations, std::move(options));
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? std::move(*result) : CommitResult{};
  }
  // The current document, or null.
  Value get(std::string_view id) {
    const Value* document = store_->snapshot()->get(id);
    return document ? *document : Value();
  }

  test_support::TempDir temp_{"ll-store"};
  std::string dir_ = temp_.path();  // the data folder reopen() opens
  std::unique_ptr<Store> store_;
};

}  // namespace ledgerline::store
