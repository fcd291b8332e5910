// End-to-end: a real server (real store over SQLite in a temp dir) on a free port, spoken to
// over TCP.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/json.h"
#include "support/temp_dir.h"
#include "test_client.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;

using test_support::json;

TEST(ServerE2E, HealthAnswersOk) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::get, "/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(json(reply.body), json(R"({"status":"ok"})"));
  EXPECT_EQ(reply.headers[bhttp::field::content_type], "application/json");
}

TEST(ServerE2E, HealthInDetailTellsTheStorageAndLogPosition) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::get, "/health?detail=true");
  EXPECT_EQ(reply.status, 200);
  Value body = json(reply.body);
  EXPECT_EQ(body.get("status").as_string(), "ok");
  EXPECT_EQ(body.get("writes").as_string(), "ok");
  EXPECT_EQ(body.get("storage").as_string(),
            test_support::testing_on_postgres() ? "shared" : "embedded");
  EXPECT_EQ(body.get("logPosition").as_number(), fixture.store().snapshot()->position());
}

TEST(ServerE2E, KeepAliveServesManyRequestsOnOneConnection) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  for (int i = 0; i < 5; ++i) {
    Reply reply = connection.request(verb::get, "/health");
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.keep_alive);
  }
}

TEST(ServerE2E, UnknownDatasetRouteAndMethodAreJsonErrors) {
  test_support::TempDir empty_web("ledgerline-web");  // no web app, whatever the build embedded
  ServerOptions options;
  options.web_dir = empty_web.path();
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  Reply dataset = connection.request(verb::get, "/v1/data/doc/other/a");
  EXPECT_EQ(dataset.status, 404);
  EXPECT_EQ(
      json(dataset.body),
      json(R"({"error":"Not Found","message":"Dataset \"other\" not found","statusCode":404})"));
  Reply route = connection.request(verb::get, "/v1/nothing/here");
  EXPECT_EQ(route.status, 404);
  EXPECT_TRUE(json(route.body).get("error").get("description").is_string());
  Reply method = connection.request(verb::get, "/v2021-03-25/data/mutate/production");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(json(method.body).get("error").get("type").as_string(), "methodNotAllowed");
  Reply root = connection.request(verb::get, "/");
  EXPECT_EQ(root.status, 404);
  EXPECT_TRUE(json(root.body).get("error").get("description").is_string());
}

TEST(ServerE2E, OversizedBodyGets413AndTheConnectionCloses) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  Reply reply =
      connection.request(verb::post, "/v1/data/mutate/production", std::string(512 * 1024, ' '));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(json(reply.body).get("error").get("type").as_string(), "payloadTooLarge");
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST(ServerE2E, OversizedChunkedBodyGets413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  std::string chunk(800, 'x');
  connection.send_raw(
      "POST /v1/data/mutate/production HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "320\r\n" +
      chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  Reply reply = connection.read_reply();
  EXPECT_EQ(reply.status, 413);
}

TEST(ServerE2E, MalformedRequestGets400) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  connection.send_raw("GARBAGE\r\n\r\n");
  EXPECT_EQ(connection.read_reply().status, 400);
}

TEST(ServerE2E, MutateThenDocRoundTrip) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply created = connection.request(
      verb::post, "/v2025-02-19/data/mutate/production?returnIds=true&returnDocuments=true",
      R"({"mutations":[{"create":{"_id":"a","_type":"post","title":"hi"}}],"transactionId":"tx1"})");
  ASSERT_EQ(created.status, 200) << created.body;
  Value body = json(created.body);
  EXPECT_EQ(body.get("transactionId").as_string(), "tx1");
  const Value& result = body.get("results").as_array()[0];
  EXPECT_EQ(result.get("id").as_string(), "a");
  EXPECT_EQ(result.get("operation").as_string(), "create");
  EXPECT_EQ(result.get("document").get("title").as_string(), "hi");
  EXPECT_TRUE(result.get("document").get("_rev").is_string());

  Reply docs = connection.request(verb::get, "/v1/data/doc/production/a,missing");
  ASSERT_EQ(docs.status, 200);
  Value doc_body = json(docs.body);
  ASSERT_EQ(doc_body.get("documents").size(), 1u);
  EXPECT_EQ(doc_body.get("documents").as_array()[0].get("title").as_string(), "hi");
  EXPECT_EQ(doc_body.get("omitted"), json(R"([{"id":"missing","reason":"existence"}])"));

  Reply exists =
      connection.request(verb::get, "/v1/data/doc/production/a%2Cnope?excludeContent=true");
  EXPECT_EQ(json(exists.body).get("documents").size(), 0u);
  EXPECT_EQ(json(exists.body).get("omitted"), json(R"([{"id":"nope","reason":"existence"}])"));

  Reply missing = connection.request(verb::get, "/v1/data/doc/production/ghost");
  EXPECT_EQ(missing.status, 200);
  EXPECT_EQ(json(missing.body).get("documents").size(), 0u);
}

TEST(ServerE2E, MutationResultsOmitDocumentsUnlessAsked) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::post, "/v1/data/mutate/production?returnIds=true",
                                   R"({"mutations":[{"create":{"_id":"b","_type":"post"}}]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value result = json(reply.body).get("results").as_array()[0];
  EXPECT_EQ(result.find("document"), nullptr);
  EXPECT_FALSE(json(reply.body).get("transactionId").as_string().empty());
}

TEST(ServerE2E, ConflictingCreateIs409MutationError) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  std::string create = R"({"mutations":[{"create":{"_id":"dup","_type":"post"}}]})";
  ASSERT_EQ(connection.request(verb::post, "/v1/data/mutate/production", create).status, 200);
  Reply again = connection.request(verb::post, "/v1/data/mutate/production", create);
  EXPECT_EQ(again.status, 409);
  Value error = json(again.body).get("error");
  EXPECT_EQ(error.get("type").as_string(), "mutationError");
  EXPECT_TRUE(error.get("description").is_string());
}

TEST(ServerE2E, DryRunCommitsNothing) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::post, "/v1/data/mutate/production?dryRun=true",
                                   R"({"mutations":[{"create":{"_id":"d","_type":"post"}}]})");
  EXPECT_EQ(reply.status, 200) << reply.body;
  Reply docs = connection.request(verb::get, "/v1/data/doc/production/d");
  EXPECT_EQ(json(docs.body).get("documents").size(), 0u);
}

TEST(ServerE2E, InvalidJsonBodyIs400) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  Reply reply = connection.request(verb::post, "/v1/data/mutate/production", "{not json");
  EXPECT_EQ(reply.status, 400);
  EXPECT_TRUE(json(reply.body).get("error").get("description").is_string());
  Reply no_mutations = connection.request(verb::post, "/v1/data/mutate/production", "{}");
  EXPECT_EQ(no_mutations.status, 400);
  EXPECT_EQ(json(no_mutations.body).get("error").get("type").as_string(), "mutationError");
}

TEST(ServerE2E, ExportStreamsEveryDocumentAsNdjson) {
  ServerFixture fixture;
  Connection connection(fixture.port());
  std::string mutations = R"({"mutations":[)";
  for (int i = 0; i < 300; ++i) {
    if (i > 0) mutations += ',';
    mutations += R"({"create":{"_id":"e)" + std::to_string(1000 + i) +
                 R"(","_type":"item","text":")" + std::string(300, 'x') + R"("}})";
  }
  mutations += "]}";
  ASSERT_EQ(connection.request(verb::post, "/v1/data/mutate/production", mutations).status, 200);
  Reply reply = connection.request(verb::get, "/v1/data/export/production");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers[bhttp::field::content_type], "application/x-ndjson");
  EXPECT_EQ(reply.headers[bhttp::field::transfer_encoding], "chunked");
  std::size_t lines = 0, start = 0;
  std::string first_id;
  while (start < reply.body.size()) {
    std::size_t end = reply.body.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    Value doc = json(reply.body.substr(start, end - start));
    if (lines == 0) first_id = std::string(doc.get("_id").as_string());
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 301u);  // and the fixture admin's user document
  EXPECT_EQ(first_id, "e1000");
  EXPECT_EQ(connection.request(verb::get, "/health").status, 200);  // still usable
}

TEST(ServerE2E, CorsPreflightForConfiguredOrigin) {
  ServerOptions options;
  options.cors_origins = {"http://localhost:5173"};
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  Reply reply = connection.request(
      verb::options, "/v1/data/query/production", "",
      {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(reply.status, 204);
  EXPECT_EQ(reply.headers["Access-Control-Allow-Origin"], "http://localhost:5173");
  Reply health =
      connection.request(verb::get, "/health", "", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(health.headers["Access-Control-Allow-Origin"], "http://localhost:5173");
  EXPECT_EQ(health.headers["Access-Control-Allow-Credentials"], "true");
}

TEST(ServerE2E, GracefulStopClosesIdleConnectionsAndFinishesInFlightRequests) {
  ServerFixture fixture;
  Connection idle(fixture.port());
  ASSERT_EQ(idle.request(verb::get, "/health").status, 200);
  Connection busy(fixture.port());
  std::string body = R"({"mutations":[{"create":{"_id":"late","_type":"post"}}]})";
  std::string head =
      "POST /v1/data/mutate/production HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      fixture.admin_token() +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  busy.send_raw(head + body.substr(0, 10));  // the request is in flight
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::thread stopper([&] { fixture.server().stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(idle.closed_by_peer());
  busy.send_raw(body.substr(10));
  Reply reply = busy.read_reply();
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(reply.keep_alive);
  stopper.join();
  EXPECT_NE(fixture.store().snapshot()->get("late"), nullptr);
  EXPECT_THROW(Connection refused(fixture.port()), boost::system::system_error);
}

TEST(ServerE2E, HeadOfAWebFileHasItsLengthAndNoBody) {
  test_support::TempDir web("ledgerline-web");
  std::ofstream(web / "index.html") << "<html>app</html>";  // 16 bytes
  ServerOptions options;
  options.web_dir = web.path();
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  connection.send_raw("HEAD /admin/dashboard HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string head = connection.read_until("\r\n\r\n");
  EXPECT_NE(head.find("HTTP/1.1 200"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: 16\r\n"), std::string::npos) << head;
  // The next bytes on the connection are the next answer's: HEAD sent no body.
  connection.send_raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string both = connection.read_until("{\"status\":\"ok\"}");
  EXPECT_EQ(both.substr(head.size(), 12), "HTTP/1.1 200") << both;
}

}  // namespace
}  // namespace ledgerline::http::testing
