// Opening a data folder for the commands that work on it offline (user, token) and for serve:
// the SQLite storage, its auth part, the store and auth, in that order.
#pragma once

#include <memory>
#include <string>

#include "auth/auth.h"
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

Result<std::unique_ptr<OpenedData>> open_data(const std::string& dir,
                                              auth::AuthOptions options = {});

}  // namespace ledgerline::cli
