#include "cli/open_data.h"

namespace ledgerline::cli {

Result<std::unique_ptr<OpenedData>> open_data(const DataSource& source,
                                              auth::AuthOptions auth_options,
                                              store::StoreOptions store_options) {
  auto storage = open_storage(source);
  if (!storage.ok()) return std::move(storage).error();
  auto auth_storage = open_auth_storage(source, **storage);
  if (!auth_storage.ok()) return std::move(auth_storage).error();
  auto store = store::Store::open(std::move(*storage), std::move(store_options));
  if (!store.ok()) return std::move(store).error();
  auto data = std::make_unique<OpenedData>();
  data->store = std::move(*store);
  auto auth = auth::Auth::open(std::move(*auth_storage), *data->store, std::move(auth_options));
  if (!auth.ok()) return std::move(auth).error();
  data->auth = std::move(*auth);
  return data;
}

}  // namespace ledgerline::cli
