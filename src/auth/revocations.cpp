#include "auth/revocations.h"

#include <vector>

namespace ledgerline::auth {

std::uint64_t RevocationFeed::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.emplace(next_, std::move(subscriber));
  return next_++;
}

void RevocationFeed::unsubscribe(std::uint64_t token) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(token);
}

void RevocationFeed::publish(const Revocation& revocation) {
  deliver(revocation);
  std::function<void(const Revocation&)> announce;
  {
    std::lock_guard lock(mutex_);
    announce = announce_;
  }
  if (announce) announce(revocation);
}

void RevocationFeed::set_announcer(std::function<void(const Revocation&)> announce) {
  std::lock_guard lock(mutex_);
  announce_ = std::move(announce);
}

void RevocationFeed::deliver(const Revocation& revocation) {
  std::vector<Subscriber> subscribers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [token, subscriber] : subscribers_) subscribers.push_back(subscriber);
  }
  for (const Subscriber& subscriber : subscribers) subscriber(revocation);
}

}  // namespace ledgerline::auth
