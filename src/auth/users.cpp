#include "auth/users.h"

#include <algorithm>

#include "auth/credential_parsing.h"
#include "auth/secrets.h"
#include "util/ids.h"

namespace ledgerline::auth {
namespace {

Value mutation(std::string_view kind, Value body) {
  return Value::array({Value::object({{Key::intern(kind), std::move(body)}})});
}

}  // namespace

Users::Users(storage::AuthStorage& storage, store::Store& store, const AuthOptions& options,
             RevocationFeed& revocations)
    : storage_(storage), store_(store), options_(options), revocations_(revocations) {}

Result<Value> Users::create(const std::string& email, const std::string& name, Role role,
                            const std::string& password, const std::string& actor,
                            const std::string& user_id) {
  Result<std::string> normalized = normalize_email(email);
  if (!normalized.ok()) return std::move(normalized).error();
  if (name.empty() || name.size() > 200) {
    return Error::invalid("\"name\" is required (1 to 200 characters)");
  }
  if (role == Role::kAnonymous) return Error::invalid("\"role\" must be \"admin\" or \"customer\"");
  if (Status s = check_new_password(password); !s) return std::move(s).error();
  Result<std::string> hash = hash_password(password, options_.password_cost);
  if (!hash.ok()) return std::move(hash).error();

  storage::UserCredentials user;
  user.user_id = user_id.empty() ? "user-" + random_id(16) : user_id;
  user.email = *normalized;
  user.role = std::string(role_name(role));
  user.active = true;
  user.password_hash = std::move(*hash);
  user.created_ms = options_.now_ms();
  if (Status s = storage_.insert_user(user); !s) return std::move(s).error();

  Value document = Value::object({{Key::intern("_id"), Value::string(user.user_id)},
                                  {Key::intern("_type"), Value::string("user")},
                                  {Key::intern("name"), Value::string(name)},
                                  {Key::intern("email"), Value::string(user.email)},
                                  {Key::intern("role"), Value::string(user.role)},
                                  {Key::intern("active"), Value::boolean(true)}});
  store::CommitOptions commit;
  commit.identity = actor;
  Result<store::CommitResult> committed =
      store_.commit(mutation("createOrReplace", document), commit);
  if (!committed.ok()) {
    // Without its document the account would be invisible: undo the credentials.
    (void)storage_.delete_user(user.user_id);
    return std::move(committed).error();
  }
  return committed->results.empty() ? document : committed->results.front().document;
}

Result<std::vector<Value>> Users::list() const {
  std::vector<Value> documents;
  store_.snapshot()->for_each_of_type("user", [&](const Value& document) {
    documents.push_back(document);
    return true;
  });
  std::sort(documents.begin(), documents.end(), [](const Value& a, const Value& b) {
    return a.get("email").as_string() < b.get("email").as_string();
  });
  return documents;
}

Result<Value> Users::document(const std::string& user_id) const {
  store::SnapshotPtr snapshot = store_.snapshot();
  const Value* document = snapshot->get(user_id);
  if (document == nullptr) return Error::not_found("No user " + user_id);
  return *document;
}

Result<storage::UserCredentials> Users::by_email(const std::string& email) const {
  Result<std::string> normalized = normalize_email(email);
  if (!normalized.ok()) return std::move(normalized).error();
  auto user = storage_.user_by_email(*normalized);
  if (!user.ok()) return std::move(user).error();
  if (!*user) return Error::not_found("No user with the email " + *normalized);
  return std::move(**user);
}

Result<Value> Users::write_document_fields(const std::string& user_id, Value fields,
                                           const std::string& actor) {
  Value patch = Value::object(
      {{Key::intern("id"), Value::string(user_id)}, {Key::intern("set"), std::move(fields)}});
  store::CommitOptions commit;
  commit.identity = actor;
  Result<store::CommitResult> committed = store_.commit(mutation("patch", patch), commit);
  if (!committed.ok()) return std::move(committed).error();
  return document(user_id);
}

Result<Value> Users::disable(const std::string& user_id, const std::string& actor) {
  auto user = storage_.user_by_id(user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user) return Error::not_found("No user " + user_id);
  (*user)->active = false;
  if (Status s = storage_.update_user(**user); !s) return std::move(s).error();
  Result<std::vector<std::string>> ended = storage_.revoke_sessions_of(user_id, "");
  if (!ended.ok()) return std::move(ended).error();
  revocations_.publish(Revocation{user_id, ""});
  return write_document_fields(
      user_id, Value::object({{Key::intern("active"), Value::boolean(false)}}), actor);
}

Result<Value> Users::set_role(const std::string& user_id, Role role, const std::string& actor) {
  if (role == Role::kAnonymous) return Error::invalid("\"role\" must be \"admin\" or \"customer\"");
  auto user = storage_.user_by_id(user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user) return Error::not_found("No user " + user_id);
  (*user)->role = std::string(role_name(role));
  if (Status s = storage_.update_user(**user); !s) return std::move(s).error();
  revocations_.publish(Revocation{user_id, ""});
  return write_document_fields(
      user_id, Value::object({{Key::intern("role"), Value::string(role_name(role))}}), actor);
}

Status Users::change_password(const std::string& user_id, const std::string& current,
                              const std::string& next, const std::string& keep_session_id) {
  auto user = storage_.user_by_id(user_id);
  if (!user.ok()) return std::move(user).error();
  if (!*user) return Error::not_found("No user " + user_id);
  if (!verify_password(current, (*user)->password_hash)) {
    return Error::unauthenticated("The current password is wrong");
  }
  if (Status s = check_new_password(next, "next"); !s) return s;
  Result<std::string> hash = hash_password(next, options_.password_cost);
  if (!hash.ok()) return std::move(hash).error();
  if (Status stored = store_password_hash(**user, std::move(*hash)); !stored) return stored;
  // Whoever signed in with the old password elsewhere must sign in again (their open streams
  // close too); the session that made the change and the API tokens stay.
  Result<std::vector<std::string>> ended = storage_.revoke_sessions_of(user_id, keep_session_id);
  if (!ended.ok()) return std::move(ended).error();
  for (const std::string& session_id : *ended)
    revocations_.publish(Revocation{user_id, session_id});
  return Status::success();
}

Status Users::store_password_hash(const storage::UserCredentials& user, std::string hash) {
  storage::UserCredentials updated = user;
  updated.password_hash = std::move(hash);
  return storage_.update_user(updated);
}

}  // namespace ledgerline::auth
