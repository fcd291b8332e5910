// apply_patch: insert (before/after/replace), generated array keys and diffMatchPatch on fields.
#include <gtest/gtest.h>

#include "patch/patch.h"
#include "support/json.h"

namespace ledgerline::patch {
namespace {

using test_support::json;

const char* kDoc = R"({"_id":"b1","_type":"bill","title":"The quick brown fox","tags":["a","b","c"],
  "empty":[],"obj":{},"lines":[{"_key":"l1","parts":[{"_key":"p1"}]},{"_key":"l2"}]})";

Result<Value> run(std::string_view patch, PatchOptions options = {}) {
  return apply_patch(json(kDoc), json(patch), options);
}

Value field(std::string_view patch, std::string_view name) {
  auto result = run(patch);
  EXPECT_TRUE(result.ok()) << patch << " -> " << (result.ok() ? "" : result.error().message);
  return result.ok() ? result->get(name) : Value();
}

TEST(PatchInsert, BeforeAndAfterIndexes) {
  EXPECT_EQ(field(R"({"insert":{"before":"tags[0]","items":["x"]}})", "tags"),
            json(R"(["x","a","b","c"])"));
  EXPECT_EQ(field(R"({"insert":{"after":"tags[0]","items":["x","y"]}})", "tags"),
            json(R"(["a","x","y","b","c"])"));
  EXPECT_EQ(field(R"({"insert":{"after":"tags[-1]","items":["x"]}})", "tags"),
            json(R"(["a","b","c","x"])"));
  EXPECT_EQ(field(R"({"insert":{"before":"tags[-1]","items":["x"]}})", "tags"),
            json(R"(["a","b","x","c"])"));
}

TEST(PatchInsert, IntoEmptyArrays) {
  EXPECT_EQ(field(R"({"insert":{"after":"empty[-1]","items":[1]}})", "empty"), json("[1]"));
  EXPECT_EQ(field(R"({"insert":{"before":"empty[0]","items":[1]}})", "empty"), json("[1]"));
  EXPECT_EQ(field(R"({"insert":{"before":"empty[-1]","items":[1,2]}})", "empty"), json("[1,2]"));
}

TEST(PatchInsert, OutOfRangeIndexesClampToTheEnds) {
  EXPECT_EQ(field(R"({"insert":{"after":"tags[9]","items":["x"]}})", "tags"),
            json(R"(["a","b","c","x"])"));
  EXPECT_EQ(field(R"({"insert":{"before":"tags[-9]","items":["x"]}})", "tags"),
            json(R"(["x","a","b","c"])"));
}

TEST(PatchInsert, RelativeToKeyedItems) {
  Value lines =
      field(R"({"insert":{"after":"lines[_key==\"l1\"]","items":[{"_key":"n"}]}})", "lines");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines.as_array()[1].get("_key"), json(R"("n")"));
  Value nested = field(
      R"({"insert":{"before":"lines[_key=='l1'].parts[_key==\"p1\"]","items":[{"_key":"p0"}]}})",
      "lines");
  EXPECT_EQ(nested.as_array()[0].get("parts").size(), 2u);
  // A key that matches nothing leaves the (existing) array alone.
  EXPECT_EQ(field(R"({"insert":{"after":"lines[_key==\"zz\"]","items":[1]}})", "lines").size(), 2u);
}

TEST(PatchInsert, ReplaceElementsAndRanges) {
  EXPECT_EQ(field(R"({"insert":{"replace":"tags[1]","items":["B","B2"]}})", "tags"),
            json(R"(["a","B","B2","c"])"));
  EXPECT_EQ(field(R"({"insert":{"replace":"tags[0:2]","items":["x"]}})", "tags"),
            json(R"(["x","c"])"));
  EXPECT_EQ(field(R"({"insert":{"replace":"tags[-2:]","items":[]}})", "tags"), json(R"(["a"])"));
  EXPECT_EQ(
      field(R"({"insert":{"replace":"lines[_key==\"l2\"]","items":[{"_key":"l3"}]}})", "lines")
          .as_array()[1]
          .get("_key"),
      json(R"("l3")"));
}

TEST(PatchInsert, EmptyRangeReplaceInsertsAtItsStart) {
  // What client.splice(sel, 1, 0, items) sends.
  EXPECT_EQ(field(R"({"insert":{"replace":"tags[1:1]","items":["x"]}})", "tags"),
            json(R"(["a","x","b","c"])"));
}

TEST(PatchInsert, AfterSetIfMissingCreatesTheArray) {
  EXPECT_EQ(
      field(R"({"setIfMissing":{"notes":[]},"insert":{"after":"notes[-1]","items":[1]}})", "notes"),
      json("[1]"));
}

TEST(PatchInsert, MissingOrNonArrayTargetIsAnError) {
  EXPECT_FALSE(run(R"({"insert":{"after":"notes[-1]","items":[1]}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"obj[-1]","items":[1]}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"title[0]","items":[1]}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"tags","items":[1]}})").ok());
}

TEST(PatchInsert, MalformedInsertsAreErrors) {
  auto both = run(R"({"insert":{"before":"tags[0]","after":"tags[-1]","items":["x"]}})");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(run(R"({"insert":{"items":["x"]}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"tags[-1]"}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"tags[-1]","items":"x"}})").ok());
  EXPECT_FALSE(run(R"({"insert":{"after":"tags[1:]","items":["x"]}})").ok());  // open range
}

TEST(PatchInsert, GeneratesMissingKeysWhenAsked) {
  PatchOptions options;
  options.auto_generate_array_keys = true;
  auto result =
      run(R"({"insert":{"after":"lines[-1]","items":[{"a":1},{"_key":"mine"},"s"]}})", options);
  ASSERT_TRUE(result.ok());
  auto lines = result->get("lines").as_array();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[2].get("_key").as_string().size(), 12u);
  EXPECT_EQ(lines[3].get("_key"), json(R"("mine")"));
  EXPECT_EQ(lines[4], json(R"("s")"));
  EXPECT_FALSE(run(R"({"insert":{"after":"lines[-1]","items":[{"a":1}]}})")
                   ->get("lines")
                   .as_array()[2]
                   .find("_key"));
}

TEST(PatchDiffMatchPatch, AppliesToStringFields) {
  EXPECT_EQ(field(R"({"diffMatchPatch":{"title":"@@ -1,9 +1,9 @@\n The \n-quick\n+slow!\n \n"}})",
                  "title"),
            json(R"("The slow! brown fox")"));
}

TEST(PatchDiffMatchPatch, ArrayElementsAndKeyedPaths) {
  EXPECT_EQ(field(R"({"diffMatchPatch":{"tags[1]":"@@ -1 +1 @@\n-b\n+B\n"}})", "tags"),
            json(R"(["a","B","c"])"));
  EXPECT_EQ(field(R"({"diffMatchPatch":{"lines[_key==\"l2\"]._key":"@@ -1,2 +1,3 @@\n l2\n+x\n"}})",
                  "lines")
                .as_array()[1]
                .get("_key"),
            json(R"("l2x")"));
}

TEST(PatchDiffMatchPatch, NonStringTargetsAreLeftAlone) {
  EXPECT_EQ(field(R"({"diffMatchPatch":{"lines[0]":"@@ -1 +1 @@\n-b\n+B\n"}})", "lines"),
            json(kDoc).get("lines"));
}

TEST(PatchDiffMatchPatch, MissingFieldAndBadPatchTextAreErrors) {
  EXPECT_FALSE(run(R"({"diffMatchPatch":{"nope":"@@ -1 +1 @@\n-b\n+B\n"}})").ok());
  EXPECT_FALSE(run(R"({"diffMatchPatch":{"title":"not a patch"}})").ok());
  EXPECT_FALSE(run(R"({"diffMatchPatch":{"title":"@@ -1 +1 @@\n-%E0\n"}})").ok());
}

TEST(PatchDiffMatchPatch, UnicodeUsesUtf8HeaderOffsets) {
  auto result = apply_patch(
      json(R"({"t":"日本 😀 é"})"),
      json(R"({"diffMatchPatch":{"t":"@@ -7,8 +7,7 @@\n  %F0%9F%98%80 \n-%C3%A9\n+e\n"}})"),
      PatchOptions{});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->get("t"), json(R"("日本 😀 e")"));
}

}  // namespace
}  // namespace ledgerline::patch
