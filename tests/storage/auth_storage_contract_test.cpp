// The AuthStorage contract (users, token hashes, sessions), run against every engine: SQLite
// always, PostgreSQL when LEDGERLINE_TEST_POSTGRES names a server.
#include <gtest/gtest.h>

#include <thread>

#include "storage/storage_engines.h"

namespace ledgerline::storage {
namespace {

class AuthStorageContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    engine_ = testing::make_engine(GetParam(), skip);
    if (!engine_) GTEST_SKIP() << skip;
    auth_ = open_auth();
    ASSERT_TRUE(auth_);
  }

  // The auth part outlives the Storage it came from (as in `serve`).
  std::unique_ptr<AuthStorage> open_auth() {
    auto storage = engine_->open(100000);
    EXPECT_TRUE(storage.ok()) << (storage.ok() ? "" : storage.error().message);
    if (!storage.ok()) return nullptr;
    auto auth = (*storage)->open_auth_storage();
    EXPECT_TRUE(auth.ok()) << (auth.ok() ? "" : auth.error().message);
    return auth.ok() ? std::move(*auth) : nullptr;
  }

  static UserCredentials user(const std::string& id, const std::string& email) {
    return UserCredentials{id, email, "customer", true, "$argon2id$hash-of-" + id, 1000};
  }

  std::unique_ptr<testing::Engine> engine_;
  std::unique_ptr<AuthStorage> auth_;
};

TEST_P(AuthStorageContract, UsersAreFoundByEmailAndIdAndListedByEmail) {
  ASSERT_TRUE(auth_->insert_user(user("u2", "zed@example.com")).ok());
  ASSERT_TRUE(auth_->insert_user(user("u1", "amy@example.com")).ok());
  ASSERT_TRUE(auth_->insert_user(user("u3", "Bob@example.com")).ok());
  auto by_email = auth_->user_by_email("zed@example.com");
  ASSERT_TRUE(by_email.ok());
  ASSERT_TRUE(by_email->has_value());
  EXPECT_EQ((*by_email)->user_id, "u2");
  EXPECT_EQ((*by_email)->role, "customer");
  EXPECT_TRUE((*by_email)->active);
  EXPECT_EQ((*by_email)->password_hash, "$argon2id$hash-of-u2");
  EXPECT_EQ((*by_email)->created_ms, 1000);
  EXPECT_EQ((*auth_->user_by_id("u1"))->email, "amy@example.com");
  EXPECT_FALSE(auth_->user_by_id("nobody")->has_value());
  EXPECT_FALSE(auth_->user_by_email("ZED@example.com")->has_value());  // callers lower-case
  auto all = auth_->users();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].email, "Bob@example.com");  // bytewise: uppercase first
  EXPECT_EQ((*all)[1].email, "amy@example.com");
  EXPECT_EQ((*all)[2].email, "zed@example.com");
}

TEST_P(AuthStorageContract, ATakenEmailOrIdIsAConflict) {
  ASSERT_TRUE(auth_->insert_user(user("u1", "amy@example.com")).ok());
  Status same_email = auth_->insert_user(user("u2", "amy@example.com"));
  ASSERT_FALSE(same_email.ok());
  EXPECT_EQ(same_email.error().code, ErrorCode::kConflict);
  EXPECT_EQ(same_email.error().type, "emailTaken");
  Status same_id = auth_->insert_user(user("u1", "other@example.com"));
  ASSERT_FALSE(same_id.ok());
  EXPECT_EQ(same_id.error().code, ErrorCode::kConflict);
  EXPECT_EQ(auth_->users()->size(), 1u);
  EXPECT_TRUE(auth_->insert_user(user("u2", "bob@example.com")).ok());  // still usable
}

TEST_P(AuthStorageContract, UpdateReplacesRoleActiveAndPassword) {
  ASSERT_TRUE(auth_->insert_user(user("u1", "amy@example.com")).ok());
  UserCredentials changed{"u1", "ignored@example.com", "admin", false, "", 5};
  ASSERT_TRUE(auth_->update_user(changed).ok());
  auto stored = **auth_->user_by_id("u1");
  EXPECT_EQ(stored.email, "amy@example.com");
  EXPECT_EQ(stored.role, "admin");
  EXPECT_FALSE(stored.active);
  EXPECT_EQ(stored.password_hash, "");
  EXPECT_EQ(stored.created_ms, 1000);
  EXPECT_EQ(auth_->update_user(user("nobody", "x@example.com")).error().code, ErrorCode::kNotFound);
}

TEST_P(AuthStorageContract, TokensAreFoundByHashAndRevoked) {
  ASSERT_TRUE(auth_->insert_token(TokenRecord{"t2", "u1", "ci", "hash2", 20, 0, false}).ok());
  ASSERT_TRUE(auth_->insert_token(TokenRecord{"t1", "u1", "laptop", "hash1", 10, 0, false}).ok());
  auto found = auth_->token_by_hash("hash2");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->token_id, "t2");
  EXPECT_EQ((*found)->label, "ci");
  EXPECT_EQ((*found)->created_ms, 20);
  EXPECT_FALSE(auth_->token_by_hash("nope")->has_value());
  ASSERT_TRUE(auth_->set_token_last_used("t1", 99).ok());
  EXPECT_EQ((*auth_->token_by_id("t1"))->last_used_ms, 99);
  auto all = auth_->tokens();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].token_id, "t1");  // oldest first
  ASSERT_TRUE(auth_->revoke_token("t2").ok());
  EXPECT_TRUE((*auth_->token_by_hash("hash2"))->revoked);
  EXPECT_EQ(auth_->revoke_token("t9").error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(auth_->insert_token(TokenRecord{"t3", "u1", "dup", "hash1", 30, 0, false}).ok());
}

TEST_P(AuthStorageContract, SessionsAreRevokedOneByOneOrPerUser) {
  for (const char* id : {"s1", "s2", "s3"}) {
    std::string user_id = std::string(id) == "s3" ? "u2" : "u1";
    ASSERT_TRUE(
        auth_->insert_session(SessionRecord{id, user_id, std::string("h") + id, 5, 5, false}).ok());
  }
  ASSERT_TRUE(auth_->set_session_last_seen("s1", 77).ok());
  auto s1 = auth_->session_by_hash("hs1");
  ASSERT_TRUE(s1.ok() && s1->has_value());
  EXPECT_EQ((*s1)->last_seen_ms, 77);
  EXPECT_EQ((*s1)->user_id, "u1");
  ASSERT_TRUE(auth_->revoke_session("s1").ok());
  EXPECT_TRUE((*auth_->session_by_hash("hs1"))->revoked);
  // s1 was revoked already; s4 is the one kept (the session that changed the password).
  ASSERT_TRUE(auth_->insert_session(SessionRecord{"s4", "u1", "hs4", 5, 5, false}).ok());
  EXPECT_EQ(*auth_->revoke_sessions_of("u1", "s4"), std::vector<std::string>{"s2"});
  EXPECT_TRUE((*auth_->session_by_hash("hs2"))->revoked);
  EXPECT_FALSE((*auth_->session_by_hash("hs4"))->revoked);
  EXPECT_EQ(*auth_->revoke_sessions_of("u1", ""), std::vector<std::string>{"s4"});
  EXPECT_FALSE((*auth_->session_by_hash("hs3"))->revoked);
  EXPECT_FALSE(auth_->session_by_hash("nope")->has_value());
}

TEST_P(AuthStorageContract, DeletingAUserRemovesItsTokensAndSessions) {
  ASSERT_TRUE(auth_->insert_user(user("u1", "amy@example.com")).ok());
  ASSERT_TRUE(auth_->insert_user(user("u2", "bob@example.com")).ok());
  ASSERT_TRUE(auth_->insert_token(TokenRecord{"t1", "u1", "a", "th1", 1, 0, false}).ok());
  ASSERT_TRUE(auth_->insert_token(TokenRecord{"t2", "u2", "b", "th2", 2, 0, false}).ok());
  ASSERT_TRUE(auth_->insert_session(SessionRecord{"s1", "u1", "sh1", 1, 1, false}).ok());
  ASSERT_TRUE(auth_->delete_user("u1").ok());
  EXPECT_FALSE(auth_->user_by_id("u1")->has_value());
  EXPECT_FALSE(auth_->token_by_id("t1")->has_value());
  EXPECT_FALSE(auth_->session_by_hash("sh1")->has_value());
  EXPECT_TRUE(auth_->token_by_id("t2")->has_value());
  EXPECT_TRUE(auth_->insert_user(user("u3", "amy@example.com")).ok());  // the email is free
}

TEST_P(AuthStorageContract, EverythingSurvivesReopenAndTheSchemaIsMigratedOnce) {
  ASSERT_TRUE(auth_->insert_user(user("u1", "amy@example.com")).ok());
  ASSERT_TRUE(auth_->insert_session(SessionRecord{"s1", "u1", "sh1", 1, 1, false}).ok());
  auth_.reset();
  auto again = open_auth();
  ASSERT_TRUE(again);
  EXPECT_EQ((*again->user_by_email("amy@example.com"))->user_id, "u1");
  EXPECT_TRUE(again->session_by_hash("sh1")->has_value());
}

TEST_P(AuthStorageContract, CallsFromManyThreadsAllLand) {
  constexpr int kThreads = 4, kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = "u" + std::to_string(t) + "_" + std::to_string(i);
        EXPECT_TRUE(auth_->insert_user(user(id, id + "@example.com")).ok());
        EXPECT_TRUE(auth_->user_by_id(id)->has_value());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(auth_->users()->size(), static_cast<std::size_t>(kThreads * kEach));
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthStorageContract, ::testing::Values("sqlite", "postgres"),
                         testing::engine_name);

}  // namespace
}  // namespace ledgerline::storage
