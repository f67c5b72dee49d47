#!/usr/bin/env bash
# Reverse-proxy benchmark (issue 6): `sidecarlab proxy` in quick mode against HAProxy (one
# thread) and nginx proxy_pass, all in front of the same nginx upstream, through
# ../shared/bench/compare.sh. Prints the peers' table and our ratios, then the proxy's idle
# resident memory (anonymous and file-backed), its CPU time per request next to HAProxy's
# and, when strace is installed, its system calls per proxied request.
#
#   bench/proxy.sh     (env: ROUNDS, DURATION, CONNS as compare.sh; SHARED=path to shared/;
#                       COMPARE=0 skips compare.sh and measures CPU and system calls only;
#                       STATIC=0 measures a build with the Swift runtime and Foundation as
#                       shared libraries instead of the release form (README, "Release
#                       build": linked in, which keeps idle RSS under 20 MB — the shared ones
#                       cost about 6 MB when merely loaded); SCRATCH=SwiftPM scratch folder,
#                       default .build-static, or .build with STATIC=0)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-}
if [[ -z $shared ]]; then
  for candidate in /work/shared ../shared; do
    [[ -f $candidate/bench/compare.sh ]] && { shared=$candidate; break; }
  done
fi
[[ -n $shared ]] || { echo "compare.sh not found (set SHARED)" >&2; exit 1; }
link=(--static-swift-stdlib)
scratch=${SCRATCH:-.build-static}
if [[ ${STATIC:-1} == 0 ]]; then link=(); scratch=${SCRATCH:-.build}; fi
swift build -c release --product sidecarlab --scratch-path "$scratch" "${link[@]}" >/dev/null
bin=$(cd "$scratch/release" && pwd)/sidecarlab
work=$(mktemp -d /tmp/sidecarlab-proxy-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[[ ${COMPARE:-1} == 0 ]] ||
  bash "$shared/bench/compare.sh" proxy -- "$bin" proxy --listen {LISTEN} --upstream {UPSTREAM}

# Idle memory, CPU per request and system calls per request, on a proxy of our own and an
# HAProxy (one thread, compare.sh's configuration) in front of one small nginx.
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
up=$(free_port); op=$(free_port); hp=$(free_port)
mkdir -p "$work/root" "$work/tmp"
printf 'hello\n' >"$work/root/hello.txt"
cat >"$work/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $work/nginx.pid; error_log $work/nginx.err warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path $work/tmp; proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$up; root $work/root; } }
CONF
cat >"$work/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 4000
defaults
  mode http
  option http-keep-alive
  http-reuse safe
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend fe
  bind 127.0.0.1:$hp
  default_backend be
backend be
  server up1 127.0.0.1:$up
CONF
nginx -c "$work/nginx.conf" -p "$work" & pids+=($!)
"$bin" proxy --listen "127.0.0.1:$op" --upstream "127.0.0.1:$up" 2>/dev/null & proxy=$!; pids+=($proxy)
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & haproxy=$!; pids+=($haproxy)
wait_port "$up"; wait_port "$op"; wait_port "$hp"
sleep 0.5
echo "idle_rss_kib=$(awk '/^VmRSS/{print $2}' /proc/$proxy/status)" \
  "(anon $(awk '/^RssAnon/{print $2}' /proc/$proxy/status), file-backed $(awk '/^RssFile/{print $2}' /proc/$proxy/status): shared libraries and the executable)"
# CPU a proxy spends per request (user and kernel), from its own counters over a wrk run:
# steadier on a shared machine than requests per second. Ours and HAProxy take turns, ROUNDS
# times; the medians and their ratio are printed.
cpu_per_request() { # pid, port → "total user system" in µs per request
  local stat0 stat1
  stat0=$(awk '{print $14 + 0, $15 + 0}' "/proc/$1/stat")
  wrk -t2 -c50 -d3s "http://127.0.0.1:$2/hello.txt" >"$work/wrk-cpu" 2>&1 || true
  stat1=$(awk '{print $14 + 0, $15 + 0}' "/proc/$1/stat")
  awk -v a="$stat0" -v b="$stat1" -v hz="$(getconf CLK_TCK)" \
    -v r="$(awk '/requests in/{print $1}' "$work/wrk-cpu")" \
    'BEGIN{split(a,x," "); split(b,y," "); u=(y[1]-x[1])*1e6/hz/r; s=(y[2]-x[2])*1e6/hz/r; printf "%.2f %.2f %.2f\n", u+s, u, s}'
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for _ in $(seq "${ROUNDS:-3}"); do
  echo "ours $(cpu_per_request "$proxy" "$op")" >>"$work/cpu"
  echo "haproxy $(cpu_per_request "$haproxy" "$hp")" >>"$work/cpu"
done
for name in ours haproxy; do
  printf '%s_cpu_us_per_request=%s (user %s, system %s; medians of %s rounds)\n' "$name" \
    "$(awk -v n=$name '$1==n{print $2}' "$work/cpu" | median)" \
    "$(awk -v n=$name '$1==n{print $3}' "$work/cpu" | median)" \
    "$(awk -v n=$name '$1==n{print $4}' "$work/cpu" | median)" "${ROUNDS:-3}"
done
echo "cpu ours/haproxy=$(awk '$1=="ours"{o[++n]=$2} $1=="haproxy"{h[++m]=$2}
  END{for (i = 1; i <= n; i++) printf "%.3f\n", o[i] / h[i]}' "$work/cpu" | median)" \
  "(median of the rounds' ratios)"
if command -v strace >/dev/null; then
  strace -c -f -p "$proxy" -o "$work/strace" & tracer=$!
  sleep 0.5
  wrk -t2 -c50 -d3s "http://127.0.0.1:$op/hello.txt" >"$work/wrk" 2>&1 || true
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  requests=$(awk '/requests in/{print $1}' "$work/wrk")
  calls=$(awk '$NF=="total"{print $4}' "$work/strace")
  awk -v c="$calls" -v r="$requests" 'BEGIN{printf "syscalls_per_request=%.2f (%d calls, %d requests, under strace)\n", c/r, c, r}'
  grep -E 'read|write|epoll|accept|connect' "$work/strace" | awk '{print "  " $NF ": " $4}' || true
fi
