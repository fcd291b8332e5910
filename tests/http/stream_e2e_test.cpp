// End-to-end for the SSE streaming hook: a test route answers with an EventStream.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "test_client.h"

namespace ledgerline::http::testing {
namespace {

std::shared_ptr<const std::string> bytes(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

struct StreamRoute {
  std::shared_ptr<EventStream> stream;
  std::atomic<bool> disconnected{false};
  std::atomic<bool> opened{false};
};

ServerOptions with_stream_route(StreamRoute& route, std::chrono::milliseconds keepalive) {
  ServerOptions options;
  options.stream_keepalive = keepalive;
  options.add_routes = [&route](Router& router) {
    router.add("GET", "/test/stream", [&route](Request, Respond respond) {
      auto stream = std::make_shared<EventStream>(4096);
      stream->write(bytes("retry: 500\n\n"));
      stream->on_disconnect([&route] { route.disconnected = true; });
      route.stream = stream;
      route.opened = true;
      Response response;
      response.stream = stream;
      respond(std::move(response));
    });
  };
  return options;
}

void wait_for(const std::atomic<bool>& flag) {
  for (int i = 0; i < 500 && !flag; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(StreamE2E, SendsSseHeadersThenQueuedBytesAsTheyAreWritten) {
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(60000)));
  Connection connection(fixture.port());
  connection.send_raw("GET /test/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
  std::string received = connection.read_until("retry: 500\n\n");
  EXPECT_NE(received.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(received.find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(received.find("Cache-Control: no-cache"), std::string::npos);
  EXPECT_NE(received.find("X-Accel-Buffering: no"), std::string::npos);
  EXPECT_NE(received.find("Connection: keep-alive"), std::string::npos);
  wait_for(route.opened);
  EXPECT_TRUE(route.stream->write(bytes("event: welcome\ndata: {}\n\n")));
  received = connection.read_until("event: welcome\ndata: {}\n\n");
  EXPECT_NE(received.find("event: welcome"), std::string::npos);
  route.stream->close();
  received = connection.read_until("\r\n0\r\n\r\n");
  EXPECT_NE(received.find("\r\n0\r\n\r\n"), std::string::npos);
  wait_for(route.disconnected);
  EXPECT_TRUE(route.disconnected);
}

TEST(StreamE2E, IdleStreamsGetKeepAliveComments) {
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(100)));
  Connection connection(fixture.port());
  connection.send_raw("GET /test/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string received = connection.read_until(":\n\n");
  EXPECT_NE(received.find(":\n\n"), std::string::npos);
}

TEST(StreamE2E, PeerDisconnectIsReported) {
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(60000)));
  {
    Connection connection(fixture.port());
    connection.send_raw("GET /test/stream HTTP/1.1\r\nHost: x\r\n\r\n");
    connection.read_until("retry: 500\n\n");
  }
  wait_for(route.disconnected);
  EXPECT_TRUE(route.disconnected);
  EXPECT_FALSE(route.stream->write(bytes("data: {}\n\n")));
}

TEST(StreamE2E, ServerStopEndsOpenStreams) {
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(60000)));
  Connection connection(fixture.port());
  connection.send_raw("GET /test/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  connection.read_until("retry: 500\n\n");
  auto started = std::chrono::steady_clock::now();
  fixture.server().stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(route.disconnected);
  std::string received = connection.read_until("\r\n0\r\n\r\n");
  EXPECT_NE(received.find("\r\n0\r\n\r\n"), std::string::npos);
}

}  // namespace
}  // namespace ledgerline::http::testing
