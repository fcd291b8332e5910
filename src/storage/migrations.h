// Versioned schema migrations, engine-neutral: a component (e.g. "auth") has an ordered list of
// migrations numbered 1, 2, 3...; migrate() applies the ones newer than the recorded version,
// each in its own transaction together with the new version number. SQLite implements
// MigrationTarget today; the PostgreSQL engine implements the same two calls.
#pragma once

#include <span>
#include <string_view>

#include "util/result.h"

namespace ledgerline::storage {

struct Migration {
  int version;                   // 1, 2, 3, ... without gaps
  std::string_view description;  // for the log and errors
  std::string_view sql;          // statements run in one transaction
};

class MigrationTarget {
 public:
  virtual ~MigrationTarget() = default;
  // The highest applied version of `component` (0: none yet).
  virtual Result<int> applied_version(std::string_view component) = 0;
  // Runs `migration.sql` and records its version, all or nothing.
  virtual Status apply(std::string_view component, const Migration& migration) = 0;
};

// Applies every migration newer than the applied version, in order. kInternal when the stored
// version is newer than this build knows (a downgrade) or a migration fails.
Status migrate(MigrationTarget& target, std::string_view component,
               std::span<const Migration> migrations);

}  // namespace ledgerline::storage
