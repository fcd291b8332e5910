// Draft: reads see earlier writes; writes coalesce to one mutation per document; rollback drops
// exactly the writes after a checkpoint.
#include <gtest/gtest.h>

#include "app/draft.h"
#include "support/json.h"

namespace ledgerline::app {
namespace {

using test_support::json;

class DraftTest : public ::testing::Test {
 protected:
  std::shared_ptr<groq::Dataset> working_ =
      groq::make_vector_dataset({json(R"({"_id":"p","_type":"product","stock":5,"name":"Tea"})"),
                                 json(R"({"_id":"c","_type":"shopCounter","lastBillNumber":1})")});
};

TEST_F(DraftTest, ReadsSeeTheDraftsWrites) {
  Draft draft(*working_);
  EXPECT_EQ(draft.get("p")->get("stock").as_number(), 5);
  draft.set("p", json(R"({"stock":4})"));
  EXPECT_EQ(draft.get("p")->get("stock").as_number(), 4);
  EXPECT_EQ(draft.get("p")->get("name").as_string(), "Tea");
  EXPECT_EQ(working_->get("p")->get("stock").as_number(), 5);
  EXPECT_EQ(draft.get("missing"), nullptr);
}

TEST_F(DraftTest, WritesCoalesceToOneMutationPerDocument) {
  Draft draft(*working_);
  draft.set("p", json(R"({"stock":4})"));
  draft.create(json(R"({"_id":"b","_type":"bill","status":"pending"})"));
  draft.set("p", json(R"({"stock":3})"));
  draft.set("b", json(R"({"status":"paid"})"));
  draft.set("c", json(R"({"lastBillNumber":1})"));  // unchanged: no mutation
  EXPECT_EQ(draft.mutations(), json(R"([{"patch":{"id":"p","set":{"stock":3}}},
                     {"create":{"_id":"b","_type":"bill","status":"paid"}}])"));
}

TEST_F(DraftTest, RollbackDropsOnlyLaterWrites) {
  Draft draft(*working_);
  draft.set("p", json(R"({"stock":4})"));
  Draft::Checkpoint point = draft.checkpoint();
  draft.set("p", json(R"({"stock":1})"));
  draft.create(json(R"({"_id":"b","_type":"bill"})"));
  draft.set("c", json(R"({"lastBillNumber":2})"));
  draft.rollback(point);
  EXPECT_EQ(draft.get("p")->get("stock").as_number(), 4);
  EXPECT_EQ(draft.get("b"), nullptr);
  EXPECT_EQ(draft.get("c")->get("lastBillNumber").as_number(), 1);
  EXPECT_EQ(draft.mutations(), json(R"([{"patch":{"id":"p","set":{"stock":4}}}])"));
}

}  // namespace
}  // namespace ledgerline::app
