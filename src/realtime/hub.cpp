// ListenHub and Listener: thin handles over HubCore.
#include "realtime/hub.h"

#include "realtime/hub_core.h"

namespace ledgerline::realtime {

Listener::Listener(std::weak_ptr<HubCore> core, std::weak_ptr<Subscription> subscription,
                   std::string name)
    : core_(std::move(core)), subscription_(std::move(subscription)), name_(std::move(name)) {}

Listener::~Listener() {
  auto core = core_.lock();
  auto subscription = subscription_.lock();
  if (core != nullptr && subscription != nullptr) core->cancel(subscription);
}

ListenHub::ListenHub(store::Store& store, HubOptions options)
    : core_(std::make_shared<HubCore>(store, options)) {
  core_->start();
}

ListenHub::~ListenHub() {
  core_->stop();
}

Result<std::unique_ptr<Listener>> ListenHub::listen(ListenRequest request,
                                                    std::shared_ptr<Sink> sink) {
  return core_->listen(std::move(request), std::move(sink));
}

void ListenHub::close_all() {
  core_->close_all();
}

HubStats ListenHub::stats() const {
  return core_->stats();
}

bool ListenHub::wait_until_idle(std::chrono::milliseconds timeout) const {
  return core_->wait_until_idle(timeout);
}

}  // namespace ledgerline::realtime
