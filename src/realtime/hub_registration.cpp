// HubCore: construction, registration of listeners (resolving Last-Event-ID) and statistics.
#include <thread>

#include "realtime/event_id.h"
#include "realtime/hub_core.h"
#include "util/ids.h"

namespace ledgerline::realtime {

namespace {

Error too_many_listeners(std::string message) {
  return Error::too_many_requests(std::move(message), "tooManyListeners");
}

}  // namespace

HubCore::HubCore(store::Store& store, HubOptions options) : store_(store), options_(options) {}

HubCore::~HubCore() {
  stop();
}

void HubCore::start() {
  std::weak_ptr<HubCore> weak = weak_from_this();
  store_token_ = store_.subscribe([weak](const std::vector<store::TransactionPtr>& group) {
    if (auto core = weak.lock()) core->on_commit(group);
  });
  subscribed_ = true;
  {
    // Commits published before the subscription are already in every snapshot; a commit
    // queued in between is skipped by position in deliver_live_locked.
    std::lock_guard lock(mutex_);
    processed_position_ = store_.snapshot()->position();
    if (processed_position_ > 0) {
      auto tail = store_.read_log(processed_position_ - 1, 1);
      if (tail.ok() && !tail->empty() && tail->front()->position == processed_position_) {
        last_transaction_ = tail->front();
      }
    }
  }
  thread_ = std::thread([this] { run(); });
}

void HubCore::stop() {
  if (subscribed_) {
    store_.unsubscribe(store_token_);
    subscribed_ = false;
  }
  {
    std::lock_guard lock(work_mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  if (thread_.joinable()) thread_.join();
  close_all();
}

Result<HubCore::Cursor> HubCore::resolve_event_id(const std::string& event_id) const {
  const Error unknown = Error::not_found("unknown or expired event id", "unknownEventId");
  if (event_id == kLogStartEventId) return Cursor{1, 0};
  auto parts = parse_event_id(event_id);
  if (!parts) return unknown;
  auto position = store_.position_of(parts->transaction_id);
  if (!position.ok() || *position == 0) return unknown;
  auto log = store_.read_log(*position - 1, 1);
  if (!log.ok() || log->empty()) return unknown;
  const store::CommittedTransaction& transaction = *log->front();
  if (transaction.position != *position || transaction.transaction_id != parts->transaction_id) {
    return unknown;
  }
  for (std::size_t i = 0; i < transaction.changes.size(); ++i) {
    if (transaction.changes[i].id == parts->document_id) return Cursor{*position, i + 1};
  }
  return unknown;
}

std::string HubCore::resume_id_locked() const {
  // A listener cut before the first commit reached it must still be able to resume.
  if (processed_position_ == 0) return std::string(kLogStartEventId);
  if (last_transaction_ == nullptr || last_transaction_->changes.empty()) return "";
  return format_event_id(last_transaction_->transaction_id, last_transaction_->changes.back().id);
}

FilterGroupPtr HubCore::group_for_locked(const std::string& key, groq::FilterPtr filter,
                                         const ListenRequest& request, const Value& params) {
  auto it = groups_.find(key);
  if (it != groups_.end()) return it->second;
  auto group = std::make_shared<FilterGroup>();
  group->key = key;
  group->filter = std::move(filter);
  group->read_rule = request.read_rule;
  group->eval.params = params;
  group->eval.identity = request.identity.empty() ? Value() : Value::string(request.identity);
  groups_.emplace(key, group);
  index_.add(group.get());
  return group;
}

Result<std::unique_ptr<Listener>> HubCore::listen(ListenRequest request,
                                                  std::shared_ptr<Sink> sink) {
  const Value params = request.params.is_object() ? request.params : Value::empty_object();
  auto query = groq::parse(request.query);
  if (!query.ok()) return std::move(query).error();
  auto filter = groq::make_filter(*query, params);
  if (!filter.ok()) return std::move(filter).error();
  std::optional<Cursor> cursor;
  if (!request.last_event_id.empty()) {
    if (auto resolved = resolve_event_id(request.last_event_id); resolved.ok()) cursor = *resolved;
  }
  const std::string key =
      filter_group_key(request.query, params, request.read_rule, request.identity);

  auto subscription = std::make_shared<Subscription>();
  bool needs_catch_up = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return Error::unavailable("server is stopping", "shuttingDown");
    if (subscriptions_.size() >= options_.max_listeners) {
      return too_many_listeners("too many listeners on this server");
    }
    std::size_t& count = per_identity_[request.identity];
    if (count >= options_.max_listeners_per_identity) {
      if (count == 0) per_identity_.erase(request.identity);
      return too_many_listeners("too many listeners for this identity (limit " +
                                std::to_string(options_.max_listeners_per_identity) + ")");
    }
    ++count;
    subscription->id = next_subscription_id_++;
    subscription->listener_name = random_id();
    subscription->identity = request.identity;
    subscription->sink = std::move(sink);
    subscription->options = request.events;
    subscription->group = group_for_locked(key, std::move(*filter), request, params);

    std::string intro;
    const std::string& name = subscription->listener_name;
    if (cursor &&
        !(cursor->next_position == processed_position_ + 1 && cursor->skip_changes == 0)) {
      // Missed events are replayed by the fan-out thread before the listener goes live.
      subscription->live = false;
      subscription->next_position = cursor->next_position;
      subscription->skip_changes = cursor->skip_changes;
      catching_up_.push_back(subscription);
      needs_catch_up = true;
      intro = request.enable_resume ? encode_welcomeback(options_.retry, name)
                                    : encode_welcome(options_.retry, name, "");
    } else if (cursor) {
      intro = request.enable_resume ? encode_welcomeback(options_.retry, name)
                                    : encode_welcome(options_.retry, name, "");
    } else {
      intro = encode_welcome(options_.retry, name, resume_id_locked());
      if (!request.last_event_id.empty()) intro += encode_reset();
    }
    subscription->group->subscriptions.push_back(subscription);
    subscriptions_.emplace(subscription->id, subscription);
    // Written under the lock so no live event can overtake the stream's start.
    if (!subscription->sink->write(std::make_shared<const std::string>(std::move(intro)))) {
      drop_locked(subscription, /*close_sink=*/true);
      needs_catch_up = false;
    }
  }
  if (needs_catch_up) {
    {
      std::lock_guard lock(work_mutex_);
      catch_up_requested_ = true;
    }
    work_ready_.notify_one();
  }
  return std::unique_ptr<Listener>(
      new Listener(weak_from_this(), subscription, subscription->listener_name));
}

void HubCore::cancel(const std::shared_ptr<Subscription>& subscription) {
  subscription->cancelled.store(true, std::memory_order_relaxed);
  {
    std::lock_guard lock(work_mutex_);
    if (stopping_) return;
    cancellations_.push_back(subscription);
  }
  work_ready_.notify_one();
}

HubStats HubCore::stats() const {
  HubStats stats;
  {
    std::lock_guard lock(mutex_);
    stats.listeners = subscriptions_.size();
    stats.catching_up = catching_up_.size();
    stats.filter_groups = groups_.size();
    stats.processed_position = processed_position_;
  }
  stats.events_written = events_written_.load();
  stats.bodies_encoded = bodies_encoded_.load();
  stats.listeners_dropped = listeners_dropped_.load();
  return stats;
}

bool HubCore::wait_until_idle(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::uint64_t target = store_.snapshot()->position();
    bool idle;
    {
      // Never nest the two locks here: a sink callback may queue a cancellation (work_mutex_)
      // while the fan-out thread holds mutex_.
      std::lock_guard work_lock(work_mutex_);
      idle = !working_ && commits_.empty() && cancellations_.empty() && !catch_up_requested_;
    }
    if (idle) {
      std::lock_guard lock(mutex_);
      idle = catching_up_.empty() && processed_position_ >= target;
    }
    if (idle) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace ledgerline::realtime
