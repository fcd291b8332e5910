// The shop's transaction validator for the store's commit pipeline (StoreOptions::validators):
// every document of a shop type that a transaction writes is checked against its schema
// (schema.h), user emails stay unique, and a transaction not built by an action
// (CommitOptions::app_action unset: the raw data API, imports) may not create or delete
// action-only documents nor change app-owned fields — it gets 403 naming the action to use.
#pragma once

#include "store/store.h"

namespace ledgerline::app {

// The validator to add to StoreOptions::validators.
store::TransactionValidator shop_validator();

}  // namespace ledgerline::app
