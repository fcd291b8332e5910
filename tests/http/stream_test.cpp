#include "http/stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace ledgerline::http {
namespace {

std::shared_ptr<const std::string> bytes(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

TEST(EventStream, QueuesInOrderUntilTaken) {
  EventStream stream(1024);
  EXPECT_TRUE(stream.write(bytes("a")));
  EXPECT_TRUE(stream.write(bytes("bc")));
  EXPECT_EQ(stream.queued_bytes(), 3u);
  std::vector<std::shared_ptr<const std::string>> taken;
  EXPECT_TRUE(stream.take(taken));
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(*taken[0] + *taken[1], "abc");
  EXPECT_EQ(stream.queued_bytes(), 0u);
}

TEST(EventStream, ExceedingTheBoundEndsTheStream) {
  EventStream stream(10);
  int disconnects = 0;
  stream.on_disconnect([&] { ++disconnects; });
  EXPECT_TRUE(stream.write(bytes("12345678")));
  EXPECT_FALSE(stream.write(bytes("123")));
  EXPECT_TRUE(stream.ended());
  EXPECT_EQ(disconnects, 1);
  EXPECT_FALSE(stream.write(bytes("1")));
}

TEST(EventStream, CloseLetsTheWriterDrainThenFinish) {
  EventStream stream(1024);
  int wakes = 0;
  stream.set_waker([&] { ++wakes; });
  EXPECT_TRUE(stream.write(bytes("last")));
  stream.close();
  EXPECT_FALSE(stream.write(bytes("late")));
  std::vector<std::shared_ptr<const std::string>> taken;
  EXPECT_FALSE(stream.take(taken));  // finish after sending these
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(*taken[0], "last");
  EXPECT_GE(wakes, 2);
}

TEST(EventStream, OnlyAPieceThatFindsTheQueueEmptyWakesTheWriter) {
  EventStream stream(1024);
  int wakes = 0;
  stream.set_waker([&] { ++wakes; });
  EXPECT_TRUE(stream.write(bytes("a")));
  EXPECT_TRUE(stream.write(bytes("b")));  // the writer is already woken and takes both
  EXPECT_EQ(wakes, 1);
  std::vector<std::shared_ptr<const std::string>> taken;
  EXPECT_TRUE(stream.take(taken));
  EXPECT_EQ(taken.size(), 2u);
  EXPECT_TRUE(stream.write(bytes("c")));  // the queue is empty again: wake
  EXPECT_EQ(wakes, 2);
}

TEST(EventStream, QuietWritesWakeTheWriterOnceAtFlush) {
  EventStream stream(1024);
  int wakes = 0;
  stream.set_waker([&] { ++wakes; });
  EXPECT_TRUE(stream.write_quiet(bytes("a")));
  EXPECT_TRUE(stream.write_quiet(bytes("b")));
  EXPECT_EQ(wakes, 0);
  stream.flush();
  EXPECT_EQ(wakes, 1);
  stream.flush();  // nothing new: no second wake
  EXPECT_EQ(wakes, 1);
  std::vector<std::shared_ptr<const std::string>> taken;
  EXPECT_TRUE(stream.take(taken));
  EXPECT_EQ(taken.size(), 2u);
}

TEST(EventStream, AQuietWriteTakenBeforeTheFlushNeedsNoWake) {
  EventStream stream(1024);
  int wakes = 0;
  stream.set_waker([&] { ++wakes; });
  EXPECT_TRUE(stream.write_quiet(bytes("a")));
  std::vector<std::shared_ptr<const std::string>> taken;
  EXPECT_TRUE(stream.take(taken));  // the writer looked again on its own
  stream.flush();
  EXPECT_EQ(wakes, 0);
  EXPECT_TRUE(stream.write_quiet(bytes("b")));
  EXPECT_TRUE(stream.write(bytes("c")));  // queue not empty: the owed wake covers it
  EXPECT_EQ(wakes, 0);
  stream.flush();
  EXPECT_EQ(wakes, 1);
}

TEST(EventStream, QuietWritesKeepTheBound) {
  EventStream stream(10);
  EXPECT_TRUE(stream.write_quiet(bytes("12345678")));
  EXPECT_FALSE(stream.write_quiet(bytes("123")));
  EXPECT_TRUE(stream.ended());
}

TEST(EventStream, DisconnectCallbackRunsOnceEvenWhenRegisteredLate) {
  EventStream stream(16);
  int before = 0, after = 0;
  stream.on_disconnect([&] { ++before; });
  stream.end();
  stream.end();
  stream.on_disconnect([&] { ++after; });
  EXPECT_EQ(before, 1);
  EXPECT_EQ(after, 1);
}

TEST(EventStream, ConcurrentWritersNeverExceedTheBound) {
  EventStream stream(4096);
  std::atomic<int> accepted{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (stream.write(bytes("0123456789"))) ++accepted;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_LE(accepted.load() * 10, 4096);
  EXPECT_TRUE(stream.ended());
}

}  // namespace
}  // namespace ledgerline::http
