#include "auth/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace ledgerline::auth {
namespace {

TEST(RandomSecret, Is256BitsOfHexAfterThePrefixAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string secret = random_secret("llt_");
    ASSERT_EQ(secret.size(), 4u + 64u);
    EXPECT_EQ(secret.substr(0, 4), "llt_");
    EXPECT_EQ(secret.find_first_not_of("0123456789abcdef", 4), std::string::npos);
    EXPECT_TRUE(seen.insert(secret).second);
  }
}

TEST(SecretHash, IsStableAndDiffersFromTheSecret) {
  std::string secret = random_secret();
  EXPECT_EQ(secret_hash(secret), secret_hash(secret));
  EXPECT_NE(secret_hash(secret), secret);
  EXPECT_NE(secret_hash(secret), secret_hash(secret + "x"));
  EXPECT_EQ(secret_hash(secret).size(), 64u);
}

TEST(DerivedSecret, DependsOnSecretAndPurpose) {
  EXPECT_EQ(derived_secret("a", "csrf"), derived_secret("a", "csrf"));
  EXPECT_NE(derived_secret("a", "csrf"), derived_secret("b", "csrf"));
  EXPECT_NE(derived_secret("a", "csrf"), derived_secret("a", "other"));
}

TEST(ConstantTimeEqual, ComparesLengthAndBytes) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(PasswordHash, VerifiesOnlyTheRightPassword) {
  auto hash = hash_password("correct horse", PasswordCost::minimal());
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password("correct horse", *hash));
  EXPECT_FALSE(verify_password("correct horsE", *hash));
  EXPECT_FALSE(verify_password("correct horse", ""));
  EXPECT_FALSE(verify_password("correct horse", "$argon2id$garbage"));
}

TEST(PasswordHash, NeedsRehashWhenTheCostChanges) {
  auto hash = hash_password("pw", PasswordCost::minimal());
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(password_needs_rehash(*hash, PasswordCost::minimal()));
  PasswordCost higher = PasswordCost::minimal();
  higher.operations += 1;
  EXPECT_TRUE(password_needs_rehash(*hash, higher));
}

}  // namespace
}  // namespace ledgerline::auth
