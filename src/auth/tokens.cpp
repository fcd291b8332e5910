#include "auth/tokens.h"

#include "auth/secrets.h"
#include "util/ids.h"
#include "util/time.h"

namespace ledgerline::auth {
namespace {

Value time_or_null(std::int64_t ms) {
  return ms == 0 ? Value() : Value::string(format_rfc3339(ms * 1000));
}

Error not_accepted() {
  return Error::unauthenticated(
      "The token is not valid (unknown, revoked, or its user is disabled)");
}

}  // namespace

Value describe_token(const storage::TokenRecord& token) {
  return Value::object({{Key::intern("id"), Value::string(token.token_id)},
                        {Key::intern("userId"), Value::string(token.user_id)},
                        {Key::intern("label"), Value::string(token.label)},
                        {Key::intern("createdAt"), time_or_null(token.created_ms)},
                        {Key::intern("lastUsedAt"), time_or_null(token.last_used_ms)},
                        {Key::intern("revoked"), Value::boolean(token.revoked)}});
}

Tokens::Tokens(storage::AuthStorage& storage, const AuthOptions& options,
               RevocationFeed& revocations)
    : storage_(storage), options_(options), revocations_(revocations) {
  subscription_ =
      revocations_.subscribe([this](const Revocation& revocation) { forget(revocation); });
}

Tokens::~Tokens() {
  revocations_.unsubscribe(subscription_);
}

void Tokens::forget(const Revocation& revocation) {
  std::lock_guard lock(cache_mutex_);
  ++generation_;
  std::erase_if(cache_,
                [&](const auto& entry) { return revocation.covers(entry.second.identity); });
}

Result<CreatedToken> Tokens::create(const std::string& user_id, const std::string& label) {
  if (label.size() > 200) return Error::invalid("\"label\" must be at most 200 characters");
  auto user = storage_.user_by_id(user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user) return Error::not_found("No user " + user_id);
  if (!(*user)->active) return Error::conflict("The user " + user_id + " is disabled");
  CreatedToken created{"tok-" + random_id(12), random_secret(kTokenPrefix)};
  storage::TokenRecord record;
  record.token_id = created.token_id;
  record.user_id = user_id;
  record.label = label;
  record.hash = secret_hash(created.secret);
  record.created_ms = options_.now_ms();
  if (Status s = storage_.insert_token(record); !s) return std::move(s).error();
  return created;
}

Result<Value> Tokens::list() const {
  auto tokens = storage_.tokens();
  if (!tokens.ok()) return std::move(tokens).error();
  std::vector<Value> items;
  for (const storage::TokenRecord& token : *tokens) items.push_back(describe_token(token));
  return Value::array(std::move(items));
}

Status Tokens::revoke(const std::string& token_id) {
  auto token = storage_.token_by_id(token_id);
  if (!token.ok()) return std::move(token).error();
  if (!*token) return Error::not_found("No token " + token_id);
  if (Status s = storage_.revoke_token(token_id); !s) return s;
  revocations_.publish(Revocation{(*token)->user_id, token_id});
  return Status::success();
}

Result<Identity> Tokens::authenticate(std::string_view secret) {
  std::string hash = secret_hash(secret);
  auto now_steady = std::chrono::steady_clock::now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto found = cache_.find(hash); found != cache_.end()) {
      if (found->second.expires > now_steady) return found->second.identity;
      cache_.erase(found);
    }
    generation = generation_;
  }
  auto token = storage_.token_by_hash(hash);
  if (!token.ok()) return std::move(token).error();
  if (!*token || (*token)->revoked) return not_accepted();
  auto user = storage_.user_by_id((*token)->user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user || !(*user)->active) return not_accepted();
  std::optional<Role> role = parse_user_role((*user)->role);
  if (!role) return not_accepted();
  std::int64_t now = options_.now_ms();
  if (now - (*token)->last_used_ms >= options_.last_used_resolution.count()) {
    (void)storage_.set_token_last_used((*token)->token_id, now);  // advice only: never fails a call
  }
  Identity identity{(*user)->user_id, *role, CredentialKind::kToken, (*token)->token_id};
  if (options_.token_cache_ttl.count() > 0) {
    std::lock_guard lock(cache_mutex_);
    // A revocation heard while this lookup ran may concern it: keep nothing then.
    if (generation == generation_) {
      constexpr std::size_t kMaxEntries = 10000;
      if (cache_.size() >= kMaxEntries) cache_.clear();
      cache_[hash] = Cached{identity, now_steady + options_.token_cache_ttl};
    }
  }
  return identity;
}

}  // namespace ledgerline::auth
