#!/usr/bin/env bash
# Durable commit benchmark: single-document transactions per second and p50/p99 latency with
# 1, 16 and 64 concurrent keep-alive HTTP clients against `ledgerline serve` on SQLite, against
# `serve --postgres` nodes (one node, and two nodes on one database with the clients split
# between them), side by side with PostgreSQL 15 doing the same durable single-row insert
# (pgbench, synchronous_commit=on); one private cluster on the same disk serves both. Then cold
# start and memory on the 300k-document shop dataset, on SQLite and on PostgreSQL.
#
# Usage: bench/commit/run.sh [--build DIR] [--clients "1 16 64"] [--seconds 10] [--warmup 2]
#                            [--scale 1] [--no-cold-start] [--no-postgres] [--pg-nodes "1 2"]
# Needs: a built ledgerline + commit_loadgen (built here if missing), postgresql-15, node 20, and the
# shop dataset generator ($GEN_DATASET, default bench/groq/gen-dataset.mjs).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$REPO/build
CLIENTS="1 16 64"
SECONDS_PER_RUN=10
WARMUP=2
SCALE=1
COLD_START=1
POSTGRES=1
PG_NODES="1 2"
PAYLOAD_BYTES=100
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --no-cold-start) COLD_START=0; shift ;;
    --no-postgres) POSTGRES=0; PG_NODES=""; shift ;;
    --pg-nodes) PG_NODES=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

[ "$POSTGRES" = 1 ] || PG_NODES=""
# shellcheck source=../lib.sh
source "$REPO/bench/lib.sh"
bench_init commit-bench

# --- ledgerline ------------------------------------------------------------------------------

# CPU ticks PostgreSQL has used so far (0 without a cluster).
pg_ticks() { if [ "$PG_STARTED" = 1 ]; then postgres_ticks; else echo 0; fi; }

# Logs CPU per request from a loadgen LINE and the ticks NODE_TICKS and PG_TICKS it took; the
# requests are tps x (run + warm-up), since the ticks include the warm-up.
log_cpu_per_request() {
  awk -v line="$1" -v node="$2" -v pg="$3" -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_PER_RUN" -v w="$WARMUP" '
    BEGIN { match(line, /tps=[0-9.]+/); n = substr(line, RSTART + 4, RLENGTH - 4) * (s + w)
            if (n > 0) printf "    cpu ms per request: node(s) %.3f, postgres %.3f\n", node * 1000 / hz / n, pg * 1000 / hz / n }' >&2
}

# Runs the load generator on PORTS (comma-separated: clients split over them; tx/s and the
# percentiles are over all answers together) with TOKEN, and further loadgen options; prints
# "tps p50 p99". Logs the CPU per request of the nodes PIDS ("pid pid") and of PostgreSQL's
# backends (whatever else they did meanwhile counts too).
bench_ledgerline() {
  local label=$1 clients=$2 ports=$3 token=$4 pids=$5 line node0 pg0
  shift 5
  # shellcheck disable=SC2086
  node0=$(cpu_ticks $pids); pg0=$(pg_ticks)
  line=$("$LOADGEN" --port "$ports" --token "$token" --clients "$clients" --seconds "$SECONDS_PER_RUN" \
    --warmup "$WARMUP" --payload-bytes "$PAYLOAD_BYTES" --id-prefix "c$clients" "$@")
  echo "  $label: $line" >&2
  # shellcheck disable=SC2086
  log_cpu_per_request "$line" $(( $(cpu_ticks $pids) - node0 )) $(( $(pg_ticks) - pg0 ))
  awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} print v["tps"], v["p50_ms"], v["p99_ms"]}' <<<"$line"
}

# --- PostgreSQL ------------------------------------------------------------------------------
start_postgres() {
  start_postgres_cluster
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE TABLE bench_docs (id text PRIMARY KEY DEFAULT gen_random_uuid()::text, doc jsonb NOT NULL)"
  local payload
  payload=$(head -c "$PAYLOAD_BYTES" </dev/zero | tr '\0' x)
  cat >"$WORK/pg/insert.sql" <<SQL
\set n random(1, 1000000000)
INSERT INTO bench_docs (doc) VALUES (jsonb_build_object('_type', 'benchRow', 'client', CAST(:client_id AS int), 'n', CAST(:n AS bigint), 'payload', '$payload'));
SQL
  chmod 644 "$WORK/pg/insert.sql"
}

# Runs pgbench (warm-up run, then the measured run with per-transaction logs); prints "tps p50 p99".
bench_postgres() {
  local clients=$1 threads=$(( $1 < 2 ? 1 : 2 )) out
  local common=(-h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -f "$WORK/pg/insert.sql" -c "$clients" -j "$threads")
  "$PGBIN/pgbench" "${common[@]}" -T "$WARMUP" postgres >/dev/null 2>&1
  rm -f "$WORK/pglog"/c"$clients".*
  out=$(cd "$WORK/pglog" && "$PGBIN/pgbench" "${common[@]}" -T "$SECONDS_PER_RUN" -l --log-prefix="c$clients" postgres 2>&1)
  local tps
  tps=$(grep -o 'tps = [0-9.]*' <<<"$out" | tail -n 1 | awk '{print $3}')
  if [ -z "$tps" ] || grep -q 'number of failed transactions: [1-9]' <<<"$out"; then
    echo "run.sh: pgbench failed:" >&2; echo "$out" >&2; exit 1
  fi
  tps=$(printf '%.1f' "$tps")
  # Per-transaction log: client_id transaction_no latency_us script_no epoch epoch_us
  cat "$WORK/pglog"/c"$clients".* | awk '{print $3/1000}' | sort -n >"$WORK/pglog/lat"
  local count p50 p99
  count=$(wc -l <"$WORK/pglog/lat")
  p50=$(awk -v n="$count" 'NR==int(0.50*(n-1)+1.5){printf "%.3f", $1; exit}' "$WORK/pglog/lat")
  p99=$(awk -v n="$count" 'NR==int(0.99*(n-1)+1.5){printf "%.3f", $1; exit}' "$WORK/pglog/lat")
  echo "  postgres:   clients=$clients tx=$count seconds=$SECONDS_PER_RUN tps=$tps p50_ms=$p50 p99_ms=$p99" >&2
  echo "$tps $p50 $p99"
}

# --- run -------------------------------------------------------------------------------------
echo "commit benchmark: $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "ledgerline $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'), work dir $WORK" >&2
start_ledgerline
[ "$POSTGRES" = 1 ] && start_postgres
# PostgreSQL-backed ledgerline: K nodes on a database of their own (llK) in the same cluster.
declare -A PG_PORTS PG_TOKENS PG_PIDS
for k in $PG_NODES; do
  url=$(create_postgres_database "ll$k")
  PG_TOKENS[$k]=$(make_admin_token --postgres "$url")
  ports=()
  for i in $(seq 1 "$k"); do
    start_postgres_node "pg$k-node$i" "$url"
    ports+=("$NODE_PORT")
    PG_PIDS[$k]="${PG_PIDS[$k]:-} $SERVE_PID"
  done
  PG_PORTS[$k]=$(IFS=,; echo "${ports[*]}")
done

declare -A LL PG LLPG
for c in $CLIENTS; do
  LL[$c]=$(bench_ledgerline "ledgerline sqlite" "$c" "$LL_PORT" "$TOKEN" "$LEDGERLINE_PID")
  for k in $PG_NODES; do
    LLPG[$k,$c]=$(bench_ledgerline "ledgerline pg x$k" "$c" "${PG_PORTS[$k]}" "${PG_TOKENS[$k]}" "${PG_PIDS[$k]}")
  done
  if [ "$POSTGRES" = 1 ]; then PG[$c]=$(bench_postgres "$c"); else PG[$c]="0 0 0"; fi
done

# Authenticated reads (GET of one document the runs above wrote) at the largest client count:
# what a node serves besides commits, per node.
READ_CLIENTS=${CLIENTS##* }
READ_ARGS=(--method GET --path "/v2025-02-19/data/doc/production/c$READ_CLIENTS-0-0")
READS_SQLITE=$(bench_ledgerline "reads sqlite" "$READ_CLIENTS" "$LL_PORT" "$TOKEN" "$LEDGERLINE_PID" "${READ_ARGS[@]}")
declare -A READS_PG
for k in $PG_NODES; do
  READS_PG[$k]=$(bench_ledgerline "reads pg x$k" "$READ_CLIENTS" "${PG_PORTS[$k]}" "${PG_TOKENS[$k]}" "${PG_PIDS[$k]}" "${READ_ARGS[@]}")
done

kill -TERM "$LEDGERLINE_PID"
if wait "$LEDGERLINE_PID"; then SERVE_EXIT=0; else SERVE_EXIT=$?; fi
LEDGERLINE_PID=""

echo
echo "Durable single-document transactions ($SECONDS_PER_RUN s per run after $WARMUP s warm-up; payload $PAYLOAD_BYTES B; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-8s | %-28s | %10s %9s %9s | %s\n' clients system 'tx/s' 'p50 ms' 'p99 ms' 'ratio vs pgbench'
row() { # clients system "tps p50 p99" [the tx/s to compare with; default pgbench's]
  local tps p50 p99 ptps ratio
  read -r tps p50 p99 <<<"$3"
  read -r ptps _ <<<"${4:-${PG[$1]}}"
  ratio=$(awk -v a="$tps" -v b="$ptps" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  printf '%-8s | %-28s | %10s %9s %9s | %s\n' "$1" "$2" "$tps" "$p50" "$p99" "$ratio"
}
for c in $CLIENTS; do
  row "$c" "ledgerline, SQLite" "${LL[$c]}"
  for k in $PG_NODES; do row "$c" "ledgerline, PostgreSQL x$k" "${LLPG[$k,$c]}"; done
  [ "$POSTGRES" = 1 ] && row "$c" "pgbench single-row insert" "${PG[$c]}"
done
echo
echo "Authenticated reads, GET /v2025-02-19/data/doc/production/<one id> ($READ_CLIENTS clients, same windows)"
printf '%-8s | %-28s | %10s %9s %9s | %s\n' clients system 'reads/s' 'p50 ms' 'p99 ms' 'ratio vs SQLite'
row "$READ_CLIENTS" "ledgerline, SQLite" "$READS_SQLITE" "$READS_SQLITE"
for k in $PG_NODES; do row "$READ_CLIENTS" "ledgerline, PostgreSQL x$k" "${READS_PG[$k]}" "$READS_SQLITE"; done
echo "ledgerline serve exit code on SIGTERM: $SERVE_EXIT"

if [ "$COLD_START" = 1 ]; then
  DATASET=$REPO/bench/data/shop-$SCALE.ndjson
  if [ ! -s "$DATASET" ]; then
    mkdir -p "$REPO/bench/data"
    GEN=${GEN_DATASET:-$REPO/bench/groq/gen-dataset.mjs}
    node "$GEN" --scale "$SCALE" --out "$DATASET.tmp" >&2 && mv "$DATASET.tmp" "$DATASET"
  fi
  echo
  echo "Cold start and memory (dataset $DATASET)"
  node "$REPO/bench/commit/cold-start.mjs" --bin "$BIN" --dataset "$DATASET" --runs 3
  if [ -n "$PG_NODES" ]; then
    echo
    echo "Cold start and memory on PostgreSQL (same dataset, same cluster)"
    node "$REPO/bench/commit/cold-start.mjs" --bin "$BIN" --dataset "$DATASET" --runs 3 \
      --postgres "$(create_postgres_database cold)" --empty-postgres "$(create_postgres_database cold_empty)"
  fi
fi
