# Shared by the shell benchmarks (bench/commit/run.sh, bench/actions/run.sh); source it after
# setting BUILD. It makes a private work dir on one disk (WORK), stops what the bench started
# on exit, and starts `ledgerline serve` with an admin API token of its own (TOKEN, LL_URL,
# LL_PORT). PostgreSQL helpers: PGBIN, as_postgres; a bench that starts a cluster in
# $WORK/pg/data sets PG_STARTED=1 so it is stopped on exit.
#   bench_init NAME   creates WORK (/var/tmp/ledgerline-NAME-XXXXXX) and the exit trap

BIN=$BUILD/ledgerline
LOADGEN=$BUILD/bench/commit/commit_loadgen
PGBIN=/usr/lib/postgresql/15/bin
LEDGERLINE_PID=""
PG_STARTED=0

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bench_cleanup() {
  if [ -n "$LEDGERLINE_PID" ]; then kill -TERM "$LEDGERLINE_PID" 2>/dev/null || true; wait "$LEDGERLINE_PID" 2>/dev/null || true; fi
  if [ "$PG_STARTED" = 1 ]; then as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}

bench_init() {
  if [ ! -x "$BIN" ] || [ ! -x "$LOADGEN" ]; then
    cmake --build "$BUILD" -j2 --target ledgerline commit_loadgen
  fi
  # Everything lives in one work dir on the same filesystem, so every system fsyncs to one disk.
  WORK=$(mktemp -d "/var/tmp/ledgerline-$1-XXXXXX")
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts `ledgerline serve` on a fresh data folder with an admin and an API token made by the
# `user` and `token` commands first; any failure there stops the bench (no made-up token).
start_ledgerline() {
  mkdir -p "$WORK/ledgerline"
  printf 'bench-password\n' | "$BIN" user create --data "$WORK/ledgerline" --email bench@test.invalid \
    --name Bench --role admin >/dev/null
  TOKEN=$("$BIN" token create --data "$WORK/ledgerline" --user bench@test.invalid | tail -n 1 | awk '{print $NF}')
  [ -n "$TOKEN" ] || { echo "bench: ledgerline token create printed no token" >&2; exit 1; }
  "$BIN" serve --data "$WORK/ledgerline" --host 127.0.0.1 --port 0 >"$WORK/ledgerline.log" 2>&1 &
  LEDGERLINE_PID=$!
  for _ in $(seq 1 300); do
    if LL_URL=$(grep -o 'listening on http://[^ ]*' "$WORK/ledgerline.log" | head -n 1 | sed 's/listening on //'); [ -n "$LL_URL" ]; then
      LL_PORT=${LL_URL##*:}
      return 0
    fi
    kill -0 "$LEDGERLINE_PID" 2>/dev/null || { cat "$WORK/ledgerline.log" >&2; echo "bench: serve exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: serve did not print 'listening on' in 30 s" >&2; exit 1
}

# A throw-away PostgreSQL 15 cluster in $WORK/pg/data on a free port (PG_PORT), durable commits
# (fsync, synchronous_commit=on); stopped on exit.
start_postgres_cluster() {
  mkdir -p "$WORK/pg" "$WORK/pglog"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK/pg" "$WORK/pglog"
  PG_PORT=$(free_port)
  as_postgres "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 >"$WORK/pg/initdb.log" 2>&1
  as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200" \
    start >/dev/null
  PG_STARTED=1
}
