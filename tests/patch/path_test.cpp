// JSONMatch path parsing (every form patches use), index resolution and constraint comparison.
#include <gtest/gtest.h>

#include "patch/path.h"
#include "patch/path_matcher.h"
#include "support/json.h"

namespace ledgerline::patch {
namespace {

using Type = PathExpr::Type;

PathExprPtr parsed(std::string_view text) {
  auto p = parse_path(text);
  EXPECT_TRUE(p.ok()) << text << ": " << (p.ok() ? "" : p.error().message);
  return p.ok() ? *p : nullptr;
}

std::string round_trip(std::string_view text) {
  auto p = parsed(text);
  return p ? path_to_string(*p) : "<error>";
}

using test_support::json;

TEST(PathParse, AttributeChains) {
  auto p = parsed("a.b.c");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->type, Type::kPath);
  ASSERT_EQ(p->nodes.size(), 3u);
  EXPECT_EQ(p->nodes[2]->name, "c");
  EXPECT_EQ(parsed("title")->type, Type::kAttribute);
}

TEST(PathParse, IndexesAndRanges) {
  EXPECT_EQ(round_trip("a[3]"), "a[3]");
  EXPECT_EQ(round_trip("a[-1]"), "a[-1]");
  EXPECT_EQ(round_trip("a[1:3]"), "a[1:3]");
  EXPECT_EQ(round_trip("a[2:]"), "a[2:]");
  EXPECT_EQ(round_trip("a[:-1]"), "a[:-1]");
  EXPECT_EQ(round_trip("a[*]"), "a[*]");
  auto range = parsed("a[1:3]")->nodes[1]->nodes[0];
  EXPECT_EQ(range->type, Type::kRange);
  EXPECT_EQ(range->range_start.value(), 1);
  EXPECT_EQ(range->range_end.value(), 3);
}

TEST(PathParse, KeyedSelectorsWithEitherQuote) {
  EXPECT_EQ(round_trip("body[_key==\"k1\"].text"), "body[_key == \"k1\"].text");
  EXPECT_EQ(round_trip("body[_key=='k1'].text"), "body[_key == \"k1\"].text");
  EXPECT_EQ(round_trip("a[_key==\"x\"].b[_key==\"y\"].c"), "a[_key == \"x\"].b[_key == \"y\"].c");
}

TEST(PathParse, UnionsRecursionAndQuotedAttributes) {
  EXPECT_EQ(round_trip("a[0,2]"), "a[0,2]");
  EXPECT_EQ(round_trip("..qty"), "..qty");
  EXPECT_EQ(round_trip("a['key with space']"), "a['key with space']");
  EXPECT_EQ(round_trip("items[price >= 10].name"), "items[price >= 10].name");
  EXPECT_EQ(round_trip("tags[@ == \"x\"]"), "tags[@ == \"x\"]");
  EXPECT_EQ(round_trip("items[price?]"), "items[price ?]");
}

TEST(PathParse, LeadingSpacesAndTrailingTokensAreTolerated) {
  // The reference parser stops at the first token that cannot continue a path.
  EXPECT_EQ(round_trip("  title"), "title");
  EXPECT_EQ(round_trip("a[]"), "a[]");  // an empty union: matches nothing
  EXPECT_EQ(round_trip("a b"), "a");
}

TEST(PathParse, UnbalancedBracketsAreRejected) {
  // Stricter than @sanity/mutator, which reads `a]]` as `a` and `a[` as an empty union.
  for (std::string_view bad : {"a[", "a]", "a]]", "a[[0]", "a[0]]", "[", "]"}) {
    EXPECT_FALSE(parse_path(bad).ok()) << bad;
  }
}

TEST(PathParse, RejectsMalformedPaths) {
  for (std::string_view bad : {"", " ", "a.", "a[1", "x[1:", "a b ", "a.true", "a[_key==]", "a[0,]",
                               "'unterminated", "a%b", "-"}) {
    EXPECT_FALSE(parse_path(bad).ok()) << bad;
  }
}

TEST(PathParse, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100, '[');
  EXPECT_FALSE(parse_path("a" + deep).ok());
  std::string recursive;
  for (int i = 0; i < 100; ++i) recursive += "..";
  EXPECT_FALSE(parse_path(recursive + "a").ok());
  std::string long_chain = "a";
  for (int i = 0; i < 5000; ++i) long_chain += ".a";
  EXPECT_FALSE(parse_path(long_chain).ok());
}

TEST(PathIndices, NegativeIndexesCountFromTheEnd) {
  Value arr = json("[1,2,3]");
  EXPECT_EQ(resolve_indices(*parsed("a[-1]")->nodes[1]->nodes[0], arr).value(),
            std::vector<std::int64_t>{2});
  EXPECT_EQ(resolve_indices(*parsed("a[-5]")->nodes[1]->nodes[0], arr).value(),
            std::vector<std::int64_t>{-2});
}

TEST(PathIndices, RangesDefaultToTheArrayBounds) {
  Value arr = json("[1,2,3,4]");
  auto indices = [&](std::string_view path) {
    return resolve_indices(*parsed(path)->nodes[1]->nodes[0], arr).value();
  };
  EXPECT_EQ(indices("a[1:3]"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(indices("a[2:]"), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(indices("a[:-1]"), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(indices("a[*]"), (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_TRUE(indices("a[3:1]").empty());
  // Huge ranges stay bounded by the array length.
  EXPECT_EQ(indices("a[0:99999999999]").size(), 4u);
}

TEST(PathIndices, NonIntegerIndexIsAnError) {
  EXPECT_FALSE(resolve_indices(*parsed("a[1.5]")->nodes[1]->nodes[0], json("[1,2]")).ok());
}

TEST(PathCompare, FollowsJavaScriptSemantics) {
  auto rhs = [](std::string_view path) { return parsed(path)->nodes[1]->nodes[0]->rhs; };
  EXPECT_TRUE(compare_js(json("5"), "==", *rhs("a[x == 5]")));
  EXPECT_FALSE(compare_js(json("\"5\""), "==", *rhs("a[x == 5]")));  // strict equality
  EXPECT_TRUE(compare_js(json("\"10\""), ">", *rhs("a[x > 5]")));    // numeric coercion
  EXPECT_FALSE(compare_js(json("\"abc\""), ">", *rhs("a[x > 5]")));  // NaN
  EXPECT_TRUE(compare_js(json("null"), ">=", *rhs("a[x >= 0]")));
  EXPECT_TRUE(compare_js(json("\"b\""), ">", *rhs("a[x > \"a\"]")));
  EXPECT_TRUE(compare_js(json("true"), "!=", *rhs("a[x != false]")));
}

}  // namespace
}  // namespace ledgerline::patch
