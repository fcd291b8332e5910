#include "fleet.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace listen_bench {

namespace {
constexpr std::string_view kMarker = "id: b";
constexpr std::size_t kReadSize = 64 * 1024;
}  // namespace

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Fleet::Fleet(std::size_t max_sequences)
    : max_sequences_(max_sequences),
      sent_ns_(new std::atomic<std::int64_t>[max_sequences]),
      receipts_(new std::atomic<std::uint32_t>[max_sequences]) {
  for (std::size_t i = 0; i < max_sequences; ++i) {
    sent_ns_[i].store(0);
    receipts_[i].store(0);
  }
}

Fleet::~Fleet() {
  close_all();
}

bool Fleet::open(const FleetOptions& options) {
  options_ = options;
  connections_.resize(static_cast<std::size_t>(options.connections));
  if (options.read) {
    for (int r = 0; r < std::max(1, options.readers); ++r) {
      readers_.push_back(std::make_unique<Reader>());
      readers_.back()->epoll_fd = epoll_create1(0);
    }
    for (auto& reader : readers_) reader->thread = std::thread([this, &reader] { run(*reader); });
  }
  for (int i = 0; i < options.connections; ++i) {
    Connection& connection = connections_[static_cast<std::size_t>(i)];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
      std::perror("socket");
      return false;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (options.receive_buffer > 0) {
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &options.receive_buffer, sizeof options.receive_buffer);
    }
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr =
        htonl(0x7F000001u + static_cast<std::uint32_t>(i / options.per_source_address));
    bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source);
    sockaddr_in target{};
    target.sin_family = AF_INET;
    const int port = options.ports.empty()
                         ? options.port
                         : options.ports[static_cast<std::size_t>(i) % options.ports.size()];
    target.sin_port = htons(static_cast<std::uint16_t>(port));
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
      std::perror("connect");
      ::close(fd);
      return false;
    }
    const std::string& request =
        options.requests.empty() ? options.request : options.requests[static_cast<std::size_t>(i)];
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      std::perror("send");
      ::close(fd);
      return false;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    connection.fd = fd;
    if (options.read) {
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.u64 = static_cast<std::uint64_t>(i);
      epoll_ctl(readers_[static_cast<std::size_t>(i) % readers_.size()]->epoll_fd, EPOLL_CTL_ADD,
                fd, &event);
    }
  }
  return true;
}

bool Fleet::wait_ready(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ready_.load() < connections_.size()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void Fleet::run(Reader& reader) {
  std::vector<epoll_event> events(1024);
  std::unique_ptr<char[]> buffer(new char[kReadSize + sizeof(Connection::tail)]);
  while (!stopping_.load()) {
    int n = epoll_wait(reader.epoll_fd, events.data(), static_cast<int>(events.size()), 50);
    for (int e = 0; e < n; ++e) {
      Connection& connection = connections_[events[static_cast<std::size_t>(e)].data.u64];
      if (connection.closed) continue;
      for (;;) {
        std::memcpy(buffer.get(), connection.tail, connection.carry);
        ssize_t got = recv(connection.fd, buffer.get() + connection.carry, kReadSize, 0);
        if (got > 0) {
          bytes_.fetch_add(static_cast<std::uint64_t>(got), std::memory_order_relaxed);
          consume(connection, &reader, buffer.get(),
                  connection.carry + static_cast<std::size_t>(got));
          if (static_cast<std::size_t>(got) < kReadSize) break;
          continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) break;
        connection.closed = true;
        closed_.fetch_add(1);
        epoll_ctl(reader.epoll_fd, EPOLL_CTL_DEL, connection.fd, nullptr);
        break;
      }
    }
  }
}

// `reader` is null when the caller is not a reading thread (drain_until_eof): nothing recorded.
void Fleet::consume(Connection& connection, Reader* reader, char* data, std::size_t size) {
  std::string_view text(data, size);
  std::size_t keep_from = size > kMarker.size() ? size - kMarker.size() + 1 : 0;
  std::size_t position = 0;
  if (!connection.ready) {
    // Nothing before the ready marker is a delivery: ledgerline's welcome carries an `id:`
    // (the resume point, `b<seq>#...` of the last commit) just before its `event: welcome`.
    const std::size_t ready_at = text.find(options_.ready_marker);
    if (ready_at == std::string_view::npos) {
      connection.carry = std::min(size, sizeof(connection.tail));
      std::memcpy(connection.tail, data + size - connection.carry, connection.carry);
      return;
    }
    connection.ready = true;
    ready_.fetch_add(1);
    position = ready_at + options_.ready_marker.size();
  }
  const std::int64_t now = now_ns();
  for (;;) {
    std::size_t found = text.find(kMarker, position);
    if (found == std::string_view::npos) break;
    std::size_t digit = found + kMarker.size();
    std::uint64_t sequence = 0;
    while (digit < size && data[digit] >= '0' && data[digit] <= '9') {
      sequence = sequence * 10 + static_cast<std::uint64_t>(data[digit] - '0');
      ++digit;
    }
    if (digit >= size) {  // cut in two: finish with the next read
      keep_from = found;
      break;
    }
    position = digit;
    if (data[digit] != '#' || sequence >= max_sequences_) continue;
    deliveries_.fetch_add(1, std::memory_order_relaxed);
    if (receipts_[sequence].fetch_add(1, std::memory_order_relaxed) + 1 ==
        static_cast<std::uint32_t>(options_.receivers_per_message > 0
                                       ? static_cast<std::size_t>(options_.receivers_per_message)
                                       : connections_.size())) {
      completed_.fetch_add(1, std::memory_order_relaxed);
    }
    const std::int64_t sent = sent_ns_[sequence].load(std::memory_order_relaxed);
    if (reader != nullptr && sent != 0 && recording_.load(std::memory_order_relaxed)) {
      std::lock_guard lock(reader->samples_mutex);
      reader->samples.push_back(now - sent);
    }
  }
  connection.carry = std::min(size - keep_from, sizeof(connection.tail));
  std::memcpy(connection.tail, data + size - connection.carry, connection.carry);
}

std::vector<std::int64_t> Fleet::take_samples() {
  std::vector<std::int64_t> out;
  for (auto& reader : readers_) {
    std::lock_guard lock(reader->samples_mutex);
    out.insert(out.end(), reader->samples.begin(), reader->samples.end());
    reader->samples.clear();
  }
  return out;
}

int Fleet::local_port(std::size_t i) const {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  getsockname(connections_[i].fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

bool Fleet::drain_until_eof(std::size_t i, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_ptr<char[]> buffer(new char[kReadSize + sizeof(Connection::tail)]);
  Connection& connection = connections_[i];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{connection.fd, POLLIN, 0};
    poll(&pfd, 1, 20);
    std::memcpy(buffer.get(), connection.tail, connection.carry);
    ssize_t got = recv(connection.fd, buffer.get() + connection.carry, kReadSize, 0);
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) return true;
    if (got > 0)
      consume(connection, nullptr, buffer.get(), connection.carry + static_cast<std::size_t>(got));
  }
  return false;
}

void Fleet::close_all() {
  stopping_.store(true);
  for (auto& reader : readers_) {
    if (reader->thread.joinable()) reader->thread.join();
  }
  for (Connection& connection : connections_) {
    if (connection.fd >= 0) ::close(connection.fd);
    connection.fd = -1;
  }
  connections_.clear();
  for (auto& reader : readers_) {
    if (reader->epoll_fd >= 0) ::close(reader->epoll_fd);
  }
  readers_.clear();
}

}  // namespace listen_bench
