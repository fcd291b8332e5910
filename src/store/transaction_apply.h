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

// Validates and applies `mutations` to `working`. On error `working` is as it was before.
// (Not a copy kept for a rollback: holding one would make every write copy its B+tree path.)
Result<AppliedTransaction> apply_transaction(DocumentSet& working, const Value& mutations,
                                             const TransactionContext& context);

// Takes applied changes back out of `working` (a dry run, or a transaction refused after it
// applied): each changed document returns to its previous version.
void undo_changes(DocumentSet& working, const std::vector<Change>& changes);

}  // namespace ledgerline::store
