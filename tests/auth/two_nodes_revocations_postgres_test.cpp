// Revocations across two nodes on one PostgreSQL: a token revoked or a user disabled on node A
// reaches node B's subscribers (the listen endpoint, which closes the streams they opened, and
// B's token cache), and each node hears of it once.
#include <mutex>
#include <vector>

#include "auth/auth.h"
#include "storage/postgres/postgres_auth_storage.h"
#include "support/two_nodes.h"

namespace ledgerline::auth {
namespace {

class PostgresTwoNodeAuth : public test_support::TwoNodesTest {
 protected:
  void SetUp() override {
    TwoNodesTest::SetUp();
    if (IsSkipped()) return;
    auth_a_ = open_auth(*a_);
    auth_b_ = open_auth(*b_);
    ASSERT_TRUE(auth_a_ && auth_b_);
  }
  void TearDown() override {
    auth_a_.reset();
    auth_b_.reset();
    TwoNodesTest::TearDown();
  }
  std::unique_ptr<Auth> open_auth(store::Store& node) {
    auto storage = storage::open_postgres_auth_storage(schema_->url());
    EXPECT_TRUE(storage.ok()) << storage.error().message;
    if (!storage.ok()) return nullptr;
    AuthOptions options;
    options.token_cache_ttl = std::chrono::minutes(10);  // only a revocation can end an entry
    auto auth = Auth::open(std::move(*storage), node, options);
    EXPECT_TRUE(auth.ok()) << auth.error().message;
    return auth.ok() ? std::move(*auth) : nullptr;
  }
  // Collects what `auth`'s subscribers hear.
  struct Heard {
    std::mutex mutex;
    std::vector<Revocation> revocations;
    std::size_t size() {
      std::lock_guard lock(mutex);
      return revocations.size();
    }
  };
  static void listen(Auth& auth, Heard& heard) {
    auth.revocations().subscribe([&heard](const Revocation& revocation) {
      std::lock_guard lock(heard.mutex);
      heard.revocations.push_back(revocation);
    });
  }
  static bool eventually(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  std::unique_ptr<Auth> auth_a_, auth_b_;
};

TEST_F(PostgresTwoNodeAuth, ATokenRevokedOnAReachesBOnce) {
  auto user = auth_a_->users().create("ops@nodes.test", "Ops", Role::kAdmin, "a-long-password");
  ASSERT_TRUE(user.ok()) << user.error().message;
  std::string user_id(user->get("_id").as_string());
  auto token = auth_a_->tokens().create(user_id, "ci");
  ASSERT_TRUE(token.ok());
  // B accepts the token (and remembers it).
  ASSERT_TRUE(auth_b_->tokens().authenticate(token->secret).ok());
  Heard on_a, on_b;
  listen(*auth_a_, on_a);
  listen(*auth_b_, on_b);
  ASSERT_TRUE(auth_a_->tokens().revoke(token->token_id).ok());
  ASSERT_TRUE(eventually([&] { return on_b.size() == 1; }));
  EXPECT_FALSE(auth_b_->tokens().authenticate(token->secret).ok()) << "B forgot the token";
  EXPECT_EQ(on_b.revocations[0].user_id, user_id);
  EXPECT_EQ(on_b.revocations[0].credential_id, token->token_id);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing more comes
  EXPECT_EQ(on_a.size(), 1u);
  EXPECT_EQ(on_b.size(), 1u);
}

TEST_F(PostgresTwoNodeAuth, AUserDisabledOnBEndsEveryCredentialOnA) {
  auto user = auth_b_->users().create("cy@nodes.test", "Cy", Role::kCustomer, "a-long-password");
  ASSERT_TRUE(user.ok()) << user.error().message;
  std::string user_id(user->get("_id").as_string());
  ASSERT_TRUE(reaches(*a_, b_->snapshot()->position()));
  Heard on_a;
  listen(*auth_a_, on_a);
  ASSERT_TRUE(auth_b_->users().disable(user_id).ok());
  ASSERT_TRUE(eventually([&] { return on_a.size() >= 1; }));
  EXPECT_EQ(on_a.revocations[0].user_id, user_id);
  EXPECT_EQ(on_a.revocations[0].credential_id, "");
}

}  // namespace
}  // namespace ledgerline::auth
