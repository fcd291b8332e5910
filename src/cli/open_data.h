// Opening a command's data (SQLite folder or PostgreSQL, cli/data_source.h) for the commands
// that work on accounts (user, token) and for serve: the storage, its auth part, the store and
// auth, in that order.
#pragma once

#include <memory>
#include <string>

#include "auth/auth.h"
#include "cli/data_source.h"
#include "store/store.h"
#include "util/result.h"

namespace ledgerline::cli {

struct OpenedData {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::Auth> auth;  // destroyed before the store (declared after it)
  ~OpenedData() {
    auth.reset();
    if (store) store->close();
  }
};

Result<std::unique_ptr<OpenedData>> open_data(const DataSource& source,
                                              auth::AuthOptions auth_options = {},
                                              store::StoreOptions store_options = {});

}  // namespace ledgerline::cli
