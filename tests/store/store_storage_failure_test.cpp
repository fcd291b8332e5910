// When storage fails to persist a group, every transaction of the group fails, nothing becomes
// visible, no position is used up, and the store keeps working once storage recovers. A group
// applied on top of the failing one while it was being persisted fails with it.
#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "store_fixture.h"

namespace ledgerline::store {
namespace {

// Holds persist calls until released, so a test can act while a group is being persisted.
class PersistGate {
 public:
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // Called by persist: waits while the gate is closed.
  void pass() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    --waiting_;
  }
  void wait_for_persist() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_ > 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = true;
  int waiting_ = 0;
};

// Fault injection around the real SQLite engine: persist fails while `fail` is set, and waits
// at `gate` first.
class FlakyStorage final : public storage::Storage {
 public:
  FlakyStorage(std::unique_ptr<storage::Storage> real, std::atomic<bool>& fail, PersistGate& gate)
      : real_(std::move(real)), fail_(fail), gate_(gate) {}
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
    ++lookups;
    return real_->find_position(id);
  }
  Status scan_documents_json(
      const std::function<bool(std::string_view, std::string_view)>& visit) override {
    return real_->scan_documents_json(visit);
  }
  Status persist(const std::vector<const storage::LogRecord*>& records) override {
    gate_.pass();
    if (fail_) return Error::internal("disk full (injected)");
    return real_->persist(records);
  }
  Result<std::vector<storage::LogRecord>> begin_write(std::uint64_t known) override {
    return real_->begin_write(known);
  }
  void abandon_write() override { real_->abandon_write(); }
  bool shared() const override { return real_->shared(); }
  Result<std::unique_ptr<storage::LogWatch>> watch_log() override { return real_->watch_log(); }

  std::atomic<int> lookups{0};  // find_position calls (a caller-chosen transaction id is checked)

 private:
  std::unique_ptr<storage::Storage> real_;
  std::atomic<bool>& fail_;
  PersistGate& gate_;
};

class StorageFailure : public StoreTest {
 protected:
  void open_flaky() {
    store_.reset();
    auto real = test_support::open_test_storage(dir_);
    ASSERT_TRUE(real.ok());
    auto flaky = std::make_unique<FlakyStorage>(std::move(*real), fail_, gate_);
    flaky_ = flaky.get();
    auto store = Store::open(std::move(flaky));
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }
  // Commits a.v + 10, built from the working state; `seen` gets the a.v it was built on.
  void add_ten_to_a(std::promise<double>& seen, std::promise<Result<CommitResult>>& done) {
    store_->commit_built_async(
        [&seen](const groq::Dataset& working) -> Result<Value> {
          double v = working.get("a")->get("v").as_number();
          seen.set_value(v);
          return json(fmt::format(R"([{{"patch":{{"id":"a","set":{{"v":{}}}}}}}])", v + 10));
        },
        {}, [&done](Result<CommitResult> r) { done.set_value(std::move(r)); });
  }

  std::atomic<bool> fail_{false};
  PersistGate gate_;
  FlakyStorage* flaky_ = nullptr;  // owned by store_
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

TEST_F(StorageFailure, AGroupAppliedOnTopOfAFailedOneFailsWithIt) {
  if (test_support::testing_on_postgres()) {
    GTEST_SKIP() << "shared storage applies the next group only after a persist has ended";
  }
  open_flaky();
  commit_ok(R"([{"create":{"_id":"a","_type":"t","v":1}}])");
  fail_ = true;
  gate_.close();
  std::promise<Result<CommitResult>> first;
  store_->commit_async(json(R"([{"patch":{"id":"a","set":{"v":2}}}])"), {},
                       [&](Result<CommitResult> r) { first.set_value(std::move(r)); });
  gate_.wait_for_persist();  // the first group is being persisted

  // The next transaction reads the working state, which already has the unstored v=2.
  std::promise<double> seen;
  std::promise<Result<CommitResult>> second;
  add_ten_to_a(seen, second);
  double applied_on = seen.get_future().get();
  gate_.open();

  auto first_result = first.get_future().get();
  auto second_result = second.get_future().get();
  ASSERT_FALSE(first_result.ok());
  EXPECT_EQ(first_result.error().code, ErrorCode::kUnavailable);
  ASSERT_FALSE(second_result.ok()) << "applied on v=" << applied_on;
  EXPECT_EQ(second_result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(get("a").get("v").as_number(), 1);
  EXPECT_EQ(store_->snapshot()->position(), 1u);

  // The store goes on from what was stored.
  fail_ = false;
  std::promise<double> seen_after;
  std::promise<Result<CommitResult>> third;
  add_ten_to_a(seen_after, third);
  EXPECT_EQ(seen_after.get_future().get(), 1);
  auto third_result = third.get_future().get();
  ASSERT_TRUE(third_result.ok()) << third_result.error().message;
  EXPECT_EQ(third_result->transaction->position, 2u);
  reopen();
  EXPECT_EQ(get("a").get("v").as_number(), 11);
  EXPECT_EQ(store_->snapshot()->position(), 2u);
}

TEST_F(StorageFailure, ATransactionIdBeingPersistedCannotBeUsedAgain) {
  if (test_support::testing_on_postgres()) {
    GTEST_SKIP() << "shared storage applies the next group only after a persist has ended";
  }
  open_flaky();
  CommitOptions options;
  options.transaction_id = "once";
  gate_.close();
  std::promise<Result<CommitResult>> first;
  store_->commit_async(json(R"([{"create":{"_id":"a","_type":"t"}}])"), options,
                       [&](Result<CommitResult> r) { first.set_value(std::move(r)); });
  gate_.wait_for_persist();  // "once" is in the group being persisted, not yet in storage
  std::promise<Result<CommitResult>> second;
  store_->commit_async(json(R"([{"create":{"_id":"b","_type":"t"}}])"), options,
                       [&](Result<CommitResult> r) { second.set_value(std::move(r)); });
  // Its id is checked (one lookup each) while the first group is still held at the gate.
  while (flaky_->lookups.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  gate_.open();
  ASSERT_TRUE(first.get_future().get().ok());
  auto second_result = second.get_future().get();
  ASSERT_FALSE(second_result.ok());
  EXPECT_EQ(second_result.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(get("b").is_null());

  // Once a group fails, its ids are free again.
  fail_ = true;
  options.transaction_id = "retried";
  EXPECT_FALSE(commit(R"([{"create":{"_id":"c","_type":"t"}}])", options).ok());
  fail_ = false;
  EXPECT_TRUE(commit(R"([{"create":{"_id":"c","_type":"t"}}])", options).ok());
}

std::vector<std::string> referencing(const Snapshot& snapshot, std::string_view id) {
  std::vector<std::string> out;
  snapshot.for_each_referencing(id, [&](const Value& d) {
    out.emplace_back(d.get("_id").as_string());
    return true;
  });
  return out;
}

// The reverse-reference index is brought up to date beside the persist, from the last stored
// group: a failed group's references, and those of a group applied on top of it, never show.
TEST_F(StorageFailure, FailedGroupsLeaveNoReferencesBehind) {
  if (test_support::testing_on_postgres()) {
    GTEST_SKIP() << "shared storage applies the next group only after a persist has ended";
  }
  open_flaky();
  commit_ok(R"([{"create":{"_id":"x","_type":"t","r":{"_ref":"t1"}}}])");
  fail_ = true;
  gate_.close();
  std::promise<Result<CommitResult>> first;
  store_->commit_async(json(R"([{"patch":{"id":"x","set":{"r":{"_ref":"t2"}}}}])"), {},
                       [&](Result<CommitResult> r) { first.set_value(std::move(r)); });
  gate_.wait_for_persist();
  // The second is applied on top of the first (while it is held) before the gate opens.
  std::promise<void> applied;
  std::promise<Result<CommitResult>> second;
  store_->commit_built_async(
      [&applied](const groq::Dataset&) -> Result<Value> {
        applied.set_value();
        return json(R"([{"create":{"_id":"y","_type":"t","r":{"_ref":"t2"}}}])");
      },
      {}, [&](Result<CommitResult> r) { second.set_value(std::move(r)); });
  applied.get_future().get();
  gate_.open();
  EXPECT_FALSE(first.get_future().get().ok());
  EXPECT_FALSE(second.get_future().get().ok());
  fail_ = false;
  commit_ok(R"([{"create":{"_id":"z","_type":"t","r":{"_ref":"t3"}}}])");
  auto snapshot = store_->snapshot();
  EXPECT_EQ(referencing(*snapshot, "t1"), std::vector<std::string>{"x"});
  EXPECT_TRUE(referencing(*snapshot, "t2").empty());
  EXPECT_EQ(referencing(*snapshot, "t3"), std::vector<std::string>{"z"});
}

// A query mutation's references() on the commit thread waits for the group being persisted,
// whose changes are in neither the stored index nor the open group's.
TEST_F(StorageFailure, QueryMutationSeesReferencesOfTheGroupBeingPersisted) {
  if (test_support::testing_on_postgres()) {
    GTEST_SKIP() << "shared storage applies the next group only after a persist has ended";
  }
  open_flaky();
  commit_ok(R"([{"create":{"_id":"x","_type":"t","r":{"_ref":"t1"}}}])");
  gate_.close();
  std::promise<Result<CommitResult>> held;
  store_->commit_async(json(R"([{"create":{"_id":"y","_type":"t","r":{"_ref":"t1"}}}])"), {},
                       [&](Result<CommitResult> r) { held.set_value(std::move(r)); });
  gate_.wait_for_persist();
  std::promise<Result<CommitResult>> query;
  store_->commit_async(json(R"([{"patch":{"query":"*[references(\"t1\")]","set":{"seen":true}}}])"),
                       {}, [&](Result<CommitResult> r) { query.set_value(std::move(r)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it reach the wait
  gate_.open();
  ASSERT_TRUE(held.get_future().get().ok());
  auto result = query.get_future().get();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(get("x").get("seen").as_bool());
  EXPECT_TRUE(get("y").get("seen").as_bool());
}

}  // namespace
}  // namespace ledgerline::store
