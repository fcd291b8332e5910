// Sessions, CSRF, rate limits, revocation of open streams and what the server never says or
// logs, end to end over HTTP.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>

#include "auth_test_support.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct LoggedIn {
  std::string cookie;  // "ledgerline_session=..."
  std::string csrf;
  std::string set_cookie;
  Value user;
};

LoggedIn log_in(std::uint16_t port, const std::string& email, const std::string& password) {
  Connection connection(port, "");
  Reply reply =
      connection.request(verb::post, "/api/v1/auth/login",
                         R"({"email":")" + email + R"(","password":")" + password + "\"}");
  EXPECT_EQ(reply.status, 200) << reply.body;
  LoggedIn in;
  in.set_cookie = std::string(reply.headers[bhttp::field::set_cookie]);
  in.cookie = in.set_cookie.substr(0, in.set_cookie.find(';'));
  Value body = json(reply.body);
  in.csrf = std::string(body.get("token").as_string());
  in.user = body.get("user");
  return in;
}

// The test client sends `Host: 127.0.0.1`, so this is the server's own origin.
std::string origin(int = 0) {
  return "http://127.0.0.1";
}

class AuthE2E : public ::testing::Test {
 protected:
  AuthE2E() {
    auto created = shop_.server().auth().users().create("c@shop.test", "Carla",
                                                        auth::Role::kCustomer, "carla-pw");
    EXPECT_TRUE(created.ok());
    carla_ = std::string(created->get("_id").as_string());
  }
  ShopFixture shop_;
  std::string carla_;
};

TEST_F(AuthE2E, LoginSetsAnHttpOnlyLaxCookieAndReturnsTheUserAndCsrfToken) {
  LoggedIn in = log_in(shop_.port(), "C@Shop.test", "carla-pw");
  EXPECT_EQ(in.set_cookie.rfind("ledgerline_session=", 0), 0u);
  EXPECT_NE(in.set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(in.set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(in.set_cookie.find("Secure"), std::string::npos);  // no https public URL here
  EXPECT_EQ(in.user.get("_id").as_string(), carla_);
  EXPECT_EQ(in.user.get("role").as_string(), "customer");
  EXPECT_EQ(in.csrf.size(), 64u);
  Connection connection(shop_.port(), "");
  Reply me = connection.request(verb::get, "/api/v1/auth/me", "", {{"cookie", in.cookie}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json(me.body).get("user").get("email").as_string(), "c@shop.test");
  EXPECT_EQ(json(me.body).get("token").as_string(), in.csrf);
  // A customer's cookie reads through the rule like a token does.
  Reply bills = connection.request(
      verb::get, "/v1/data/query/production?query=count(*%5B_type%3D%3D%22bill%22%5D)", "",
      {{"cookie", in.cookie}});
  EXPECT_EQ(json(bills.body).get("result"), json("0"));
}

TEST_F(AuthE2E, SecureCookiesWhenThePublicUrlIsHttps) {
  ServerOptions options;
  options.public_url = "https://shop.example.com";
  ServerFixture server(options);
  ASSERT_TRUE(
      server.auth().users().create("s@shop.test", "S", auth::Role::kCustomer, "s-pw-1").ok());
  LoggedIn in = log_in(server.port(), "s@shop.test", "s-pw-1");
  EXPECT_NE(in.set_cookie.find("; Secure"), std::string::npos) << in.set_cookie;
}

TEST_F(AuthE2E, WrongPasswordAndUnknownAccountGetTheSameGeneric401) {
  Connection connection(shop_.port(), "");
  Reply wrong = connection.request(verb::post, "/api/v1/auth/login",
                                   R"({"email":"c@shop.test","password":"nope"})");
  Reply unknown = connection.request(verb::post, "/api/v1/auth/login",
                                     R"({"email":"who@shop.test","password":"nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  Reply bad = connection.request(verb::post, "/api/v1/auth/login", R"({"email":"c@shop.test"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(json(bad.body).get("error").get("description").as_string().find("password"),
            std::string::npos);
}

TEST_F(AuthE2E, RepeatedFailuresGet429WithRetryAfter) {
  Connection connection(shop_.port(), "");
  int last = 0;
  for (int i = 0; i < 6; ++i) {
    last = connection
               .request(verb::post, "/api/v1/auth/login",
                        R"({"email":"c@shop.test","password":"nope"})")
               .status;
  }
  EXPECT_EQ(last, 429);
  Reply blocked = connection.request(verb::post, "/api/v1/auth/login",
                                     R"({"email":"c@shop.test","password":"carla-pw"})");
  EXPECT_EQ(blocked.status, 429);
  int retry_after = std::stoi(std::string(blocked.headers["retry-after"]));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(json(blocked.body).get("error").get("type").as_string(), "tooManyRequests");
}

TEST_F(AuthE2E, CookieWritesNeedTheCsrfHeaderAndASameOriginOrigin) {
  auto admin = shop_.server().auth().users().by_email("admin@fixture.test");
  ASSERT_TRUE(admin.ok());
  LoggedIn in = log_in(shop_.port(), "admin@fixture.test", "admin-password");
  Connection connection(shop_.port(), "");
  const std::string mutate = "/v1/data/mutate/production";
  const std::string body =
      R"({"mutations":[{"createOrReplace":{"_id":"csrf-probe","_type":"product"}}]})";
  struct Case {
    std::string name;
    Headers headers;
    int status;
  } cases[] = {
      {"no CSRF header", {{"cookie", in.cookie}, {"origin", origin(0)}}, 403},
      {"wrong CSRF header",
       {{"cookie", in.cookie}, {"origin", origin(0)}, {"x-csrf-token", std::string(64, 'a')}},
       403},
      {"another site's Origin",
       {{"cookie", in.cookie}, {"origin", "http://evil.test"}, {"x-csrf-token", in.csrf}},
       403},
      {"no Origin", {{"cookie", in.cookie}, {"x-csrf-token", in.csrf}}, 403},
      {"same origin with the token",
       {{"cookie", in.cookie}, {"origin", origin(0)}, {"x-csrf-token", in.csrf}},
       200},
  };
  for (const Case& c : cases) {
    Reply reply = connection.request(verb::post, mutate, body, c.headers);
    EXPECT_EQ(reply.status, c.status) << c.name << ": " << reply.body;
    if (c.status == 403) {
      EXPECT_EQ(json(reply.body).get("error").get("type").as_string(), "csrfRefused") << c.name;
    }
  }
  // Reads with the cookie need no CSRF header; bearer writes need none either.
  EXPECT_EQ(connection.request(verb::get, "/api/v1/auth/me", "", {{"cookie", in.cookie}}).status,
            200);
  Connection bearer(shop_.port());
  EXPECT_EQ(bearer.request(verb::post, mutate, body).status, 200);
}

TEST_F(AuthE2E, LogoutEndsTheSessionAndClearsTheCookie) {
  LoggedIn in = log_in(shop_.port(), "c@shop.test", "carla-pw");
  Connection connection(shop_.port(), "");
  Reply out =
      connection.request(verb::post, "/api/v1/auth/logout", "",
                         {{"cookie", in.cookie}, {"origin", origin(0)}, {"x-csrf-token", in.csrf}});
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_NE(std::string(out.headers[bhttp::field::set_cookie]).find("Max-Age=0"),
            std::string::npos);
  EXPECT_EQ(connection.request(verb::get, "/api/v1/auth/me", "", {{"cookie", in.cookie}}).status,
            401);
}

TEST_F(AuthE2E, PasswordChangeChecksTheCurrentPasswordAndEndsTheOtherSessions) {
  LoggedIn in = log_in(shop_.port(), "c@shop.test", "carla-pw");
  LoggedIn elsewhere = log_in(shop_.port(), "c@shop.test", "carla-pw");
  Connection connection(shop_.port(), "");
  Headers headers{{"cookie", in.cookie}, {"origin", origin(0)}, {"x-csrf-token", in.csrf}};
  EXPECT_EQ(connection
                .request(verb::post, "/api/v1/auth/password",
                         R"({"current":"wrong","next":"carla-new"})", headers)
                .status,
            401);
  EXPECT_EQ(connection
                .request(verb::post, "/api/v1/auth/password",
                         R"({"current":"carla-pw","next":"x"})", headers)
                .status,
            400);
  EXPECT_EQ(connection
                .request(verb::post, "/api/v1/auth/password",
                         R"({"current":"carla-pw","next":"carla-new"})", headers)
                .status,
            200);
  log_in(shop_.port(), "c@shop.test", "carla-new");
  // The session that changed it goes on; the one signed in elsewhere must sign in again.
  EXPECT_EQ(connection.request(verb::get, "/api/v1/auth/me", "", {{"cookie", in.cookie}}).status,
            200);
  Connection other(shop_.port(), "");
  EXPECT_EQ(other.request(verb::get, "/api/v1/auth/me", "", {{"cookie", elsewhere.cookie}}).status,
            401);
}

TEST_F(AuthE2E, EmailTakenIs409AndBadInputNamesTheField) {
  Connection admin(shop_.port());
  Reply taken = admin.request(
      verb::post, "/api/v1/users",
      R"({"email":"C@shop.test","name":"Again","role":"customer","password":"pw-pw"})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  Reply no_role = admin.request(verb::post, "/api/v1/users",
                                R"({"email":"d@shop.test","name":"D","password":"pw-pw"})");
  EXPECT_EQ(no_role.status, 400);
  EXPECT_NE(no_role.body.find("role"), std::string::npos) << no_role.body;
  Reply created =
      admin.request(verb::post, "/api/v1/users",
                    R"({"email":"d@shop.test","name":"D","role":"admin","password":"pw-pw"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json(created.body).get("_type").as_string(), "user");
  EXPECT_EQ(admin.request(verb::post, "/api/v1/users/nobody/disable").status, 404);
}

// Opens a listen stream as `token`; returns the connection once `welcome` arrived.
std::unique_ptr<Connection> open_stream(std::uint16_t port, const std::string& token) {
  auto connection = std::make_unique<Connection>(port, token);
  connection->send_raw(
      "GET /v1/data/listen/production?query=*%5B_type%3D%3D%22product%22%5D "
      "HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      token + "\r\n\r\n");
  EXPECT_NE(connection->read_until("event: welcome").find("event: welcome"), std::string::npos);
  return connection;
}

// Milliseconds until the server ends the stream (its last chunk, then the close).
double ms_until_closed(Connection& connection) {
  auto start = std::chrono::steady_clock::now();
  connection.read_until("\r\n0\r\n\r\n");
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST_F(AuthE2E, RevokingATokenClosesItsStreamsWithinASecond) {
  auto token = shop_.server().auth().tokens().create(carla_, "phone");
  auto other = shop_.server().auth().tokens().create(carla_, "laptop");
  auto revoked_stream = open_stream(shop_.port(), token->secret);
  auto kept_stream = open_stream(shop_.port(), other->secret);
  Connection admin(shop_.port());
  ASSERT_EQ(admin.request(verb::post, "/api/v1/tokens/" + token->token_id + "/revoke").status, 200);
  EXPECT_LT(ms_until_closed(*revoked_stream), 1000.0);
  EXPECT_TRUE(revoked_stream->closed_by_peer());
  // The other token's stream stays open and keeps delivering.
  ASSERT_EQ(admin
                .request(verb::post, "/v1/data/mutate/production",
                         R"({"mutations":[{"patch":{"id":"p-active","set":{"stock":9}}}]})")
                .status,
            200);
  EXPECT_NE(kept_stream->read_until("\"stock\":9").find("\"stock\":9"), std::string::npos);
  // And the revoked token's next request is refused.
  Connection again(shop_.port(), token->secret);
  EXPECT_EQ(again.request(verb::get, "/api/v1/auth/me").status, 401);
}

TEST_F(AuthE2E, DisablingAUserClosesAllItsStreamsWithinASecond) {
  auto first = shop_.server().auth().tokens().create(carla_, "one");
  auto second = shop_.server().auth().tokens().create(carla_, "two");
  auto stream_one = open_stream(shop_.port(), first->secret);
  auto stream_two = open_stream(shop_.port(), second->secret);
  Connection admin(shop_.port());
  ASSERT_EQ(admin.request(verb::post, "/api/v1/users/" + carla_ + "/disable").status, 200);
  EXPECT_LT(ms_until_closed(*stream_one), 1000.0);
  EXPECT_LT(ms_until_closed(*stream_two), 1000.0);
  Connection again(shop_.port(), first->secret);
  EXPECT_EQ(again.request(verb::get, "/api/v1/auth/me").status, 401);
}

TEST_F(AuthE2E, NoPasswordHashTokenOrSessionSecretInResponsesOrTheLog) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  spdlog::default_logger()->sinks().push_back(sink);
  auto previous_level = spdlog::get_level();
  spdlog::set_level(spdlog::level::trace);

  std::vector<std::string> secrets = {"carla-pw", "s3cret-new-pw", "wrong-guess-pw"};
  std::string responses;
  Connection admin(shop_.port());
  Connection anonymous(shop_.port(), "");
  auto keep = [&](const Reply& reply) {
    responses += reply.body;
    for (const auto& field : reply.headers) {
      if (field.name() != bhttp::field::set_cookie) responses += std::string(field.value());
    }
    return reply;
  };
  keep(anonymous.request(verb::post, "/api/v1/auth/login",
                         R"({"email":"c@shop.test","password":"wrong-guess-pw"})"));
  LoggedIn in = log_in(shop_.port(), "c@shop.test", "carla-pw");
  secrets.push_back(in.cookie.substr(in.cookie.find('=') + 1));
  // Shown once, by design, in its creation answer: that one is not kept.
  Reply token = admin.request(verb::post, "/api/v1/tokens", R"({"label":"log-test"})");
  std::string token_secret(json(token.body).get("token").as_string());
  ASSERT_EQ(token_secret.rfind("llt_", 0), 0u);
  keep(admin.request(
      verb::post, "/api/v1/users",
      R"({"email":"n@shop.test","name":"N","role":"customer","password":"s3cret-new-pw"})"));
  keep(admin.request(verb::get, "/api/v1/users"));
  keep(admin.request(verb::get, "/api/v1/tokens"));
  keep(Connection(shop_.port(), token_secret).request(verb::get, "/api/v1/auth/me"));
  keep(anonymous.request(verb::get, "/api/v1/auth/me", "", {{"cookie", in.cookie}}));
  keep(admin.request(verb::get, "/v1/data/export/production"));
  keep(admin.request(verb::get, "/v1/data/query/production?query=*"));
  keep(Connection(shop_.port(), "llt_" + std::string(64, '0'))
           .request(verb::get, "/api/v1/auth/me"));

  spdlog::default_logger()->flush();
  spdlog::set_level(previous_level);
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());

  std::string logged = log.str();
  EXPECT_NE(logged.find("auth: login"), std::string::npos) << "the log was not captured:\n"
                                                           << logged;
  secrets.push_back(token_secret);
  secrets.push_back(auth::secret_hash(token_secret));
  for (const std::string& secret : secrets) {
    EXPECT_EQ(responses.find(secret), std::string::npos) << "response shows " << secret;
    EXPECT_EQ(logged.find(secret), std::string::npos) << "log shows " << secret;
  }
  for (std::string_view marker : {"$argon2", "password_hash", "llt_0000"}) {
    EXPECT_EQ(responses.find(marker), std::string::npos) << marker;
    EXPECT_EQ(logged.find(marker), std::string::npos) << marker;
  }
}

}  // namespace
}  // namespace ledgerline::http::testing
