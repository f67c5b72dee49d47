#!/usr/bin/env bash
# Fuzzes the HTTP/1.1 request parser and chunked decoder with libFuzzer + AddressSanitizer.
# Usage: scripts/fuzz-parser.sh [SECONDS]   (default 60). Works in scripts/fuzz-work/ (git-ignored).
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/scripts/fuzz-work"
mkdir -p "$work/corpus" "$work/include"

# Sources/Wire/HTTP needs SocketAddress (Socket/), which imports the CLinux shim: give swiftc
# a module map for the shim's header.
cat > "$work/include/module.modulemap" <<MAP
module CLinux [system] {
  header "$root/Sources/CLinux/include/CLinux.h"
  export *
}
MAP

echo "building $work/parser-fuzzer"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Wire \
  -I "$work/include" \
  "$root"/Sources/Wire/HTTP/*.swift \
  "$root/Sources/Wire/Socket/SocketAddress.swift" "$root/Sources/Wire/Socket/SystemCall.swift" \
  "$root/scripts/fuzz/ParserFuzzer.swift" \
  -o "$work/parser-fuzzer" 2>&1 | grep -v "Cannot export local symbol" || true
[ -x "$work/parser-fuzzer" ] || { echo "build failed"; exit 2; }

# Seeds: a few valid and invalid requests and chunked bodies.
seed() { printf "$2" > "$work/corpus/seed-$1"; }
seed get 'GET /labs/1?x=y HTTP/1.1\r\nHost: lab\r\nAccept: */*\r\n\r\n'
seed post 'POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc'
seed chunked 'POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'
seed smuggle 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n'
seed http10 '\r\nGET http://a/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'
seed connect 'CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n'
seed fold 'GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n'
seed body '4;ext=1\r\nWiki\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n'
seed badbody 'fffffffffffffffff\r\nzz\r\n'

cd "$work"
rm -f crash-* leak-* timeout-* oom-*
started=$(date +%s)
status=0
./parser-fuzzer -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 corpus > fuzz.log 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))
grep -E "^stat::(number_of_executed_units|new_units_added)" fuzz.log || true
if [ "$status" -eq 0 ] && ! ls crash-* leak-* timeout-* oom-* > /dev/null 2>&1; then
  echo "fuzzed for ${elapsed}s: no crash"
else
  echo "fuzzed for ${elapsed}s: FAILED (exit $status); see $work/fuzz.log and:"
  ls "$work" | grep -E "^(crash|leak|timeout|oom)-" || true
  exit 1
fi
