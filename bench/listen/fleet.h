// Fleet: N TCP subscriber connections (SSE listeners or Redis subscribers) read by one or more
// epoll threads. Every delivered message carries the marker `id: b<sequence>#`; the fleet counts
// receipts per sequence and records send->receive latency against the sender's timestamps.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace listen_bench {

std::int64_t now_ns();

struct FleetOptions {
  int port = 0;
  int connections = 0;
  std::string request;                // sent once on every connection after connecting
  std::string ready_marker;           // a connection is ready once it received this
  int per_source_address = 500;       // connections per 127.0.0.x source address
  int receive_buffer = 0;             // SO_RCVBUF for every connection (0: default)
  bool read = true;                   // false: never read (a stalled consumer)
  int readers = 1;                    // reading threads; connection i is read by thread i % readers
  std::vector<std::string> requests;  // when not empty: connection i sends requests[i]
  // Listeners that get each message: a message is complete once this many received it
  // (0: every connection).
  int receivers_per_message = 0;
  std::vector<int> ports;  // when not empty: connection i connects to ports[i % size], not port
};

class Fleet {
 public:
  explicit Fleet(std::size_t max_sequences);
  ~Fleet();

  // Connects, sends the request, starts reading. False on a connect failure.
  bool open(const FleetOptions& options);
  bool wait_ready(std::chrono::milliseconds timeout) const;
  std::size_t ready() const { return ready_.load(); }

  void mark_sent(std::uint64_t sequence) { sent_ns_[sequence].store(now_ns()); }
  std::int64_t sent_at(std::uint64_t sequence) const { return sent_ns_[sequence].load(); }
  void set_recording(bool on) { recording_.store(on); }
  std::vector<std::int64_t> take_samples();  // latencies (ns) recorded so far

  std::uint64_t deliveries() const { return deliveries_.load(); }
  std::uint64_t completed() const { return completed_.load(); }  // sequences everyone got
  std::uint32_t receipts(std::uint64_t sequence) const { return receipts_[sequence].load(); }
  std::uint64_t bytes() const { return bytes_.load(); }
  std::size_t closed_connections() const { return closed_.load(); }
  // Local TCP port of connection i (to find it in /proc/net/tcp).
  int local_port(std::size_t i) const;
  // Reads whatever connection i holds until EOF or `timeout`; true when it reached EOF.
  bool drain_until_eof(std::size_t i, std::chrono::milliseconds timeout);

  void close_all();

 private:
  struct Connection {
    int fd = -1;
    std::size_t carry = 0;  // bytes kept from the previous read (a marker cut in two)
    char tail[40];
    bool ready = false;
    bool closed = false;
  };
  struct Reader {
    int epoll_fd = -1;
    std::mutex samples_mutex;
    std::vector<std::int64_t> samples;
    std::thread thread;
  };
  void run(Reader& reader);
  void consume(Connection& connection, Reader* reader, char* data, std::size_t size);

  std::size_t max_sequences_;
  std::unique_ptr<std::atomic<std::int64_t>[]> sent_ns_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> receipts_;
  std::vector<Connection> connections_;
  FleetOptions options_;
  std::vector<std::unique_ptr<Reader>> readers_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> recording_{false};
  std::atomic<std::size_t> ready_{0};
  std::atomic<std::size_t> closed_{0};
  std::atomic<std::uint64_t> deliveries_{0};
  std::atomic<std::uint64_t> completed_{0};
  std::atomic<std::uint64_t> bytes_{0};
};

}  // namespace listen_bench
