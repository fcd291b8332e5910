// The GROQ API beyond single queries: error details, evaluation limits, make_filter, dataset
// indexes against plain scans, the NDJSON loader, and concurrent evaluation.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "groq/groq.h"
#include "groq/ndjson.h"
#include "print_value.h"
#include "support/json.h"

namespace ledgerline {
namespace groq {
namespace {

using test_support::json;

std::vector<Value> docs(std::initializer_list<std::string_view> lines) {
  std::vector<Value> out;
  for (auto l : lines) out.push_back(json(l));
  return out;
}

// `count` documents with ids d0, d1, ...
std::shared_ptr<Dataset> numbered(int count) {
  std::vector<Value> out;
  for (int i = 0; i < count; ++i) out.push_back(json(R"({"_id":"d)" + std::to_string(i) + "\"}"));
  return make_vector_dataset(std::move(out));
}

Result<Value> run(std::string_view query, const Dataset& dataset, EvalOptions options = {}) {
  auto q = parse(query);
  if (!q.ok()) return q.error();
  return evaluate(**q, dataset, options);
}

// A dataset with only the required methods: index lookups fall back to the default scans.
class ScanOnlyDataset : public Dataset {
 public:
  explicit ScanOnlyDataset(std::vector<Value> docs) : docs_(std::move(docs)) {}
  void for_each(const std::function<bool(const Value&)>& visit) const override {
    for (const Value& d : docs_)
      if (!visit(d)) return;
  }
  const Value* get(std::string_view id) const override {
    for (const Value& d : docs_)
      if (d.get("_id").as_string() == id) return &d;
    return nullptr;
  }
  std::size_t size() const override { return docs_.size(); }

 private:
  std::vector<Value> docs_;
};

TEST(GroqParse, ErrorHasPositionAndQuery) {
  auto q = parse("*[_type == ]");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.error().type, "queryParseError");
  EXPECT_EQ(q.error().details.get("start").as_number(), 11);
  EXPECT_EQ(q.error().details.get("end").as_number(), 12);
  EXPECT_EQ(q.error().details.get("query").as_string(), "*[_type == ]");
}

TEST(GroqParse, ErrorPositionsCountCharactersNotBytes) {
  auto q = parse("\"é\" +");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().details.get("start").as_number(), 5);
}

TEST(GroqEvaluate, MissingParameterNamesIt) {
  auto dataset = make_vector_dataset({});
  auto r = run("*[_id == $id]", *dataset);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("$id"), std::string::npos);
  EXPECT_EQ(r.error().details.get("start").as_number(), 9);
}

TEST(GroqEvaluate, CostLimitStopsBlowUp) {
  auto dataset = numbered(200);
  EvalOptions options;
  options.max_cost = 100000;
  // 200^3 combinations (each level depends on its parent): far beyond the limit.
  auto r = run("*{\"a\": *[_id != ^._id]{\"b\": *[_id != ^._id]._id}}", *dataset, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().type, "queryError");
}

TEST(GroqEvaluate, DeadlineTimesOut) {
  auto dataset = numbered(300);
  EvalOptions options;
  options.deadline = std::chrono::steady_clock::now();
  auto r = run("*{\"a\": *[_id != ^._id]{\"b\": *[_id != ^._id]._id}}", *dataset, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
  EXPECT_EQ(r.error().type, "queryError");
}

TEST(GroqEvaluate, NestedSubqueriesAreComputedOnce) {
  auto dataset = numbered(2000);
  EvalOptions options;
  options.max_cost = 200000;  // a nested-loop evaluation would need ~2000^3 steps
  auto r = run("count(*[_id in *[_id in *[_id > \"d1\"]._id]._id])", *dataset, options);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->as_number(), 1998);  // all but "d0" and "d1"
}

TEST(GroqEvaluate, QueryIsSharedAcrossThreads) {
  auto dataset = make_vector_dataset(
      docs({R"({"_id":"a","_type":"t","n":1})", R"({"_id":"b","_type":"t","n":2})"}));
  auto q = parse(
      "{\"sum\": math::sum(*[_type == $t].n), \"now\": dateTime::now() > "
      "dateTime(\"2000-01-01T00:00:00Z\")}");
  ASSERT_TRUE(q.ok());
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      EvalOptions options;
      options.params = json(R"({"t":"t"})");
      for (int i = 0; i < 500; ++i) {
        auto r = evaluate(**q, *dataset, options);
        if (r.ok() && r->get("sum").as_number() == 3 && r->get("now").as_bool()) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 2000);
}

TEST(GroqDataset, IndexesAgreeWithScans) {
  auto rows = docs({
      R"({"_id":"b1","_type":"bill","customer":{"_ref":"u1"},"status":"paid","total":5})",
      R"({"_id":"b2","_type":"bill","customer":{"_ref":"u2"},"status":"open","total":7})",
      R"({"_id":"b3","_type":"bill","customer":{"_ref":"u1"},"items":[{"p":{"_ref":"p1"}}]})",
      R"({"_id":"p1","_type":"product","name":"Widget"})",
      R"({"_id":"u1","_type":"user","_ref":"x","name":"Ann"})",
      R"({"_id":"u2","_type":"user","name":"Bob"})",
  });
  auto indexed = make_vector_dataset(rows);
  ScanOnlyDataset scanned(rows);
  const char* queries[] = {
      R"(*[_type == "bill" && customer._ref == "u1"]._id)",
      R"(*[references("u1")]._id)",
      R"(*[references(["p1", "u2"])]._id)",
      R"(*[_id in ["u2", "b1", "nope"]]._id)",
      R"(*[_type in ["user", "product"]]._id)",
      R"(*[_type == "bill" && status != "paid"]._id)",
      R"(*[_type == "bill"] | order(total desc)[0]._id)",
      R"(*[_type == "bill"]{"who": customer->name})",
      R"(*[_ref == "x"]._id)",
      R"(count(*[_type == "bill" && !defined(status)]))",
  };
  for (const char* q : queries) {
    auto a = run(q, *indexed), b = run(q, scanned);
    ASSERT_TRUE(a.ok() && b.ok()) << q;
    EXPECT_EQ(*a, *b) << q;
  }
}

TEST(GroqDataset, DocumentsAreServedInIdOrder) {
  auto dataset = make_vector_dataset(
      docs({R"({"_id":"c","_type":"t"})", R"({"_id":"a","_type":"t"})", R"({"_id":"b"})"}));
  auto r = run("[*._id, *[_type == \"t\"]._id]", *dataset);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, json(R"([["a","b","c"],["a","c"]])"));
  ASSERT_NE(dataset->get("b"), nullptr);
  EXPECT_EQ(dataset->get("zz"), nullptr);
}

TEST(GroqFilter, MatchesDocumentsAndDerivesConstraints) {
  auto q = parse(
      R"(*[_type == "bill" && status == $s && customer._ref == "u1"] | order(_id)[0...5]{_id})");
  ASSERT_TRUE(q.ok());
  auto filter = make_filter(*q, json(R"({"s":"paid"})"));
  ASSERT_TRUE(filter.ok()) << filter.error().message;
  auto dataset = make_vector_dataset({});
  EvalOptions options;
  auto yes = (*filter)->matches(
      json(R"({"_id":"b","_type":"bill","status":"paid","customer":{"_ref":"u1"}})"), *dataset,
      options);
  auto no = (*filter)->matches(
      json(R"({"_id":"b","_type":"bill","status":"open","customer":{"_ref":"u1"}})"), *dataset,
      options);
  ASSERT_TRUE(yes.ok() && no.ok());
  EXPECT_TRUE(*yes);
  EXPECT_FALSE(*no);
  EXPECT_EQ((*filter)->required_types(), std::vector<std::string>{"bill"});
  EXPECT_EQ((*filter)->required_ids(), std::nullopt);
}

TEST(GroqFilter, ConstraintsFromIdsAndAlternatives) {
  auto q = parse(R"(*[(_type == "a" || _type in ["b", "c"]) && _id in $ids])");
  ASSERT_TRUE(q.ok());
  auto filter = make_filter(*q, json(R"({"ids":["x","y"]})"));
  ASSERT_TRUE(filter.ok());
  EXPECT_EQ((*filter)->required_types(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*filter)->required_ids(), (std::vector<std::string>{"x", "y"}));
}

TEST(GroqFilter, RejectsQueriesThatAreNotFilters) {
  for (const char* text : {"count(*)", "*", "*{_id}[_type == \"a\"]"}) {
    auto q = parse(text);
    ASSERT_TRUE(q.ok());
    auto filter = make_filter(*q, Value::empty_object());
    EXPECT_FALSE(filter.ok()) << text;
  }
}

TEST(GroqFilter, MissingParameterIsAnError) {
  auto q = parse("*[_id == $id]");
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(make_filter(*q, Value::empty_object()).ok());
}

class NdjsonFile : public testing::Test {
 protected:
  void write(const std::string& text) { std::ofstream(path_) << text; }
  void TearDown() override { std::remove(path_.c_str()); }
  // ctest runs each test in its own process, in parallel: the file name must be unique to this one.
  std::string path_ = testing::TempDir() + "groq_ndjson_" + std::to_string(::getpid()) + "_" +
                      testing::UnitTest::GetInstance()->current_test_info()->name() + ".ndjson";
};

TEST_F(NdjsonFile, LoadsDocumentsAndSharesRepeatedValues) {
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += R"({"_id":"d)" + std::to_string(i) +
            R"(","_type":"stockTransaction","ref":{"_type":"reference","_ref":"product-000042"}})" +
            "\n";
  text += "\n";  // blank lines are ignored
  write(text);
  auto loaded = load_ndjson(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 3000u);
  EXPECT_EQ((*loaded)[5].get("_id").as_string(), "d5");
  EXPECT_TRUE((*loaded)[1].get("_type").same_node((*loaded)[2].get("_type")));
  EXPECT_TRUE((*loaded)[1].get("ref").same_node((*loaded)[2].get("ref")));
}

TEST_F(NdjsonFile, ReportsTheBadLine) {
  write("{\"_id\":\"a\"}\n{\"_id\":\n{\"_id\":\"c\"}\n");
  auto loaded = load_ndjson(path_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("line 2"), std::string::npos) << loaded.error().message;
}

TEST_F(NdjsonFile, SplitsLargeFilesAcrossThreadsInOrder) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += R"({"_id":")" + std::to_string(1000000 + i) + "\"}\n";
  write(text);
  auto loaded = load_ndjson(path_, 3);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 100000u);
  for (int i = 0; i < 100000; i += 9973)
    EXPECT_EQ((*loaded)[i].get("_id").as_string(), std::to_string(1000000 + i));
}

}  // namespace
}  // namespace groq
}  // namespace ledgerline
