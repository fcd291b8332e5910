// Mutation events: transitions, included fields, transactions, params, bad filters.
#include <gtest/gtest.h>

#include <atomic>

#include "hub_test_support.h"

namespace ledgerline::realtime::testing {
namespace {

using ListenEvents = HubTest;

TEST_F(ListenEvents, StreamStartsWithRetryAndWelcome) {
  Connection c = connect(request(R"(*[_type == "post"])"));
  const std::string text = c.sink->text();
  EXPECT_TRUE(text.starts_with("retry: 500\n")) << text;
  auto events = c.sink->events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "welcome");
  EXPECT_EQ(events[0].data.get("listenerName").as_string(), c.listener->name());
}

TEST_F(ListenEvents, AppearUpdateDisappearFollowTheFilter) {
  Connection c = connect(request(R"(*[_type == "post" && published == true])"));
  commit(R"([{"create":{"_id":"p1","_type":"post","published":false}}])");  // no match: none
  commit(R"([{"patch":{"id":"p1","set":{"published":true}}}])");            // appear
  commit(R"([{"patch":{"id":"p1","set":{"title":"t"}}}])");                 // update
  commit(R"([{"patch":{"id":"p1","set":{"published":false}}}])");           // disappear
  commit(R"([{"create":{"_id":"p2","_type":"post","published":true}}])");   // appear
  commit(R"([{"delete":{"id":"p2"}}])");                                    // disappear
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 5u);
  const char* expected[][2] = {{"p1", "appear"},
                               {"p1", "update"},
                               {"p1", "disappear"},
                               {"p2", "appear"},
                               {"p2", "disappear"}};
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].data.get("documentId").as_string(), expected[i][0]) << i;
    EXPECT_EQ(events[i].data.get("transition").as_string(), expected[i][1]) << i;
  }
}

TEST_F(ListenEvents, EventCarriesIdsRevisionsTimestampAndVisibility) {
  Connection c = connect(request(R"(*[_type == "post"])"));
  auto created = commit(R"([{"create":{"_id":"p1","_type":"post","n":1}}])", "tx-one");
  auto patched = commit(R"([{"patch":{"id":"p1","inc":{"n":1}}}])", "tx-two");
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 2u);
  const Value& first = events[0].data;
  EXPECT_EQ(events[0].id, "tx-one#p1");
  EXPECT_EQ(first.get("eventId").as_string(), "tx-one#p1");
  EXPECT_EQ(first.get("transactionId").as_string(), "tx-one");
  EXPECT_EQ(first.get("identity").as_string(), "tester");
  EXPECT_EQ(first.get("visibility").as_string(), "query");
  EXPECT_EQ(first.get("timestamp").as_string(), created.transaction->timestamp);
  EXPECT_EQ(first.find("previousRev"), nullptr);  // created: nothing before
  const Value& second = events[1].data;
  EXPECT_EQ(events[1].id, "tx-two#p1");
  EXPECT_EQ(second.get("previousRev"), first.get("resultRev"));
  EXPECT_EQ(second.get("resultRev"), patched.results[0].document.get("_rev"));
  EXPECT_EQ(second.get("mutations"), json(R"([{"patch":{"id":"p1","inc":{"n":1}}}])"));
}

TEST_F(ListenEvents, IncludeResultAndPreviousRevision) {
  ListenRequest with_both = request(R"(*[_type == "post"])");
  with_both.events.include_result = true;
  with_both.events.include_previous_revision = true;
  ListenRequest with_neither = request(R"(*[_type == "post"])");
  with_neither.events.include_result = false;
  with_neither.events.include_mutations = false;
  Connection both = connect(with_both);
  Connection neither = connect(with_neither);
  commit(R"([{"create":{"_id":"p1","_type":"post","v":1}}])");
  commit(R"([{"patch":{"id":"p1","set":{"v":2}}}])");
  commit(R"([{"delete":{"id":"p1"}}])");
  settle();

  auto events = both.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_TRUE(events[0].data.get("previous").is_null());
  EXPECT_NE(events[0].data.find("previous"), nullptr);
  EXPECT_EQ(events[0].data.get("result").get("v").as_number(), 1);
  EXPECT_EQ(events[1].data.get("previous").get("v").as_number(), 1);
  EXPECT_EQ(events[1].data.get("result").get("v").as_number(), 2);
  EXPECT_EQ(events[2].data.get("previous").get("v").as_number(), 2);
  EXPECT_EQ(events[2].data.find("result"), nullptr);  // deleted: no result
  EXPECT_EQ(events[2].data.find("resultRev"), nullptr);

  auto plain = neither.sink->events_named("mutation");
  ASSERT_EQ(plain.size(), 3u);
  for (const SseEvent& event : plain) {
    EXPECT_EQ(event.data.find("result"), nullptr);
    EXPECT_EQ(event.data.find("previous"), nullptr);
    EXPECT_EQ(event.data.find("mutations"), nullptr);
    EXPECT_NE(event.data.find("transition"), nullptr);
  }
}

// Counts how the hub writes: quiet writes must always be followed by a flush.
class FlushCountingSink : public RecordingSink {
 public:
  bool write_quiet(std::shared_ptr<const std::string> bytes) override {
    unflushed_.fetch_add(1);
    quiet_.fetch_add(1);
    return write(std::move(bytes));
  }
  void flush() override {
    if (unflushed_.exchange(0) > 0) flushes_.fetch_add(1);
  }
  int quiet() const { return quiet_.load(); }
  int unflushed() const { return unflushed_.load(); }
  int flushes() const { return flushes_.load(); }

 private:
  std::atomic<int> quiet_{0}, unflushed_{0}, flushes_{0};
};

TEST_F(ListenEvents, ATransactionsEventsAreQueuedBeforeTheWriterIsWoken) {
  // More listeners than one wake-up step (256): the first event may wake some writers early,
  // the rest of the transaction wakes each writer once more at most, and nothing is left
  // queued without a wake-up.
  HubOptions options;
  options.max_listeners_per_identity = 1000;
  hub(options);
  std::vector<std::shared_ptr<FlushCountingSink>> sinks;
  std::vector<std::unique_ptr<Listener>> listeners;
  for (int i = 0; i < 300; ++i) {
    sinks.push_back(std::make_shared<FlushCountingSink>());
    auto listener = hub().listen(request(R"(*[_type == "item"])"), sinks.back());
    ASSERT_TRUE(listener.ok());
    listeners.push_back(std::move(*listener));
  }
  commit(R"([{"create":{"_id":"a","_type":"item"}},{"create":{"_id":"b","_type":"item"}},
             {"create":{"_id":"c","_type":"item"}}])");
  settle();
  for (const auto& sink : sinks) {
    EXPECT_EQ(sink->quiet(), 3);
    EXPECT_EQ(sink->unflushed(), 0);
    EXPECT_GE(sink->flushes(), 1);
    EXPECT_LE(sink->flushes(), 2);
    EXPECT_EQ(sink->events_named("mutation").size(), 3u);
  }
}

TEST_F(ListenEvents, TransactionEventsArriveTogetherInOrderWithCounts) {
  Connection c = connect(request(R"(*[_type == "item"])"));
  commit(R"([{"create":{"_id":"a","_type":"item"}},
             {"create":{"_id":"skip","_type":"other"}},
             {"create":{"_id":"b","_type":"item"}},
             {"create":{"_id":"c","_type":"item"}}])",
         "tx-multi");
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 3u);
  const char* ids[] = {"a", "b", "c"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(events[i].data.get("documentId").as_string(), ids[i]);
    EXPECT_EQ(events[i].data.get("transactionId").as_string(), "tx-multi");
    EXPECT_EQ(events[i].data.get("transactionTotalEvents").as_number(), 3);
    EXPECT_EQ(events[i].data.get("transactionCurrentEvent").as_number(), double(i + 1));
  }
}

TEST_F(ListenEvents, TwoListenersWithDifferentFiltersSeeOnlyTheirDocuments) {
  Connection posts = connect(request(R"(*[_type == "post"])"));
  Connection one = connect(request(R"(*[_id == "x2"])"));
  commit(R"([{"create":{"_id":"x1","_type":"post"}},{"create":{"_id":"x2","_type":"note"}}])");
  settle();
  auto post_events = posts.sink->events_named("mutation");
  auto id_events = one.sink->events_named("mutation");
  ASSERT_EQ(post_events.size(), 1u);
  ASSERT_EQ(id_events.size(), 1u);
  EXPECT_EQ(post_events[0].data.get("documentId").as_string(), "x1");
  EXPECT_EQ(id_events[0].data.get("documentId").as_string(), "x2");
  EXPECT_EQ(post_events[0].data.get("transactionTotalEvents").as_number(), 1);
}

TEST_F(ListenEvents, ParametersAreBoundIntoTheFilter) {
  Connection c =
      connect(request(R"(*[_type == $t && price > $min])", R"({"t":"product","min":10})"));
  commit(R"([{"create":{"_id":"cheap","_type":"product","price":5}},
             {"create":{"_id":"dear","_type":"product","price":50}}])");
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data.get("documentId").as_string(), "dear");
}

TEST_F(ListenEvents, BadFilterIsAnErrorAndWritesNothing) {
  auto sink = std::make_shared<RecordingSink>();
  auto listener = hub().listen(request("*[_type == "), sink);
  ASSERT_FALSE(listener.ok());
  EXPECT_EQ(listener.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(listener.error().type, "queryParseError");
  EXPECT_EQ(sink->text(), "");
  const std::string frame = encode_channel_error(listener.error());
  auto events = parse_sse(frame);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "channelError");
  EXPECT_EQ(events[0].data.get("error").get("type").as_string(), "queryParseError");
  EXPECT_TRUE(events[0].data.get("error").get("start").is_number());
  EXPECT_FALSE(events[0].data.get("message").as_string().empty());
}

TEST_F(ListenEvents, ReadRuleHidesWhatTheIdentityMayNotRead) {
  auto rule_query = groq::parse(R"(*[customer == identity()])");
  ASSERT_TRUE(rule_query.ok());
  auto rule = groq::make_filter(*rule_query, Value::empty_object());
  ASSERT_TRUE(rule.ok());
  ListenRequest restricted = request(R"(*[_type == "bill"])");
  restricted.identity = "alice";
  restricted.read_rule = *rule;
  restricted.events.include_previous_revision = true;
  Connection c = connect(restricted);
  commit(R"([{"create":{"_id":"b1","_type":"bill","customer":"bob"}},
             {"create":{"_id":"b2","_type":"bill","customer":"alice"}}])");
  commit(R"([{"patch":{"id":"b2","set":{"customer":"bob"}}}])");  // moves out of alice's view
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data.get("documentId").as_string(), "b2");
  EXPECT_EQ(events[0].data.get("transition").as_string(), "appear");
  EXPECT_EQ(events[1].data.get("transition").as_string(), "disappear");
  EXPECT_EQ(events[1].data.find("result"), nullptr);  // bob's bill now: not shown to alice
  EXPECT_EQ(events[1].data.get("previous").get("customer").as_string(), "alice");
}

// A rule-bound listener whose filter admits only types the rule pins to the caller is indexed
// under the caller's id: it must still get every change that names the caller — by reference
// before or after the change — and nothing else; one that also admits an unpinned type
// (product) is indexed by type and sees the active products too.
TEST_F(ListenEvents, PinnedRuleListenersGetEveryChangeThatNamesTheCaller) {
  auto rule_query = groq::parse(
      R"(*[_type == "product" && active == true || _type == "bill" && customer._ref == identity())"
      R"( || _type == "shopEvent" && identity() in subjects[]._ref])");
  ASSERT_TRUE(rule_query.ok());
  auto rule = groq::make_filter(*rule_query, Value::empty_object());
  ASSERT_TRUE(rule.ok());
  auto as_alice = [&](const std::string& query) {
    ListenRequest listen = request(query);
    listen.identity = "alice";
    listen.read_rule = *rule;
    return connect(listen);
  };
  Connection bills = as_alice(R"(*[_type == "bill"])");
  Connection events = as_alice(R"(*[_type == "shopEvent"])");
  Connection catalogue = as_alice(R"(*[_type in ["bill", "product"]])");
  commit(R"([{"create":{"_id":"b1","_type":"bill","customer":{"_ref":"bob"}}},
             {"create":{"_id":"b2","_type":"bill","customer":{"_ref":"alice"}}},
             {"create":{"_id":"p1","_type":"product","active":true}}])");
  commit(R"([{"patch":{"id":"b2","set":{"customer":{"_ref":"bob"}}}}])");    // leaves alice
  commit(R"([{"patch":{"id":"b1","set":{"customer":{"_ref":"alice"}}}}])");  // comes to alice
  commit(
      R"([{"create":{"_id":"e1","_type":"shopEvent","subjects":[{"_ref":"b1"},{"_ref":"alice"}]}},
             {"create":{"_id":"e2","_type":"shopEvent","subjects":[{"_ref":"bob"}]}}])");
  settle();
  auto seen = [](const Connection& c) {
    std::vector<std::string> out;
    for (const auto& event : c.sink->events_named("mutation")) {
      out.push_back(std::string(event.data.get("documentId").as_string()) + " " +
                    std::string(event.data.get("transition").as_string()));
    }
    return out;
  };
  EXPECT_EQ(seen(bills), (std::vector<std::string>{"b2 appear", "b2 disappear", "b1 appear"}));
  EXPECT_EQ(seen(events), (std::vector<std::string>{"e1 appear"}));
  EXPECT_EQ(seen(catalogue),
            (std::vector<std::string>{"b2 appear", "p1 appear", "b2 disappear", "b1 appear"}));
}

TEST_F(ListenEvents, EachDistinctBodyIsSerializedOnceAndShared) {
  std::vector<Connection> connections;
  for (int i = 0; i < 50; ++i) connections.push_back(connect(request(R"(*[_type == "post"])")));
  ListenRequest lean = request(R"(*[_type == "post"])");
  lean.events.include_result = false;
  connections.push_back(connect(lean));
  commit(R"([{"create":{"_id":"p1","_type":"post"}}])");
  settle();
  const HubStats stats = hub().stats();
  EXPECT_EQ(stats.filter_groups, 1u);
  EXPECT_EQ(stats.bodies_encoded, 2u);  // one per distinct option set
  EXPECT_EQ(stats.events_written, 51u);
  auto first = connections[0].sink->pieces().back();
  for (int i = 1; i < 50; ++i) EXPECT_EQ(connections[i].sink->pieces().back(), first);
  EXPECT_NE(connections[50].sink->pieces().back(), first);
}

TEST_F(ListenEvents, DraftsAreSeenByTypeFilters) {
  Connection c = connect(request(R"(*[_type == "post"])"));
  commit(R"([{"create":{"_id":"drafts.p1","_type":"post"}}])");
  settle();
  auto events = c.sink->events_named("mutation");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data.get("documentId").as_string(), "drafts.p1");
}

}  // namespace
}  // namespace ledgerline::realtime::testing
