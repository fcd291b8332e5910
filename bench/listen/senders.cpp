#include "senders.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

namespace listen_bench {

BlockingConnection::~BlockingConnection() {
  if (fd_ >= 0) close(fd_);
}

bool BlockingConnection::connect(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<std::uint16_t>(port));
  target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::connect(fd_, reinterpret_cast<sockaddr*>(&target), sizeof target) == 0;
}

bool BlockingConnection::send_all(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t BlockingConnection::read_until(std::string_view needle) {
  for (;;) {
    std::size_t found = buffer_.find(needle);
    if (found != std::string::npos) return found + needle.size();
    char chunk[16384];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return std::string::npos;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

bool BlockingConnection::read_exactly(std::size_t total) {
  while (buffer_.size() < total) {
    char chunk[16384];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  return true;
}

int HttpCommitter::commit(const std::string& body) {
  return request("POST", "/v2025-02-19/data/mutate/production?returnIds=true", body);
}

int HttpCommitter::request(const std::string& method, const std::string& path,
                           const std::string& body, std::string* answer) {
  std::string request = method + " " + path +
                        " HTTP/1.1\r\n"
                        "Host: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: "
                        "application/json\r\nAuthorization: Bearer " +
                        token_ + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                        body;
  if (!connection_.send_all(request)) return 0;
  std::size_t header_end = connection_.read_until("\r\n\r\n");
  if (header_end == std::string::npos) return 0;
  std::string& buffer = connection_.buffer_;
  const int status = std::atoi(buffer.c_str() + 9);  // "HTTP/1.1 200"
  std::size_t length = 0;
  bool chunked = false;
  for (std::size_t line = buffer.find("\r\n") + 2; line < header_end - 2;) {
    std::size_t end = buffer.find("\r\n", line);
    std::string header = buffer.substr(line, end - line);
    if (strncasecmp(header.c_str(), "content-length:", 15) == 0) {
      length = std::strtoul(header.c_str() + 15, nullptr, 10);
    } else if (strncasecmp(header.c_str(), "transfer-encoding:", 18) == 0) {
      chunked = header.find("chunked") != std::string::npos;
    }
    line = end + 2;
  }
  if (chunked) {
    std::size_t end = connection_.read_until("\r\n0\r\n\r\n");
    if (end == std::string::npos) return 0;
    if (answer != nullptr)
      answer->assign(buffer, header_end, end - header_end);  // with chunk sizes
    buffer.erase(0, end);
  } else {
    if (!connection_.read_exactly(header_end + length)) return 0;
    if (answer != nullptr) answer->assign(buffer, header_end, length);
    buffer.erase(0, header_end + length);
  }
  return status;
}

bool RedisPublisher::publish(const std::string& channel, const std::string& payload) {
  std::string command = "*3\r\n$7\r\nPUBLISH\r\n$" + std::to_string(channel.size()) + "\r\n" +
                        channel + "\r\n$" + std::to_string(payload.size()) + "\r\n" + payload +
                        "\r\n";
  if (!connection_.send_all(command)) return false;
  std::size_t end = connection_.read_until("\r\n");
  if (end == std::string::npos) return false;
  const bool ok = connection_.buffer_[0] == ':';
  connection_.buffer_.erase(0, end);
  return ok;
}

std::uint64_t run_paced(int threads, double rate, std::uint64_t first, std::uint64_t count,
                        const std::function<bool(int, std::uint64_t)>& send) {
  std::atomic<std::uint64_t> failures{0};
  const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::uint64_t i = static_cast<std::uint64_t>(t); i < count;
           i += static_cast<std::uint64_t>(threads)) {
        std::this_thread::sleep_until(
            start + std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 * double(i) / rate)));
        if (!send(t, first + i)) failures.fetch_add(1);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return failures.load();
}

std::uint64_t run_windowed(int threads, std::uint64_t window, std::uint64_t first, double seconds,
                           const std::function<std::uint64_t()>& completed,
                           const std::function<bool(int, std::uint64_t)>& send) {
  std::atomic<std::uint64_t> next{0};
  const auto until = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
  const std::uint64_t completed_before = completed();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      while (std::chrono::steady_clock::now() < until) {
        std::uint64_t i = next.load();
        if (i >= completed() - completed_before + window) {
          std::this_thread::sleep_for(std::chrono::microseconds(50));
          continue;
        }
        if (!next.compare_exchange_weak(i, i + 1)) continue;
        send(t, first + i);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return next.load();
}

}  // namespace listen_bench
