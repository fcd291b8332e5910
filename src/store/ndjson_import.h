// Import of Sanity NDJSON exports (one document per line) into a store: every line is read
// and validated first, then the documents are committed in batched transactions.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>

#include "store/store.h"

namespace ledgerline::store {

struct ImportProgress {
  std::size_t committed = 0;  // documents committed so far
  std::size_t total = 0;      // documents in the file
};

struct ImportOptions {
  // false: the import fails (nothing applied) when any id already exists in the store;
  // true: existing documents with the same id are replaced.
  bool replace = false;
  std::size_t batch_documents = 1000;                   // documents per transaction
  std::function<void(const ImportProgress&)> progress;  // after each committed batch
};

struct ImportSummary {
  std::size_t documents = 0;
  std::size_t created = 0;
  std::size_t replaced = 0;
  std::size_t transactions = 0;
};

// Documents keep their _id, _rev, _createdAt and _updatedAt when present; a missing _id is
// generated, missing timestamps and _rev are filled in. Errors (nothing committed):
// kInvalidArgument naming the line ("line 12: ..."; bad JSON, not an object, missing _type,
// invalid or duplicate _id), kConflict for existing ids without `replace`. A storage failure
// after some batches were committed says how many documents were committed.
Result<ImportSummary> import_ndjson(Store& store, std::istream& input,
                                    const ImportOptions& options);

}  // namespace ledgerline::store
