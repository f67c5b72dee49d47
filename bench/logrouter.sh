#!/usr/bin/env bash
# Log router throughput: ~200-byte JSON lines piped into `sidecarlab logrouter` (stdin input,
# JSON parser, FireLens keys, file output), the router pinned to one core (taskset -c 0).
# Prints lines/s and MB/s (input bytes) by wall clock and by the router's CPU time (user + sys;
# the fair figure on a shared machine), and peak RSS. Goal: >= 300,000 lines/s, RSS <= 64 MB.
#
#   bench/logrouter.sh        (env: LINES=2000000, SCRATCH=.build, BIN=prebuilt binary)
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${LINES:-2000000}
scratch=${SCRATCH:-.build}
if [[ -z ${BIN:-} ]]; then
  swift build -c release --scratch-path "$scratch" --product sidecarlab >/dev/null
  BIN=$scratch/release/sidecarlab
fi
work=$(mktemp -d /tmp/logrouter-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# About 200 bytes per line, every line different.
awk -v n="$lines" 'BEGIN {
  for (i = 0; i < n; i++)
    printf "{\"time\":\"2026-11-28T08:%02d:%02d.%03dZ\",\"level\":\"INFO\",\"service\":\"swan\",\"host\":\"10.0.1.23\",\"msg\":\"GET /color 200 served by v1\",\"request_id\":\"%016x%016x\",\"status\":200,\"duration_ms\":%d}\n", (i / 60000) % 60, (i / 1000) % 60, i % 1000, i, i * 7, i % 997
}' >"$work/input.jsonl"
bytes=$(stat -c %s "$work/input.jsonl")

cat >"$work/router.conf" <<CONF
[SERVICE]
    Flush          1
    Mem_Buf_Limit  16M
[INPUT]
    Name    stdin
    Tag     app.swan
    Parser  json
[OUTPUT]
    Name    file
    Match   *
    File    $work/out.jsonl
CONF

cat "$work/input.jsonl" | /usr/bin/time -v -o "$work/time" taskset -c 0 "$BIN" logrouter \
  --config "$work/router.conf" --cluster bench --task 0123456789abcdef --container swan 2>"$work/err" \
  || { cat "$work/err" >&2; exit 1; }

out_lines=$(wc -l <"$work/out.jsonl")
[[ $out_lines -eq $lines ]] || { echo "expected $lines output lines, got $out_lines" >&2; exit 1; }
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time")
rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
awk -v l="$lines" -v b="$bytes" -v e="$elapsed" -v c="$cpu" -v r="$rss_kib" 'BEGIN {
  printf "lines=%d avg_line_bytes=%.0f\n", l, b / l
  printf "wall: seconds=%.2f lines_per_s=%.0f MB_per_s=%.1f\n", e, l / e, b / e / 1e6
  printf "cpu:  seconds=%.2f lines_per_s=%.0f MB_per_s=%.1f\n", c, l / c, b / c / 1e6
  printf "peak_rss_MiB=%.1f\n", r / 1024
}'
