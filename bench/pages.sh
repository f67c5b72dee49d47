#!/usr/bin/env bash
# Lab page benchmark (issue 4): a release `sidecarlab serve` with the repo's Labs/, LEARNERS
# learners joined through the API (each with lab 1 open), and wrk requesting the lab page with
# their session cookies (bench/pages.lua cycles through them). Two runs: "polling", each
# connection a learner reloading about every POLL_MS (the goal: p99 <= 20 ms), and
# "saturation", a closed loop at full speed (capacity). Prints wrk's latency distribution and a
# summary line with p50, p99 and requests per second for each.
#
#   bench/pages.sh     (env: LEARNERS=200, CONNS=200, THREADS=2, DURATION=10s, POLL_MS=1000,
#                       LAB=01-meet-the-app, SCRATCH=.build: the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
learners=${LEARNERS:-200}
conns=${CONNS:-200}
threads=${THREADS:-2}
duration=${DURATION:-10s}
lab=${LAB:-01-meet-the-app}
scratch=${SCRATCH:-.build}
command -v wrk >/dev/null || { echo "pages.sh: wrk is not installed" >&2; exit 1; }
swift build -c release --product sidecarlab --scratch-path "$scratch" >/dev/null
bin=$PWD/$scratch/release/sidecarlab
[[ $scratch = /* ]] && bin=$scratch/release/sidecarlab

work=$(mktemp -d /tmp/sidecarlab-pages-bench.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" serve --listen "127.0.0.1:$port" --data "$work/data" --labs "$PWD/Labs" \
  --public "$PWD/Public" --event-code BENCH1 >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }

# One learner per connection, each with the lab open so the page shows a current step.
for i in $(seq "$learners"); do
  reply=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"code\":\"BENCH1\",\"name\":\"Learner $i\"}" "$base/api/v1/join")
  token=$(sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p' <<<"$reply")
  [[ -n $token ]] || { echo "pages.sh: join $i failed: $reply" >&2; exit 1; }
  status=$(curl -s -o /dev/null -w "%{http_code}" -X POST -H "Authorization: Bearer $token" \
    "$base/api/v1/labs/$lab/open")
  [[ $status = 200 ]] || { echo "pages.sh: opening $lab for learner $i answered $status" >&2; exit 1; }
  echo "$token" >>"$work/tokens"
done
first=$(head -n 1 "$work/tokens")

# Runs wrk against the lab page with the learners' session cookies (after checking one request
# answers 200); POLL_MS set makes each connection a learner polling at that interval.
measure() {
  local label=$1 poll=$2 path=/labs/$lab status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sidecarlab_session=$first" "$base$path")
  [[ $status = 200 ]] || { echo "pages.sh: GET $path answered $status" >&2; return 1; }
  echo "== $label: GET $path ($learners learners, -t$threads -c$conns -d$duration${poll:+, each polling every ~$poll ms})"
  TOKENS=$work/tokens POLL_MS=$poll wrk -t"$threads" -c"$conns" -d"$duration" --latency \
    -s bench/pages.lua "$base$path" | tee "$work/wrk.out"
  awk -v label="$label" '
    $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } $1 == "Requests/sec:" { rps = $2 }
    END { printf "summary %s: p50=%s p99=%s rps=%s\n", label, p50, p99, rps }' "$work/wrk.out"
}

# The goal's scenario: every learner polls the page about once a second (the page itself
# refreshes every 5 s without JavaScript). Then the same page in a closed loop, for capacity.
measure polling "${POLL_MS:-1000}"
measure saturation ""
