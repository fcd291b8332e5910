#include "auth/revocation_relay.h"

#include <pthread.h>

#include "util/log.h"

namespace ledgerline::auth {

RevocationRelay::RevocationRelay(storage::AuthStorage& storage, RevocationFeed& feed,
                                 std::chrono::milliseconds retry)
    : feed_(feed), retry_(retry) {
  auto watch = storage.watch_revocations();
  if (!watch.ok()) return;  // a single node: nothing to relay
  watch_ = watch->get();
  feed_.set_announcer([&storage](const Revocation& revocation) {
    if (Status s = storage.announce_revocation(revocation.user_id, revocation.credential_id); !s) {
      spdlog::warn("auth: could not tell the other nodes of a revocation: {}", s.error().message);
    }
  });
  thread_ = std::thread([this, owned = std::move(*watch)]() mutable {
    pthread_setname_np(pthread_self(), "revocations");
    run(std::move(owned));
  });
}

RevocationRelay::~RevocationRelay() {
  feed_.set_announcer(nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (watch_) watch_->stop();
  }
  stopped_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RevocationRelay::run(std::unique_ptr<storage::RevocationWatch> watch) {
  while (true) {
    auto announced = watch->wait(std::chrono::seconds(30));
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (!announced.ok()) {
      // Unreachable: wait, then listen again (streams also end on their next request).
      if (stopped_.wait_for(lock, retry_, [this] { return stopping_; })) return;
      continue;
    }
    lock.unlock();
    for (const storage::AnnouncedRevocation& revocation : *announced) {
      feed_.deliver(Revocation{revocation.user_id, revocation.credential_id});
    }
  }
}

}  // namespace ledgerline::auth
