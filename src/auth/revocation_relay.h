// RevocationRelay: on storage shared by several nodes, carries revocations between nodes. What
// this node publishes is announced through the auth storage; a thread waits for the other
// nodes' announcements and delivers them to this node's subscribers (the listen endpoint, which
// closes the streams the credential opened). On a single-node engine it does nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "auth/revocations.h"
#include "storage/auth_storage.h"

namespace ledgerline::auth {

class RevocationRelay {
 public:
  // `storage` and `feed` must outlive the relay.
  RevocationRelay(storage::AuthStorage& storage, RevocationFeed& feed,
                  std::chrono::milliseconds retry = std::chrono::seconds(1));
  ~RevocationRelay();  // stops and joins the thread

 private:
  void run(std::unique_ptr<storage::RevocationWatch> watch);

  RevocationFeed& feed_;
  std::chrono::milliseconds retry_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable stopped_;
  bool stopping_ = false;
  storage::RevocationWatch* watch_ = nullptr;  // owned by the thread while it runs
  std::thread thread_;
};

}  // namespace ledgerline::auth
