// Resume with Last-Event-ID: replay exactly once and in order, welcomeback, reset.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "hub_test_support.h"

namespace ledgerline::realtime::testing {
namespace {

class ListenResume : public HubTest {
 protected:
  // A resuming listener of the items (enableResume, Last-Event-ID).
  static ListenRequest resuming(std::string last_event_id) {
    ListenRequest again = request(R"(*[_type == "item"])");
    again.enable_resume = true;
    again.last_event_id = std::move(last_event_id);
    return again;
  }
};

std::string last_id(const RecordingSink& sink) {
  std::string id;
  for (const SseEvent& event : sink.events()) {
    if (!event.id.empty()) id = event.id;
  }
  return id;
}

// Each event as its name, followed by its id when it has one ("mutation t1#a").
std::vector<std::string> outline(const std::vector<SseEvent>& events) {
  std::vector<std::string> lines;
  for (const SseEvent& event : events) {
    lines.push_back(event.id.empty() ? event.event : event.event + " " + event.id);
  }
  return lines;
}
using Lines = std::vector<std::string>;

std::vector<std::string> event_ids(const std::vector<SseEvent>& events) {
  std::vector<std::string> ids;
  for (const SseEvent& event : events) {
    if (event.event == "mutation") ids.push_back(event.data.get("eventId").to_json());
  }
  return ids;
}

TEST_F(ListenResume, ReplaysMissedEventsThenGoesLive) {
  ListenRequest base = request(R"(*[_type == "item"])");
  Connection first = connect(base);
  commit(R"([{"create":{"_id":"a","_type":"item"}}])", "t1");
  settle();
  const std::string resume_from = last_id(*first.sink);
  EXPECT_EQ(resume_from, "t1#a");
  first.sink->cut();
  first.listener.reset();
  commit(R"([{"create":{"_id":"b","_type":"item"}}])", "t2");
  commit(R"([{"create":{"_id":"x","_type":"other"}}])", "t3");
  commit(R"([{"patch":{"id":"a","set":{"n":1}}}])", "t4");

  ListenRequest again = base;
  again.last_event_id = resume_from;
  again.enable_resume = true;
  Connection second = connect(again);
  settle();
  commit(R"([{"delete":{"id":"b"}}])", "t5");
  settle();
  auto events = second.sink->events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event, "welcomeback");
  EXPECT_EQ(events[1].id, "t2#b");
  EXPECT_EQ(events[1].data.get("transition").as_string(), "appear");
  EXPECT_EQ(events[2].id, "t4#a");
  EXPECT_EQ(events[2].data.get("transition").as_string(), "update");
  EXPECT_EQ(events[3].id, "t5#b");
  EXPECT_EQ(events[3].data.get("transition").as_string(), "disappear");
}

TEST_F(ListenResume, ResumesInsideATransactionWithTheSameCounts) {
  ListenRequest base = request(R"(*[_type == "item"])");
  commit(R"([{"create":{"_id":"a","_type":"item"}},{"create":{"_id":"b","_type":"item"}},
             {"create":{"_id":"c","_type":"item"}}])",
         "tx");
  ListenRequest again = base;
  again.last_event_id = "tx#a";
  again.enable_resume = true;
  Connection c = connect(again);
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, "tx#b");
  EXPECT_EQ(events[0].data.get("transactionCurrentEvent").as_number(), 2);
  EXPECT_EQ(events[0].data.get("transactionTotalEvents").as_number(), 3);
  EXPECT_EQ(events[1].id, "tx#c");
}

TEST_F(ListenResume, WelcomeIdResumesAListenerThatSawNoMutation) {
  commit(R"([{"create":{"_id":"old","_type":"item"}}])", "t0");
  Connection first = connect(request(R"(*[_type == "item"])"));
  auto welcome = first.sink->events();
  ASSERT_EQ(welcome.size(), 1u);
  EXPECT_EQ(welcome[0].id, "t0#old");
  first.listener.reset();
  commit(R"([{"create":{"_id":"new","_type":"item"}}])", "t1");
  ListenRequest again = request(R"(*[_type == "item"])");
  again.last_event_id = welcome[0].id;
  Connection second = connect(again);
  settle();
  auto events = second.sink->events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "welcome");  // no enableResume: Sanity's welcome, still replayed
  EXPECT_EQ(events[0].id, "");            // no position before the replay is done
  EXPECT_EQ(events[1].id, "t1#new");
}

TEST_F(ListenResume, CommitsNobodyListensToStillMoveTheWelcomeId) {
  // With no listener the commit thread records a commit as delivered itself; a listener that
  // arrives later starts after the last of them and gets no stale event.
  for (int i = 1; i <= 100; ++i) {
    commit(R"([{"createOrReplace":{"_id":"q","_type":"item","n":)" + std::to_string(i) + "}}]",
           "u" + std::to_string(i));
  }
  EXPECT_EQ(hub().stats().processed_position, 100u);
  Connection c = connect(request(R"(*[_type == "item"])"));
  commit(R"([{"patch":{"id":"q","set":{"n":0}}}])", "u101");
  settle();
  EXPECT_EQ(outline(c.sink->events()), (Lines{"welcome u100#q", "mutation u101#q"}));
}

TEST_F(ListenResume, WelcomeOnAnEmptyLogResumesFromItsStart) {
  Connection first = connect(request(R"(*[_type == "item"])"));
  auto welcome = first.sink->events();
  ASSERT_EQ(welcome.size(), 1u);
  EXPECT_EQ(welcome[0].id, "@log-start");
  first.sink->cut();  // cut before the first commit reached it
  first.listener.reset();
  commit(R"([{"create":{"_id":"a","_type":"item"}}])", "t1");
  commit(R"([{"create":{"_id":"b","_type":"item"}}])", "t2");
  settle();
  Connection second = connect(resuming(welcome[0].id));
  settle();
  EXPECT_EQ(outline(second.sink->events()),
            (Lines{"welcomeback", "mutation t1#a", "mutation t2#b"}));
}

TEST_F(ListenResume, LogStartIdOnAnEmptyLogGoesLiveAtOnce) {
  Connection c = connect(resuming("@log-start"));
  EXPECT_EQ(hub().stats().catching_up, 0u);
  commit(R"([{"create":{"_id":"a","_type":"item"}}])", "t1");
  settle();
  EXPECT_EQ(outline(c.sink->events()), (Lines{"welcomeback", "mutation t1#a"}));
}

TEST_F(ListenResume, UnknownIdGetsResetThenLiveEvents) {
  commit(R"([{"create":{"_id":"a","_type":"item"}}])", "t1");
  Connection c = connect(resuming("no-such-transaction#a"));
  commit(R"([{"create":{"_id":"b","_type":"item"}}])", "t2");
  settle();
  const Lines lines = outline(c.sink->events());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[0].starts_with("welcome "));  // with the id of the live position
  EXPECT_EQ(lines[1], "reset");
  EXPECT_EQ(lines[2], "mutation t2#b");
}

TEST_F(ListenResume, MalformedOrForeignDocumentIdGetsReset) {
  commit(R"([{"create":{"_id":"a","_type":"item"}}])", "t1");
  for (const char* id : {"garbage", "t1#", "t1#not-in-it"}) {
    ListenRequest again = request(R"(*[_type == "item"])");
    again.last_event_id = id;
    Connection c = connect(again);
    auto events = c.sink->events();
    ASSERT_EQ(events.size(), 2u) << id;
    EXPECT_EQ(events[1].event, "reset") << id;
  }
}

TEST_F(ListenResume, IdOlderThanTheRetainedLogGetsReset) {
  store::StoreOptions store_options;
  store_options.memory_log_transactions = 5;
  storage::SqliteOptions sqlite_options;
  sqlite_options.log_retention = 5;
  open_store(store_options, sqlite_options);
  commit(R"([{"create":{"_id":"first","_type":"item"}}])", "t-first");
  for (int i = 0; i < 20; ++i) {
    commit(R"([{"createOrReplace":{"_id":"n","_type":"item","i":)" + std::to_string(i) + "}}]");
  }
  ListenRequest again = request(R"(*[_type == "item"])");
  again.last_event_id = "t-first#first";
  again.enable_resume = true;
  Connection c = connect(again);
  settle();
  auto events = c.sink->events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].event, "reset");
  EXPECT_EQ(c.sink->events_named("mutation").size(), 0u);
}

TEST_F(ListenResume, ReplayWaitsForASlowSinkInsteadOfOverflowingIt) {
  for (int i = 0; i < 200; ++i) {
    commit(R"([{"create":{"_id":"d)" + std::to_string(i) + R"(","_type":"item"}}])",
           "t" + std::to_string(i));
  }
  // A sink that reports a full queue until the test drains it.
  class FullSink : public RecordingSink {
   public:
    std::size_t queued_bytes() const override { return full ? 1 << 20 : 0; }
    std::atomic<bool> full{true};
  };
  auto sink = std::make_shared<FullSink>();
  ListenRequest again = request(R"(*[_type == "item"])");
  again.last_event_id = "t0#d0";
  auto listener = hub().listen(again, sink);
  ASSERT_TRUE(listener.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(sink->events_named("mutation").size(), 0u);
  EXPECT_EQ(hub().stats().catching_up, 1u);
  sink->full = false;
  settle();
  EXPECT_EQ(sink->events_named("mutation").size(), 199u);
  EXPECT_EQ(hub().stats().catching_up, 0u);
}

// A listener cut 50 times at random moments while 10,000 mutations commit: the union of what
// it received is the log's event sequence, exactly once and in order.
TEST_F(ListenResume, FiftyCutsDuringTenThousandMutationsLoseNothingAndRepeatNothing) {
  constexpr int kTransactions = 10000;
  constexpr int kCuts = 50;
  ListenRequest base = request(R"(*[_type == "item"])");
  base.enable_resume = true;
  base.events.include_result = false;
  Connection connection = connect(base);
  std::vector<SseEvent> received;
  std::vector<int> received_on;  // which connection delivered each event, for the diagnosis
  std::vector<std::string> resumed_from{""};
  auto collect = [&](const RecordingSink& sink) {
    for (SseEvent& event : sink.events()) {
      EXPECT_NE(event.event, "reset");
      if (event.event != "mutation") continue;
      received.push_back(std::move(event));
      received_on.push_back(static_cast<int>(resumed_from.size()) - 1);
    }
  };

  std::atomic<int> committed{0};
  std::thread writer([&] {
    std::mt19937 random(7);
    std::atomic<int> in_flight{0};
    for (int i = 0; i < kTransactions; ++i) {
      // 1-3 documents per transaction so cuts also land inside transactions; every third
      // document is of another type and must not show up.
      const int documents = 1 + static_cast<int>(random() % 3);
      std::string mutations = "[";
      for (int d = 0; d < documents; ++d) {
        if (d > 0) mutations += ",";
        const bool other = (i + d) % 3 == 2;
        mutations += R"({"createOrReplace":{"_id":"doc)" + std::to_string(random() % 500) + "-" +
                     std::to_string(d) + R"(","_type":")" + (other ? "other" : "item") +
                     R"(","i":)" + std::to_string(i) + "}}";
      }
      mutations += "]";
      while (in_flight.load() >= 64) std::this_thread::yield();
      ++in_flight;
      store_->commit_async(json(mutations), {}, [&](Result<store::CommitResult> result) {
        EXPECT_TRUE(result.ok());
        ++committed;
        --in_flight;
      });
    }
    while (in_flight.load() > 0) std::this_thread::yield();
  });

  // Cut points spread over the whole run (by commits done), plus a random jitter; some cuts
  // land right after a reconnect, before the stream delivered anything.
  std::mt19937 random(42);
  std::vector<int> cut_after_commits;
  for (int i = 0; i < kCuts; ++i) {
    cut_after_commits.push_back(static_cast<int>(random() % kTransactions));
  }
  std::sort(cut_after_commits.begin(), cut_after_commits.end());
  std::string resume_id;  // like EventSource: the last id seen on any connection
  for (int cut = 0; cut < kCuts; ++cut) {
    while (committed.load() < cut_after_commits[cut]) {
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 500));
    connection.sink->cut();
    connection.listener.reset();
    collect(*connection.sink);
    if (std::string id = last_id(*connection.sink); !id.empty()) resume_id = id;
    ListenRequest again = base;
    again.last_event_id = resume_id;
    resumed_from.push_back(resume_id);
    connection = connect(again);
  }
  writer.join();
  settle();
  collect(*connection.sink);
  EXPECT_EQ(committed.load(), kTransactions);

  // The expected sequence, straight from the log.
  std::vector<std::string> expected;
  auto log = store_->read_log(0, kTransactions + 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), static_cast<std::size_t>(kTransactions));
  for (const store::TransactionPtr& transaction : *log) {
    for (const store::Change& change : transaction->changes) {
      const bool before = change.previous.get("_type").as_string() == "item";
      const bool after = change.next.get("_type").as_string() == "item";
      if (before || after)
        expected.push_back("\"" + transaction->transaction_id + "#" + change.id + "\"");
    }
  }
  const std::vector<std::string> got = event_ids(received);
  const std::size_t first_difference = static_cast<std::size_t>(
      std::mismatch(got.begin(), got.end(), expected.begin(), expected.end()).first - got.begin());
  if (first_difference < got.size() || first_difference < expected.size()) {
    std::string context;
    for (std::size_t i = first_difference > 3 ? first_difference - 3 : 0;
         i < first_difference + 3 && i < std::max(got.size(), expected.size()); ++i) {
      context += "\n  #" + std::to_string(i) + " expected " +
                 (i < expected.size() ? expected[i] : "-") + " got " +
                 (i < got.size() ? got[i] + " on connection " + std::to_string(received_on[i]) +
                                       " (resumed from " + resumed_from[received_on[i]] + ")"
                                 : "-");
    }
    ADD_FAILURE() << "got " << got.size() << " events, expected " << expected.size()
                  << "; first difference at #" << first_difference << context;
  }
  EXPECT_EQ(hub().stats().listeners, 1u);
}

}  // namespace
}  // namespace ledgerline::realtime::testing
