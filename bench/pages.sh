#!/usr/bin/env bash
# Lab page benchmark (issue 4): a release `sidecarlab serve` with the repo's Labs/, LEARNERS
# learners joined through the API (each with lab 1 open), and wrk polling the lab page with their
# session cookies (bench/pages.lua cycles through them). Prints wrk's latency distribution and
# a summary line with p50, p99 and requests per second; the goal is p99 <= 20 ms.
# When the lab page is not served (404), it measures `GET /labs` (cookies) and the lab's API
# `GET /api/v1/labs/<lab>` (bearer tokens) instead.
#
#   bench/pages.sh     (env: LEARNERS=200, CONNS=200, THREADS=2, DURATION=10s, LAB=01-meet-the-app,
#                       SCRATCH=.build: the build folder)
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

# Runs wrk against PATH with AUTH (cookie | bearer) after checking one request answers 200.
measure() {
  local path=$1 auth=$2 header status
  if [[ $auth = bearer ]]; then header="Authorization: Bearer $first"; else header="Cookie: sidecarlab_session=$first"; fi
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$base$path")
  [[ $status = 200 ]] || { echo "pages.sh: GET $path answered $status" >&2; return 1; }
  echo "== GET $path ($auth, $learners learners, -t$threads -c$conns -d$duration)"
  TOKENS=$work/tokens AUTH=$auth wrk -t"$threads" -c"$conns" -d"$duration" --latency \
    -s bench/pages.lua "$base$path" | tee "$work/wrk.out"
  awk -v path="$path" '
    $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } $1 == "Requests/sec:" { rps = $2 }
    END { printf "summary %s: p50=%s p99=%s rps=%s\n", path, p50, p99, rps }' "$work/wrk.out"
}

page_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sidecarlab_session=$first" \
  "$base/labs/$lab")
if [[ $page_status = 404 ]]; then
  echo "pages.sh: /labs/$lab is not served yet (404); measuring /labs and the lab's API instead"
  measure /labs cookie
  measure "/api/v1/labs/$lab" bearer
else
  measure "/labs/$lab" cookie
fi
