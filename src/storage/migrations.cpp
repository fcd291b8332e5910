#include "storage/migrations.h"

#include <string>

namespace ledgerline::storage {

Status migrate(MigrationTarget& target, std::string_view component,
               std::span<const Migration> migrations) {
  Result<int> applied = target.applied_version(component);
  if (!applied.ok()) return std::move(applied).error();
  int known = migrations.empty() ? 0 : migrations.back().version;
  if (*applied > known) {
    return Error::internal("the " + std::string(component) + " schema is at version " +
                           std::to_string(*applied) + ", newer than this build knows (" +
                           std::to_string(known) + ")");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= *applied) continue;
    if (Status s = target.apply(component, migration); !s) {
      return Error::internal("migration " + std::string(component) + " " +
                             std::to_string(migration.version) + " (" +
                             std::string(migration.description) + ") failed: " + s.error().message);
    }
  }
  return Status::success();
}

}  // namespace ledgerline::storage
