// Every mutation kind and its error cases, through a real Store.
#include <algorithm>
#include <future>
#include <mutex>

#include "groq/groq.h"
#include "store_fixture.h"

namespace ledgerline::store {
namespace {

using Mutations = StoreTest;

TEST_F(Mutations, CreateAssignsSystemFieldsAndOverwritesClientValues) {
  auto result = commit_ok(
      R"([{"create":{"_id":"a","_type":"post","title":"hi","_rev":"fake","_createdAt":"1999","_updatedAt":"1999"}}])");
  ASSERT_EQ(result.results.size(), 1u);
  EXPECT_EQ(result.results[0].id, "a");
  EXPECT_EQ(result.results[0].operation, "create");
  Value a = get("a");
  EXPECT_EQ(a.get("title").as_string(), "hi");
  EXPECT_EQ(a.get("_rev").as_string(), result.transaction_id);
  EXPECT_NE(a.get("_createdAt").as_string(), "1999");
  EXPECT_EQ(a.get("_createdAt"), a.get("_updatedAt"));
  EXPECT_EQ(result.results[0].document, a);
  ASSERT_TRUE(result.transaction);
  EXPECT_EQ(result.transaction->position, 1u);
}

TEST_F(Mutations, CreateWithoutIdGeneratesOneAndDotSuffixIsAPrefix) {
  auto result =
      commit_ok(R"([{"create":{"_type":"post"}},{"create":{"_id":"drafts.","_type":"post"}}])");
  ASSERT_EQ(result.results.size(), 2u);
  EXPECT_GE(result.results[0].id.size(), 16u);
  EXPECT_EQ(result.results[1].id.rfind("drafts.", 0), 0u);
  EXPECT_GT(result.results[1].id.size(), 7u);
  EXPECT_FALSE(get(result.results[0].id).is_null());
  EXPECT_FALSE(get(result.results[1].id).is_null());
}

TEST_F(Mutations, CreateOnExistingIdIsDocumentAlreadyExistsConflict) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post"}}])");
  auto result =
      commit(R"([{"create":{"_id":"b","_type":"post"}},{"create":{"_id":"a","_type":"post"}}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(result.error().type, "mutationError");
  EXPECT_EQ(result.error().message.rfind("The mutation(s) failed: ", 0), 0u);
  const Value& item = result.error().details.get("items").as_array()[0];
  EXPECT_EQ(item.get("index").as_number(), 1);
  EXPECT_EQ(item.get("error").get("type").as_string(), "documentAlreadyExistsError");
  EXPECT_EQ(item.get("error").get("id").as_string(), "a");
  EXPECT_TRUE(get("b").is_null()) << "all or nothing";
}

TEST_F(Mutations, CreateOrReplaceReplacesAndKeepsCreatedAt) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","old":true}}])");
  Value before = get("a");
  auto result = commit_ok(R"([{"createOrReplace":{"_id":"a","_type":"post","new":true}}])");
  EXPECT_EQ(result.results[0].operation, "update");
  Value after = get("a");
  EXPECT_TRUE(after.find("old") == nullptr);
  EXPECT_TRUE(after.get("new").as_bool());
  EXPECT_EQ(after.get("_createdAt"), before.get("_createdAt"));
  EXPECT_NE(after.get("_rev"), before.get("_rev"));
  auto created = commit_ok(R"([{"createOrReplace":{"_id":"n","_type":"post"}}])");
  EXPECT_EQ(created.results[0].operation, "create");
}

TEST_F(Mutations, CreateIfNotExistsLeavesExistingAlone) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","v":1}}])");
  auto result = commit_ok(R"([{"createIfNotExists":{"_id":"a","_type":"post","v":2}}])");
  EXPECT_EQ(result.results[0].operation, "none");
  EXPECT_FALSE(result.transaction) << "nothing changed, nothing logged";
  EXPECT_EQ(get("a").get("v").as_number(), 1);
  auto created = commit_ok(R"([{"createIfNotExists":{"_id":"b","_type":"post","v":2}}])");
  EXPECT_EQ(created.results[0].operation, "create");
}

TEST_F(Mutations, DeleteById) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post"}}])");
  auto result = commit_ok(R"([{"delete":{"id":"a"}}])");
  EXPECT_EQ(result.results[0].operation, "delete");
  EXPECT_TRUE(result.results[0].document.is_null());
  EXPECT_TRUE(get("a").is_null());
  ASSERT_TRUE(result.transaction);
  EXPECT_TRUE(result.transaction->changes[0].next.is_null());
  EXPECT_FALSE(result.transaction->changes[0].previous.is_null());
}

TEST_F(Mutations, DeleteByQuerySeesEarlierMutationsOfTheTransaction) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post"}},{"create":{"_id":"b","_type":"post"}},
               {"create":{"_id":"c","_type":"page"}}])");
  auto result = commit_ok(R"([{"create":{"_id":"d","_type":"post"}},
                              {"delete":{"query":"*[_type == \"post\"]"}}])");
  EXPECT_TRUE(get("a").is_null());
  EXPECT_TRUE(get("b").is_null());
  EXPECT_TRUE(get("d").is_null());
  EXPECT_FALSE(get("c").is_null());
  EXPECT_EQ(result.transaction->changes.size(), 2u) << "d was created and deleted: no change";
}

TEST_F(Mutations, DeleteByQueryWithParams) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post"}},{"create":{"_id":"b","_type":"post"}}])");
  commit_ok(R"([{"delete":{"query":"*[_id in $ids]","params":{"ids":["a"]}}}])");
  EXPECT_TRUE(get("a").is_null());
  EXPECT_FALSE(get("b").is_null());
}

TEST_F(Mutations, PatchByIdUpdatesRevisionAndUpdatedAt) {
  auto created = commit_ok(R"([{"create":{"_id":"a","_type":"post","n":1}}])");
  auto result = commit_ok(R"([{"patch":{"id":"a","set":{"title":"x"},"inc":{"n":2}}}])");
  EXPECT_EQ(result.results[0].operation, "update");
  Value a = get("a");
  EXPECT_EQ(a.get("title").as_string(), "x");
  EXPECT_EQ(a.get("n").as_number(), 3);
  EXPECT_EQ(a.get("_rev").as_string(), result.transaction_id);
  EXPECT_NE(a.get("_rev").as_string(), created.transaction_id);
  EXPECT_EQ(result.transaction->changes[0].mutations.to_json(),
            R"([{"patch":{"id":"a","set":{"title":"x"},"inc":{"n":2}}}])");
}

TEST_F(Mutations, PatchOnMissingIdIsDocumentNotFoundConflict) {
  auto result = commit(R"([{"patch":{"id":"nope","set":{"a":1}}}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  const Value& error = result.error().details.get("items").as_array()[0].get("error");
  EXPECT_EQ(error.get("type").as_string(), "documentNotFoundError");
  EXPECT_EQ(error.get("id").as_string(), "nope");
}

TEST_F(Mutations, IfRevisionIdMismatchIsConflictAndNothingApplies) {
  auto created = commit_ok(R"([{"create":{"_id":"a","_type":"post","v":1}}])");
  auto result = commit(R"([{"create":{"_id":"z","_type":"post"}},
                           {"patch":{"id":"a","ifRevisionID":"stale","set":{"v":2}}}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  const Value& item = result.error().details.get("items").as_array()[0];
  EXPECT_EQ(item.get("index").as_number(), 1);
  EXPECT_EQ(item.get("error").get("type").as_string(), "conflict");
  EXPECT_EQ(item.get("error").get("expected").as_string(), "stale");
  EXPECT_EQ(item.get("error").get("actual").as_string(), created.transaction_id);
  EXPECT_EQ(result.error().message,
            "The mutation(s) failed: Document \"a\" has unexpected revision ID (\"" +
                created.transaction_id + "\"), expected \"stale\"");
  EXPECT_TRUE(get("z").is_null());
  EXPECT_EQ(get("a").get("v").as_number(), 1);
  std::string good =
      R"([{"patch":{"id":"a","ifRevisionID":")" + created.transaction_id + R"(","set":{"v":2}}}])";
  commit_ok(good);
  EXPECT_EQ(get("a").get("v").as_number(), 2);
}

TEST_F(Mutations, PatchByQueryAppliesToEveryMatchAndNoMatchIsNoOp) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post"}},{"create":{"_id":"b","_type":"post"}}])");
  auto result = commit_ok(R"([{"patch":{"query":"*[_type == \"post\"]","set":{"seen":true}}}])");
  EXPECT_EQ(result.results.size(), 2u);
  EXPECT_TRUE(get("a").get("seen").as_bool());
  EXPECT_TRUE(get("b").get("seen").as_bool());
  auto none = commit_ok(R"([{"patch":{"query":"*[_type == \"nothing\"]","set":{"x":1}}}])");
  EXPECT_TRUE(none.results.empty());
  EXPECT_FALSE(none.transaction);
}

TEST_F(Mutations, SeveralMutationsOnOneDocumentMakeOneChange) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","v":0}}])");
  Value before = get("a");
  auto result = commit_ok(R"([{"patch":{"id":"a","set":{"v":1}}},{"patch":{"id":"a","set":{"v":2}}},
                              {"create":{"_id":"b","_type":"post"}}])");
  ASSERT_EQ(result.results.size(), 2u);
  EXPECT_EQ(result.results[0].id, "a");
  EXPECT_EQ(result.results[1].id, "b");
  ASSERT_EQ(result.transaction->changes.size(), 2u);
  const Change& change = result.transaction->changes[0];
  EXPECT_EQ(change.previous, before);
  EXPECT_EQ(change.next.get("v").as_number(), 2);
  EXPECT_EQ(change.mutations.size(), 2u);
}

TEST_F(Mutations, InvalidMutationsAreRejectedWithTheirIndex) {
  const char* bad[] = {
      R"([{"frobnicate":{"_id":"a"}}])",
      R"([{"create":{"_id":"a"}}])",
      R"([{"create":{"_id":"a","_type":5}}])",
      R"([{"create":{"_id":"bad id!","_type":"t"}}])",
      R"([{"createOrReplace":{"_type":"t"}}])",
      R"([{"delete":{}}])",
      R"([{"delete":{"id":"a","query":"*"}}])",
      R"([{"delete":{"id":"a","extra":1}}])",
      R"([{"patch":{"id":"a","set":[1]}}])",
      R"([{"patch":{"id":"a","unset":"x"}}])",
      R"([{"patch":{"id":"a","ifRevisionID":3}}])",
      R"([{"patch":{"id":"a","explode":{}}}])",
      R"([{"create":{"_type":"t"},"delete":{"id":"x"}}])",
      R"([])",
      R"({"create":{}})",
  };
  for (const char* mutations : bad) {
    auto result = commit(mutations);
    ASSERT_FALSE(result.ok()) << mutations;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << mutations;
    EXPECT_EQ(result.error().type, "mutationError") << mutations;
  }
  auto second =
      commit(R"([{"create":{"_id":"ok","_type":"t"}},{"create":{"_id":"x","_type":""}}])");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().details.get("items").as_array()[0].get("index").as_number(), 1);
  EXPECT_TRUE(get("ok").is_null());
}

TEST_F(Mutations, PatchEngineErrorsFailTheWholeTransaction) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","title":"text"}}])");
  auto result =
      commit(R"([{"create":{"_id":"b","_type":"post"}},{"patch":{"id":"a","inc":{"title":1}}}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().details.get("items").as_array()[0].get("index").as_number(), 1);
  EXPECT_TRUE(get("b").is_null());
}

TEST_F(Mutations, UnparsableQueryIsAnInvalidMutation) {
  auto result = commit(R"([{"delete":{"query":"*[[[["}}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().type, "mutationError");
}

TEST_F(Mutations, DryRunAnswersButCommitsNothing) {
  std::vector<TransactionPtr> seen;
  store_->subscribe([&](const std::vector<TransactionPtr>& group) {
    seen.insert(seen.end(), group.begin(), group.end());
  });
  CommitOptions options;
  options.dry_run = true;
  auto result = commit_ok(R"([{"create":{"_id":"a","_type":"post"}}])", options);
  EXPECT_EQ(result.results[0].operation, "create");
  EXPECT_FALSE(result.results[0].document.is_null());
  EXPECT_FALSE(result.transaction);
  EXPECT_TRUE(get("a").is_null());
  EXPECT_EQ(store_->snapshot()->position(), 0u);
  EXPECT_TRUE(seen.empty());
}

// Transactions committed together share one working state: a failed or dry-run one in the
// middle takes back exactly its own writes (documents and indexes), nothing of its neighbours.
TEST_F(Mutations, FailedAndDryRunTransactionsInAGroupUndoOnlyTheirOwnWrites) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","v":1,"ref":{"_ref":"x"}}}])");
  std::mutex mutex;
  std::vector<std::pair<int, bool>> outcomes;
  auto record = [&](int n) {
    return [&, n](Result<CommitResult> result) {
      std::lock_guard lock(mutex);
      outcomes.emplace_back(n, result.ok());
    };
  };
  CommitOptions dry;
  dry.dry_run = true;
  // Hold the commit thread in a first transaction while the others queue up behind it, so it
  // takes them as one group.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  store_->commit_built_async(
      [released](const groq::Dataset&) -> Result<Value> {
        released.wait();
        return json(R"([{"create":{"_id":"first","_type":"other"}}])");
      },
      {}, record(0));
  store_->commit_async(json(R"([{"patch":{"id":"a","set":{"v":2}}}])"), {}, record(1));
  store_->commit_async(json(R"([{"create":{"_id":"b","_type":"page","ref":{"_ref":"a"}}},
                                {"patch":{"id":"a","set":{"v":3,"_type":"page"}}},
                                {"patch":{"id":"a","ifRevisionID":"stale","set":{"v":4}}}])"),
                       {}, record(2));
  store_->commit_async(json(R"([{"delete":{"id":"a"}},{"create":{"_id":"c","_type":"post"}}])"),
                       dry, record(3));
  store_->commit_async(json(R"([{"create":{"_id":"d","_type":"post"}}])"), {}, record(4));
  release.set_value();
  commit_ok(R"([{"create":{"_id":"last","_type":"other"}}])");  // after the group
  std::sort(outcomes.begin(), outcomes.end());
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_TRUE(outcomes[0].second && outcomes[1].second && outcomes[3].second && outcomes[4].second);
  EXPECT_FALSE(outcomes[2].second);  // a stale revision: the whole transaction fails
  EXPECT_EQ(get("a").get("v").as_number(), 2);
  EXPECT_EQ(get("a").get("_type").as_string(), "post");
  EXPECT_TRUE(get("b").is_null());
  EXPECT_TRUE(get("c").is_null());
  EXPECT_FALSE(get("d").is_null());
  auto ids = [&](std::string_view query) {
    auto parsed = groq::parse(query);
    EXPECT_TRUE(parsed.ok());
    auto result = groq::evaluate(**parsed, *store_->snapshot(), {});
    EXPECT_TRUE(result.ok());
    return result.ok() ? result->to_json() : std::string();
  };
  EXPECT_EQ(ids(R"(*[_type == "post"]._id)"), R"(["a","d"])");
  EXPECT_EQ(ids(R"(*[_type == "page"]._id)"), "[]");
  EXPECT_EQ(ids(R"(*[references("a")]._id)"), "[]");
  EXPECT_EQ(ids(R"(*[references("x")]._id)"), R"(["a"])");
}

TEST_F(Mutations, ClientTransactionIdIsUsedAndCannotBeReused) {
  CommitOptions options;
  options.transaction_id = "my-tx";
  options.identity = "user-1";
  auto result = commit_ok(R"([{"create":{"_id":"a","_type":"post"}}])", options);
  EXPECT_EQ(result.transaction_id, "my-tx");
  EXPECT_EQ(get("a").get("_rev").as_string(), "my-tx");
  EXPECT_EQ(result.transaction->identity, "user-1");
  auto again = commit(R"([{"create":{"_id":"b","_type":"post"}}])", options);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  options.transaction_id = "no spaces or \"quotes\"";
  auto invalid = commit(R"([{"create":{"_id":"b","_type":"post"}}])", options);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(get("b").is_null());
}

TEST_F(Mutations, PreserveSystemFieldsKeepsImportedValues) {
  CommitOptions options;
  options.preserve_system_fields = true;
  commit_ok(
      R"([{"createOrReplace":{"_id":"a","_type":"post","_rev":"r0","_createdAt":"2020-01-01T00:00:00Z"}}])",
      options);
  Value a = get("a");
  EXPECT_EQ(a.get("_rev").as_string(), "r0");
  EXPECT_EQ(a.get("_createdAt").as_string(), "2020-01-01T00:00:00Z");
  EXPECT_TRUE(a.get("_updatedAt").is_string());
}

}  // namespace
}  // namespace ledgerline::store
