#!/usr/bin/env bash
# Shop action benchmark: 3-line bills per second and p50/p99 latency through POST /api/v1/bills
# (stock check + decrement, bill number, 3 sale rows, the bill and its event: one durable
# transaction each) at 32 clients, side by side with PostgreSQL 15 doing the same sale in a
# plpgsql function (pgbench, synchronous_commit=on) in a throw-away cluster on the same disk.
#
# Usage: bench/actions/run.sh [--build DIR] [--clients "32"] [--seconds 10] [--warmup 2]
#                             [--products 100] [--no-postgres] [--stages]
# --stages: the server logs at debug level, and its commit pipeline's per-stage times (every 5 s:
# queued, applied and waiting for the persister, persist, publish) are printed after each run.
# Needs: a built ledgerline + commit_loadgen (built here if missing), postgresql-15, curl, node.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$REPO/build
CLIENTS="32"
SECONDS_PER_RUN=10
WARMUP=2
PRODUCTS=100
POSTGRES=1
SERVE_LOG_LEVEL=info
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --products) PRODUCTS=$2; shift 2 ;;
    --no-postgres) POSTGRES=0; shift ;;
    --stages) SERVE_LOG_LEVEL=debug; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=../lib.sh
source "$REPO/bench/lib.sh"
bench_init actions-bench

# --- ledgerline ------------------------------------------------------------------------------

call() {  # call METHOD PATH BODY -> prints the answer; fails on non-2xx
  curl -sf -X "$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    --data "$3" "$LL_URL$2"
}

setup_shop() {
  call POST /v2025-02-19/data/mutate/production \
    '{"mutations":[{"create":{"_id":"bench-customer","_type":"user","name":"Bench Customer","email":"customer@bench.test","role":"customer","active":true}}]}' >/dev/null
  PRODUCT_IDS=""
  for p in $(seq 1 "$PRODUCTS"); do
    id=$(call POST /api/v1/products "{\"name\":\"Product $p\",\"sku\":\"BENCH-$p\",\"category\":\"Bench\",\"price\":$((p * 25 + 99)),\"stock\":1000000000,\"lowStockThreshold\":0,\"active\":true}" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)._id))')
    PRODUCT_IDS="$PRODUCT_IDS${PRODUCT_IDS:+,}$id"
  done
}

bench_ledgerline() {
  local clients=$1 line log_lines
  log_lines=$(wc -l <"$WORK/ledgerline.log")
  line=$("$LOADGEN" --port "$LL_PORT" --token "$TOKEN" --clients "$clients" --seconds "$SECONDS_PER_RUN" \
    --warmup "$WARMUP" --bills bench-customer --products "$PRODUCT_IDS")
  echo "  ledgerline: $line" >&2
  if [ "$SERVE_LOG_LEVEL" = debug ]; then
    tail -n "+$((log_lines + 1))" "$WORK/ledgerline.log" | grep -o 'commit stages: .*' | sed 's/^/    /' >&2 || true
  fi
  awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} print v["tps"], v["p50_ms"], v["p99_ms"]}' <<<"$line"
}

# --- PostgreSQL: the same sale as one plpgsql function per bill --------------------------------
start_postgres() {
  start_postgres_cluster
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -f "$REPO/bench/actions/sale.sql"
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "INSERT INTO products (id, name, sku, price, stock) SELECT 'p' || n, 'Product ' || n, 'BENCH-' || n, n * 25 + 99, 1000000000 FROM generate_series(1, $PRODUCTS) n"
  cat >"$WORK/pg/sale.sql" <<SQL
\set seed random(0, 1000000000)
SELECT sale('bench-customer', 'p' || (1 + (:seed) % $PRODUCTS), 'p' || (1 + (:seed + 31) % $PRODUCTS), 'p' || (1 + (:seed + 62) % $PRODUCTS));
SQL
  chmod 644 "$WORK/pg/sale.sql"
}

bench_postgres() {
  local clients=$1 threads=$(( $1 < 2 ? 1 : 2 )) out
  local common=(-h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -f "$WORK/pg/sale.sql" -c "$clients" -j "$threads")
  "$PGBIN/pgbench" "${common[@]}" -T "$WARMUP" postgres >/dev/null 2>&1
  rm -f "$WORK/pglog"/c"$clients".*
  out=$(cd "$WORK/pglog" && "$PGBIN/pgbench" "${common[@]}" -T "$SECONDS_PER_RUN" -l --log-prefix="c$clients" postgres 2>&1)
  local tps
  tps=$(grep -o 'tps = [0-9.]*' <<<"$out" | tail -n 1 | awk '{print $3}')
  if [ -z "$tps" ] || grep -q 'number of failed transactions: [1-9]' <<<"$out"; then
    echo "run.sh: pgbench failed:" >&2; echo "$out" >&2; exit 1
  fi
  tps=$(printf '%.1f' "$tps")
  cat "$WORK/pglog"/c"$clients".* | awk '{print $3/1000}' | sort -n >"$WORK/pglog/lat"
  local count p50 p99
  count=$(wc -l <"$WORK/pglog/lat")
  p50=$(awk -v n="$count" 'NR==int(0.50*(n-1)+1.5){printf "%.3f", $1; exit}' "$WORK/pglog/lat")
  p99=$(awk -v n="$count" 'NR==int(0.99*(n-1)+1.5){printf "%.3f", $1; exit}' "$WORK/pglog/lat")
  echo "  postgres:   clients=$clients tx=$count seconds=$SECONDS_PER_RUN tps=$tps p50_ms=$p50 p99_ms=$p99" >&2
  echo "$tps $p50 $p99"
}

# --- run -------------------------------------------------------------------------------------
echo "actions benchmark: $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "ledgerline $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'), work dir $WORK" >&2
start_ledgerline
setup_shop
[ "$POSTGRES" = 1 ] && start_postgres

declare -A LL PG
for c in $CLIENTS; do
  LL[$c]=$(bench_ledgerline "$c")
  if [ "$POSTGRES" = 1 ]; then PG[$c]=$(bench_postgres "$c"); else PG[$c]="0 0 0"; fi
done

kill -TERM "$LEDGERLINE_PID"
wait "$LEDGERLINE_PID" || true
LEDGERLINE_PID=""
CHECK=$("$BIN" check --data "$WORK/ledgerline" | tail -n 1)

echo
echo "Durable 3-line bills ($SECONDS_PER_RUN s per run after $WARMUP s warm-up; $PRODUCTS products; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-8s | %16s %9s %9s | %16s %9s %9s | %s\n' clients 'ledgerline b/s' 'p50 ms' 'p99 ms' 'postgres b/s' 'p50 ms' 'p99 ms' 'ratio ll/pg'
for c in $CLIENTS; do
  read -r ltps lp50 lp99 <<<"${LL[$c]}"
  read -r ptps pp50 pp99 <<<"${PG[$c]}"
  ratio=$(awk -v a="$ltps" -v b="$ptps" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  printf '%-8s | %16s %9s %9s | %16s %9s %9s | %s\n' "$c" "$ltps" "$lp50" "$lp99" "$ptps" "$pp50" "$pp99" "$ratio"
done
echo "ledgerline check after the run: $CHECK"
