// LISTEN on one connection, waited on with poll() beside an eventfd that stop() writes.
#include "storage/postgres/pg_log_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>

namespace ledgerline::storage::postgres {
namespace {

class PgNotificationListener final : public NotificationListener {
 public:
  PgNotificationListener(std::string_view channel, std::string scope)
      : channel_(channel), prefix_(std::move(scope) + "\n") {}
  ~PgNotificationListener() override {
    if (wake_ >= 0) ::close(wake_);
  }

  Status open(const std::string& url) {
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_ < 0) return Error::internal("eventfd failed");
    if (Status s = connection_.open(url); !s) return s;
    return listen();
  }

  Result<std::vector<std::string>> wait(std::chrono::milliseconds timeout) override {
    std::vector<std::string> none;
    if (stopped_.load()) return none;
    // A new session (after a lost connection) listens on nothing until told again.
    if (connection_.socket() < 0 || !listening_) {
      listening_ = false;
      if (Status s = listen(); !s) return std::move(s).error();
    }
    pollfd fds[2] = {{connection_.socket(), POLLIN, 0}, {wake_, POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, timeout.count())));
    if (ready <= 0 || stopped_.load() || fds[0].revents == 0) return none;
    auto payloads = connection_.take_notifications(channel_);
    if (!payloads.ok()) {
      listening_ = false;
      return std::move(payloads).error();
    }
    std::vector<std::string> ours;
    for (std::string& payload : *payloads) {
      if (payload.starts_with(prefix_)) ours.push_back(payload.substr(prefix_.size()));
    }
    return ours;
  }

  void stop() override {
    stopped_.store(true);
    std::uint64_t one = 1;
    if (wake_ >= 0) (void)!::write(wake_, &one, sizeof one);
  }

 private:
  Status listen() {
    Status s = connection_.exec("LISTEN " + channel_);
    listening_ = s.ok();
    return s;
  }

  std::string channel_;
  std::string prefix_;  // scope and newline
  Connection connection_;
  bool listening_ = false;
  int wake_ = -1;
  std::atomic<bool> stopped_{false};
};

class PgLogWatch final : public LogWatch {
 public:
  explicit PgLogWatch(std::unique_ptr<NotificationListener> listener)
      : listener_(std::move(listener)) {}
  Result<std::uint64_t> wait(std::chrono::milliseconds timeout) override {
    auto payloads = listener_->wait(timeout);
    if (!payloads.ok()) return std::move(payloads).error();
    std::uint64_t newest = 0;
    for (const std::string& payload : *payloads) {
      std::uint64_t position = 0;
      std::from_chars(payload.data(), payload.data() + payload.size(), position);
      newest = std::max(newest, position);
    }
    return newest;
  }
  void stop() override { listener_->stop(); }

 private:
  std::unique_ptr<NotificationListener> listener_;
};

class PgRevocationWatch final : public RevocationWatch {
 public:
  PgRevocationWatch(std::unique_ptr<NotificationListener> listener, std::string self)
      : listener_(std::move(listener)), self_(std::move(self)) {}
  Result<std::vector<AnnouncedRevocation>> wait(std::chrono::milliseconds timeout) override {
    auto payloads = listener_->wait(timeout);
    if (!payloads.ok()) return std::move(payloads).error();
    std::vector<AnnouncedRevocation> revocations;
    for (std::string_view payload : *payloads) {
      std::size_t first = payload.find(' ');
      std::size_t second = first == std::string_view::npos ? first : payload.find(' ', first + 1);
      if (second == std::string_view::npos || payload.substr(0, first) == self_) continue;
      revocations.push_back(
          AnnouncedRevocation{std::string(payload.substr(first + 1, second - first - 1)),
                              std::string(payload.substr(second + 1))});
    }
    return revocations;
  }
  void stop() override { listener_->stop(); }

 private:
  std::unique_ptr<NotificationListener> listener_;
  std::string self_;
};

}  // namespace

Result<std::string> notification_scope(Connection& connection) {
  auto rows = connection.query("SELECT coalesce(current_schema(), '')");
  if (!rows.ok()) return std::move(rows).error();
  return std::string(rows->text(0, 0));
}

std::string scoped_payload(std::string_view scope, std::string_view message) {
  std::string payload(scope);
  payload += '\n';
  payload += message;
  return payload;
}

Result<std::unique_ptr<NotificationListener>> listen_for(const std::string& url,
                                                         std::string_view channel,
                                                         std::string scope) {
  auto listener = std::make_unique<PgNotificationListener>(channel, std::move(scope));
  if (Status s = listener->open(url); !s) return std::move(s).error();
  return std::unique_ptr<NotificationListener>(std::move(listener));
}

Result<std::unique_ptr<LogWatch>> open_log_watch(const std::string& url, std::string scope) {
  auto listener = listen_for(url, kLogChannel, std::move(scope));
  if (!listener.ok()) return std::move(listener).error();
  return std::unique_ptr<LogWatch>(std::make_unique<PgLogWatch>(std::move(*listener)));
}

Result<std::unique_ptr<RevocationWatch>> open_revocation_watch(const std::string& url,
                                                               std::string scope,
                                                               std::string self) {
  auto listener = listen_for(url, kRevocationChannel, std::move(scope));
  if (!listener.ok()) return std::move(listener).error();
  return std::unique_ptr<RevocationWatch>(
      std::make_unique<PgRevocationWatch>(std::move(*listener), std::move(self)));
}

}  // namespace ledgerline::storage::postgres
