// The mutation engine: applies one transaction's Sanity mutations, in order, to the commit
// thread's working DocumentSet and reports the changes and per-document results.
#pragma once

#include <string>
#include <vector>

#include "store/document_set.h"
#include "store/store.h"

namespace ledgerline::store {

struct TransactionContext {
  std::string transaction_id;  // also the new `_rev` of every written document
  std::string timestamp;       // RFC 3339; `_updatedAt` (and `_createdAt` of new documents)
  const CommitOptions* options = nullptr;
};

struct AppliedTransaction {
  std::vector<Change> changes;           // documents whose state changed, in first-touch order
  std::vector<MutationOutcome> results;  // one per touched document, same order
};

// Validates and applies `mutations` to `working`. On error `working` may be partly changed:
// the caller keeps a copy from before (O(1)) and restores it.
Result<AppliedTransaction> apply_transaction(DocumentSet& working, const Value& mutations,
                                             const TransactionContext& context);

}  // namespace ledgerline::store
