#include "http/url.h"

#include <gtest/gtest.h>

namespace ledgerline::http {
namespace {

TEST(PercentDecode, DecodesEscapesAndKeepsPlusInPaths) {
  EXPECT_EQ(percent_decode("a%2Cb+c").value(), "a,b+c");
  EXPECT_EQ(percent_decode("a%2cb+c", true).value(), "a,b c");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  EXPECT_FALSE(percent_decode("%").has_value());
  EXPECT_FALSE(percent_decode("%4").has_value());
  EXPECT_FALSE(percent_decode("%zz").has_value());
}

TEST(ParseQueryString, DecodesPairsInOrder) {
  auto pairs = parse_query_string("query=*%5B_type%3D%3D%24t%5D&%24t=%22post%22&flag&x=a+b");
  ASSERT_TRUE(pairs.has_value());
  ASSERT_EQ(pairs->size(), 4u);
  EXPECT_EQ((*pairs)[0], std::make_pair(std::string("query"), std::string("*[_type==$t]")));
  EXPECT_EQ((*pairs)[1], std::make_pair(std::string("$t"), std::string("\"post\"")));
  EXPECT_EQ((*pairs)[2], std::make_pair(std::string("flag"), std::string()));
  EXPECT_EQ((*pairs)[3], std::make_pair(std::string("x"), std::string("a b")));
}

TEST(ParseQueryString, MalformedEscapeIsAnError) {
  EXPECT_FALSE(parse_query_string("a=%G1").has_value());
}

TEST(SplitTarget, SeparatesPathAndQuery) {
  auto [path, query] = split_target("/v1/data/query/production?query=*");
  EXPECT_EQ(path, "/v1/data/query/production");
  EXPECT_EQ(query, "query=*");
  EXPECT_EQ(split_target("/health").second, "");
}

TEST(SplitPath, DropsEmptySegments) {
  auto segments = split_path("//v1/data//doc/production/a%2Cb/");
  ASSERT_EQ(segments.size(), 5u);
  EXPECT_EQ(segments[0], "v1");
  EXPECT_EQ(segments[4], "a%2Cb");
}

}  // namespace
}  // namespace ledgerline::http
