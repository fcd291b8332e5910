// The query endpoint end to end: GET and POST forms, parameters, errors and the deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "support/json.h"
#include "test_client.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;
using namespace std::chrono_literals;

using test_support::json;

void seed(Connection& connection, int items) {
  std::string mutations = R"({"mutations":[)";
  mutations += R"({"create":{"_id":"p1","_type":"post","title":"one"}},)";
  mutations += R"({"create":{"_id":"p2","_type":"post","title":"two"}},)";
  mutations += R"({"create":{"_id":"drafts.p1","_type":"post","title":"draft"}})";
  for (int i = 0; i < items; ++i) {
    mutations += R"(,{"create":{"_id":"i)" + std::to_string(i) + R"(","_type":"item","n":)" +
                 std::to_string(i) + "}}";
  }
  mutations += "]}";
  Reply reply = connection.request(verb::post, "/v1/data/mutate/production", mutations);
  ASSERT_EQ(reply.status, 200) << reply.body;
}

TEST(QueryE2E, GetDecodesDollarParamsAndEchoesTheQuery) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  seed(connection, 0);
  Reply reply = connection.request(
      verb::get,
      "/v2025-02-19/data/query/production?query=*%5B_type%3D%3D%24t%20%26%26%20_id%20in%20%24ids"
      "%5D%7Btitle%7D&%24t=%22post%22&%24ids=%5B%22p2%22%5D");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value body = json(reply.body);
  EXPECT_EQ(body.get("result"), json(R"([{"title":"two"}])"));
  EXPECT_EQ(body.get("query").as_string(), "*[_type==$t && _id in $ids]{title}");
  EXPECT_TRUE(body.get("ms").is_number());
}

TEST(QueryE2E, ReturnQueryFalseOmitsTheQuery) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply =
      connection.request(verb::get, "/v1/data/query/production?query=1%2B1&returnQuery=false");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value body = json(reply.body);
  EXPECT_EQ(body.find("query"), nullptr);
  EXPECT_EQ(body.get("result").as_number(), 2);
}

TEST(QueryE2E, PostFormTakesParamsFromTheBody) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  seed(connection, 0);
  Reply reply = connection.request(verb::post, "/v1/data/query/production?returnQuery=false",
                                   R"({"query":"*[_id in $ids]._id","params":{"ids":["p1"]}})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply.body).get("result"), json(R"(["p1"])"));
}

TEST(QueryE2E, PublishedPerspectiveHidesDrafts) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  seed(connection, 0);
  Reply raw = connection.request(
      verb::get, "/v1/data/query/production?query=count(*%5B_type%3D%3D%22post%22%5D)");
  EXPECT_EQ(json(raw.body).get("result").as_number(), 3);
  Reply published = connection.request(
      verb::get,
      "/v1/data/query/production?query=count(*%5B_type%3D%3D%22post%22%5D)&perspective=published");
  EXPECT_EQ(json(published.body).get("result").as_number(), 2);
}

TEST(QueryE2E, BadParameterJsonIs400) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::get, "/v1/data/query/production?query=%24t&%24t=post");
  EXPECT_EQ(reply.status, 400);
  EXPECT_TRUE(json(reply.body).get("error").get("description").is_string());
}

TEST(QueryE2E, UnknownPerspectiveIs400) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply =
      connection.request(verb::get, "/v1/data/query/production?query=1&perspective=bogus");
  EXPECT_EQ(reply.status, 400);
}

TEST(QueryE2E, MissingQueryIs400) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  EXPECT_EQ(connection.request(verb::get, "/v1/data/query/production").status, 400);
  EXPECT_EQ(connection.request(verb::post, "/v1/data/query/production", R"({"q":1})").status, 400);
}

TEST(QueryE2E, ParseErrorHasTheShapeTheClientFormats) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::get, "/v1/data/query/production?query=*%5BBAD");
  EXPECT_EQ(reply.status, 400);
  Value error = json(reply.body).get("error");
  EXPECT_EQ(error.get("type").as_string(), "queryParseError");
  EXPECT_EQ(error.get("query").as_string(), "*[BAD");
  EXPECT_TRUE(error.get("start").is_number());
  EXPECT_TRUE(error.get("end").is_number());
  EXPECT_TRUE(error.get("description").is_string());
}

// Three nested scans whose inner filters depend on the outer document (`^.n`), so no planner
// can hoist them: about N^3 steps over N items.
const char* kCubicQuery =
    "/v1/data/query/production?query="
    "count%28%2A%5B_type%3D%3D%22item%22%20%26%26%20count%28%2A%5B_type%3D%3D%22item%22%20%26%26"
    "%20n%20%3E%20%5E.n%20%26%26%20count%28%2A%5B_type%3D%3D%22item%22%20%26%26%20n%20%3E%20%5E.n"
    "%5D%29%20%3E%3D%200%5D%29%20%3E%3D%200%5D%29";

TEST(QueryE2E, QueryPastTheDeadlineIsAnErrorNotAHang) {
  ServerOptions options;
  options.query_timeout = 50ms;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  seed(connection, 1500);
  auto started = std::chrono::steady_clock::now();
  Reply reply = connection.request(verb::get, kCubicQuery);
  EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 200);
  EXPECT_TRUE(json(reply.body).get("error").get("description").is_string());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(QueryE2E, SlowQueryDoesNotStallOtherConnections) {
  ServerOptions options;
  options.query_timeout = 3000ms;
  ServerFixture fixture(options);
  Connection seeder(fixture.port());
  seed(seeder, 1500);
  auto slow = std::async(std::launch::async, [&] {
    Connection connection(fixture.port());
    return connection.request(verb::get, kCubicQuery).status;
  });
  std::this_thread::sleep_for(100ms);
  Connection other(fixture.port());
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(other.request(verb::get, "/v1/data/doc/production/p1").status, 200);
  // The slow query runs until its 3 s timeout; a stalled server would answer after it. The
  // margin is for ASan builds under parallel ctest, not for the server.
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  slow.get();
}

}  // namespace
}  // namespace ledgerline::http::testing
