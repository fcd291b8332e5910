// When storage fails to persist a group, every transaction of the group fails, nothing becomes
// visible, no position is used up, and the store keeps working once storage recovers.
#include <atomic>

#include "store_fixture.h"

namespace ledgerline::store {
namespace {

// Fault injection around the real SQLite engine: persist fails while `fail` is set.
class FlakyStorage final : public storage::Storage {
 public:
  FlakyStorage(std::unique_ptr<storage::Storage> real, std::atomic<bool>& fail)
      : real_(std::move(real)), fail_(fail) {}
  Status load_documents(const std::function<void(Value)>& visit) override {
    return real_->load_documents(visit);
  }
  Result<std::uint64_t> last_position() override { return real_->last_position(); }
  Result<std::vector<storage::LogRecord>> read_log(std::uint64_t after,
                                                   std::size_t limit) override {
    return real_->read_log(after, limit);
  }
  Result<std::uint64_t> first_position() override { return real_->first_position(); }
  Result<std::uint64_t> find_position(const std::string& id) override {
    return real_->find_position(id);
  }
  Status scan_documents_json(
      const std::function<bool(std::string_view, std::string_view)>& visit) override {
    return real_->scan_documents_json(visit);
  }
  Status persist(const std::vector<const storage::LogRecord*>& records) override {
    if (fail_) return Error::internal("disk full (injected)");
    return real_->persist(records);
  }
  Result<std::vector<storage::LogRecord>> begin_write(std::uint64_t known) override {
    return real_->begin_write(known);
  }
  void abandon_write() override { real_->abandon_write(); }
  bool shared() const override { return real_->shared(); }
  Result<std::unique_ptr<storage::LogWatch>> watch_log() override { return real_->watch_log(); }

 private:
  std::unique_ptr<storage::Storage> real_;
  std::atomic<bool>& fail_;
};

class StorageFailure : public StoreTest {
 protected:
  void open_flaky() {
    store_.reset();
    auto real = test_support::open_test_storage(dir_);
    ASSERT_TRUE(real.ok());
    auto store = Store::open(std::make_unique<FlakyStorage>(std::move(*real), fail_));
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }
  std::atomic<bool> fail_{false};
};

TEST_F(StorageFailure, FailedPersistRejectsTheGroupAndLeavesNoTrace) {
  open_flaky();
  commit_ok(R"([{"create":{"_id":"a","_type":"t","v":1}}])");
  int notified = 0;
  store_->subscribe([&](const std::vector<TransactionPtr>& group) {
    notified += static_cast<int>(group.size());
  });
  fail_ = true;
  auto failed =
      commit(R"([{"patch":{"id":"a","set":{"v":2}}},{"create":{"_id":"b","_type":"t"}}])");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(get("a").get("v").as_number(), 1);
  EXPECT_TRUE(get("b").is_null());
  EXPECT_EQ(store_->snapshot()->position(), 1u);
  EXPECT_EQ(notified, 0);
  CommitOptions dry;
  dry.dry_run = true;
  EXPECT_TRUE(commit(R"([{"create":{"_id":"c","_type":"t"}}])", dry).ok())
      << "dry runs persist nothing";

  fail_ = false;
  auto next = commit_ok(R"([{"patch":{"id":"a","set":{"v":3}}}])");
  EXPECT_EQ(next.transaction->position, 2u) << "the failed group used no position";
  EXPECT_EQ(notified, 1);
  reopen();
  EXPECT_EQ(get("a").get("v").as_number(), 3);
  EXPECT_TRUE(get("b").is_null());
  EXPECT_EQ(store_->snapshot()->position(), 2u);
}

}  // namespace
}  // namespace ledgerline::store
