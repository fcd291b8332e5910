// Running a FilterPlan: the candidate documents of its index access, and the check of a
// candidate against the rest of the filter (attribute tests compare in place, then the
// residual expression).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "groq/planner.h"

namespace ledgerline::groq {

// The attributes of one document, looked up once each (several tests and aggregates of a
// shared scan read the same attributes).
class DocumentAttributes {
 public:
  void reset(const Value& doc) {
    doc_ = &doc;
    size_ = 0;
  }
  const Value* get(Key name) {
    for (int i = 0; i < size_; ++i)
      if (keys_[i] == name) return values_[i];
    const Value* v = doc_->is_object() ? doc_->find(name) : nullptr;
    if (size_ < kSize) {
      keys_[size_] = name;
      values_[size_++] = v;
    }
    return v;
  }

 private:
  static constexpr int kSize = 8;
  const Value* doc_ = nullptr;
  int size_ = 0;
  Key keys_[kSize];
  const Value* values_[kSize];
};

// An attribute test with its constant evaluated. String equality and membership, the common
// cases, compare the attribute's characters directly.
class PreparedTest {
 public:
  PreparedTest(const AttributeTest& test, Ref constant);
  PreparedTest(PreparedTest&&) = delete;  // strings_ point into constant_
  bool passes(DocumentAttributes& doc) const;

 private:
  enum class Kind { Generic, StringEquals, StringDiffers, StringIn };
  const AttributeTest& test_;
  Ref constant_;
  Kind kind_ = Kind::Generic;
  std::vector<std::string_view> strings_;
};

// The documents a plan's index access yields, in _id order. `exact` is set (before the first
// document) to whether the plan's tests and residual decide the filter, or whether the key
// had an unexpected shape and every document has to be tested against the whole filter.
bool for_each_candidate(Evaluator& ev, const FilterPlan& plan, const Scope& scope, ElementFn visit,
                        bool& exact);

// Tests candidate documents against a planned filter.
class FilterCheck {
 public:
  FilterCheck(Evaluator& ev, const Node& filter, const Scope& scope, bool exact);
  // `attributes` is reset to `doc`.
  bool passes(const Value& doc, DocumentAttributes& attributes) const;

 private:
  Evaluator& ev_;
  const Node& filter_;
  const Scope& scope_;
  bool exact_;
  std::vector<std::unique_ptr<PreparedTest>> tests_;
};

}  // namespace ledgerline::groq
