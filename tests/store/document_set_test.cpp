#include "store/document_set.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "util/json.h"

namespace ledgerline::store {
namespace {

Value doc(std::string_view json) {
  return parse_json(json).value();
}

std::vector<std::string> ids_of(
    const std::function<void(const std::function<bool(const Value&)>&)>& scan) {
  std::vector<std::string> ids;
  scan([&](const Value& d) {
    ids.emplace_back(d.get("_id").as_string());
    return true;
  });
  return ids;
}

// What the indexes must answer, computed by a full scan.
std::vector<std::string> scan_type(const DocumentSet& set, std::string_view type) {
  return ids_of([&](auto visit) {
    set.for_each([&](const Value& d) { return d.get("_type").as_string() != type || visit(d); });
  });
}
std::vector<std::string> scan_referencing(const DocumentSet& set, std::string_view id) {
  return ids_of([&](auto visit) {
    set.for_each([&](const Value& d) {
      for (const Value& ref : collect_references(d)) {
        if (ref.as_string() == id) return visit(d);
      }
      return true;
    });
  });
}

TEST(DocumentSet, CollectReferencesFindsNestedRefsOnce) {
  Value d =
      doc(R"({"_id":"a","c":{"_ref":"u1"},"items":[{"p":{"_ref":"p2"}},{"p":{"_ref":"u1"}}]})");
  std::vector<Value> refs = collect_references(d);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].as_string(), "p2");
  EXPECT_EQ(refs[1].as_string(), "u1");
}

// Ids and types both short (kept inline in index keys) and long (shared strings).
std::string test_id(unsigned n) {
  return n % 2 ? fmt::format("d{}", n) : fmt::format("a-document-id-too-long-to-keep-inline-{}", n);
}

// A document of `type` with 0-3 references to random ids among the first `ids`.
std::string random_document(std::mt19937& random, const std::string& id, std::string_view type,
                            unsigned ids) {
  std::string json = fmt::format(R"({{"_id":"{}","_type":"{}","refs":[)", id, type);
  int refs = static_cast<int>(random() % 4);
  for (int r = 0; r < refs; ++r) {
    json += fmt::format(R"({}{{"_ref":"{}"}})", r ? "," : "", test_id(random() % ids));
  }
  return json + "]}";
}

TEST(DocumentSet, IndexesMatchFullScanAfterRandomMutations) {
  std::mt19937 random(11);
  const char* types[] = {"bill", "product", "aTypeNameLongerThanThirtyOneCharacters"};
  DocumentSet set;
  std::map<std::string, Value> expected;
  std::vector<DocumentSet> versions;
  std::vector<std::map<std::string, Value>> expected_versions;
  for (int step = 0; step < 4000; ++step) {
    std::string id = test_id(random() % 400);
    if (random() % 4 == 0) {
      set.remove(id);
      expected.erase(id);
    } else {
      std::string json = random_document(random, id, types[random() % 3], 400);
      set.put(doc(json));
      expected[id] = doc(json);
    }
    if (step % 500 == 0) {
      versions.push_back(set);
      expected_versions.push_back(expected);
    }
  }
  ASSERT_EQ(set.size(), expected.size());
  std::vector<std::string> all = ids_of([&](auto visit) { set.for_each(visit); });
  std::vector<std::string> expected_ids;
  for (const auto& [id, d] : expected) expected_ids.push_back(id);
  EXPECT_EQ(all, expected_ids);
  for (const char* type : types) {
    EXPECT_EQ(ids_of([&](auto visit) { set.for_each_of_type(type, visit); }), scan_type(set, type));
  }
  for (int i = 0; i < 400; ++i) {
    std::string id = test_id(static_cast<unsigned>(i));
    EXPECT_EQ(ids_of([&](auto visit) { set.for_each_referencing(id, visit); }),
              scan_referencing(set, id))
        << id;
  }
  // Older versions still show exactly what they showed.
  for (std::size_t v = 0; v < versions.size(); ++v) {
    ASSERT_EQ(versions[v].size(), expected_versions[v].size());
    for (const auto& [id, d] : expected_versions[v]) {
      ASSERT_NE(versions[v].get(id), nullptr);
      EXPECT_EQ(*versions[v].get(id), d);
    }
    for (const char* type : types) {
      EXPECT_EQ(ids_of([&](auto visit) { versions[v].for_each_of_type(type, visit); }),
                scan_type(versions[v], type));
    }
  }
}

// A set that defers its reference index (the commit pipeline's working state) records each
// change; applying them to the index it started from gives the index direct upkeep gives.
// Meanwhile it answers reference lookups from its source, asked again after each change.
TEST(DocumentSet, DeferredReferencesAppliedLaterMatchDirectUpkeep) {
  std::mt19937 random(5);
  DocumentSet direct;
  for (unsigned i = 0; i < 100; ++i) {
    direct.put(doc(fmt::format(R"({{"_id":"{}","_type":"t","r":{{"_ref":"{}"}}}})", test_id(i),
                               test_id(i % 7))));
  }
  DocumentSet base = direct;
  std::vector<ReferenceChange> changes;
  DocumentSet deferred = direct;
  int asked = 0;
  deferred.defer_references(&changes, [&] {
    ++asked;
    DocumentSet::ReferenceIndex index = base.references();
    DocumentSet::apply_reference_changes(index, changes);
    return index;
  });
  auto expect_same_references = [&](unsigned id_count) {
    for (unsigned i = 0; i < id_count; ++i) {
      std::string id = test_id(i);
      EXPECT_EQ(ids_of([&](auto visit) { deferred.for_each_referencing(id, visit); }),
                ids_of([&](auto visit) { direct.for_each_referencing(id, visit); }))
          << id;
    }
  };
  for (int step = 0; step < 2000; ++step) {
    if (step == 1000) {
      expect_same_references(150);
      EXPECT_EQ(asked, 1) << "kept until the next change";
    }
    std::string id = test_id(random() % 150);
    if (random() % 4 == 0) {
      direct.remove(id);
      deferred.remove(id);
    } else {
      std::string json = random_document(random, id, "t", 150);
      direct.put(doc(json));
      deferred.put(doc(json));
    }
  }
  EXPECT_TRUE(deferred.references().empty());
  expect_same_references(150);
  EXPECT_EQ(asked, 2) << "asked again after the changes";
  DocumentSet::ReferenceIndex index = base.references();
  DocumentSet::apply_reference_changes(index, changes);
  DocumentSet caught_up = deferred.with_references(index);
  for (unsigned i = 0; i < 150; ++i) {
    std::string id = test_id(i);
    std::vector<std::string> expected =
        ids_of([&](auto visit) { direct.for_each_referencing(id, visit); });
    EXPECT_EQ(expected, scan_referencing(direct, id)) << id;
    EXPECT_EQ(ids_of([&](auto visit) { deferred.for_each_referencing(id, visit); }), expected)
        << id;
    EXPECT_EQ(ids_of([&](auto visit) { caught_up.for_each_referencing(id, visit); }), expected)
        << id;
  }
  // The index it started from is unchanged (other versions share its nodes).
  EXPECT_EQ(ids_of([&](auto visit) { base.for_each_referencing(test_id(3), visit); }),
            scan_referencing(base, test_id(3)));
  // The caught-up copy defers no longer: its own changes go to its index.
  std::size_t recorded = changes.size();
  caught_up.put(doc(R"({"_id":"new","_type":"t","r":{"_ref":"d1"}})"));
  EXPECT_EQ(changes.size(), recorded);
  EXPECT_EQ(ids_of([&](auto visit) { caught_up.for_each_referencing("d1", visit); }),
            scan_referencing(caught_up, "d1"));
}

TEST(DocumentSet, BuildGivesTheSameAnswersAsIncrementalPuts) {
  std::vector<Value> documents;
  DocumentSet incremental;
  for (int i = 0; i < 3000; ++i) {
    std::string json = fmt::format(R"({{"_id":"x{}","_type":"t{}","r":{{"_ref":"x{}"}}}})",
                                   (i * 7919) % 3000, i % 5, i % 17);
    documents.push_back(doc(json));
    incremental.put(doc(json));
  }
  DocumentSet built = DocumentSet::build(documents);
  EXPECT_EQ(built.size(), incremental.size());
  EXPECT_EQ(ids_of([&](auto v) { built.for_each(v); }),
            ids_of([&](auto v) { incremental.for_each(v); }));
  EXPECT_EQ(ids_of([&](auto v) { built.for_each_of_type("t3", v); }),
            ids_of([&](auto v) { incremental.for_each_of_type("t3", v); }));
  EXPECT_EQ(ids_of([&](auto v) { built.for_each_referencing("x5", v); }),
            ids_of([&](auto v) { incremental.for_each_referencing("x5", v); }));
  EXPECT_EQ(ids_of([&](auto v) { built.for_each_referencing("x5", v); }).size(), 3000u / 17 + 1);
}

TEST(DocumentSet, TypeChangeMovesTheDocumentBetweenTypeIndexes) {
  DocumentSet set;
  set.put(doc(R"({"_id":"a","_type":"draft"})"));
  set.put(doc(R"({"_id":"a","_type":"final"})"));
  EXPECT_TRUE(ids_of([&](auto v) { set.for_each_of_type("draft", v); }).empty());
  EXPECT_EQ(ids_of([&](auto v) { set.for_each_of_type("final", v); }),
            std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace ledgerline::store
