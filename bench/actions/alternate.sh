#!/usr/bin/env bash
# Alternates `run.sh --no-postgres --stages` over several builds of ledgerline, ROUNDS times, and
# prints for each run: bills/s, p50, disk bytes written per bill and each server thread's CPU
# µs per bill (both read from /proc over 6 s mid-run), then the commit stages' last line. For
# A/B comparisons on a noisy machine: the builds take turns, so drift hits them alike.
#
# Usage: bench/actions/alternate.sh ROUNDS BUILD_DIR... (each with ledgerline and
#        bench/commit/commit_loadgen, as a build tree has; a copy of the binary works too)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 2 ] || { sed -n '2,8p' "$0"; exit 2; }
ROUNDS=$1
shift

# Sums utime+stime ticks per thread name of process $1 into the array named $2.
thread_ticks() {
  local -n ticks=$2
  local task name fields
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    read -ra fields <<<"$(cut -d')' -f2 "$task/stat")"
    ticks[$name]=$(( ${ticks[$name]:-0} + fields[11] + fields[12] ))
  done
}

for round in $(seq 1 "$ROUNDS"); do
  for dir in "$@"; do
    dir=$(cd "$dir" && pwd)
    out=$(mktemp)
    bash "$REPO/bench/actions/run.sh" --build "$dir" --no-postgres --seconds 12 --stages >"$out" 2>&1 &
    runner=$!
    until pgrep -f "$dir/bench/commit/commit_loadgen" >/dev/null; do
      kill -0 "$runner" 2>/dev/null || { cat "$out" >&2; exit 1; }
      sleep 0.2
    done
    sleep 5
    server=$(pgrep -f "$dir/ledgerline serve" | head -n 1)
    declare -A before=() after=()
    thread_ticks "$server" before
    written_before=$(awk '/^write_bytes/ {print $2}' "/proc/$server/io")
    sleep 6
    thread_ticks "$server" after
    written_after=$(awk '/^write_bytes/ {print $2}' "/proc/$server/io")
    wait "$runner"
    tps=$(grep -o 'tps=[0-9.]*' "$out" | head -n 1 | cut -d= -f2)
    p50=$(grep -o 'p50_ms=[0-9.]*' "$out" | head -n 1 | cut -d= -f2)
    ticks_per_second=$(getconf CLK_TCK)
    line="$dir round $round: $tps bills/s, p50 $p50 ms,"
    line+=" $(awk -v w=$((written_after - written_before)) -v t="$tps" 'BEGIN {printf "%.1f", w / 1024 / 6 / t}') KB written per bill; CPU µs per bill:"
    for name in "${!after[@]}"; do
      ticks=$(( after[$name] - ${before[$name]:-0} ))
      [ "$ticks" -gt 5 ] || continue
      line+=" $name $(awk -v k="$ticks" -v hz="$ticks_per_second" -v t="$tps" 'BEGIN {printf "%.0f", k / hz * 1e6 / 6 / t}')"
    done
    echo "$line"
    grep -o 'commit stages: .*' "$out" | tail -n 1 | sed 's/^/  /'
    rm -f "$out"
  done
done
