// The authorization matrix: every caller (admin, customer A, customer B, anonymous, a revoked
// token, an expired session) against every door (query GET/POST, doc, export, listen, mutate
// with returnDocuments and patch/delete by query, /api/v1/*) and every document kind. Each row
// of a table is one request and what each caller must get back.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "auth_test_support.h"

namespace ledgerline::http::testing {
namespace {

using bhttp::verb;

constexpr Caller kAllCallers[] = {Caller::kAdmin,        Caller::kCustomerA,
                                  Caller::kCustomerB,    Caller::kAnonymous,
                                  Caller::kRevokedToken, Caller::kExpiredSession};
constexpr Caller kDenied[] = {Caller::kAnonymous, Caller::kRevokedToken, Caller::kExpiredSession};

// What one caller gets: a status, and for 200 the JSON `result` (or doc ids) expected.
struct Expect {
  int status;
  std::string result;  // JSON; "" when only the status matters
};

struct ReadCase {
  std::string name;
  std::string query;
  Expect admin, customer_a, customer_b;
};

// Reads: the same query for everyone; the read rule decides what comes back.
const ReadCase kQueries[] = {
    {"bills by type",
     R"(*[_type == "bill"] | order(_id)._id)",
     {200, R"(["bill-a","bill-b"])"},
     {200, R"(["bill-a"])"},
     {200, R"(["bill-b"])"}},
    {"users by type",
     R"(*[_type == "user" && _id in ["cust-a","cust-b"]] | order(_id)._id)",
     {200, R"(["cust-a","cust-b"])"},
     {200, R"(["cust-a"])"},
     {200, R"(["cust-b"])"}},
    {"products by type",
     R"(*[_type == "product"] | order(_id)._id)",
     {200, R"(["p-active","p-inactive"])"},
     {200, R"(["p-active"])"},
     {200, R"(["p-active"])"}},
    {"stock ledger",
     R"(*[_type == "stockTransaction"]._id)",
     {200, R"(["st-1"])"},
     {200, "[]"},
     {200, "[]"}},
    {"shop events",
     R"(*[_type == "shopEvent"] | order(_id)._id)",
     {200, R"(["ev-a","ev-b","ev-shared"])"},
     {200, R"(["ev-a","ev-shared"])"},
     {200, R"(["ev-b","ev-shared"])"}},
    {"another customer's bills by filter",
     R"(*[customer._ref == "cust-b"]._id)",
     {200, R"(["bill-b"])"},
     {200, "[]"},
     {200, R"(["bill-b"])"}},
    {"count(*)", "count(*)", {200, "11"}, {200, "5"}, {200, "5"}},
    {"_id in $ids (listed ids)",
     R"(*[_id in ["bill-a","bill-b","st-1","cust-a","cust-b","p-inactive"]] | order(_id)._id)",
     {200, R"(["bill-a","bill-b","cust-a","cust-b","p-inactive","st-1"])"},
     {200, R"(["bill-a","cust-a"])"},
     {200, R"(["bill-b","cust-b"])"}},
    {"references()",
     R"(*[references("cust-b")] | order(_id)._id)",
     {200, R"(["bill-b","ev-b","ev-shared"])"},
     {200, R"(["ev-shared"])"},
     {200, R"(["bill-b","ev-b","ev-shared"])"}},
    {"-> dereference to hidden documents",
     R"(*[_id == "ev-shared"][0].subjects[]->_id)",
     {200, R"(["bill-a","cust-a","bill-b","cust-b"])"},
     {200, R"(["bill-a","cust-a",null,null])"},
     {200, R"([null,null,"bill-b","cust-b"])"}},
    {"-> from a visible bill to a hidden product",
     R"(*[_type == "bill"] | order(_id){"p": items[0].product->_id})",
     {200, R"([{"p":"p-active"},{"p":"p-inactive"}])"},
     {200, R"([{"p":"p-active"}])"},
     {200, R"([{"p":null}])"}},
    {"subquery probing a hidden total",
     R"(count(*[_id == "bill-b" && total > 200]))",
     {200, "1"},
     {200, "0"},
     {200, "1"}},
    {"identity() is the caller",
     R"(*[_id == identity()][0].email)",
     {200, R"("admin@fixture.test")"},
     {200, R"("a@shop.test")"},
     {200, R"("b@shop.test")"}},
};

Expect expectation(const ReadCase& c, Caller caller) {
  switch (caller) {
    case Caller::kAdmin:
      return c.admin;
    case Caller::kCustomerA:
      return c.customer_a;
    case Caller::kCustomerB:
      return c.customer_b;
    default:
      return {401, ""};
  }
}

class AuthMatrix : public ::testing::Test {
 protected:
  ShopFixture shop_;
};

TEST_F(AuthMatrix, QueryGetAndPostSeeOnlyWhatTheRuleAdmits) {
  for (const ReadCase& c : kQueries) {
    for (Caller caller : kAllCallers) {
      Expect expected = expectation(c, caller);
      Connection connection = shop_.connect(caller);
      Reply get =
          connection.request(verb::get, "/v1/data/query/production?query=" + url_encode(c.query),
                             "", shop_.headers(caller));
      Reply post = connection.request(
          verb::post, "/v1/data/query/production",
          Value::object({{Key::intern("query"), Value::string(c.query)}}).to_json(),
          shop_.headers(caller));
      for (const Reply* reply : {&get, &post}) {
        SCOPED_TRACE(c.name + " as " + caller_name(caller) +
                     (reply == &get ? " (GET)" : " (POST)"));
        ASSERT_EQ(reply->status, expected.status) << reply->body;
        if (expected.status == 200) {
          EXPECT_EQ(json(reply->body).get("result"), json(expected.result)) << reply->body;
        } else {
          EXPECT_TRUE(json(reply->body).get("error").get("description").is_string()) << reply->body;
        }
      }
    }
  }
}

TEST_F(AuthMatrix, DocWithSeveralIdsOmitsHiddenOnesForPermission) {
  const std::string target =
      "/v1/data/doc/production/bill-a,bill-b,st-1,cust-b,p-inactive,ev-shared";
  std::map<Caller, std::set<std::string>> visible = {
      {Caller::kAdmin, {"bill-a", "bill-b", "st-1", "cust-b", "p-inactive", "ev-shared"}},
      {Caller::kCustomerA, {"bill-a", "ev-shared"}},
      {Caller::kCustomerB, {"bill-b", "cust-b", "ev-shared"}},
  };
  for (Caller caller : kAllCallers) {
    SCOPED_TRACE(caller_name(caller));
    Connection connection = shop_.connect(caller);
    Reply reply = connection.request(verb::get, target, "", shop_.headers(caller));
    if (!visible.count(caller)) {
      EXPECT_EQ(reply.status, 401) << reply.body;
      continue;
    }
    ASSERT_EQ(reply.status, 200) << reply.body;
    Value body = json(reply.body);
    std::set<std::string> ids;
    for (const Value& doc : body.get("documents").as_array())
      ids.emplace(doc.get("_id").as_string());
    EXPECT_EQ(ids, visible[caller]);
    for (const Value& omitted : body.get("omitted").as_array()) {
      EXPECT_EQ(omitted.get("reason").as_string(), "permission") << reply.body;
      EXPECT_FALSE(visible[caller].count(std::string(omitted.get("id").as_string())));
    }
    EXPECT_EQ(body.get("omitted").size() + ids.size(), 6u) << reply.body;
  }
}

TEST_F(AuthMatrix, ExportContainsOnlyTheCallersDocuments) {
  std::map<Caller, std::set<std::string>> expected = {
      {Caller::kAdmin,
       {"cust-a", "cust-b", shop_.server().admin_id(), "p-active", "p-inactive", "bill-a", "bill-b",
        "st-1", "ev-a", "ev-b", "ev-shared"}},
      {Caller::kCustomerA, {"cust-a", "p-active", "bill-a", "ev-a", "ev-shared"}},
      {Caller::kCustomerB, {"cust-b", "p-active", "bill-b", "ev-b", "ev-shared"}},
  };
  for (Caller caller : kAllCallers) {
    SCOPED_TRACE(caller_name(caller));
    Connection connection = shop_.connect(caller);
    Reply reply =
        connection.request(verb::get, "/v1/data/export/production", "", shop_.headers(caller));
    if (!expected.count(caller)) {
      EXPECT_EQ(reply.status, 401) << reply.body;
      continue;
    }
    ASSERT_EQ(reply.status, 200) << reply.body;
    std::set<std::string> ids;
    std::size_t start = 0;
    while (start < reply.body.size()) {
      std::size_t end = reply.body.find('\n', start);
      if (end == std::string::npos) end = reply.body.size();
      if (end > start)
        ids.emplace(json(reply.body.substr(start, end - start)).get("_id").as_string());
      start = end + 1;
    }
    EXPECT_EQ(ids, expected[caller]);
  }
}

// Writes: only admins; customers get 403 (even with returnDocuments or a query-selected
// patch), the rest 401; nothing changes unless the admin wrote it.
TEST_F(AuthMatrix, MutateIsForAdminsOnly) {
  struct WriteCase {
    std::string name;
    std::string target;
    std::string body;
  } cases[] = {
      {"create", "/v1/data/mutate/production",
       R"({"mutations":[{"create":{"_id":"new-doc","_type":"product","active":true}}]})"},
      {"returnDocuments of another's bill", "/v1/data/mutate/production?returnDocuments=true",
       R"({"mutations":[{"patch":{"id":"bill-b","set":{"seen":true}}}]})"},
      {"patch by query", "/v1/data/mutate/production?returnDocuments=true",
       R"({"mutations":[{"patch":{"query":"*[_type == \"bill\"]","set":{"flag":1}}}]})"},
      {"delete by query", "/v1/data/mutate/production",
       R"({"mutations":[{"delete":{"query":"*[_type == \"stockTransaction\"]"}}]})"},
  };
  for (const WriteCase& c : cases) {
    for (Caller caller : kAllCallers) {
      if (caller == Caller::kAdmin) continue;
      SCOPED_TRACE(c.name + " as " + caller_name(caller));
      Connection connection = shop_.connect(caller);
      Reply reply = connection.request(verb::post, c.target, c.body, shop_.headers(caller));
      int expected = caller == Caller::kCustomerA || caller == Caller::kCustomerB ? 403 : 401;
      EXPECT_EQ(reply.status, expected) << reply.body;
      EXPECT_EQ(reply.body.find("bill-b-secret"), std::string::npos);
      EXPECT_EQ(reply.body.find("st-secret"), std::string::npos);
    }
  }
  // Nothing above changed anything.
  store::SnapshotPtr snapshot = shop_.server().store().snapshot();
  EXPECT_EQ(snapshot->get("new-doc"), nullptr);
  EXPECT_TRUE(snapshot->get("bill-b")->get("seen").is_null());
  EXPECT_NE(snapshot->get("st-1"), nullptr);
  // The admin may do all of it.
  Connection admin = shop_.connect(Caller::kAdmin);
  for (const WriteCase& c : cases) {
    Reply reply = admin.request(verb::post, c.target, c.body);
    EXPECT_EQ(reply.status, 200) << c.name << ": " << reply.body;
  }
  EXPECT_EQ(shop_.server().store().snapshot()->get("st-1"), nullptr);
}

TEST_F(AuthMatrix, AccountEndpointsFollowTheirDeclaredAccess) {
  struct EndpointCase {
    verb method;
    std::string target;
    std::string body;
    int admin, customer;  // anonymous, revoked and expired callers always get 401
  } cases[] = {
      {verb::get, "/api/v1/auth/me", "", 200, 200},
      {verb::get, "/api/v1/users", "", 200, 403},
      {verb::post, "/api/v1/users",
       R"({"email":"new@shop.test","name":"New","role":"customer","password":"pw-new"})", 201, 403},
      {verb::get, "/api/v1/tokens", "", 200, 403},
      {verb::post, "/api/v1/tokens", R"({"label":"x"})", 201, 403},
      {verb::post, "/api/v1/tokens/tok-unknown/revoke", "", 404, 403},
      // Last: the admin disables customer B, whose token the rows above use.
      {verb::post, "/api/v1/users/cust-b/disable", "", 200, 403},
  };
  for (const EndpointCase& c : cases) {
    // Customers and the denied first, so the admin's disable comes last.
    for (Caller caller : {Caller::kCustomerA, Caller::kCustomerB, Caller::kAnonymous,
                          Caller::kRevokedToken, Caller::kExpiredSession, Caller::kAdmin}) {
      SCOPED_TRACE(c.target + " as " + caller_name(caller));
      Connection connection = shop_.connect(caller);
      Reply reply = connection.request(c.method, c.target, c.body, shop_.headers(caller));
      int expected = caller == Caller::kAdmin                                       ? c.admin
                     : caller == Caller::kCustomerA || caller == Caller::kCustomerB ? c.customer
                                                                                    : 401;
      EXPECT_EQ(reply.status, expected) << reply.body;
      if (reply.status >= 400) {
        EXPECT_TRUE(json(reply.body).get("error").get("type").is_string()) << reply.body;
      }
    }
  }
}

TEST_F(AuthMatrix, HealthAndLoginArePublicEverythingElseNeedsCredentials) {
  Connection anonymous = shop_.connect(Caller::kAnonymous);
  EXPECT_EQ(anonymous.request(verb::get, "/health").status, 200);
  EXPECT_EQ(anonymous
                .request(verb::post, "/api/v1/auth/login",
                         R"({"email":"a@shop.test","password":"wrong"})")
                .status,
            401);
  Reply listen = anonymous.request(verb::get, "/v1/data/listen/production?query=*");
  EXPECT_EQ(listen.status, 401) << listen.body;
}

// Listen: a customer's stream carries only what the rule admits — also when the filter is
// written to match another customer's bills, and in includeResult/includePreviousRevision.
TEST_F(AuthMatrix, ListenDeliversOnlyReadableChanges) {
  const std::string filter =
      R"(*[_type == "bill" && (customer._ref == "cust-b" || _id == "bill-a" || _id == "bill-moved")])";
  const std::string target = "/v1/data/listen/production?query=" + url_encode(filter) +
                             "&includeResult=true&includePreviousRevision=true";
  auto open = [&](Caller caller) {
    auto connection = std::make_unique<Connection>(shop_.port(), shop_.bearer(caller));
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\n";
    if (caller != Caller::kAnonymous && caller != Caller::kExpiredSession) {
      request += "Authorization: Bearer " +
                 (caller == Caller::kAdmin ? shop_.server().admin_token() : shop_.token(caller)) +
                 "\r\n";
    }
    connection->send_raw(request + "\r\n");
    std::string welcome = connection->read_until("event: welcome");
    EXPECT_NE(welcome.find("event: welcome"), std::string::npos) << welcome;
    return connection;
  };
  auto admin_stream = open(Caller::kAdmin);
  auto a_stream = open(Caller::kCustomerA);
  auto b_stream = open(Caller::kCustomerB);

  Connection admin = shop_.connect(Caller::kAdmin);
  auto commit = [&](const std::string& mutations) {
    Reply reply = admin.request(verb::post, "/v1/data/mutate/production",
                                R"({"mutations":[)" + mutations + "]}");
    ASSERT_EQ(reply.status, 200) << reply.body;
  };
  // B's bill changes; then a bill of B's becomes A's (A must not see its previous version);
  // then A's own bill changes (the marker every stream waits for).
  commit(R"({"patch":{"id":"bill-b","set":{"total":260}}})");
  commit(
      R"({"create":{"_id":"bill-moved","_type":"bill","customer":{"_ref":"cust-b"},"note":"moved-secret-of-b"}})");
  commit(R"({"patch":{"id":"bill-moved","set":{"customer":{"_ref":"cust-a"},"note":"now-a"}}})");
  commit(R"({"patch":{"id":"bill-a","set":{"total":110}}})");
  commit(R"({"patch":{"id":"bill-b","set":{"total":270}}})");  // the last event B and admin see

  std::string a_events = a_stream->read_until("\"total\":110");
  std::string b_events = b_stream->read_until("\"total\":270");
  std::string admin_events = admin_stream->read_until("\"total\":270");

  EXPECT_NE(admin_events.find("bill-b-secret"), std::string::npos);
  EXPECT_NE(admin_events.find("moved-secret-of-b"), std::string::npos);

  EXPECT_NE(a_events.find("\"total\":110"), std::string::npos) << a_events;
  EXPECT_NE(a_events.find("now-a"), std::string::npos) << a_events;
  EXPECT_EQ(a_events.find("bill-b-secret"), std::string::npos) << a_events;
  EXPECT_EQ(a_events.find("moved-secret-of-b"), std::string::npos) << a_events;
  EXPECT_EQ(a_events.find("\"documentId\":\"bill-b\""), std::string::npos) << a_events;

  EXPECT_NE(b_events.find("bill-b-secret"), std::string::npos) << b_events;
  EXPECT_NE(b_events.find("moved-secret-of-b"), std::string::npos) << b_events;
  EXPECT_EQ(b_events.find("now-a"), std::string::npos) << b_events;
  EXPECT_EQ(b_events.find("\"total\":110"), std::string::npos) << b_events;
}

TEST_F(AuthMatrix, ListenFiltersCannotProbeHiddenDocumentsWithSubqueries) {
  // Matches A's bill only while a hidden document (B's bill) has total > 200; the sentinel
  // always matches and ends the wait.
  const std::string filter =
      R"(*[_type == "bill" && (count(*[_id == "bill-b" && total > 200]) > 0 || _id == "bill-sentinel")])";
  Connection stream = shop_.connect(Caller::kCustomerA);
  stream.send_raw("GET /v1/data/listen/production?query=" + url_encode(filter) +
                  " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  shop_.token(Caller::kCustomerA) + "\r\n\r\n");
  ASSERT_NE(stream.read_until("event: welcome").find("event: welcome"), std::string::npos);
  Connection admin = shop_.connect(Caller::kAdmin);
  ASSERT_EQ(admin
                .request(verb::post, "/v1/data/mutate/production",
                         R"({"mutations":[{"patch":{"id":"bill-a","set":{"total":111}}}]})")
                .status,
            200);
  ASSERT_EQ(
      admin
          .request(
              verb::post, "/v1/data/mutate/production",
              R"({"mutations":[{"create":{"_id":"bill-sentinel","_type":"bill","customer":{"_ref":"cust-a"}}}]})")
          .status,
      200);
  // Through the rule the subquery sees no bill-b, so bill-a's change is not delivered.
  std::string events = stream.read_until("bill-sentinel");
  EXPECT_NE(events.find("bill-sentinel"), std::string::npos) << events;
  EXPECT_EQ(events.find("\"documentId\":\"bill-a\""), std::string::npos) << events;
}

TEST_F(AuthMatrix, ListenRefusesEveryoneWithoutValidCredentials) {
  for (Caller caller : kDenied) {
    Connection connection = shop_.connect(caller);
    Reply reply = connection.request(verb::get, "/v1/data/listen/production?query=*", "",
                                     shop_.headers(caller));
    EXPECT_EQ(reply.status, 401) << caller_name(caller) << ": " << reply.body;
  }
}

}  // namespace
}  // namespace ledgerline::http::testing
