// The listen endpoint: decodes `GET /v*/data/listen/{dataset}` into a realtime::ListenRequest
// and registers it with the server's ListenHub on top of an EventStream. A bad query or bad
// parameters answer 200 with `channelError` (so @sanity/client reports the message and does not
// reconnect); too many listeners answer 429; the listener is removed when the stream ends.
#include "http/api/listen.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "http/api/params.h"
#include "http/api/read_scope.h"
#include "http/errors.h"
#include "realtime/event_encoding.h"
#include "realtime/hub.h"

namespace ledgerline::http::api {

namespace {

// Who the per-identity listener limit counts against: the user, or the peer address for
// anonymous requests.
std::string identity_of(const Request& request) {
  if (request.identity.authenticated()) return request.identity.user_id;
  return "anonymous@" + request.remote_address;
}

Result<realtime::ListenRequest> read_listen_request(const Request& request) {
  realtime::ListenRequest listen;
  const std::string* query = request.query_param("query");
  if (query == nullptr || query->empty()) {
    return Error::invalid("Missing query parameter \"query\"", "queryError");
  }
  listen.query = *query;
  Result<Value> params = decode_dollar_params(request);
  if (!params.ok()) return std::move(params).error();
  listen.params = std::move(*params);
  // @sanity/client sends includeResult=true unless the caller turned it off (then it is absent).
  listen.events.include_result = request.flag("includeResult");
  listen.events.include_previous_revision = request.flag("includePreviousRevision");
  const std::string* include_mutations = request.query_param("includeMutations");
  listen.events.include_mutations = include_mutations == nullptr || *include_mutations != "false";
  listen.enable_resume = request.flag("enableResume");
  if (const std::string* last_event_id = request.header("last-event-id")) {
    listen.last_event_id = *last_event_id;
  }
  listen.identity = identity_of(request);
  return listen;
}

Response stream_response(std::shared_ptr<EventStream> stream) {
  Response response;
  response.content_type = "text/event-stream";
  response.stream = std::move(stream);
  return response;
}

// 200 with one `channelError` event, then the stream ends.
Response channel_error(const Error& error, std::size_t queue_bytes) {
  auto stream = std::make_shared<EventStream>(queue_bytes);
  stream->write(std::make_shared<const std::string>(realtime::encode_channel_error(error)));
  stream->close();
  return stream_response(std::move(stream));
}

class HubListenEndpoint final : public ListenEndpoint {
 public:
  HubListenEndpoint(const ApiContext& context, realtime::ListenHub& hub)
      : context_(context), hub_(hub) {}

  void handle(const Request& request, Respond respond) override {
    Result<realtime::ListenRequest> listen = read_listen_request(request);
    if (!listen.ok()) {
      respond(channel_error(listen.error(), context_.stream_queue_bytes));
      return;
    }
    // The caller's read rule (read_scope.h), ANDed with the filter by the hub; an auth error
    // is a plain HTTP error so the client stops instead of reconnecting.
    Result<groq::FilterPtr> rule = read_rule_for(context_, request);
    if (!rule.ok()) {
      respond(error_response(rule.error()));
      return;
    }
    listen->read_rule = std::move(*rule);
    auto stream = std::make_shared<EventStream>(context_.stream_queue_bytes);
    Result<std::unique_ptr<realtime::Listener>> listener = hub_.listen(std::move(*listen), stream);
    if (!listener.ok()) {
      const Error& error = listener.error();
      if (error.code == ErrorCode::kTooManyRequests) {
        respond(simple_error(error.code, error.message));
      } else if (error.code == ErrorCode::kUnavailable) {
        respond(error_response(error));
      } else {
        respond(channel_error(error, context_.stream_queue_bytes));
      }
      return;
    }
    // The listener lives as long as the stream: when it ends (peer gone, queue bound hit,
    // shutdown) the callback drops the last owner and the hub forgets the subscription.
    std::shared_ptr<realtime::Listener> owner = std::move(*listener);
    std::uint64_t key = remember(request.identity, stream);
    stream->on_disconnect([this, key, owner]() mutable {
      owner.reset();
      forget(key);
    });
    respond(stream_response(std::move(stream)));
  }

  void shutdown() override { hub_.close_all(); }

  void close_revoked(const auth::Revocation& revocation) override {
    std::vector<std::shared_ptr<EventStream>> ending;
    {
      std::lock_guard lock(streams_mutex_);
      for (const auto& [key, open] : streams_) {
        if (!revocation.covers(open.identity)) continue;
        if (auto stream = open.stream.lock()) ending.push_back(std::move(stream));
      }
    }
    for (auto& stream : ending) stream->close();  // disconnect callbacks run without our lock
  }

  std::size_t open_streams() const override {
    std::lock_guard lock(streams_mutex_);
    return streams_.size();
  }

 private:
  struct OpenStream {
    Identity identity;
    std::weak_ptr<EventStream> stream;
  };

  std::uint64_t remember(const Identity& identity, const std::shared_ptr<EventStream>& stream) {
    std::lock_guard lock(streams_mutex_);
    std::uint64_t key = next_key_++;
    streams_.emplace(key, OpenStream{identity, stream});
    return key;
  }
  void forget(std::uint64_t key) {
    std::lock_guard lock(streams_mutex_);
    streams_.erase(key);
  }

  const ApiContext& context_;
  realtime::ListenHub& hub_;
  // Open streams by identity, so a revocation can end them (the endpoint outlives them all:
  // the server destroys it after every session ended).
  mutable std::mutex streams_mutex_;
  std::unordered_map<std::uint64_t, OpenStream> streams_;
  std::uint64_t next_key_ = 1;
};

}  // namespace

realtime::HubOptions hub_options_for_http(realtime::HubOptions options) {
  options.keep_alive = std::chrono::milliseconds(0);  // the session writes keep-alives
  return options;
}

std::unique_ptr<ListenEndpoint> make_listen_endpoint(const ApiContext& context,
                                                     realtime::ListenHub& hub) {
  return std::make_unique<HubListenEndpoint>(context, hub);
}

}  // namespace ledgerline::http::api
