#!/usr/bin/env bash
# Dashboard benchmark: GET /api/v1/stats/dashboard at 100k bills. Seeds a shop (or takes one),
# runs dashboard_bench on it (the one-pass computation the endpoint used before vs the live
# aggregates it uses now, alternating in one process, checking they agree), then starts
# `ledgerline serve` on it and times REQUESTS sequential keep-alive requests end to end (curl).
#
# Usage: bench/dashboard/run.sh [--build DIR] [--data DIR] [--bills 100000] [--rounds 50]
#                               [--requests 200]
# --data DIR: an existing seeded folder (reused, not deleted; serve must not be running on it).
# Needs: a built ledgerline + dashboard_bench (built here if missing), curl.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$REPO/build
DATA=""
BILLS=100000
ROUNDS=50
REQUESTS=200
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --bills) BILLS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

BIN=$BUILD/ledgerline
BENCH=$BUILD/bench/dashboard/dashboard_bench
if [ ! -x "$BIN" ] || [ ! -x "$BENCH" ]; then
  cmake --build "$BUILD" -j2 --target ledgerline dashboard_bench
fi
WORK=$(mktemp -d /var/tmp/ledgerline-dashboard-XXXXXX)
SERVE_PID=""
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill -TERM "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$DATA" ]; then
  DATA=$WORK/shop
  mkdir -p "$DATA"
  echo "== seeding $BILLS bills"
  "$BIN" seed --data "$DATA" --customers 100 --products 1000 --bills "$BILLS" 2>/dev/null
fi

echo "== in process: one pass vs live aggregates ($ROUNDS rounds each, alternating)"
"$BENCH" "$DATA" --rounds "$ROUNDS" 2>/dev/null

echo "== over HTTP: $REQUESTS sequential requests, one keep-alive connection"
EMAIL=dashboard-bench-$$@test.invalid
printf 'bench-password\n' | "$BIN" user create --data "$DATA" --email "$EMAIL" --name Bench \
  --role admin >/dev/null
TOKEN=$("$BIN" token create --data "$DATA" --user "$EMAIL" 2>/dev/null | tail -n 1 | awk '{print $NF}')
[ -n "$TOKEN" ] || { echo "run.sh: token create printed no token" >&2; exit 1; }
"$BIN" serve --data "$DATA" --host 127.0.0.1 --port 0 >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
URL=""
for _ in $(seq 1 600); do
  URL=$(grep -o 'listening on http://[^ ]*' "$WORK/serve.log" | head -n 1 | sed 's/listening on //') && [ -n "$URL" ] && break
  kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "run.sh: serve did not start" >&2; exit 1; }
ARGS=()
for _ in $(seq 1 "$REQUESTS"); do ARGS+=("$URL/api/v1/stats/dashboard" -o /dev/null); done
curl -sf -H "authorization: Bearer $TOKEN" -w '%{time_total}\n' "${ARGS[@]}" >"$WORK/times"
sort -n "$WORK/times" | awk '{ t[NR] = $1 * 1000 } END {
  printf "GET /api/v1/stats/dashboard  n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    NR, t[int((NR - 1) * 0.5) + 1], t[int((NR - 1) * 0.99) + 1], t[NR] }'
