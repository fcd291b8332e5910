#include "http/api/params.h"

#include <gtest/gtest.h>

#include "http/api/doc.h"
#include "util/json.h"

namespace ledgerline::http::api {
namespace {

Request with_query(std::vector<std::pair<std::string, std::string>> query) {
  Request request;
  request.method = "GET";
  request.query = std::move(query);
  return request;
}

TEST(DollarParams, DecodesEveryDollarParameterAsJson) {
  auto params = decode_dollar_params(with_query(
      {{"query", "*"}, {"$t", "\"post\""}, {"$n", "3"}, {"$ids", "[\"a\",\"b\"]"}, {"tag", "x"}}));
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(*params, *parse_json(R"({"t":"post","n":3,"ids":["a","b"]})"));
}

TEST(DollarParams, InvalidJsonIs400NamingTheParameter) {
  auto params = decode_dollar_params(with_query({{"$t", "post"}}));
  ASSERT_FALSE(params.ok());
  EXPECT_EQ(params.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(params.error().message.find("\"t\""), std::string::npos);
}

TEST(Perspective, AcceptsKnownNamesAndReleaseStacks) {
  EXPECT_TRUE(check_perspective("raw").ok());
  EXPECT_TRUE(check_perspective("published").ok());
  EXPECT_TRUE(check_perspective("drafts").ok());
  EXPECT_TRUE(check_perspective("rSummer,drafts").ok());
}

TEST(Perspective, RejectsUnknownNames) {
  EXPECT_FALSE(check_perspective("bogus").ok());
  EXPECT_FALSE(check_perspective("").ok());
  EXPECT_FALSE(check_perspective("a,,b").ok());
}

TEST(DocumentIds, SplitOnCommasDroppingEmptiesAndDuplicates) {
  auto ids = split_document_ids("a,drafts.b,,a,c-d_e");
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "drafts.b", "c-d_e"}));
}

}  // namespace
}  // namespace ledgerline::http::api
