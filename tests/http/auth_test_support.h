// Shared by the auth end-to-end tests: a served shop with two customers and one document of
// every kind, callers of every sort (admin, customer A and B, anonymous, a revoked token, an
// expired session), and small request helpers.
#pragma once

#include <atomic>
#include <map>
#include <string>

#include "support/json.h"
#include "test_client.h"

namespace ledgerline::http::testing {

using test_support::json;

inline std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

enum class Caller { kAdmin, kCustomerA, kCustomerB, kAnonymous, kRevokedToken, kExpiredSession };

inline const char* caller_name(Caller caller) {
  switch (caller) {
    case Caller::kAdmin:
      return "admin";
    case Caller::kCustomerA:
      return "customer A";
    case Caller::kCustomerB:
      return "customer B";
    case Caller::kAnonymous:
      return "anonymous";
    case Caller::kRevokedToken:
      return "revoked token";
    case Caller::kExpiredSession:
      return "expired session";
  }
  return "?";
}

// The test's clock for sessions (moved by hand to expire one).
inline std::atomic<std::int64_t>& shop_clock() {
  static std::atomic<std::int64_t> now{1'800'000'000'000};
  return now;
}

class ShopFixture {
 public:
  ShopFixture() : server_(ServerOptions{}, auth_options()) {
    auth::Auth& auth = server_.auth();
    for (auto [id, email] : {std::pair{"cust-a", "a@shop.test"}, {"cust-b", "b@shop.test"}}) {
      auto user =
          auth.users().create(email, id, auth::Role::kCustomer, "pw-" + std::string(id), "", id);
      if (!user.ok()) throw std::runtime_error(user.error().message);
    }
    token_a_ = auth.tokens().create("cust-a", "a")->secret;
    token_b_ = auth.tokens().create("cust-b", "b")->secret;
    auto revoked = auth.tokens().create("cust-a", "old");
    revoked_token_ = revoked->secret;
    if (!auth.tokens().revoke(revoked->token_id).ok()) throw std::runtime_error("revoke");
    auto login = auth.login().login({"a@shop.test", "pw-cust-a"}, "127.0.0.1");
    if (!login.ok()) throw std::runtime_error(login.error().message);
    expired_cookie_ = "ledgerline_session=" + login->session.secret;
    shop_clock() += 2 * 3600 * 1000;  // past the one-hour idle limit

    Connection admin(port());
    Reply reply = admin.request(bhttp::verb::post, "/v1/data/mutate/production", R"({"mutations":[
      {"create":{"_id":"p-active","_type":"product","name":"Tea","active":true,"stock":5}},
      {"create":{"_id":"p-inactive","_type":"product","name":"Old tea","active":false}},
      {"create":{"_id":"bill-a","_type":"bill","customer":{"_ref":"cust-a"},"note":"bill-a-note",
                 "items":[{"_key":"i1","product":{"_ref":"p-active"}}],"total":100}},
      {"create":{"_id":"bill-b","_type":"bill","customer":{"_ref":"cust-b"},"note":"bill-b-secret",
                 "items":[{"_key":"i1","product":{"_ref":"p-inactive"}}],"total":250}},
      {"create":{"_id":"st-1","_type":"stockTransaction","product":{"_ref":"p-active"},
                 "bill":{"_ref":"bill-b"},"quantity":-1,"reason":"st-secret"}},
      {"create":{"_id":"ev-a","_type":"shopEvent","subjects":[{"_ref":"bill-a"},{"_ref":"cust-a"}]}},
      {"create":{"_id":"ev-b","_type":"shopEvent","subjects":[{"_ref":"bill-b"},{"_ref":"cust-b"}]}},
      {"create":{"_id":"ev-shared","_type":"shopEvent",
                 "subjects":[{"_ref":"bill-a"},{"_ref":"cust-a"},{"_ref":"bill-b"},{"_ref":"cust-b"}]}}
    ]})");
    if (reply.status != 200) throw std::runtime_error(reply.body);
  }

  std::uint16_t port() const { return server_.port(); }
  ServerFixture& server() { return server_; }

  // The bearer token `caller` sends ("" for none).
  std::string bearer(Caller caller) const {
    switch (caller) {
      case Caller::kAdmin:
        return server_.admin_token();
      case Caller::kCustomerA:
        return token_a_;
      case Caller::kCustomerB:
        return token_b_;
      case Caller::kRevokedToken:
        return revoked_token_;
      case Caller::kAnonymous:
      case Caller::kExpiredSession:
        break;
    }
    return "";
  }
  // A connection authenticated as `caller` (the expired session also needs headers()).
  Connection connect(Caller caller) const { return Connection(port(), bearer(caller)); }
  std::vector<std::pair<std::string, std::string>> headers(Caller caller) const {
    if (caller == Caller::kExpiredSession) return {{"cookie", expired_cookie_}};
    return {};
  }
  const std::string& token(Caller caller) const {
    return caller == Caller::kCustomerA ? token_a_ : token_b_;
  }

 private:
  static auth::AuthOptions auth_options() {
    auth::AuthOptions options;
    options.session_idle = std::chrono::hours(1);
    options.now_ms = [] { return shop_clock().load(); };
    return options;
  }

  ServerFixture server_;
  std::string token_a_, token_b_, revoked_token_, expired_cookie_;
};

}  // namespace ledgerline::http::testing
