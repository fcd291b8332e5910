// The read-rule choke point: a rule set on the server hides documents from every read door.
#include <gtest/gtest.h>

#include "groq/groq.h"
#include "support/json.h"
#include "test_client.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;

using test_support::json;

ServerOptions only_public() {
  ServerOptions options;
  options.read_rule = [](const Identity&) -> Result<groq::FilterPtr> {
    auto query = groq::parse("*[_type == \"public\"]");
    if (!query.ok()) return std::move(query).error();
    return groq::make_filter(*query, Value::empty_object());
  };
  return options;
}

class ReadScopeE2E : public ::testing::Test {
 protected:
  ReadScopeE2E() : fixture_(only_public()), connection_(fixture_.port()) {
    Reply reply = connection_.request(
        verb::post, "/v1/data/mutate/production",
        R"({"mutations":[{"create":{"_id":"open","_type":"public"}},)"
        R"({"create":{"_id":"secret","_type":"private","ref":{"_ref":"open"}}}]})");
    EXPECT_EQ(reply.status, 200) << reply.body;
  }
  ServerFixture fixture_;
  Connection connection_;
};

TEST_F(ReadScopeE2E, QueriesSeeOnlyWhatTheRuleAdmits) {
  Reply reply = connection_.request(verb::get, "/v1/data/query/production?query=*._id");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply.body).get("result"), json(R"(["open"])"));
  Reply by_reference = connection_.request(
      verb::get, "/v1/data/query/production?query=*%5Breferences(%22open%22)%5D._id");
  EXPECT_EQ(json(by_reference.body).get("result"), json("[]"));
}

TEST_F(ReadScopeE2E, DocOmitsHiddenDocumentsForPermission) {
  Reply reply = connection_.request(verb::get, "/v1/data/doc/production/open,secret,none");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value body = json(reply.body);
  ASSERT_EQ(body.get("documents").size(), 1u) << reply.body;
  EXPECT_EQ(body.get("documents").as_array()[0].get("_id").as_string(), "open");
  EXPECT_EQ(body.get("omitted"), json(R"([{"id":"secret","reason":"permission"},)"
                                      R"({"id":"none","reason":"existence"}])"));
}

TEST_F(ReadScopeE2E, ExportLeavesHiddenDocumentsOut) {
  Reply reply = connection_.request(verb::get, "/v1/data/export/production");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("\"open\""), std::string::npos);
  EXPECT_EQ(reply.body.find("\"secret\""), std::string::npos);
}

}  // namespace
}  // namespace ledgerline::http::testing
