#include "http/errors.h"

#include <gtest/gtest.h>

#include "http/api/mutate.h"
#include "util/json.h"

namespace ledgerline::http {
namespace {

Value body_of(const Response& response) {
  auto parsed = parse_json(response.body);
  EXPECT_TRUE(parsed.ok()) << response.body;
  return parsed.ok() ? *parsed : Value();
}

TEST(ErrorMapping, EachCodeHasItsStatus) {
  EXPECT_EQ(status_for(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(status_for(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(status_for(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(status_for(ErrorCode::kNotFound), 404);
  EXPECT_EQ(status_for(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(status_for(ErrorCode::kConflict), 409);
  EXPECT_EQ(status_for(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(status_for(ErrorCode::kTooManyRequests), 429);
  EXPECT_EQ(status_for(ErrorCode::kHeadersTooLarge), 431);
  EXPECT_EQ(status_for(ErrorCode::kTimeout), 400);  // never a retryable 5xx
  EXPECT_EQ(status_for(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(status_for(ErrorCode::kInternal), 500);
}

TEST(ErrorResponse, MergesDetailsIntoTheStructuredShape) {
  Error error{ErrorCode::kInvalidArgument, "queryParseError", "unexpected token",
              *parse_json(R"({"query":"*[BAD","start":2,"end":5})")};
  Response response = error_response(error);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json");
  Value body = body_of(response);
  const Value& inner = body.get("error");
  EXPECT_EQ(inner.get("type").as_string(), "queryParseError");
  EXPECT_EQ(inner.get("description").as_string(), "unexpected token");
  EXPECT_EQ(inner.get("query").as_string(), "*[BAD");
  EXPECT_EQ(inner.get("start").as_number(), 2);
  EXPECT_EQ(inner.get("end").as_number(), 5);
}

TEST(ErrorResponse, DatasetNotFoundUsesTheSimpleShape) {
  Response response = dataset_not_found("x");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body,
            R"({"error":"Not Found","message":"Dataset \"x\" not found","statusCode":404})");
}

TEST(ErrorResponse, SimpleShapeTakesStatusAndReasonFromTheCode) {
  Response response = simple_error(ErrorCode::kTooManyRequests, "too many listeners");
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.body,
            R"({"error":"Too Many Requests","message":"too many listeners","statusCode":429})");
}

TEST(MutationError, WrapsPlainConflictsWithItems) {
  Error wrapped = api::as_mutation_error(
      Error::conflict("Document \"a\" already exists", "documentAlreadyExistsError"));
  EXPECT_EQ(wrapped.type, "mutationError");
  EXPECT_EQ(status_for(wrapped.code), 409);
  Value body = body_of(error_response(wrapped));
  const Value& item = body.get("error").get("items").as_array()[0];
  EXPECT_EQ(item.get("error").get("type").as_string(), "documentAlreadyExistsError");
  EXPECT_NE(body.get("error").get("description").as_string().find("already exists"),
            std::string_view::npos);
}

TEST(MutationError, KeepsErrorsThatAreAlreadyMutationErrors) {
  Error original = Error::conflict("The mutation(s) failed: x", "mutationError");
  EXPECT_EQ(api::as_mutation_error(original).message, original.message);
}

TEST(MutationError, LeavesUnavailableAlone) {
  Error original = Error::unavailable("store closing");
  Error kept = api::as_mutation_error(original);
  EXPECT_EQ(kept.type, "unavailable");
  EXPECT_EQ(status_for(kept.code), 503);
}

}  // namespace
}  // namespace ledgerline::http
