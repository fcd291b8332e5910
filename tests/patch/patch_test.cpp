// apply_patch: set, setIfMissing, unset, inc/dec, operation order, system fields and errors.
// Expected documents follow @sanity/mutator (see tests/differential for the bulk comparison).
#include "patch/patch.h"
#include "support/json.h"

#include <gtest/gtest.h>

namespace ledgerline::patch {
namespace {

using test_support::json;

const char* kDoc = R"({"_id":"b1","_type":"bill","_rev":"r1","title":"Hello","n":5,"meta":{"a":1},
  "tags":["x","y","z"],
  "lines":[{"_key":"l1","qty":1,"parts":[{"_key":"p1","qty":2}]},{"_key":"l2","qty":3,"name":"b"}]})";

// Applies `patch` (JSON) to kDoc or `doc`; returns the resulting JSON or "error: <message>".
std::string patched(std::string_view patch, std::string_view doc = kDoc) {
  auto result = apply_patch(json(doc), json(patch), PatchOptions{});
  if (!result.ok()) return "error: " + result.error().message;
  return result->to_json();
}

bool is_error(std::string_view patch, std::string_view doc = kDoc) {
  return patched(patch, doc).starts_with("error: ");
}

Value field(std::string_view patch, std::string_view name, std::string_view doc = kDoc) {
  auto result = apply_patch(json(doc), json(patch), PatchOptions{});
  EXPECT_TRUE(result.ok()) << patch << " -> " << (result.ok() ? "" : result.error().message);
  return result.ok() ? result->get(name) : Value();
}

TEST(PatchSet, ReplacesAttributeValues) {
  EXPECT_EQ(field(R"({"set":{"title":"Bye"}})", "title"), json(R"("Bye")"));
  EXPECT_EQ(field(R"({"set":{"meta":{"b":2}}})", "meta"), json(R"({"b":2})"));  // no merge
}

TEST(PatchSet, CreatesMissingIntermediateObjects) {
  EXPECT_EQ(field(R"({"set":{"x.y.z":1}})", "x"), json(R"({"y":{"z":1}})"));
  // A primitive in the way is replaced by an object (as the reference does).
  EXPECT_EQ(field(R"({"set":{"title.sub":1}})", "title"), json(R"({"sub":1})"));
}

TEST(PatchSet, IndexesNegativeIndexesAndRanges) {
  EXPECT_EQ(field(R"({"set":{"tags[1]":"Y"}})", "tags"), json(R"(["x","Y","z"])"));
  EXPECT_EQ(field(R"({"set":{"tags[-1]":"Z"}})", "tags"), json(R"(["x","y","Z"])"));
  EXPECT_EQ(field(R"({"set":{"tags[0:2]":0}})", "tags"), json(R"([0,0,"z"])"));
  EXPECT_EQ(field(R"({"set":{"tags[1:]":0}})", "tags"), json(R"(["x",0,0])"));
  EXPECT_EQ(field(R"({"set":{"tags[:-1]":0}})", "tags"), json(R"([0,0,"z"])"));
  EXPECT_EQ(field(R"({"set":{"tags[0,2]":0}})", "tags"), json(R"([0,"y",0])"));
  EXPECT_EQ(field(R"({"set":{"tags[*]":0}})", "tags"), json(R"([0,0,0])"));
}

TEST(PatchSet, SelectorsMatchingNothingAreNoOps) {
  EXPECT_EQ(field(R"({"set":{"tags[7]":"q"}})", "tags"), json(R"(["x","y","z"])"));
  EXPECT_EQ(field(R"({"set":{"tags[-7]":"q"}})", "tags"), json(R"(["x","y","z"])"));
  EXPECT_EQ(field(R"({"set":{"lines[_key==\"nope\"].qty":9}})", "lines"), json(kDoc).get("lines"));
  EXPECT_EQ(field(R"({"set":{"tags[0]":1}})", "tags", R"({"_id":"a","tags":[]})"), json("[]"));
}

TEST(PatchSet, KeyedSelectorsChainAndNest) {
  Value lines = field(R"({"set":{"lines[_key==\"l1\"].parts[_key=='p1'].qty":7}})", "lines");
  EXPECT_EQ(lines.as_array()[0].get("parts").as_array()[0].get("qty"), json("7"));
  Value renamed = field(R"({"set":{"lines[_key==\"l2\"]":{"_key":"l2","qty":0}}})", "lines");
  EXPECT_EQ(renamed.as_array()[1], json(R"({"_key":"l2","qty":0})"));
}

TEST(PatchSet, NegativeIndexFollowedBySubPath) {
  // The reference throws here ("must have a probe"); we resolve against the array.
  EXPECT_EQ(field(R"({"set":{"lines[-1].qty":4}})", "lines").as_array()[1].get("qty"), json("4"));
}

TEST(PatchSet, IndexOutOfBoundsBeforeASubPathIsAnError) {
  EXPECT_TRUE(is_error(R"({"set":{"lines[5].qty":1}})"));
  EXPECT_TRUE(is_error(R"({"set":{"title[0].x":1}})"));
}

TEST(PatchSet, ValueConstraints) {
  Value lines = field(R"({"set":{"lines[qty > 2].big":true}})", "lines");
  EXPECT_FALSE(lines.as_array()[0].find("big"));
  EXPECT_EQ(lines.as_array()[1].get("big"), json("true"));
  EXPECT_EQ(field(R"({"set":{"tags[@ == \"y\"]":"Y"}})", "tags"), json(R"(["x","Y","z"])"));
}

TEST(PatchSet, RecursiveDescent) {
  Value lines = field(R"({"set":{"..qty":0}})", "lines");
  EXPECT_EQ(lines.as_array()[0].get("qty"), json("0"));
  EXPECT_EQ(lines.as_array()[0].get("parts").as_array()[0].get("qty"), json("0"));
  EXPECT_EQ(lines.as_array()[1].get("qty"), json("0"));
}

TEST(PatchSetIfMissing, OnlyWhereAbsent) {
  EXPECT_EQ(field(R"({"setIfMissing":{"title":"x"}})", "title"), json(R"("Hello")"));
  EXPECT_EQ(field(R"({"setIfMissing":{"notes":[]}})", "notes"), json("[]"));
  EXPECT_EQ(field(R"({"setIfMissing":{"meta.b":2}})", "meta"), json(R"({"a":1,"b":2})"));
  // null counts as present.
  EXPECT_EQ(field(R"({"setIfMissing":{"v":1}})", "v", R"({"_id":"a","v":null})"), json("null"));
}

TEST(PatchUnset, AttributesAndArrayElements) {
  EXPECT_FALSE(json(patched(R"({"unset":["title","meta.a"]})")).find("title"));
  EXPECT_EQ(field(R"({"unset":["meta.a"]})", "meta"), json("{}"));
  EXPECT_EQ(field(R"({"unset":["tags[0]","tags[-1]"]})", "tags"), json(R"(["y"])"));
  EXPECT_EQ(field(R"({"unset":["tags[1:]"]})", "tags"), json(R"(["x"])"));
  Value lines = field(R"({"unset":["lines[_key==\"l1\"]"]})", "lines");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines.as_array()[0].get("_key"), json(R"("l2")"));
  Value parts = field(R"({"unset":["lines[_key==\"l1\"].parts[_key==\"p1\"]"]})", "lines");
  EXPECT_EQ(parts.as_array()[0].get("parts"), json("[]"));
}

TEST(PatchUnset, MissingPathsAreNoOps) {
  EXPECT_EQ(json(patched(R"({"unset":["nope","meta.zz","nope.deeper","tags[9]"]})")), json(kDoc));
}

TEST(PatchUnset, BelowAPrimitiveIsAnError) {
  EXPECT_TRUE(is_error(R"({"unset":["title.x"]})"));
}

TEST(PatchInc, AddsAndSubtracts) {
  EXPECT_EQ(field(R"({"inc":{"n":2.5}})", "n"), json("7.5"));
  EXPECT_EQ(field(R"({"dec":{"n":7}})", "n"), json("-2"));
  EXPECT_EQ(field(R"({"inc":{"lines[_key==\"l2\"].qty":1}})", "lines").as_array()[1].get("qty"),
            json("4"));
  EXPECT_EQ(field(R"({"inc":{"lines[*].qty":10}})", "lines").as_array()[0].get("qty"), json("11"));
}

TEST(PatchInc, MissingFieldIsANoOp) {
  EXPECT_FALSE(json(patched(R"({"inc":{"count":1}})")).find("count"));
  EXPECT_EQ(field(R"({"setIfMissing":{"count":0},"inc":{"count":1}})", "count"), json("1"));
}

TEST(PatchInc, NonNumberTargetOrAmountIsAnError) {
  EXPECT_TRUE(is_error(R"({"inc":{"title":1}})"));
  EXPECT_TRUE(is_error(R"({"dec":{"meta":1}})"));
  EXPECT_TRUE(is_error(R"({"inc":{"n":"1"}})"));
  EXPECT_TRUE(is_error(R"({"inc":{"n":1e308}})", R"({"_id":"a","n":1e308})"));
}

TEST(PatchOrder, FollowsTheReference) {
  // setIfMissing before set; set before inc; unset before inc.
  EXPECT_EQ(field(R"({"set":{"c":5},"setIfMissing":{"c":1}})", "c", "{}"), json("5"));
  EXPECT_EQ(field(R"({"inc":{"n":1},"set":{"n":10}})", "n"), json("11"));
  EXPECT_FALSE(json(patched(R"({"inc":{"n":1},"unset":["n"]})")).find("n"));
}

TEST(PatchSystemFields, CannotBeChanged) {
  EXPECT_TRUE(is_error(R"({"set":{"_id":"other"}})"));
  EXPECT_TRUE(is_error(R"({"unset":["_type"]})"));
  EXPECT_TRUE(is_error(R"({"set":{"_rev":"r2"}})"));
  EXPECT_TRUE(is_error(R"({"setIfMissing":{"_createdAt":"2020-01-01"}})"));
  EXPECT_TRUE(is_error(R"({"set":{".._rev":"x"}})"));
  EXPECT_FALSE(is_error(R"({"set":{"_id":"b1"}})"));  // unchanged is fine
}

TEST(PatchErrors, NameThePathAndOperation) {
  std::string message = patched(R"({"inc":{"title":1}})");
  EXPECT_NE(message.find("inc"), std::string::npos) << message;
  EXPECT_NE(message.find("\"title\""), std::string::npos) << message;
  auto result = apply_patch(json(kDoc), json(R"({"set":{"a[1":1}})"), PatchOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("a[1"), std::string::npos);
}

TEST(PatchErrors, MalformedOperations) {
  EXPECT_TRUE(is_error(R"({"set":5})"));
  EXPECT_TRUE(is_error(R"({"unset":"title"})"));
  EXPECT_TRUE(is_error(R"({"unset":[1]})"));
  EXPECT_TRUE(is_error(R"({"diffMatchPatch":{"title":5}})"));
  EXPECT_TRUE(is_error("[]"));
  EXPECT_TRUE(is_error(R"({"set":{"x":1}})", "[]"));
}

TEST(PatchErrors, IgnoresSelectionFields) {
  EXPECT_EQ(field(R"({"id":"zzz","ifRevisionID":"r0","query":"*","set":{"n":1}})", "n"), json("1"));
}

}  // namespace
}  // namespace ledgerline::patch
