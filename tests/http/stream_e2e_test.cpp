// End-to-end for the SSE streaming hook: a test route answers with an EventStream.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
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

ServerOptions with_stream_route(StreamRoute& route, std::chrono::milliseconds keepalive,
                                std::size_t bound = 4096) {
  ServerOptions options;
  options.stream_keepalive = keepalive;
  options.add_routes = [&route, bound](Router& router) {
    router.add("GET", "/test/stream", Access::kPublic, [&route, bound](Request, Respond respond) {
      auto stream = std::make_shared<EventStream>(bound);
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

// Asks for the test stream and waits until the route has it open.
void open_stream(Connection& connection, const StreamRoute& route) {
  connection.send_raw("GET /test/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  connection.read_until("retry: 500\n\n");
  wait_for(route.opened);
}

// A numbered piece of about 4 KiB.
std::shared_ptr<const std::string> piece(int number) {
  return bytes("data: piece " + std::to_string(number) + "|" + std::string(4096, 'x') + "\n\n");
}

TEST(StreamE2E, AReaderThatFallsBehindGetsEveryPieceInOrder) {
  // 16 MiB while the client does not read: more than the socket buffers hold, so sends stop
  // part-way and the rest waits for the reader, then sending goes on where it stopped.
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(60000), 64u << 20));
  Connection connection(fixture.port());
  open_stream(connection, route);
  constexpr int kPieces = 4000;
  for (int i = 0; i < kPieces; ++i) {
    ASSERT_TRUE(route.stream->write(piece(i))) << i;
    if (i % 500 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string last = "piece " + std::to_string(kPieces - 1) + "|";
  std::string received = connection.read_until(last);
  std::size_t at = 0;
  for (int i = 0; i < kPieces; ++i) {
    at = received.find("piece " + std::to_string(i) + "|", at);
    ASSERT_NE(at, std::string::npos) << "piece " << i << " missing or out of order";
  }
  EXPECT_EQ(received.find("piece " + std::to_string(kPieces) + "|"), std::string::npos);
  EXPECT_FALSE(route.disconnected);
}

// The TCP state (/proc/net/tcp, hex) of this process's socket from `local` to `remote` on
// loopback; 0 when there is none. 1 is ESTABLISHED.
int tcp_state(std::uint16_t local, std::uint16_t remote) {
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // header
  char want[32];
  std::snprintf(want, sizeof want, ":%04X %08X:%04X", local, 0x0100007Fu, remote);
  while (std::getline(table, line)) {
    const std::size_t at = line.find(want);
    if (at == std::string::npos) continue;
    return std::stoi(line.substr(at + std::strlen(want) + 1, 2), nullptr, 16);
  }
  return 0;
}

TEST(StreamE2E, AReaderThatStopsReadingIsCutWhenItsBoundIsHit) {
  StreamRoute route;
  ServerFixture fixture(with_stream_route(route, std::chrono::milliseconds(60000), 1u << 20));
  Connection connection(fixture.port());
  open_stream(connection, route);
  ASSERT_EQ(tcp_state(fixture.port(), connection.local_port()), 1);
  int written = 0;
  while (route.stream->write(piece(written))) {
    ++written;
    ASSERT_LT(written, 100000);
    if (written % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(route.disconnected);
  // The server closes its end at once, although the client still reads nothing (the write
  // that waits for it would only time out after 30 s).
  int state = 1;
  for (int i = 0; i < 200 && state == 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    state = tcp_state(fixture.port(), connection.local_port());
  }
  EXPECT_NE(state, 1);
  connection.read_until("never sent");
  EXPECT_TRUE(connection.closed_by_peer());
}

}  // namespace
}  // namespace ledgerline::http::testing
