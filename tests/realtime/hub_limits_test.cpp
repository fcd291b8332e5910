// Slow consumers, listener limits, cleanup on disconnect, keep-alives and shutdown.
#include <gtest/gtest.h>

#include <thread>

#include "hub_test_support.h"

namespace ledgerline::realtime::testing {
namespace {

using ListenLimits = HubTest;

TEST_F(ListenLimits, SlowConsumerIsDroppedWhileOthersGetEverything) {
  hub();
  Connection slow = connect(request(R"(*[_type == "item"])"), /*bound_bytes=*/4096);
  std::vector<Connection> others;
  for (int i = 0; i < 5; ++i) others.push_back(connect(request(R"(*[_type == "item"])")));
  for (int i = 0; i < 100; ++i) {
    commit(R"([{"create":{"_id":"d)" + std::to_string(i) + R"(","_type":"item","pad":")" +
           std::string(200, 'x') + R"("}}])");
  }
  settle();
  EXPECT_TRUE(slow.sink->closed_by_hub());
  EXPECT_LT(slow.sink->events_named("mutation").size(), 100u);
  for (const Connection& other : others) {
    EXPECT_EQ(other.sink->events_named("mutation").size(), 100u);
    EXPECT_FALSE(other.sink->closed());
  }
  const HubStats stats = hub().stats();
  EXPECT_EQ(stats.listeners_dropped, 1u);
  EXPECT_EQ(stats.listeners, 5u);
}

TEST_F(ListenLimits, PerIdentityLimitRefusesTheExtraListener) {
  HubOptions options;
  options.max_listeners_per_identity = 2;
  hub(options);
  Connection a = connect(request(R"(*[true])"));
  Connection b = connect(request(R"(*[true])"));
  auto sink = std::make_shared<RecordingSink>();
  auto refused = hub().listen(request(R"(*[true])"), sink);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().type, "tooManyListeners");
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(sink->text(), "");
  ListenRequest someone_else = request(R"(*[true])");
  someone_else.identity = "another-reader";
  Connection c = connect(someone_else);
  EXPECT_NE(c.listener, nullptr);
  // A disconnect frees the slot.
  a.listener.reset();
  settle();
  Connection d = connect(request(R"(*[true])"));
  EXPECT_NE(d.listener, nullptr);
}

TEST_F(ListenLimits, DisconnectRemovesSubscriptionAndItsFilterGroup) {
  Connection a = connect(request(R"(*[_type == "item"])"));
  Connection b = connect(request(R"(*[_type == "note"])"));
  EXPECT_EQ(hub().stats().listeners, 2u);
  EXPECT_EQ(hub().stats().filter_groups, 2u);
  a.listener.reset();
  settle();
  commit(R"([{"create":{"_id":"i","_type":"item"}}])");
  settle();
  EXPECT_EQ(a.sink->events_named("mutation").size(), 0u);
  const HubStats stats = hub().stats();
  EXPECT_EQ(stats.listeners, 1u);
  EXPECT_EQ(stats.filter_groups, 1u);
  b.listener.reset();
  settle();
  EXPECT_EQ(hub().stats().listeners, 0u);
  EXPECT_EQ(hub().stats().filter_groups, 0u);
}

TEST_F(ListenLimits, ListenerDestroyedInsideASinkWriteDoesNotDeadlock) {
  // The HTTP sink runs disconnect callbacks (which destroy the Listener) from inside write().
  class CallbackSink : public RecordingSink {
   public:
    bool write(std::shared_ptr<const std::string> bytes) override {
      if (!RecordingSink::write(std::move(bytes))) return false;
      if (++writes == 2) listener.reset();  // the first mutation event "disconnects"
      return true;
    }
    int writes = 0;
    std::unique_ptr<Listener> listener;
  };
  auto sink = std::make_shared<CallbackSink>();
  auto listener = hub().listen(request(R"(*[true])"), sink);
  ASSERT_TRUE(listener.ok());
  sink->listener = std::move(*listener);
  commit(R"([{"create":{"_id":"a","_type":"t"}}])");
  commit(R"([{"create":{"_id":"b","_type":"t"}}])");
  settle();
  EXPECT_EQ(sink->events_named("mutation").size(), 1u);
  EXPECT_EQ(hub().stats().listeners, 0u);
}

TEST_F(ListenLimits, IdleStreamsGetKeepAliveComments) {
  HubOptions options;
  options.keep_alive = std::chrono::milliseconds(20);
  hub(options);
  Connection c = connect(request(R"(*[true])"));
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_NE(c.sink->text().find("\n:\n\n"), std::string::npos) << c.sink->text();
}

TEST_F(ListenLimits, CloseAllEndsEveryStreamAndRefusesNewOnes) {
  Connection a = connect(request(R"(*[true])"));
  hub().close_all();
  EXPECT_TRUE(a.sink->closed_by_hub());
  auto refused = hub().listen(request(R"(*[true])"), std::make_shared<RecordingSink>());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
}

TEST_F(ListenLimits, IndexSkipsFiltersThatCannotMatch) {
  // 1,000 listeners on distinct ids: a commit to one id reaches exactly one of them.
  std::vector<Connection> connections;
  for (int i = 0; i < 1000; ++i) {
    connections.push_back(
        connect(request(R"(*[_id == $id])", R"({"id":"d)" + std::to_string(i) + "\"}")));
  }
  EXPECT_EQ(hub().stats().filter_groups, 1000u);
  commit(R"([{"create":{"_id":"d7","_type":"t"}}])");
  settle();
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(connections[i].sink->events_named("mutation").size(), i == 7 ? 1u : 0u) << i;
  }
  EXPECT_EQ(hub().stats().events_written, 1u);
}

}  // namespace
}  // namespace ledgerline::realtime::testing
