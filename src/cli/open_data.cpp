#include "cli/open_data.h"

#include "storage/sqlite/sqlite_storage.h"

namespace ledgerline::cli {

Result<std::unique_ptr<OpenedData>> open_data(const std::string& dir, auth::AuthOptions options) {
  auto storage = storage::open_sqlite(dir);
  if (!storage.ok()) return std::move(storage).error();
  auto auth_storage = (*storage)->open_auth_storage();
  if (!auth_storage.ok()) return std::move(auth_storage).error();
  auto store = store::Store::open(std::move(*storage));
  if (!store.ok()) return std::move(store).error();
  auto data = std::make_unique<OpenedData>();
  data->store = std::move(*store);
  auto auth = auth::Auth::open(std::move(*auth_storage), *data->store, std::move(options));
  if (!auth.ok()) return std::move(auth).error();
  data->auth = std::move(*auth);
  return data;
}

}  // namespace ledgerline::cli
