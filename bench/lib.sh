# Shared by the shell benchmarks (bench/commit/run.sh, bench/actions/run.sh); source it after
# setting BUILD. It makes a private work dir on one disk (WORK), stops what the bench started
# on exit, and starts `ledgerline serve` with an admin API token of its own (TOKEN, LL_URL,
# LL_PORT). PostgreSQL helpers: PGBIN, as_postgres; a bench that starts a cluster in
# $WORK/pg/data sets PG_STARTED=1 so it is stopped on exit. start_postgres_node starts further
# `serve --postgres` nodes (NODE_PIDS, stopped on exit).
#   bench_init NAME   creates WORK (/var/tmp/ledgerline-NAME-XXXXXX) and the exit trap

BIN=$BUILD/ledgerline
LOADGEN=$BUILD/bench/commit/commit_loadgen
PGBIN=/usr/lib/postgresql/15/bin
LEDGERLINE_PID=""
NODE_PIDS=()
PG_STARTED=0

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bench_cleanup() {
  local pid
  for pid in "${NODE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
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

# Makes an admin with `user create` and prints its API token from `token create`; STORAGE is
# `--data DIR` or `--postgres URL`. Any failure stops the bench (no made-up token).
make_admin_token() {
  local token
  printf 'bench-password\n' | "$BIN" user create "$@" --email bench@test.invalid --name Bench --role admin >/dev/null
  token=$("$BIN" token create "$@" --user bench@test.invalid | tail -n 1 | awk '{print $NF}')
  [ -n "$token" ] || { echo "bench: ledgerline token create printed no token" >&2; exit 1; }
  echo "$token"
}

# Starts `ledgerline serve STORAGE...` on a free port, logging to $WORK/NAME.log; sets SERVE_PID
# and SERVE_URL once it prints 'listening on'.
serve_node() {
  local name=$1; shift
  "$BIN" serve "$@" --host 127.0.0.1 --port 0 >"$WORK/$name.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 300); do
    if SERVE_URL=$(grep -o 'listening on http://[^ ]*' "$WORK/$name.log" | head -n 1 | sed 's/listening on //'); [ -n "$SERVE_URL" ]; then
      return 0
    fi
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/$name.log" >&2; echo "bench: serve $name exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: serve $name did not print 'listening on' in 30 s" >&2; exit 1
}

# Starts `ledgerline serve` on a fresh data folder with an admin and an API token of its own
# (at log level SERVE_LOG_LEVEL, default info).
start_ledgerline() {
  mkdir -p "$WORK/ledgerline"
  TOKEN=$(make_admin_token --data "$WORK/ledgerline")
  serve_node ledgerline --data "$WORK/ledgerline" --log-level "${SERVE_LOG_LEVEL:-info}"
  LEDGERLINE_PID=$SERVE_PID LL_URL=$SERVE_URL
  LL_PORT=${LL_URL##*:}
}

# Creates database NAME in the cluster start_postgres_cluster started; prints its URL.
create_postgres_database() {
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" >&2
  echo "postgresql://postgres@127.0.0.1:$PG_PORT/$1"
}

# Starts a `serve --postgres URL` node named NAME and sets NODE_PORT; its pid goes to NODE_PIDS
# (stopped on exit), so call it directly, not in $(...).
start_postgres_node() {
  serve_node "$1" --postgres "$2"
  NODE_PIDS+=("$SERVE_PID")
  NODE_PORT=${SERVE_URL##*:}
}

# CPU time (user + system, in clock ticks) the processes PIDS... have used so far; postgres_ticks:
# the same for the cluster's postmaster and every backend it has now.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
postgres_ticks() {
  local postmaster
  postmaster=$(head -n 1 "$WORK/pg/data/postmaster.pid")
  # shellcheck disable=SC2046
  cpu_ticks "$postmaster" $(pgrep -P "$postmaster")
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
