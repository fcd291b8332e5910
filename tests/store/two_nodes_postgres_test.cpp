// Two nodes on one PostgreSQL: what one commits, the other shows and streams at the same log
// position; commits from both form one gap-free log in which every write saw the ones before it.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "support/json.h"
#include "support/two_nodes.h"

namespace ledgerline::store {
namespace {

using test_support::json;

class PostgresTwoNodes : public test_support::TwoNodesTest {};

TEST_F(PostgresTwoNodes, NodeBShowsAndStreamsWhatNodeACommits) {
  std::mutex mutex;
  std::vector<TransactionPtr> heard;
  b_->subscribe([&](const std::vector<TransactionPtr>& group) {
    std::lock_guard lock(mutex);
    heard.insert(heard.end(), group.begin(), group.end());
  });
  auto committed = a_->commit(json(R"([{"create":{"_id":"n1","_type":"note","text":"hi"}}])"));
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  std::uint64_t position = committed->transaction->position;
  ASSERT_TRUE(reaches(*b_, position));
  const Value* seen = b_->snapshot()->get("n1");
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(*seen, committed->results[0].document);
  {
    std::lock_guard lock(mutex);
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_EQ(heard[0]->position, position);
    EXPECT_EQ(heard[0]->transaction_id, committed->transaction_id);
    EXPECT_EQ(heard[0]->changes.at(0).next, committed->results[0].document);
  }
  // B resumes listeners from the same log, by position or by transaction id.
  auto log = b_->read_log(position - 1, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0]->transaction_id, committed->transaction_id);
  EXPECT_EQ(b_->position_of(committed->transaction_id).value(), position);
}

TEST_F(PostgresTwoNodes, WritesFromBothNodesFormOneLogAndSeeEachOther) {
  ASSERT_TRUE(a_->commit(json(R"([{"create":{"_id":"counter","_type":"c","n":0}}])")).ok());
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  auto writer = [&](Store& node, int thread) {
    for (int i = 0; i < kPerThread; ++i) {
      // inc reads the newest value: a node that had not caught up would lose increments.
      auto result = node.commit(json(R"([{"patch":{"id":"counter","inc":{"n":1}}},)"
                                     R"({"create":{"_id":"w)" +
                                     std::to_string(thread) + "-" + std::to_string(i) +
                                     R"(","_type":"w"}}])"));
      if (!result.ok()) ++failures;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(writer, std::ref(t % 2 ? *a_ : *b_), t);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  std::uint64_t last = 1 + 4 * kPerThread;
  ASSERT_TRUE(reaches(*a_, last));
  ASSERT_TRUE(reaches(*b_, last));
  for (Store* node : {a_.get(), b_.get()}) {
    EXPECT_EQ(node->snapshot()->get("counter")->get("n").as_number(), 4 * kPerThread);
    EXPECT_EQ(node->snapshot()->size(), 1u + 4 * kPerThread);
    auto log = node->read_log(0, 1000);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), last);
    for (std::size_t i = 0; i < log->size(); ++i) EXPECT_EQ((*log)[i]->position, i + 1);
  }
  // Both nodes hold the same transactions at the same positions.
  auto from_a = a_->read_log(0, 1000).value();
  auto from_b = b_->read_log(0, 1000).value();
  for (std::size_t i = 0; i < from_a.size(); ++i) {
    EXPECT_EQ(from_a[i]->transaction_id, from_b[i]->transaction_id);
  }
}

TEST_F(PostgresTwoNodes, ARestartedNodeLoadsWhatTheOtherWrote) {
  ASSERT_TRUE(a_->commit(json(R"([{"create":{"_id":"x","_type":"t","v":1}}])")).ok());
  b_.reset();
  ASSERT_TRUE(a_->commit(json(R"([{"patch":{"id":"x","set":{"v":2}}}])")).ok());
  b_ = open_node();
  ASSERT_NE(b_, nullptr);
  EXPECT_EQ(b_->snapshot()->position(), 2u);
  EXPECT_EQ(b_->snapshot()->get("x")->get("v").as_number(), 2);
  ASSERT_TRUE(b_->commit(json(R"([{"patch":{"id":"x","set":{"v":3}}}])")).ok());
  ASSERT_TRUE(reaches(*a_, 3));
  EXPECT_EQ(a_->snapshot()->get("x")->get("v").as_number(), 3);
}

TEST_F(PostgresTwoNodes, HealthSaysSharedAndReachable) {
  StorageHealth health = a_->health();
  EXPECT_TRUE(health.shared);
  EXPECT_TRUE(health.reachable);
  EXPECT_TRUE(health.error.empty());
}

}  // namespace
}  // namespace ledgerline::store
