#include "auth/credential_parsing.h"

#include <gtest/gtest.h>

namespace ledgerline::auth {
namespace {

TEST(BearerToken, AcceptsTheSchemeInAnyCaseAndTrimsSpaces) {
  EXPECT_EQ(bearer_token("Bearer abc.DEF-123"), "abc.DEF-123");
  EXPECT_EQ(bearer_token("bearer   llt_00ff  "), "llt_00ff");
  EXPECT_EQ(bearer_token("BEARER x=="), "x==");
}

TEST(BearerToken, RefusesOtherSchemesEmptyOverlongAndStrangeCharacters) {
  EXPECT_FALSE(bearer_token("Basic dXNlcjpwYXNz"));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token("Bearer    "));
  EXPECT_FALSE(bearer_token("Bearer a b"));
  EXPECT_FALSE(bearer_token("Bearer a\"b"));
  EXPECT_FALSE(bearer_token("Bearer " + std::string(kMaxSecretLength + 1, 'a')));
  EXPECT_TRUE(bearer_token("Bearer " + std::string(kMaxSecretLength, 'a')));
}

TEST(CookieValue, FindsTheSessionCookieAmongOthers) {
  EXPECT_EQ(cookie_value("a=1; ledgerline_session=s3cret; b=2"), "s3cret");
  EXPECT_EQ(cookie_value("ledgerline_session=\"quoted\""), "quoted");
  EXPECT_EQ(cookie_value("ledgerline_session=first; ledgerline_session=second"), "first");
  EXPECT_FALSE(cookie_value("ledgerline_sessionx=1; xledgerline_session=2"));
  EXPECT_FALSE(cookie_value("ledgerline_session="));
  EXPECT_FALSE(cookie_value(""));
  EXPECT_FALSE(cookie_value(";;;="));
}

TEST(NormalizeEmail, LowerCasesAndTrims) {
  EXPECT_EQ(*normalize_email("  Alice@Demo.TEST "), "alice@demo.test");
}

TEST(NormalizeEmail, RefusesWhatIsNotAnAddress) {
  for (std::string_view bad : {"", "alice", "@demo.test", "alice@", "a@b@c", "a b@c.d", "a\n@b"}) {
    Result<std::string> result = normalize_email(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_NE(result.error().message.find("\"email\""), std::string::npos);
  }
}

TEST(LoginBody, ParsesEmailAndPassword) {
  Result<LoginRequest> login = parse_login_body(R"({"email":"Bob@Demo.test","password":"bob"})");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->email, "bob@demo.test");
  EXPECT_EQ(login->password, "bob");
}

TEST(LoginBody, NamesTheBadField) {
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {"", "body"},
      {"[]", "body"},
      {R"({"password":"x"})", "\"email\""},
      {R"({"email":5,"password":"x"})", "\"email\""},
      {R"({"email":"a@b.c"})", "\"password\""},
      {R"({"email":"a@b.c","password":""})", "\"password\""},
      {R"({"email":"a@b.c","password":")" + std::string(kMaxPasswordLength + 1, 'x') + "\"}",
       "\"password\""},
      {R"({"email":"nope","password":"x"})", "\"email\""},
  };
  for (const Case& c : cases) {
    Result<LoginRequest> login = parse_login_body(c.body);
    ASSERT_FALSE(login.ok()) << c.body;
    EXPECT_EQ(login.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(login.error().message.find(c.field), std::string::npos) << login.error().message;
  }
}

TEST(SessionCookie, IsHttpOnlyLaxAndSecureOnlyOverHttps) {
  std::string plain = session_cookie("abc", std::chrono::seconds(60), false);
  EXPECT_EQ(plain, "ledgerline_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  EXPECT_NE(session_cookie("abc", std::chrono::seconds(60), true).find("; Secure"),
            std::string::npos);
  EXPECT_NE(cleared_session_cookie(false).find("Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace ledgerline::auth
