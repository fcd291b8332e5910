#include "util/value.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "util/json.h"

namespace ledgerline {
namespace {

TEST(Value, InlineAndHeapStrings) {
  Value small = Value::string("short");
  Value large = Value::string("a string longer than fourteen bytes");
  EXPECT_EQ(small.as_string(), "short");
  EXPECT_EQ(large.as_string(), "a string longer than fourteen bytes");
  Value copy = large;
  EXPECT_TRUE(copy.same_node(large));
  EXPECT_EQ(copy, large);
}

TEST(Value, ObjectDuplicateKeysLastWins) {
  auto parsed = parse_json(R"({"a":1,"b":2,"a":3})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->size(), 2u);
  EXPECT_EQ(parsed->get("a").as_number(), 3);
  EXPECT_EQ(parsed->as_object()[0].key.str(), "a");
}

TEST(Value, RoundTripsJson) {
  const char* text =
      R"({"s":"x\"y\n","n":-1.5,"i":42,"big":1e+21,"t":true,"z":null,"a":[1,[2],{}],"u":"é"})";
  auto parsed = parse_json(text);
  ASSERT_TRUE(parsed.ok());
  auto again = parse_json(parsed->to_json());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*parsed, *again);
  EXPECT_EQ(parsed->get("i").to_json(), "42");
  EXPECT_EQ(parsed->get("s").to_json(), R"("x\"y\n")");
}

// Found by fuzz_json: `1e580` parsed as infinity and was written back as null, so a stored
// document would have changed silently. Numbers beyond double's range are refused instead.
TEST(Value, NumbersBeyondDoubleRangeAreInvalidJson) {
  for (const char* text : {"1e580", "-1e400", R"({"a":[1e999]})",
                           "1000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000"}) {
    auto parsed = parse_json(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().type, "invalidJson") << text;
  }
  auto largest = parse_json("[1.7976931348623157e308, 1e-400]");
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(*parse_json(largest->to_json()), *largest);
}

// Found by fuzz_json: Boost.JSON's fast conversion read -1111111111111111111111 one unit in the
// last place off, so the text written back parsed as another number. Numbers now round
// correctly, and what is written reads back as the same number.
TEST(Value, NumbersParseCorrectlyRoundedAndRoundTrip) {
  for (const char* text : {"-1111111111111111111111", "1111111111111111111111.5", "0.1", "1e-400",
                           "2.2250738585072011e-308", "9007199254740993", "1.7976931348623157e308",
                           "123456789012345678901234567890e-10"}) {
    auto parsed = parse_json(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(parsed->as_number(), std::strtod(text, nullptr)) << text;
    auto again = parse_json(parsed->to_json());
    ASSERT_TRUE(again.ok()) << text;
    EXPECT_EQ(*again, *parsed) << text << " written as " << parsed->to_json();
  }
}

TEST(Value, LargeIntegersPrintWithoutExponentBelow1e21) {
  EXPECT_EQ(Value::number(22244444444444444444.0).to_json(), "22244444444444443000");
  EXPECT_EQ(Value::number(-9.3e18).to_json(), "-9300000000000000000");
  EXPECT_EQ(Value::number(1e21).to_json(), "1e+21");
  EXPECT_EQ(Value::number(42).to_json(), "42");
}

TEST(Value, EqualityIgnoresMemberOrder) {
  EXPECT_EQ(*parse_json(R"({"a":1,"b":[1,2]})"), *parse_json(R"({"b":[1,2],"a":1})"));
  EXPECT_NE(*parse_json(R"([1,2])"), *parse_json(R"([2,1])"));
}

TEST(Value, WithAndWithoutShareUntouchedMembers) {
  Value doc = *parse_json(R"({"a":{"deep":[1,2,3,4,5,6,7,8,9,10,11,12]},"b":1})");
  Value changed = doc.with(Key::intern("b"), Value::number(2));
  EXPECT_TRUE(changed.get("a").same_node(doc.get("a")));
  EXPECT_EQ(changed.get("b").as_number(), 2);
  EXPECT_EQ(doc.get("b").as_number(), 1);
  EXPECT_EQ(doc.without(Key::intern("a")).size(), 1u);
}

TEST(Json, RejectsBadInput) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "nul", "1 2", "\"\xff\""}) {
    auto r = parse_json(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  std::string deep(2000, '[');
  EXPECT_FALSE(parse_json(deep).ok());
}

}  // namespace
}  // namespace ledgerline
