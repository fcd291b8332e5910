#include "auth/sessions.h"

#include <algorithm>

#include "auth/secrets.h"
#include "util/ids.h"

namespace ledgerline::auth {
namespace {

Error session_ended() {
  return Error::unauthenticated("The session has ended (expired or logged out); log in again");
}

}  // namespace

Sessions::Sessions(storage::AuthStorage& storage, const AuthOptions& options,
                   RevocationFeed& revocations)
    : storage_(storage), options_(options), revocations_(revocations) {}

std::string Sessions::csrf_token_for(std::string_view secret) {
  return derived_secret(secret, "ledgerline csrf");
}

Result<OpenedSession> Sessions::open(const storage::UserCredentials& user) {
  OpenedSession opened{random_secret(), ""};
  opened.csrf_token = csrf_token_for(opened.secret);
  storage::SessionRecord record;
  record.session_id = "ses-" + random_id(16);
  record.user_id = user.user_id;
  record.hash = secret_hash(opened.secret);
  record.created_ms = record.last_seen_ms = options_.now_ms();
  if (Status s = storage_.insert_session(record); !s) return std::move(s).error();
  return opened;
}

Result<Identity> Sessions::authenticate(std::string_view secret) {
  auto session = storage_.session_by_hash(secret_hash(secret));
  if (!session.ok()) return std::move(session).error();
  if (!*session || (*session)->revoked) return session_ended();
  std::int64_t now = options_.now_ms();
  if (now - (*session)->last_seen_ms > options_.session_idle.count() ||
      now - (*session)->created_ms > options_.session_absolute.count()) {
    return session_ended();
  }
  auto user = storage_.user_by_id((*session)->user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user || !(*user)->active) return session_ended();
  std::optional<Role> role = parse_user_role((*user)->role);
  if (!role) return session_ended();
  // Idle expiry needs the last request's time; writing it once per 1/8 of the idle window
  // keeps the error under 13% without a write per request.
  std::int64_t resolution = std::min<std::int64_t>(options_.last_used_resolution.count(),
                                                   options_.session_idle.count() / 8);
  if (now - (*session)->last_seen_ms >= resolution) {
    (void)storage_.set_session_last_seen((*session)->session_id, now);
  }
  return Identity{(*user)->user_id, *role, CredentialKind::kSession, (*session)->session_id};
}

Status Sessions::close(const Identity& identity) {
  if (identity.credential != CredentialKind::kSession) {
    return Error::invalid("Only a session (cookie) can log out; revoke tokens instead");
  }
  if (Status s = storage_.revoke_session(identity.credential_id); !s) return s;
  revocations_.publish(Revocation{identity.user_id, identity.credential_id});
  return Status::success();
}

}  // namespace ledgerline::auth
