// Slow and idle clients are cut off by the server's timeouts.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "test_client.h"

namespace ledgerline::http::testing {
namespace {

using namespace std::chrono_literals;

TEST(Timeouts, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options;
  options.idle_timeout = 200ms;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  ASSERT_EQ(connection.request(bhttp::verb::get, "/health").status, 200);
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.closed_by_peer());
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 150ms);
  EXPECT_LT(waited, 5s);
}

TEST(Timeouts, ClientThatNeverFinishesItsHeadersIsClosed) {
  ServerOptions options;
  options.idle_timeout = 300ms;
  options.read_timeout = 300ms;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  connection.send_raw("GET /health HTTP/1.1\r\nHost: x\r\n");  // no blank line, ever
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(Timeouts, ClientThatNeverSendsItsBodyIsClosed) {
  ServerOptions options;
  options.read_timeout = 300ms;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  connection.send_raw(
      "POST /v1/data/mutate/production HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(Timeouts, HugeHeadersGet431) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  ServerFixture fixture(options);
  Connection connection(fixture.port());
  connection.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8192, 'a') +
                      "\r\n\r\n");
  EXPECT_EQ(connection.read_reply().status, 431);
}

TEST(Timeouts, LongQueryStringsWithinTheHeaderLimitAreAccepted) {
  ServerFixture fixture;  // default limit fits @sanity/client's longest GET (~14.8k chars)
  Connection connection(fixture.port());
  std::string target = "/v1/data/doc/production/" + std::string(14000, 'a');
  EXPECT_EQ(connection.request(bhttp::verb::get, target).status, 200);
}

}  // namespace
}  // namespace ledgerline::http::testing
