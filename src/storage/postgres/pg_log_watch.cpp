// LISTEN on one connection, waited on with poll() beside an eventfd that stop() writes.
#include "storage/postgres/pg_log_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>

#include "storage/postgres/pg_connection.h"

namespace ledgerline::storage::postgres {
namespace {

class PostgresLogWatch final : public LogWatch {
 public:
  explicit PostgresLogWatch(std::string_view channel) : channel_(channel) {}
  ~PostgresLogWatch() override {
    if (wake_ >= 0) ::close(wake_);
  }

  Status open(const std::string& url) {
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_ < 0) return Error::internal("eventfd failed");
    if (Status s = connection_.open(url); !s) return s;
    return listen();
  }

  Result<std::uint64_t> wait(std::chrono::milliseconds timeout) override {
    if (stopped_.load()) return std::uint64_t{0};
    // A new session (after a lost connection) listens on nothing until told again.
    if (connection_.socket() < 0 || !listening_) {
      listening_ = false;
      if (Status s = listen(); !s) return std::move(s).error();
    }
    pollfd fds[2] = {{connection_.socket(), POLLIN, 0}, {wake_, POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, timeout.count())));
    if (ready <= 0 || stopped_.load() || (fds[0].revents == 0)) return std::uint64_t{0};
    auto payloads = connection_.take_notifications(channel_);
    if (!payloads.ok()) {
      listening_ = false;
      return std::move(payloads).error();
    }
    std::uint64_t newest = 0;
    for (const std::string& payload : *payloads) {
      std::uint64_t position = 0;
      std::from_chars(payload.data(), payload.data() + payload.size(), position);
      newest = std::max(newest, position);
    }
    return newest;
  }

  void stop() override {
    stopped_.store(true);
    std::uint64_t one = 1;
    if (wake_ >= 0) (void)!::write(wake_, &one, sizeof one);
  }

 private:
  Status listen() {
    Status s = connection_.exec("LISTEN " + std::string(channel_));
    listening_ = s.ok();
    return s;
  }

  std::string channel_;
  Connection connection_;
  bool listening_ = false;
  int wake_ = -1;
  std::atomic<bool> stopped_{false};
};

}  // namespace

Result<std::unique_ptr<LogWatch>> open_log_watch(const std::string& url, std::string_view channel) {
  auto watch = std::make_unique<PostgresLogWatch>(channel);
  if (Status s = watch->open(url); !s) return std::move(s).error();
  return std::unique_ptr<LogWatch>(std::move(watch));
}

}  // namespace ledgerline::storage::postgres
