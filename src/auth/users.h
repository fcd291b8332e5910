// Users: the accounts behind identities. Each user is two things kept in step — credentials in
// the auth storage (email, role, active, password hash; never in the document set) and a `user`
// document in the store (name, email, role, active) that GROQ and the listen stream see. The
// credentials decide access; the document is what people and the shop read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth_options.h"
#include "auth/identity.h"
#include "auth/revocations.h"
#include "storage/auth_storage.h"
#include "store/store.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::auth {

class Users {
 public:
  // All three must outlive this object.
  Users(storage::AuthStorage& storage, store::Store& store, const AuthOptions& options,
        RevocationFeed& revocations);

  // Creates credentials and the user document (`_type: "user"`); returns the document. Slow
  // (hashes the password): call it off the I/O threads. `actor` is the creating user's id for
  // the transaction log ("" for the command line). `user_id`: "" for a new random id, or the
  // id of an existing user document to attach credentials to (seeded demo data). Errors:
  // kInvalidArgument naming the field, kConflict type "emailTaken".
  Result<Value> create(const std::string& email, const std::string& name, Role role,
                       const std::string& password, const std::string& actor = "",
                       const std::string& user_id = "");

  // The user documents, ordered by email.
  Result<std::vector<Value>> list() const;
  // The user document of `user_id` as the store has it, or kNotFound.
  Result<Value> document(const std::string& user_id) const;
  Result<storage::UserCredentials> by_email(const std::string& email) const;

  // Disables the user: no login, every token and session refused from now on, open streams
  // closed. Returns the updated document. kNotFound for an unknown id.
  Result<Value> disable(const std::string& user_id, const std::string& actor = "");
  // Changes the role (open streams closed, since their read rule changed).
  Result<Value> set_role(const std::string& user_id, Role role, const std::string& actor = "");
  // Checks `current` and sets `next` (slow: two hashes), then ends every other session of the
  // user — all but `keep_session_id`, the one making the change ("" when it is not a session) —
  // and closes their streams; API tokens stay valid. kUnauthenticated when `current` is wrong;
  // kInvalidArgument naming "next" when it is unacceptable.
  Status change_password(const std::string& user_id, const std::string& current,
                         const std::string& next, const std::string& keep_session_id = "");
  // Replaces the stored hash (rehash after a parameter change, done by Login).
  Status store_password_hash(const storage::UserCredentials& user, std::string hash);

 private:
  Result<Value> write_document_fields(const std::string& user_id, Value fields,
                                      const std::string& actor);

  storage::AuthStorage& storage_;
  store::Store& store_;
  const AuthOptions& options_;
  RevocationFeed& revocations_;
};

}  // namespace ledgerline::auth
