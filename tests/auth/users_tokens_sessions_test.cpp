// Users, tokens and sessions over the real SQLite storage and store.
#include <gtest/gtest.h>

#include "auth_test_support.h"

namespace ledgerline::auth::testing {
namespace {

using std::chrono::minutes;

Identity bearer(Auth& auth, const std::string& secret) {
  std::string header = "Bearer " + secret;
  auto identity = auth.authenticate({header, std::nullopt});
  return identity.ok() ? *identity : Identity{};
}

TEST(Users, CreateWritesCredentialsAndAQueryableUserDocument) {
  AuthFixture fixture;
  auto created =
      fixture.auth().users().create(" Alice@Demo.Test ", "Alice", Role::kCustomer, "alice-pw");
  ASSERT_TRUE(created.ok()) << created.error().message;
  std::string id(created->get("_id").as_string());
  const Value* document = fixture.store().snapshot()->get(id);
  ASSERT_NE(document, nullptr);
  EXPECT_EQ(document->get("_type").as_string(), "user");
  EXPECT_EQ(document->get("email").as_string(), "alice@demo.test");
  EXPECT_EQ(document->get("role").as_string(), "customer");
  EXPECT_TRUE(document->get("active").as_bool());
  // No credential material in the document set.
  std::string json = document->to_json();
  EXPECT_EQ(json.find("argon2"), std::string::npos);
  EXPECT_EQ(json.find("alice-pw"), std::string::npos);
}

TEST(Users, EmailIsUniqueRegardlessOfCase) {
  AuthFixture fixture;
  fixture.user("bob@demo.test", Role::kCustomer);
  auto again = fixture.auth().users().create("BOB@demo.test", "Bob 2", Role::kCustomer, "pw-pw");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().type, "emailTaken");
}

TEST(Users, CreateNamesTheBadField) {
  AuthFixture fixture;
  auto no_name = fixture.auth().users().create("x@y.z", "", Role::kCustomer, "pw-pw");
  ASSERT_FALSE(no_name.ok());
  EXPECT_NE(no_name.error().message.find("\"name\""), std::string::npos);
  auto short_password = fixture.auth().users().create("x@y.z", "X", Role::kCustomer, "pw");
  ASSERT_FALSE(short_password.ok());
  EXPECT_NE(short_password.error().message.find("\"password\""), std::string::npos);
}

TEST(Tokens, AuthenticateAsTheirUserUntilRevoked) {
  AuthFixture fixture;
  std::string alice = fixture.user("alice@demo.test", Role::kCustomer);
  auto token = fixture.auth().tokens().create(alice, "script");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->secret.rfind("llt_", 0), 0u);
  Identity identity = bearer(fixture.auth(), token->secret);
  EXPECT_EQ(identity.user_id, alice);
  EXPECT_EQ(identity.role, Role::kCustomer);
  EXPECT_EQ(identity.credential, CredentialKind::kToken);
  EXPECT_EQ(identity.credential_id, token->token_id);

  std::vector<Revocation> seen;
  fixture.auth().revocations().subscribe([&](const Revocation& r) { seen.push_back(r); });
  ASSERT_TRUE(fixture.auth().tokens().revoke(token->token_id).ok());
  EXPECT_FALSE(bearer(fixture.auth(), token->secret).authenticated());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].covers(identity));
}

TEST(Tokens, ListShowsLabelAndLastUseButNeverTheSecretOrHash) {
  AuthFixture fixture;
  std::string admin = fixture.user("admin@demo.test", Role::kAdmin);
  auto token = fixture.auth().tokens().create(admin, "ci");
  ASSERT_TRUE(token.ok());
  bearer(fixture.auth(), token->secret);
  auto list = fixture.auth().tokens().list();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  const Value& entry = list->as_array()[0];
  EXPECT_EQ(entry.get("label").as_string(), "ci");
  EXPECT_TRUE(entry.get("lastUsedAt").is_string());
  std::string json = list->to_json();
  EXPECT_EQ(json.find(token->secret), std::string::npos);
  EXPECT_EQ(json.find(secret_hash(token->secret)), std::string::npos);
}

TEST(Tokens, UnknownMalformedAndNonBearerCredentialsAreRefused) {
  AuthFixture fixture;
  auto unknown = fixture.auth().authenticate({std::string_view("Bearer llt_nope"), std::nullopt});
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  auto basic = fixture.auth().authenticate({std::string_view("Basic Zm9vOmJhcg=="), std::nullopt});
  EXPECT_EQ(basic.error().code, ErrorCode::kUnauthenticated);
  auto nothing = fixture.auth().authenticate({std::nullopt, std::nullopt});
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(nothing->authenticated());
}

TEST(Users, DisablingRefusesTokensAndSessionsAndAnnouncesIt) {
  AuthFixture fixture;
  std::string bob = fixture.user("bob@demo.test", Role::kCustomer, "bob-pw");
  auto token = fixture.auth().tokens().create(bob, "");
  auto login = fixture.auth().login().login({"bob@demo.test", "bob-pw"}, "10.0.0.1");
  ASSERT_TRUE(login.ok());
  std::string cookie = "ledgerline_session=" + login->session.secret;
  ASSERT_TRUE(fixture.auth().authenticate({std::nullopt, cookie}).ok());
  int announced = 0;
  fixture.auth().revocations().subscribe([&](const Revocation& r) {
    if (r.user_id == bob && r.credential_id.empty()) ++announced;
  });
  auto disabled = fixture.auth().users().disable(bob);
  ASSERT_TRUE(disabled.ok());
  EXPECT_FALSE(disabled->get("active").as_bool());
  EXPECT_EQ(announced, 1);
  EXPECT_FALSE(bearer(fixture.auth(), token->secret).authenticated());
  EXPECT_FALSE(fixture.auth().authenticate({std::nullopt, cookie}).ok());
  auto again = fixture.auth().login().login({"bob@demo.test", "bob-pw"}, "10.0.0.1");
  EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);
}

TEST(Users, SetRoleChangesWhatTheNextRequestGets) {
  AuthFixture fixture;
  std::string carol = fixture.user("carol@demo.test", Role::kCustomer);
  auto token = fixture.auth().tokens().create(carol, "");
  EXPECT_EQ(bearer(fixture.auth(), token->secret).role, Role::kCustomer);
  ASSERT_TRUE(fixture.auth().users().set_role(carol, Role::kAdmin).ok());
  EXPECT_EQ(bearer(fixture.auth(), token->secret).role, Role::kAdmin);
  EXPECT_EQ(fixture.store().snapshot()->get(carol)->get("role").as_string(), "admin");
}

TEST(Sessions, EndAfterIdleTimeAndAfterTheAbsoluteLimit) {
  AuthOptions options;
  options.session_idle = minutes(30);
  options.session_absolute = minutes(120);
  AuthFixture fixture(options);
  fixture.user("dan@demo.test", Role::kCustomer, "dan-pw");
  auto login = fixture.auth().login().login({"dan@demo.test", "dan-pw"}, "a");
  ASSERT_TRUE(login.ok());
  std::string cookie = "x=1; ledgerline_session=" + login->session.secret;
  auto session = [&] { return fixture.auth().authenticate({std::nullopt, cookie}); };
  ASSERT_TRUE(session().ok());
  EXPECT_EQ(session()->credential, CredentialKind::kSession);
  // Active every 20 minutes: the idle limit never hits, the absolute one does.
  auto advance = [&](int minutes_passed) { fixture.now_ms += minutes_passed * 60'000LL; };
  for (int i = 0; i < 5; ++i) {
    advance(20);
    ASSERT_TRUE(session().ok()) << "at step " << i;
  }
  advance(21);  // now 121 minutes after login
  EXPECT_EQ(session().error().code, ErrorCode::kUnauthenticated);

  auto second = fixture.auth().login().login({"dan@demo.test", "dan-pw"}, "a");
  ASSERT_TRUE(second.ok());
  std::string second_cookie = "ledgerline_session=" + second->session.secret;
  advance(29);
  EXPECT_TRUE(fixture.auth().authenticate({std::nullopt, second_cookie}).ok());
  advance(31);
  EXPECT_FALSE(fixture.auth().authenticate({std::nullopt, second_cookie}).ok());
}

TEST(Sessions, LogoutEndsOnlyThatSession) {
  AuthFixture fixture;
  fixture.user("erin@demo.test", Role::kCustomer, "erin-pw");
  auto first = fixture.auth().login().login({"erin@demo.test", "erin-pw"}, "a");
  auto second = fixture.auth().login().login({"erin@demo.test", "erin-pw"}, "a");
  ASSERT_TRUE(first.ok() && second.ok());
  std::string first_cookie = "ledgerline_session=" + first->session.secret;
  std::string second_cookie = "ledgerline_session=" + second->session.secret;
  auto identity = fixture.auth().authenticate({std::nullopt, first_cookie});
  ASSERT_TRUE(identity.ok());
  ASSERT_TRUE(fixture.auth().sessions().close(*identity).ok());
  EXPECT_FALSE(fixture.auth().authenticate({std::nullopt, first_cookie}).ok());
  EXPECT_TRUE(fixture.auth().authenticate({std::nullopt, second_cookie}).ok());
  EXPECT_NE(first->session.csrf_token, second->session.csrf_token);
  EXPECT_EQ(first->session.csrf_token, Sessions::csrf_token_for(first->session.secret));
}

TEST(Users, PasswordChangeEndsTheOtherSessionsButNotThisOneNorTheTokens) {
  AuthFixture fixture;
  std::string fay = fixture.user("fay@demo.test", Role::kCustomer, "fay-pw-1");
  auto here = fixture.auth().login().login({"fay@demo.test", "fay-pw-1"}, "a");
  auto elsewhere = fixture.auth().login().login({"fay@demo.test", "fay-pw-1"}, "b");
  auto token = fixture.auth().tokens().create(fay, "script");
  ASSERT_TRUE(here.ok() && elsewhere.ok() && token.ok());
  const std::string here_cookie = "ledgerline_session=" + here->session.secret;
  const std::string elsewhere_cookie = "ledgerline_session=" + elsewhere->session.secret;
  auto this_session = fixture.auth().authenticate({std::nullopt, here_cookie});
  auto other_session = fixture.auth().authenticate({std::nullopt, elsewhere_cookie});
  ASSERT_TRUE(this_session.ok() && other_session.ok());
  std::vector<Revocation> announced;
  const auto subscription = fixture.auth().revocations().subscribe(
      [&](const Revocation& revocation) { announced.push_back(revocation); });

  ASSERT_TRUE(fixture.auth()
                  .users()
                  .change_password(fay, "fay-pw-1", "fay-pw-2", this_session->credential_id)
                  .ok());
  EXPECT_TRUE(fixture.auth().authenticate({std::nullopt, here_cookie}).ok());
  EXPECT_FALSE(fixture.auth().authenticate({std::nullopt, elsewhere_cookie}).ok());
  EXPECT_EQ(bearer(fixture.auth(), token->secret).user_id, fay);
  // The other session's streams are told to close; this one's are not.
  ASSERT_EQ(announced.size(), 1u);
  EXPECT_TRUE(announced[0].covers(*other_session));
  EXPECT_FALSE(announced[0].covers(*this_session));
  EXPECT_FALSE(fixture.auth().login().login({"fay@demo.test", "fay-pw-1"}, "a").ok());
  EXPECT_TRUE(fixture.auth().login().login({"fay@demo.test", "fay-pw-2"}, "a").ok());

  // A change made with a token (no session to keep) ends every session, the token stays.
  announced.clear();
  ASSERT_TRUE(fixture.auth().users().change_password(fay, "fay-pw-2", "fay-pw-3").ok());
  EXPECT_FALSE(fixture.auth().authenticate({std::nullopt, here_cookie}).ok());
  EXPECT_EQ(bearer(fixture.auth(), token->secret).user_id, fay);
  EXPECT_EQ(announced.size(), 2u);  // this session and the one opened with fay-pw-2
  fixture.auth().revocations().unsubscribe(subscription);
}

TEST(Storage, CredentialsSurviveARestart) {
  AuthFixture fixture;
  std::string frank = fixture.user("frank@demo.test", Role::kAdmin);
  auto token = fixture.auth().tokens().create(frank, "");
  AuthOptions options;
  options.password_cost = PasswordCost::minimal();
  fixture.reopen(options);
  EXPECT_EQ(bearer(fixture.auth(), token->secret).user_id, frank);
  EXPECT_TRUE(fixture.auth().login().login({"frank@demo.test", "secret-1"}, "a").ok());
}

}  // namespace
}  // namespace ledgerline::auth::testing
