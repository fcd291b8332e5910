// Senders for the listen benchmark: a keep-alive HTTP/1.1 client that commits mutations to
// ledgerline, a RESP client that PUBLISHes to redis, and two drivers (paced and windowed).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace listen_bench {

// One blocking TCP connection to 127.0.0.1:port.
class BlockingConnection {
 public:
  ~BlockingConnection();
  bool connect(int port);
  bool send_all(const std::string& bytes);
  // Reads until `buffer_` holds `needle`; returns the offset after it (npos on failure).
  std::size_t read_until(std::string_view needle);
  bool read_exactly(std::size_t total);  // until buffer_ holds `total` bytes
  std::string buffer_;

 private:
  int fd_ = -1;
};

// POSTs {"mutations":[...],"transactionId":...} to /v2025-02-19/data/mutate/production, or any
// other JSON request, with the bearer token on one keep-alive connection.
class HttpCommitter {
 public:
  bool connect(int port, std::string token) {
    token_ = std::move(token);
    return connection_.connect(port);
  }
  // Returns the HTTP status (0 on a connection failure).
  int commit(const std::string& body);
  // `method path` with a JSON body; the answer's body goes to `answer` when given.
  int request(const std::string& method, const std::string& path, const std::string& body,
              std::string* answer = nullptr);

 private:
  BlockingConnection connection_;
  std::string token_;
};

class RedisPublisher {
 public:
  bool connect(int port) { return connection_.connect(port); }
  bool publish(const std::string& channel, const std::string& payload);

 private:
  BlockingConnection connection_;
};

// Calls send(thread, sequence) for `count` sequences from `first`, at `rate` per second in
// total, on `threads` threads (sequence s goes to thread s % threads). Returns failures.
std::uint64_t run_paced(int threads, double rate, std::uint64_t first, std::uint64_t count,
                        const std::function<bool(int, std::uint64_t)>& send);

// Sends as fast as the window allows for `seconds`: never more than `window` sequences sent but
// not yet `completed()`. Returns how many were sent.
std::uint64_t run_windowed(int threads, std::uint64_t window, std::uint64_t first, double seconds,
                           const std::function<std::uint64_t()>& completed,
                           const std::function<bool(int, std::uint64_t)>& send);

}  // namespace listen_bench
