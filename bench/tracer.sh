#!/usr/bin/env bash
# Tracer benchmark (issue 8): `sidecarlab tracer` pinned to one core takes SEGMENTS realistic
# X-Ray segments (~700 bytes: an http block and two subsegments, one a remote call) over the UDP
# daemon protocol, sent from another core at RATE per second. Prints the intake rate, the CPU the
# tracer spent per segment (the rate one free core sustains, whatever else shares the core), and
# the accounting: sent = stored + drops counted by the tracer + drops counted by the kernel
# (/proc/net/udp, and the tracer's own SO_RXQ_OVFL count). Then any segment the intake dropped is
# sent again at a pace the tracer keeps up with, so the store holds all SEGMENTS, and
# GetServiceGraph and GetTraceSummaries are timed over them (median and p99 of RUNS calls each),
# with the tracer's peak RSS.
#
#   bench/tracer.sh     (env: SEGMENTS=1000000, RATE=60000, RUNS=30, SIDECARLAB_BIN=prebuilt binary)
set -euo pipefail
cd "$(dirname "$0")/.."
segments=${SEGMENTS:-1000000}
rate=${RATE:-60000}
runs=${RUNS:-30}
if [[ -z ${SIDECARLAB_BIN:-} ]]; then
  swift build -c release --product sidecarlab >/dev/null
  SIDECARLAB_BIN=$PWD/.build/release/sidecarlab
fi
data=$(mktemp -d /tmp/sidecarlab-tracer-bench.XXXXXX)
tracer_pid=""
cleanup() {
  if [[ -n $tracer_pid ]]; then
    kill "$tracer_pid" 2>/dev/null || true
    wait "$tracer_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

taskset -c 0 "$SIDECARLAB_BIN" tracer --udp 127.0.0.1:0 --http 127.0.0.1:0 \
  --data "$data/traces.sqlite" --retention-segments $((segments + 1000)) 2>"$data/log" &
tracer_pid=$!
for _ in $(seq 100); do
  grep -q "http on" "$data/log" 2>/dev/null && break
  sleep 0.1
done
udp=$(sed -n 's/^udp on //p' "$data/log")
http=$(sed -n 's/^http on //p' "$data/log")
[[ -n $udp && -n $http ]] || { echo "tracer did not start:"; cat "$data/log"; exit 1; }

taskset -c 1 python3 - "$udp" "$http" "$segments" "$rate" "$tracer_pid" "$data/traces.sqlite" "$runs" <<'PY'
import http.client, json, math, os, socket, sqlite3, statistics, sys, time

udp, http_address, total, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
tracer_pid, database, runs = sys.argv[5], sys.argv[6], int(sys.argv[7])
udp_host, udp_port = udp.rsplit(":", 1)
http_host, http_port = http_address.rsplit(":", 1)
connection = http.client.HTTPConnection(http_host, int(http_port), timeout=60)

def call(path, body=None):
    connection.request("POST" if body is not None else "GET", path, body=json.dumps(body) if body is not None else None)
    response = connection.getresponse()
    return response.status, json.loads(response.read())

def cpu_seconds():
    """User + system CPU time the tracer has used: on a shared machine the intake rate depends on
    what else runs on its core, the CPU cost per segment does not."""
    fields = open(f"/proc/{tracer_pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def kernel_drops():
    """The `drops` column of /proc/net/udp for the tracer's port: datagrams the kernel discarded."""
    port = f"{int(udp_port):04X}"
    with open("/proc/net/udp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(":" + port):
                return int(fields[-1])
    return 0

HEADER = b'{"format": "json", "version": 1}\n'
# Two segments per trace: swan (calls unicorn) and unicorn (calls its database).
TEMPLATE = (
    '{"name":"%s","id":"%016x","trace_id":"%s",%s"start_time":%.6f,"end_time":%.6f,'
    '"http":{"request":{"method":"GET","url":"http://%s.local/api/pets/%d"},'
    '"response":{"status":%d,"content_length":512}},%s"annotations":{"tier":"gold","attempt":%d},'
    '"subsegments":[{"name":"handler","id":"%016x","start_time":%.6f,"end_time":%.6f},'
    '{"name":"%s","id":"%016x","namespace":"remote","start_time":%.6f,"end_time":%.6f,'
    '"http":{"request":{"method":"GET","url":"http://%s.local/"},"response":{"status":%d}}%s}]}'
)

def datagram(index, base):
    trace = index // 2
    # Traces spread over 15 minutes in an order unrelated to their status.
    start = base + (trace * 7919 % 900_000) / 1000.0
    trace_id = "1-%08x-%024x" % (int(base), trace + 1)
    status = 503 if trace % 20 == 0 else 200
    fault = '"fault":true,' if status == 503 else ''
    call_fault = ',"fault":true' if status == 503 else ''
    if index % 2 == 0:
        service, parent, target, duration = "swan", "", "unicorn", 0.030
    else:
        service, parent, target, duration = "unicorn", '"parent_id":"%016x",' % (4 * (index - 1) + 3), "db", 0.020
    ident = 4 * index + 1
    return HEADER + (TEMPLATE % (
        service, ident, trace_id, parent, start, start + duration, service, trace, status, fault, trace % 5,
        ident + 1, start + 0.001, start + 0.004, target, ident + 2, start + 0.005, start + duration - 0.002,
        target, status, call_fault)).encode()

base = time.time() - 900
# Built before the clock starts, so the sender's own speed does not limit the offered rate.
datagrams = [datagram(index, base) for index in range(total)]
print(f"segment datagram: {sum(map(len, datagrams)) // total} bytes on average")
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.connect((udp_host, int(udp_port)))
drops_before = kernel_drops()
cpu_before = cpu_seconds()
started = time.monotonic()
sent = 0
chunk = 500
while sent < total:
    for payload in datagrams[sent:sent + chunk]:
        sock.send(payload)
    sent = min(total, sent + chunk)
    ahead = sent / rate - (time.monotonic() - started)
    if ahead > 0:
        time.sleep(ahead)
send_seconds = time.monotonic() - started
del datagrams

deadline = time.monotonic() + 600
while True:
    _, stats = call("/stats")
    accounted = stats["stored"] + stats["dropped_queue_full"] + stats["dropped_store_error"] + stats["rejected_total"]
    if accounted + (kernel_drops() - drops_before) >= sent and stats["queued"] == 0:
        break
    if time.monotonic() > deadline:
        break
    time.sleep(0.05)
intake_seconds = time.monotonic() - started
cpu_used = cpu_seconds() - cpu_before
kernel = kernel_drops() - drops_before
print(f"sent {sent} in {send_seconds:.2f} s ({sent / send_seconds:,.0f}/s offered)")
print(f"received {stats['received']}, stored {stats['stored']} in {intake_seconds:.2f} s "
      f"({stats['stored'] / intake_seconds:,.0f} stored/s)")
print(f"drops: queue full {stats['dropped_queue_full']}, store errors {stats['dropped_store_error']}, "
      f"rejected {stats['rejected_total']}, kernel {kernel} (the tracer's SO_RXQ_OVFL count: "
      f"{stats['dropped_kernel']})")
print(f"tracer CPU: {cpu_used:.2f} s, {cpu_used / max(1, stats['received']) * 1e6:.1f} µs per received segment "
      f"(one free core: {stats['received'] / max(cpu_used, 1e-9):,.0f} segments/s)")
unaccounted = sent - stats["stored"] - stats["dropped_queue_full"] - stats["dropped_store_error"] - stats["rejected_total"] - kernel
print(f"unaccounted: {unaccounted}")

def stored_ids():
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as store:
        return {row[0] for row in store.execute("SELECT id FROM segments")}

# Fill: what the intake dropped is sent again, a chunk at a time once the tracer has read (or
# the kernel has dropped) the previous one, until the store holds every segment.
for _ in range(5):
    stored = stored_ids()
    missing = [index for index in range(total) if 4 * index + 1 not in stored]
    if not missing:
        break
    began = time.monotonic()
    arrived = lambda: call("/stats")[1]["received"] + kernel_drops()
    expected = arrived()
    for start in range(0, len(missing), 2000):
        chunk = missing[start:start + 2000]
        for index in chunk:
            sock.send(datagram(index, base))
        expected += len(chunk)
        while arrived() < expected:
            time.sleep(0.01)
    settled = lambda stats: stats["accepted"] == stats["stored"] + stats["dropped_store_error"]
    while not settled(call("/stats")[1]):
        time.sleep(0.05)
    print(f"sent again: {len(missing)} dropped segments in {time.monotonic() - began:.1f} s")
print(f"stored segments: {len(stored_ids())}")

def percentile(times, fraction):
    """Nearest rank: the smallest time at least `fraction` of the calls took no longer than."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

def timed(path, body):
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        status, answer = call(path, body)
        times.append((time.perf_counter() - begin) * 1000)
        assert status == 200, answer
    return statistics.median(times), percentile(times, 0.99), answer

window = {"StartTime": base - 60, "EndTime": time.time() + 60}
median, p99, graph = timed("/ServiceGraph", window)
edges = sum(len(service["Edges"]) for service in graph["Services"])
print(f"GetServiceGraph: median {median:.1f} ms, p99 {p99:.1f} ms ({len(graph['Services'])} services, {edges} edges)")
for expression in [None, "responsetime > 0.025 AND http.status = 503", 'service("unicorn") { fault }',
                   'edge("swan", "unicorn") { fault } AND annotation.tier = "gold"']:
    body = dict(window, **({"FilterExpression": expression} if expression else {}))
    median, p99, answer = timed("/TraceSummaries", body)
    print(f"GetTraceSummaries {expression or '(no filter)'}: median {median:.1f} ms, p99 {p99:.1f} ms "
          f"({len(answer['TraceSummaries'])} summaries of {answer['TracesProcessedCount']} traces examined)")
status = dict(line.split(":", 1) for line in open(f"/proc/{tracer_pid}/status"))
print(f"tracer memory: RSS {status['VmRSS'].strip()}, peak {status['VmHWM'].strip()}")
PY
echo "store size: $(du -sh "$data" | cut -f1)"
