#include "cli/data_source.h"

#include <filesystem>

#include "storage/postgres/postgres_storage.h"
#include "storage/sqlite/sqlite_auth_storage.h"
#include "storage/sqlite/sqlite_storage.h"

namespace ledgerline::cli {

void add_data_source_options(CLI::App& command, DataSource& source, const std::string& data_help) {
  CLI::Option* data = command.add_option("--data", source.data_dir, data_help)->type_name("DIR");
  CLI::Option* postgres = command
                              .add_option("--postgres", source.postgres_url,
                                          "PostgreSQL database URL, instead of --data")
                              ->type_name("URL")
                              ->envname("LEDGERLINE_POSTGRES");
  data->excludes(postgres);
}

void run_with_data_source(CLI::App& command, const DataSource& source, std::function<void()> run) {
  command.callback([&source, run = std::move(run)] {
    if (source.data_dir.empty() && source.postgres_url.empty()) {
      throw CLI::RequiredError("--data DIR or --postgres URL (or env LEDGERLINE_POSTGRES)");
    }
    run();
  });
}

Result<std::unique_ptr<storage::Storage>> open_storage(const DataSource& source, bool read_only) {
  if (source.postgres()) return storage::open_postgres(source.postgres_url);
  if (read_only && !std::filesystem::is_directory(source.data_dir)) {
    return Error::not_found("no data folder " + source.data_dir);
  }
  storage::SqliteOptions options;
  options.read_only = read_only;
  return storage::open_sqlite(source.data_dir, options);
}

Result<std::unique_ptr<storage::AuthStorage>> open_auth_storage(const DataSource& source,
                                                                storage::Storage& storage,
                                                                bool read_only) {
  // A read-only SQLite engine offers no auth part; the auth tables' own connection only reads
  // when the caller only reads, and takes no lock.
  if (read_only && !source.postgres()) {
    return storage::open_sqlite_auth_storage(
        (std::filesystem::path(source.data_dir) / "ledgerline.db").string());
  }
  return storage.open_auth_storage();
}

}  // namespace ledgerline::cli
