// Public API of the GROQ engine: parse a query once, evaluate it many times over any Dataset.
// The engine knows nothing of storage or HTTP; the store's snapshots implement Dataset.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::groq {

// The documents a query reads (`*`). Implementations must be immutable while evaluated and
// may be read from several threads at once.
class Dataset {
 public:
  virtual ~Dataset() = default;
  // Calls `visit` for every document in _id order until it returns false.
  virtual void for_each(const std::function<bool(const Value&)>& visit) const = 0;
  // The document with this _id, or nullptr.
  virtual const Value* get(std::string_view id) const = 0;
  // Every document whose _type is `type`, in _id order. Default: a filtered scan.
  virtual void for_each_of_type(std::string_view type,
                                const std::function<bool(const Value&)>& visit) const;
  // Every document that references `id` (a `_ref` anywhere inside it), in _id order.
  // Default: a full scan.
  virtual void for_each_referencing(std::string_view id,
                                    const std::function<bool(const Value&)>& visit) const;
  virtual std::size_t size() const = 0;
};

// A Dataset over a vector of documents (used by `ledgerline query` and tests); builds _id,
// _type and reference indexes once.
class VectorDataset;
std::shared_ptr<Dataset> make_vector_dataset(std::vector<Value> documents);

struct EvalOptions {
  Value params;     // object: parameter name (without `$`) -> value
  Value identity;   // what identity() returns (string or null)
  std::string now;  // RFC 3339 timestamp now() returns; empty: the current time at evaluation start
  std::optional<std::chrono::steady_clock::time_point> deadline;  // queryError "timeout" after it
  std::size_t max_cost = 2'000'000'000;  // bound on evaluation steps (guards against blow-up)
};

// A parsed query: immutable, shareable across threads.
class Query;
using QueryPtr = std::shared_ptr<const Query>;

// Parses GROQ. Errors: ErrorCode::kInvalidArgument, type "queryParseError", details =
// {"start": N, "end": N, "query": text} (0-based character offsets, end exclusive).
Result<QueryPtr> parse(std::string_view text);

// Evaluates a whole query. Runtime errors: kInvalidArgument, type "queryError".
Result<Value> evaluate(const Query& query, const Dataset& dataset, const EvalOptions& options);

// Listen / read-rule filters: the query's top-level filter `*[f]` (projections, ordering and
// slices ignored) applied to one document. A query that is not of the form `*[...]...` is an
// error from make_filter (type "queryParseError" or "queryError").
class Filter {
 public:
  virtual ~Filter() = default;
  // True when `document` satisfies the filter (subqueries read `dataset`).
  virtual Result<bool> matches(const Value& document, const Dataset& dataset,
                               const EvalOptions& options) const = 0;
  // Constraints every matching document must satisfy, for indexing subscriptions:
  // the set of possible _type values (nullopt: any) and of possible _id values (nullopt: any).
  virtual std::optional<std::vector<std::string>> required_types() const = 0;
  virtual std::optional<std::vector<std::string>> required_ids() const = 0;
};
using FilterPtr = std::shared_ptr<const Filter>;
Result<FilterPtr> make_filter(const QueryPtr& query, const Value& params);

}  // namespace ledgerline::groq
