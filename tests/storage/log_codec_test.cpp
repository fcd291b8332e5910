// The log record's writes codec: a created document is stored once (the short create form),
// every other write in full, and both forms (and records written before the short one) decode
// to the same mutations, member order included.
#include "storage/log_codec.h"

#include <gtest/gtest.h>

#include "util/json.h"

namespace ledgerline::storage {
namespace {

Value json(std::string_view text) {
  return parse_json(text).value();
}

DocumentWrite write_of(std::string_view next, std::string_view mutations,
                       std::string_view previous = "null") {
  Value next_value = json(next);
  return DocumentWrite{std::string(next_value.get("_id").as_string()),
                       "",
                       std::string(next_value.get("_rev").as_string()),
                       json(previous),
                       next_value,
                       json(mutations)};
}

std::string encoded(const DocumentWrite& write) {
  std::string out;
  encode_writes({write}, std::vector<std::string>{}, out);
  return out;
}

// Encodes, decodes, and checks the mutations come back byte for byte.
void expect_round_trip(const DocumentWrite& write) {
  auto decoded = decode_writes(encoded(write));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  ASSERT_EQ(decoded->size(), 1u);
  EXPECT_EQ((*decoded)[0].mutations.to_json(), write.mutations.to_json());
  EXPECT_EQ((*decoded)[0].next.to_json(), write.next.to_json());
}

const char* kNext =
    R"({"_id":"b1","_type":"bill","_createdAt":"2026-01-01T00:00:00Z","_updatedAt":"2026-01-02T00:00:00Z","_rev":"tx1","total":5,"lines":[{"q":1}]})";

// A create of `next`'s members named by `keys`, in that order (sharing their values).
Value create_of(const Value& next, std::initializer_list<std::string_view> keys) {
  std::vector<Member> body;
  for (std::string_view key : keys) {
    const Value* value = next.find(key);
    body.push_back({Key::intern(key), value != nullptr ? *value : Value::string("extra")});
  }
  return Value::array({Value::object({{Key::intern("create"), Value::object(std::move(body))}})});
}

TEST(LogCodec, ACreatedDocumentIsNotStoredTwice) {
  DocumentWrite write = write_of(kNext, "[]");
  // The body the store logs for a create: the document as given, system fields not stamped.
  write.mutations = create_of(write.next, {"_id", "_type", "_createdAt", "total", "lines"});
  std::string out = encoded(write);
  EXPECT_NE(out.find(R"("mutations":{"fromNext":"create","without":["_updatedAt","_rev"]})"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("\"lines\""), out.rfind("\"lines\"")) << "the document appears once: " << out;
  expect_round_trip(write);
}

TEST(LogCodec, BodiesThatAreNotTheDocumentAreStoredInFull) {
  DocumentWrite write = write_of(kNext, "[]");
  // Another member order, an extra member, a missing member that is not a system field.
  for (Value mutations : {create_of(write.next, {"_type", "_id", "total", "lines"}),
                          create_of(write.next, {"_id", "_type", "total", "lines", "note"}),
                          create_of(write.next, {"_id", "_type", "lines"}),
                          json(R"([{"patch":{"id":"b1","set":{"total":5}}}])")}) {
    write.mutations = mutations;
    std::string out = encoded(write);
    EXPECT_EQ(out.find("fromNext"), std::string::npos) << out;
    expect_round_trip(write);
  }
  // Two mutations: the first alone would match.
  Value first = create_of(write.next, {"_id", "_type", "total", "lines"}).as_array()[0];
  write.mutations = Value::array({first, json(R"({"patch":{"id":"b1","set":{}}})")});
  EXPECT_EQ(encoded(write).find("fromNext"), std::string::npos);
  expect_round_trip(write);
}

TEST(LogCodec, EqualButDifferentlyOrderedNestedValuesAreStoredInFull) {
  // Equal as JSON, but the body's nested object lists its members in another order, so only
  // the full form keeps its bytes.
  DocumentWrite write = write_of(R"({"_id":"a","_type":"t","_rev":"r","o":{"x":1,"y":2}})", "[]");
  std::vector<Member> body{{Key::intern("_id"), write.next.get("_id")},
                           {Key::intern("_type"), write.next.get("_type")},
                           {Key::intern("o"), json(R"({"y":2,"x":1})")}};
  write.mutations =
      Value::array({Value::object({{Key::intern("create"), Value::object(std::move(body))}})});
  EXPECT_EQ(encoded(write).find("fromNext"), std::string::npos);
  expect_round_trip(write);
}

TEST(LogCodec, RecordsWrittenBeforeTheShortFormStillDecode) {
  auto decoded = decode_writes(
      R"([{"id":"a","previousRev":"","nextRev":"r","previous":null,"next":{"_id":"a","_type":"t","_rev":"r"},"mutations":[{"create":{"_id":"a","_type":"t"}}]},)"
      R"({"id":"a","previousRev":"r","nextRev":"","previous":{"_id":"a","_type":"t","_rev":"r"},"next":null,"mutations":[{"delete":{"id":"a"}}]}])");
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded->size(), 2u);
  EXPECT_EQ((*decoded)[0].mutations.to_json(), R"([{"create":{"_id":"a","_type":"t"}}])");
  EXPECT_EQ((*decoded)[1].mutations.to_json(), R"([{"delete":{"id":"a"}}])");
}

TEST(LogCodec, ACorruptShortFormIsAnError) {
  auto decoded = decode_writes(
      R"([{"id":"a","previousRev":"","nextRev":"","previous":null,"next":null,"mutations":{"fromNext":"create","without":[]}}])");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace ledgerline::storage
