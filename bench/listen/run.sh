#!/usr/bin/env bash
# Listen fan-out on SQLite and on PostgreSQL-backed nodes in one run: starts a private
# PostgreSQL 15 cluster (bench/lib.sh, durable commits) and runs listen_bench with --postgres,
# so each N is measured on one SQLite node, then one and two `serve --postgres` nodes (listeners
# spread over the nodes, commits to the first), each on a fresh database.
#
# Usage: bench/listen/run.sh [--build DIR] [listen_bench options, default
#                            --listeners 1000 --rate 100 --no-redis --no-slow]
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$REPO/build
if [ "${1:-}" = --build ]; then BUILD=$(cd "$2" && pwd); shift 2; fi
[ $# -gt 0 ] || set -- --listeners 1000 --rate 100 --no-redis --no-slow

# shellcheck source=../lib.sh
source "$REPO/bench/lib.sh"
bench_init listen-bench
[ -x "$BUILD/bench/listen/listen_bench" ] || cmake --build "$BUILD" -j2 --target listen_bench
start_postgres_cluster
echo "listen bench: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "ledgerline $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
# The SQLite data folder goes in the work dir too: every system syncs to the same disk.
TMPDIR=$WORK "$BUILD/bench/listen/listen_bench" --bin "$BIN" --postgres "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" \
  --psql "$PGBIN/psql" "$@"
