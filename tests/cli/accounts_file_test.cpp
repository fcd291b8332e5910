// The accounts file (cli/accounts_file.h): what is written reads back the same, the file is
// private (0600), and every kind of bad input is refused with the entry and field it concerns.
#include "cli/accounts_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "cli_test_support.h"
#include "support/temp_dir.h"

namespace ledgerline::cli::testing {
namespace {

const std::string kHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo";
const std::string kTokenHash(64, 'a');

Accounts sample() {
  Accounts accounts;
  accounts.users.push_back({"user-1", "a@example.com", "admin", true, kHash, 1700000000123});
  accounts.users.push_back({"user-2", "b@example.com", "customer", false, "", 1700000000456});
  accounts.tokens.push_back({"tok-1", "user-1", "ci", kTokenHash, 1700000001000, 0, false});
  accounts.tokens.push_back(
      {"tok-2", "user-2", "", std::string(64, 'b'), 1700000002000, 1700000003000, true});
  return accounts;
}

TEST(AccountsFile, WrittenPrivateAndReadBackTheSame) {
  test_support::TempDir dir{"ll-accounts"};
  std::string path = (dir / "accounts.json").string();
  ASSERT_TRUE(write_accounts_file(sample(), path).ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));

  auto read = read_accounts_file(path);
  ASSERT_TRUE(read.ok()) << read.error().message;
  Accounts expected = sample();
  ASSERT_EQ(read->users.size(), 2u);
  ASSERT_EQ(read->tokens.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& [id, email, role, active, hash, created] = expected.users[i];
    EXPECT_EQ(read->users[i].user_id, id);
    EXPECT_EQ(read->users[i].email, email);
    EXPECT_EQ(read->users[i].role, role);
    EXPECT_EQ(read->users[i].active, active);
    EXPECT_EQ(read->users[i].password_hash, hash);
    EXPECT_EQ(read->users[i].created_ms, created);
    const storage::TokenRecord& token = expected.tokens[i];
    EXPECT_EQ(read->tokens[i].token_id, token.token_id);
    EXPECT_EQ(read->tokens[i].user_id, token.user_id);
    EXPECT_EQ(read->tokens[i].label, token.label);
    EXPECT_EQ(read->tokens[i].hash, token.hash);
    EXPECT_EQ(read->tokens[i].created_ms, token.created_ms);
    EXPECT_EQ(read->tokens[i].last_used_ms, token.last_used_ms);
    EXPECT_EQ(read->tokens[i].revoked, token.revoked);
  }
}

// Each case: a change to the sample file's text, and what the error must name.
struct BadCase {
  std::string from, to, message;
};

TEST(AccountsFile, RefusesBadInputNamingWhere) {
  test_support::TempDir dir{"ll-accounts"};
  std::string good_path = (dir / "good.json").string();
  ASSERT_TRUE(write_accounts_file(sample(), good_path).ok());
  std::string good = read_file(good_path);
  const BadCase cases[] = {
      {"{", "[", "not JSON"},
      {"ledgerline-accounts", "other", "version 1"},
      {"\"version\":1", "\"version\":2", "version 1"},
      {"\"users\":[", "\"users\":0,\"x\":[", "\"users\" must be an array"},
      {"a@example.com", "A@example.com", "users[0].email"},
      {"b@example.com", "a@example.com", "users[1].email: a second entry"},
      {"\"user-2\",\"email\"", "\"user-1\",\"email\"", "users[1].id: a second entry"},
      {"\"customer\"", "\"boss\"", "users[1].role"},
      {"$argon2id$", "$2b$", "users[0].passwordHash"},
      {"\"active\":true", "\"active\":1", "users[0].active"},
      {"\"createdMs\":1700000000123", "\"createdMs\":-1", "users[0].createdMs"},
      {"\"createdMs\":1700000000123", "\"createdMs\":1.5", "users[0].createdMs"},
      {"\"active\":true", "\"active\":true,\"admin\":true", "users[0].admin: unknown field"},
      {kTokenHash, "ABC", "tokens[0].hash"},
      {"\"userId\":\"user-2\"", "\"userId\":\"user-9\"", "tokens[1].userId"},
      {"\"revoked\":true", "\"revoked\":\"yes\"", "tokens[1].revoked"},
      {"\"id\":\"tok-2\"", "\"id\":\"tok-1\"", "tokens[1].id: a second entry"},
  };
  for (const BadCase& bad : cases) {
    std::string text = good;
    std::size_t at = text.find(bad.from);
    ASSERT_NE(at, std::string::npos) << bad.from;
    text.replace(at, bad.from.size(), bad.to);
    std::string path = (dir / "bad.json").string();
    write_file(path, text);
    auto read = read_accounts_file(path);
    ASSERT_FALSE(read.ok()) << bad.from << " -> " << bad.to;
    EXPECT_NE(read.error().message.find(bad.message), std::string::npos)
        << bad.from << " -> " << bad.to << ": " << read.error().message;
    EXPECT_EQ(read.error().message.find(kTokenHash), std::string::npos) << "never shows a hash";
  }
  EXPECT_FALSE(read_accounts_file((dir / "missing.json").string()).ok());
}

}  // namespace
}  // namespace ledgerline::cli::testing
