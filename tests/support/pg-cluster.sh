#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster in a temporary folder on a free loopback port,
# runs a command with LEDGERLINE_TEST_POSTGRES set to its URL (and LEDGERLINE_TEST_PG_RESTART to
# a script that restarts the cluster), then stops the cluster and
# removes the folder (also when the command fails or is interrupted). As root the cluster runs
# as the `postgres` user. Reuses bench/lib.sh's cluster helpers.
#   tests/support/pg-cluster.sh run CMD [ARGS...]   exits with CMD's status
# Example: tests/support/pg-cluster.sh run ctest --test-dir build -R 'postgres|Postgres'
set -euo pipefail
if [ "${1:-}" != run ] || [ $# -lt 2 ]; then
  sed -n '2,8p' "$0" >&2
  exit 2
fi
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD_DIR:-build}
# shellcheck source=../../bench/lib.sh
source "$root/bench/lib.sh"
[ -x "$PGBIN/initdb" ] || { echo "pg-cluster: no PostgreSQL 15 at $PGBIN (scripts/setup installs it)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/ledgerline-pgtest-XXXXXX")
chmod 755 "$WORK"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
if ! start_postgres_cluster; then
  cat "$WORK/pg/initdb.log" "$WORK/pg/server.log" >&2 2>/dev/null || true
  echo "pg-cluster: could not start PostgreSQL" >&2
  exit 1
fi
export LEDGERLINE_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
# A command that restarts the cluster (fast shutdown, same options), for outage tests.
{
  echo '#!/usr/bin/env bash'
  echo 'set -e'
  declare -f as_postgres
  echo "as_postgres '$PGBIN/pg_ctl' -D '$WORK/pg/data' -l '$WORK/pg/server.log' -m fast -w -t 60 restart >/dev/null"
} >"$WORK/restart-postgres"
chmod 755 "$WORK/restart-postgres"
export LEDGERLINE_TEST_PG_RESTART="$WORK/restart-postgres"
echo "pg-cluster: PostgreSQL 15 at $LEDGERLINE_TEST_POSTGRES" >&2
status=0
"$@" || status=$?
exit "$status"
