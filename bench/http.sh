#!/usr/bin/env bash
# Static-file benchmark: `sidecarlab serve` against nginx (one worker) on loopback, through
# ../shared/bench/compare.sh, for a 1 KiB file at 50 connections. Prints the peers' table,
# our ratios, and our resident memory idle and under load.
#
#   bench/http.sh            (env: ROUNDS, DURATION, CONNS as compare.sh; SHARED=path to shared/)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
swift build -c release --product sidecarlab >/dev/null
bin=$PWD/.build/release/sidecarlab
data=$(mktemp -d /tmp/sidecarlab-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT

# Resident memory of the server: idle after start, then while compare.sh loads it.
rss_kib() { awk '/^VmRSS/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
sampler() {
  local peak=0 idle=""
  while :; do
    pid=$(pgrep -n -f "^$bin serve" || true)
    if [[ -n $pid ]]; then
      r=$(rss_kib "$pid")
      [[ -z $idle ]] && { sleep 0.5; idle=$(rss_kib "$pid"); echo "idle_rss_kib=$idle" >"$data/rss"; }
      ((r > peak)) && peak=$r && echo "idle_rss_kib=$idle peak_rss_kib=$peak" >"$data/rss"
    fi
    sleep 0.2
  done
}
sampler &
sampler_pid=$!
PATH_UNDER_TEST=/static/1k.txt bash "$shared/bench/compare.sh" http -- \
  "$bin" serve --listen {LISTEN} --public {ROOT} --data "$data/data" --labs "$data"
kill "$sampler_pid" 2>/dev/null || true
cat "$data/rss" 2>/dev/null | awk '{for(i=1;i<=NF;i++){split($i,a,"="); printf "%s=%.1fMiB ", a[1], a[2]/1024}; print ""}'
