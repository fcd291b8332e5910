#include "http/router.h"

#include <gtest/gtest.h>

#include "util/json.h"

namespace ledgerline::http {
namespace {

Request make_request(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

// Dispatches synchronously and returns the answer.
Response route(const Router& router, std::string method, std::string path) {
  Response answer;
  answer.status = -1;
  router.dispatch(make_request(std::move(method), std::move(path)),
                  [&](Response response) { answer = std::move(response); });
  return answer;
}

Router sample_router() {
  Router router;
  router.add(
      "GET", "/v*/data/doc/:dataset/:ids", Access::kPublic, [](Request request, Respond respond) {
        respond(Response::json(
            200, std::string(request.param("dataset")) + "|" + std::string(request.param("ids"))));
      });
  router.add("POST", "/v*/data/mutate/:dataset", Access::kPublic,
             [](Request, Respond respond) { respond(Response::json(200, "mutate")); });
  router.add("GET", "/health", Access::kPublic,
             [](Request, Respond respond) { respond(Response::json(200, "ok")); });
  return router;
}

TEST(Router, MatchesAnyVersionPrefixAndDecodesCaptures) {
  Router router = sample_router();
  for (const char* version : {"v1", "v2021-03-25", "vX", "v2025-02-19"}) {
    Response r = route(router, "GET", std::string("/") + version + "/data/doc/production/a%2Cb");
    EXPECT_EQ(r.status, 200) << version;
    EXPECT_EQ(r.body, "production|a,b");
  }
}

TEST(Router, BareVSegmentIsNotAVersion) {
  Router router = sample_router();
  EXPECT_EQ(route(router, "GET", "/v/data/doc/production/a").status, 404);
  EXPECT_EQ(route(router, "GET", "/x1/data/doc/production/a").status, 404);
}

TEST(Router, UnknownRouteIs404Json) {
  Response r = route(sample_router(), "GET", "/nope");
  EXPECT_EQ(r.status, 404);
  auto body = parse_json(r.body);
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(body->get("error").get("description").is_string());
  EXPECT_EQ(r.content_type, "application/json");
}

TEST(Router, WrongMethodIs405WithAllowHeader) {
  Response r = route(sample_router(), "GET", "/v1/data/mutate/production");
  EXPECT_EQ(r.status, 405);
  ASSERT_FALSE(r.headers.empty());
  EXPECT_EQ(r.headers[0].name, "allow");
  EXPECT_EQ(r.headers[0].value, "POST");
  auto body = parse_json(r.body);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->get("error").get("type").as_string(), "methodNotAllowed");
}

TEST(Router, MalformedEscapeInCaptureIs400) {
  EXPECT_EQ(route(sample_router(), "GET", "/v1/data/doc/production/a%zz").status, 400);
}

TEST(Router, FallbackTakesUnmatchedPaths) {
  Router router = sample_router();
  router.set_fallback([](Request request, Respond respond) {
    respond(Response::json(200, "fallback " + request.path));
  });
  EXPECT_EQ(route(router, "GET", "/admin/dashboard").body, "fallback /admin/dashboard");
  EXPECT_EQ(route(router, "GET", "/health").body, "ok");
}

}  // namespace
}  // namespace ledgerline::http
