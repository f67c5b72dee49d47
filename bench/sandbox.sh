#!/usr/bin/env bash
# Sandbox benchmark: start → healthy (median of 20), one idle sandbox's memory (sum of PSS),
# and the server's CPU with 50 and 100 sandboxes running, all through the server's API.
#   bench/sandbox.sh        (env: ROUNDS=20, SANDBOXES=50,100, CPU_SECONDS=10)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sidecarlab >/dev/null
bin=$PWD/.build/release/sidecarlab
work=$(mktemp -d /tmp/sidecarlab-sandbox-bench.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$bin" serve --listen "127.0.0.1:$port" --data "$work/data" --labs "$work" --event-code BENCH1 2>"$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
SANDBOXES=${SANDBOXES:-50,100} python3 bench/sandbox.py "http://127.0.0.1:$port" BENCH1 "$server"
