// RevocationFeed: tells whoever holds long-lived access (the listen streams in src/http) that a
// credential or a whole user stopped being valid — a revoked token, a logout, a disabled user or
// a changed role — so they can end it at once instead of at the next request.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "auth/identity.h"

namespace ledgerline::auth {

struct Revocation {
  std::string user_id;
  std::string credential_id;  // "" : every credential of the user
  // True when `identity` is what this revocation ends.
  bool covers(const Identity& identity) const {
    return identity.user_id == user_id &&
           (credential_id.empty() || identity.credential_id == credential_id);
  }
};

class RevocationFeed {
 public:
  using Subscriber = std::function<void(const Revocation&)>;
  // Subscribers run on the thread that revoked, after the revocation is durable; keep them quick.
  std::uint64_t subscribe(Subscriber subscriber);
  void unsubscribe(std::uint64_t token);
  // Tells the local subscribers, then the announcer (other nodes), if any.
  void publish(const Revocation& revocation);
  // Several nodes: `announce` runs for every revocation published here, after the local
  // subscribers (not for delivered ones: those came from another node).
  void set_announcer(std::function<void(const Revocation&)> announce);
  // A revocation another node announced: to the local subscribers only.
  void deliver(const Revocation& revocation);

 private:
  std::mutex mutex_;  // guards subscribers_, announce_ and next_
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::function<void(const Revocation&)> announce_;
  std::uint64_t next_ = 1;
};

}  // namespace ledgerline::auth
