// SSE framing and event ids.
#include <gtest/gtest.h>

#include <algorithm>

#include "hub_test_support.h"
#include "realtime/event_encoding.h"
#include "realtime/event_id.h"

namespace ledgerline::realtime::testing {
namespace {

TEST(EventId, FormatsAndParsesTransactionAndDocument) {
  EXPECT_EQ(format_event_id("tx", "drafts.a"), "tx#drafts.a");
  auto parts = parse_event_id("tx#with#hash#doc-1");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->transaction_id, "tx#with#hash");
  EXPECT_EQ(parts->document_id, "doc-1");
  EXPECT_FALSE(parse_event_id("nohash"));
  EXPECT_FALSE(parse_event_id("#doc"));
  EXPECT_FALSE(parse_event_id("tx#"));
}

TEST(Transitions, FollowBeforeAndAfter) {
  EXPECT_EQ(transition_for(false, true), Transition::kAppear);
  EXPECT_EQ(transition_for(true, true), Transition::kUpdate);
  EXPECT_EQ(transition_for(true, false), Transition::kDisappear);
  EXPECT_EQ(transition_for(false, false), Transition::kNone);
  EXPECT_EQ(transition_name(Transition::kDisappear), "disappear");
}

TEST(EventEncoding, MutationEventIsOneSseEventWithSingleLineJson) {
  store::CommittedTransaction transaction;
  transaction.position = 3;
  transaction.transaction_id = "tx";
  transaction.timestamp = "2026-01-01T00:00:00.000Z";
  transaction.identity = "u1";
  transaction.changes.push_back(store::Change{
      "a", Value(), json(R"({"_id":"a","_type":"t","_rev":"r1","text":"two\nlines"})"),
      json(R"([{"create":{"_id":"a","_type":"t"}}])")});
  MatchedChange match{0, Transition::kAppear, false, true};
  EventOptions options;
  options.include_previous_revision = true;
  const std::string text = encode_mutation_event(transaction, match, 1, 1, options);
  EXPECT_TRUE(text.starts_with("id: tx#a\nevent: mutation\ndata: {")) << text;
  EXPECT_TRUE(text.ends_with("}\n\n"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
  auto events = parse_sse(text);
  ASSERT_EQ(events.size(), 1u);
  const Value& data = events[0].data;
  EXPECT_EQ(data.get("resultRev").as_string(), "r1");
  EXPECT_EQ(data.find("previousRev"), nullptr);
  EXPECT_TRUE(data.get("previous").is_null());
  EXPECT_EQ(data.get("result").get("text").as_string(), "two\nlines");
  EXPECT_EQ(data.get("transactionCurrentEvent").as_number(), 1);
}

TEST(EventEncoding, WelcomeCarriesRetryAndOptionalId) {
  EXPECT_EQ(encode_welcome(std::chrono::milliseconds(300), "L", "tx#a"),
            "retry: 300\nid: tx#a\nevent: welcome\ndata: {\"listenerName\":\"L\"}\n\n");
  EXPECT_EQ(encode_welcome(std::chrono::milliseconds(300), "L", ""),
            "retry: 300\nevent: welcome\ndata: {\"listenerName\":\"L\"}\n\n");
  EXPECT_EQ(encode_reset(), "event: reset\ndata: {}\n\n");
  EXPECT_EQ(encode_disconnect("bye"), "event: disconnect\ndata: {\"reason\":\"bye\"}\n\n");
}

TEST(EventEncoding, ChannelErrorMergesErrorDetails) {
  Error error = Error::invalid("unexpected token", "queryParseError");
  error.details = json(R"({"query":"*[","start":1,"end":2})");
  auto events = parse_sse(encode_channel_error(error));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "channelError");
  EXPECT_EQ(events[0].data.get("message").as_string(), "unexpected token");
  const Value& body = events[0].data.get("error");
  EXPECT_EQ(body.get("type").as_string(), "queryParseError");
  EXPECT_EQ(body.get("description").as_string(), "unexpected token");
  EXPECT_EQ(body.get("query").as_string(), "*[");
  EXPECT_EQ(body.get("end").as_number(), 2);
}

}  // namespace
}  // namespace ledgerline::realtime::testing
