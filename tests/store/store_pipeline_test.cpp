// The commit pipeline: snapshots, group commit, durability, the log, listeners, hooks.
#include <atomic>
#include <future>
#include <thread>

#include <fmt/format.h>

#include "store_fixture.h"

namespace ledgerline::store {
namespace {

using Pipeline = StoreTest;

std::string create(const std::string& id, int n = 0) {
  return fmt::format(R"([{{"createOrReplace":{{"_id":"{}","_type":"item","n":{}}}}}])", id, n);
}

TEST_F(Pipeline, SnapshotIsUnchangedByLaterCommits) {
  commit_ok(create("a", 1));
  SnapshotPtr old = store_->snapshot();
  commit_ok(create("a", 2));
  commit_ok(create("b", 3));
  commit_ok(R"([{"delete":{"id":"a"}}])");
  EXPECT_EQ(old->position(), 1u);
  EXPECT_EQ(old->size(), 1u);
  EXPECT_EQ(old->get("a")->get("n").as_number(), 1);
  EXPECT_EQ(old->get("b"), nullptr);
  SnapshotPtr now = store_->snapshot();
  EXPECT_EQ(now->position(), 4u);
  EXPECT_EQ(now->get("a"), nullptr);
  EXPECT_EQ(now->size(), 1u);
}

TEST_F(Pipeline, ConcurrentCommitsAllLandWithConsecutivePositions) {
  constexpr int kThreads = 16, kPerThread = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto result = store_->commit(json(create(fmt::format("t{}-{}", t, i), i)));
        if (!result.ok() || !result->transaction) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  SnapshotPtr snapshot = store_->snapshot();
  EXPECT_EQ(snapshot->size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(snapshot->position(), static_cast<std::uint64_t>(kThreads * kPerThread));
  auto log = store_->read_log(0, 100000);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), static_cast<std::size_t>(kThreads * kPerThread));
  for (std::size_t i = 0; i < log->size(); ++i) EXPECT_EQ((*log)[i]->position, i + 1);
}

TEST_F(Pipeline, AFailingTransactionInAGroupFailsAlone) {
  commit_ok(create("exists"));
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&, i] {
      std::string mutations =
          i % 2 ? R"([{"create":{"_id":"exists","_type":"item"}}])" : create(fmt::format("n{}", i));
      auto result = store_->commit(json(mutations));
      if (result.ok())
        ++ok;
      else if (result.error().code == ErrorCode::kConflict)
        ++conflicts;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 10);
  EXPECT_EQ(conflicts.load(), 10);
  EXPECT_EQ(store_->snapshot()->size(), 11u);
}

TEST_F(Pipeline, CommittedDataSurvivesReopen) {
  auto first = commit_ok(create("a", 1));
  commit_ok(R"([{"create":{"_id":"b","_type":"item","ref":{"_ref":"a"}}}])");
  commit_ok(R"([{"patch":{"id":"a","set":{"n":5}}}])");
  commit_ok(R"([{"create":{"_id":"c","_type":"item"}}])");
  commit_ok(R"([{"delete":{"id":"c"}}])");
  Value a = get("a");
  reopen();
  EXPECT_EQ(get("a"), a);
  EXPECT_TRUE(get("c").is_null());
  EXPECT_EQ(store_->snapshot()->position(), 5u);
  EXPECT_EQ(store_->snapshot()->size(), 2u);
  std::vector<std::string> referencing;
  store_->snapshot()->for_each_referencing("a", [&](const Value& d) {
    referencing.emplace_back(d.get("_id").as_string());
    return true;
  });
  EXPECT_EQ(referencing, std::vector<std::string>{"b"});
  EXPECT_EQ(*store_->position_of(first.transaction_id), 1u);
  auto next = commit_ok(create("d"));
  EXPECT_EQ(next.transaction->position, 6u);
}

// A query mutation's references() reads the working state, whose reference index the commit
// thread leaves to the persister's helper: it sees what the transaction itself just wrote.
TEST_F(Pipeline, QueryMutationsSeeReferencesInTheWorkingState) {
  commit_ok(R"([{"create":{"_id":"a","_type":"item","ref":{"_ref":"t"}}}])");
  commit_ok(R"([{"create":{"_id":"b","_type":"item","ref":{"_ref":"t"}}},
                {"patch":{"query":"*[references(\"t\")]","set":{"seen":true}}},
                {"patch":{"id":"a","unset":["ref"]}},
                {"patch":{"query":"*[references(\"t\")]","set":{"again":true}}}])");
  EXPECT_TRUE(get("a").get("seen").as_bool());
  EXPECT_TRUE(get("b").get("seen").as_bool());
  EXPECT_TRUE(get("a").get("again").is_null()) << "a no longer refers to t";
  EXPECT_TRUE(get("b").get("again").as_bool());
  std::vector<std::string> referencing;
  store_->snapshot()->for_each_referencing("t", [&](const Value& d) {
    referencing.emplace_back(d.get("_id").as_string());
    return true;
  });
  EXPECT_EQ(referencing, std::vector<std::string>{"b"});
}

TEST_F(Pipeline, ReadLogServesMemoryAndStorageAndReportsTrimmedPositions) {
  reopen(storage::SqliteOptions{.log_retention = 10}, StoreOptions{.memory_log_transactions = 4});
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i)
    ids.push_back(commit_ok(create(fmt::format("x{}", i), i)).transaction_id);
  auto recent = store_->read_log(22, 10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0]->position, 23u);
  auto stored = store_->read_log(15, 3);  // older than the in-memory tail
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0]->position, 16u);
  EXPECT_EQ((*stored)[0]->transaction_id, ids[15]);
  EXPECT_EQ((*stored)[0]->changes[0].next.get("n").as_number(), 15);
  EXPECT_EQ(store_->read_log(3, 10).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->read_log(25, 10)->empty());
  EXPECT_EQ(*store_->position_of(ids[24]), 25u);
  EXPECT_EQ(*store_->position_of(ids[17]), 18u);
  EXPECT_EQ(store_->position_of(ids[2]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->position_of("never").error().code, ErrorCode::kNotFound);
}

// A client-chosen transaction id conflicts with any id still in the retained log, also once it
// has left the in-memory window; after retention drops it, it may be used again.
TEST_F(Pipeline, ReusedTransactionIdConflictsWhileTheLogRetainsIt) {
  reopen(storage::SqliteOptions{.log_retention = 6}, StoreOptions{.memory_log_transactions = 2});
  CommitOptions chosen;
  chosen.transaction_id = "chosen";
  commit_ok(create("first"), chosen);
  for (int i = 0; i < 4; ++i) commit_ok(create(fmt::format("y{}", i), i));
  auto again = commit(create("second"), chosen);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  for (int i = 4; i < 8; ++i) commit_ok(create(fmt::format("y{}", i), i));
  EXPECT_EQ(store_->position_of("chosen").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(commit_ok(create("second"), chosen).transaction_id, "chosen");
}

TEST_F(Pipeline, ListenersSeeEveryTransactionInLogOrderAfterItIsVisible) {
  std::vector<std::uint64_t> positions;
  std::atomic<bool> visible{true};
  store_->subscribe([&](const std::vector<TransactionPtr>& group) {
    for (const TransactionPtr& t : group) {
      positions.push_back(t->position);
      if (store_->snapshot()->position() < t->position) visible = false;
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i)
        (void)store_->commit(json(create(fmt::format("l{}", t * 10 + i))));
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(positions.size(), 80u);
  for (std::size_t i = 0; i < positions.size(); ++i) EXPECT_EQ(positions[i], i + 1);
  EXPECT_TRUE(visible.load());
}

TEST_F(Pipeline, UnsubscribedListenerIsNotCalled) {
  int calls = 0;
  auto token = store_->subscribe(
      [&](const std::vector<TransactionPtr>& group) { calls += static_cast<int>(group.size()); });
  commit_ok(create("a"));
  store_->unsubscribe(token);
  commit_ok(create("b"));
  EXPECT_EQ(calls, 1);
}

TEST_F(Pipeline, ValidatorRejectsTransactionsBreakingAppRules) {
  StoreOptions options;
  options.validators.push_back([](const groq::Dataset& after, const std::vector<Change>& changes,
                                  const CommitOptions&) -> Status {
    for (const Change& change : changes) {
      if (change.next.get("n").as_number() < 0) {
        return Error::conflict(fmt::format("stock must not go below zero ({}, {} documents)",
                                           change.id, after.size()));
      }
    }
    return Status::success();
  });
  reopen({}, std::move(options));
  commit_ok(create("a", 1));
  auto result = commit(create("a", -1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(get("a").get("n").as_number(), 1);
}

TEST_F(Pipeline, ValidatorsComposeEachSeesEveryTransactionAndAnyCanReject) {
  StoreOptions options;
  auto first_calls = std::make_shared<std::atomic<int>>(0);
  options.validators.push_back(
      [first_calls](const groq::Dataset&, const std::vector<Change>&, const CommitOptions&) {
        ++*first_calls;
        return Status::success();
      });
  options.validators.push_back([](const groq::Dataset&, const std::vector<Change>& changes,
                                  const CommitOptions& commit_options) -> Status {
    for (const Change& change : changes) {
      if (change.next.get("owned").as_bool() && !commit_options.app_action) {
        return Error::permission_denied("owned by the app: " + change.id);
      }
    }
    return Status::success();
  });
  reopen({}, std::move(options));
  commit_ok(create("plain"));
  auto refused = commit(R"([{"create":{"_id":"o","_type":"item","owned":true}}])");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(get("o").is_null());
  CommitOptions action;
  action.app_action = true;
  commit_ok(R"([{"create":{"_id":"o","_type":"item","owned":true}}])", action);
  EXPECT_EQ(first_calls->load(), 3);
}

TEST_F(Pipeline, BuiltCommitsReadTheWorkingState) {
  commit_ok(R"([{"create":{"_id":"counter","_type":"counter","n":0}}])");
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        std::promise<Result<CommitResult>> done;
        store_->commit_built_async(
            [](const groq::Dataset& working) -> Result<Value> {
              double n = working.get("counter")->get("n").as_number();
              return json(
                  fmt::format(R"([{{"patch":{{"id":"counter","set":{{"n":{}}}}}}}])", n + 1));
            },
            {}, [&](Result<CommitResult> r) { done.set_value(std::move(r)); });
        EXPECT_TRUE(done.get_future().get().ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(get("counter").get("n").as_number(), 80);
}

TEST_F(Pipeline, CloseFinishesQueuedCommitsThenRefusesNewOnes) {
  std::atomic<int> finished{0};
  for (int i = 0; i < 50; ++i) {
    store_->commit_async(json(create(fmt::format("c{}", i))), {},
                         [&](Result<CommitResult> r) { finished += r.ok(); });
  }
  store_->close();
  EXPECT_EQ(finished.load(), 50);
  auto refused = commit(create("late"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  reopen();
  EXPECT_EQ(store_->snapshot()->size(), 50u);
}

}  // namespace
}  // namespace ledgerline::store
