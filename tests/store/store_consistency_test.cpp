// Random mutation sequences through the Store: the incrementally maintained indexes always
// answer like a full scan, and reopening (bulk build from storage) gives the same state.
#include <fmt/format.h>

#include <random>

#include "store_fixture.h"

namespace ledgerline::store {
namespace {

using Consistency = StoreTest;

std::vector<std::string> ids(
    const std::function<void(const std::function<bool(const Value&)>&)>& scan) {
  std::vector<std::string> out;
  scan([&](const Value& d) {
    out.emplace_back(d.get("_id").as_string());
    return true;
  });
  return out;
}

void expect_indexes_match_scan(const Snapshot& snapshot) {
  for (const char* type : {"bill", "product", "user"}) {
    std::vector<std::string> scanned = ids([&](auto visit) {
      snapshot.for_each(
          [&](const Value& d) { return d.get("_type").as_string() != type || visit(d); });
    });
    EXPECT_EQ(ids([&](auto visit) { snapshot.for_each_of_type(type, visit); }), scanned) << type;
  }
  for (int target = 0; target < 30; ++target) {
    std::string id = fmt::format("d{}", target);
    std::vector<std::string> scanned = ids([&](auto visit) {
      snapshot.for_each([&](const Value& d) {
        for (const Value& ref : d.get("refs").as_array()) {
          if (ref.get("_ref").as_string() == id) return visit(d);
        }
        return true;
      });
    });
    EXPECT_EQ(ids([&](auto visit) { snapshot.for_each_referencing(id, visit); }), scanned) << id;
  }
}

std::string all_documents(const Snapshot& snapshot) {
  std::string out;
  snapshot.for_each([&](const Value& d) {
    out += d.to_json();
    out += '\n';
    return true;
  });
  return out;
}

TEST_F(Consistency, IndexesMatchFullScanAfterRandomTransactionsAndReopen) {
  std::mt19937 random(3);
  const char* types[] = {"bill", "product", "user"};
  auto random_document = [&](const std::string& id) {
    std::string refs;
    for (unsigned r = 0, n = random() % 3; r < n; ++r) {
      refs += fmt::format(R"({}{{"_ref":"d{}"}})", r ? "," : "", random() % 30);
    }
    return fmt::format(R"({{"_id":"{}","_type":"{}","refs":[{}]}})", id, types[random() % 3], refs);
  };
  for (int step = 0; step < 300; ++step) {
    std::string mutations = "[";
    for (unsigned m = 0, n = 1 + random() % 3; m < n; ++m) {
      std::string id = fmt::format("d{}", random() % 30);
      if (m) mutations += ",";
      switch (random() % 4) {
        case 0:
          mutations += fmt::format(R"({{"delete":{{"id":"{}"}}}})", id);
          break;
        case 1:
          mutations += fmt::format(R"({{"createIfNotExists":{}}})", random_document(id));
          break;
        default:
          mutations += fmt::format(R"({{"createOrReplace":{}}})", random_document(id));
          break;
      }
    }
    mutations += "]";
    commit_ok(mutations);
    if (step % 50 == 0) expect_indexes_match_scan(*store_->snapshot());
  }
  SnapshotPtr before = store_->snapshot();
  expect_indexes_match_scan(*before);
  std::string contents = all_documents(*before);
  std::uint64_t position = before->position();
  before.reset();
  reopen();
  EXPECT_EQ(all_documents(*store_->snapshot()), contents);
  EXPECT_EQ(store_->snapshot()->position(), position);
  expect_indexes_match_scan(*store_->snapshot());
}

}  // namespace
}  // namespace ledgerline::store
