#!/usr/bin/env bash
# Metrics agent benchmark (issue #9):
#  1. StatsD intake on one core: the agent pinned to CPU 0, a Python sender pinned to CPU 1
#     sending multi-line datagrams over loopback at RATE lines/s for SECONDS; every line sent
#     must be accounted for (accepted + malformed + refused + kernel drops), goal ≥ 200,000/s
#     with no drop. Then an unpaced burst to show the ceiling.
#  2. Dashboard query over 24 h: 200 histogram series with a day of minute buckets (written
#     into the agent's SQLite file before it starts, as a restarted agent would find them),
#     p99 of a 24 h query at a 5 min step over all 200 series; goal ≤ 20 ms.
#   bench/metrics.sh   (env: SIDECARLAB_BIN to skip the release build, RATE=250000, DURATION=5,
#                       LINES_PER_DATAGRAM=20, QUERIES=50)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${SIDECARLAB_BIN:-}" ]]; then
  swift build -c release --product sidecarlab >/dev/null
  SIDECARLAB_BIN=$PWD/.build/release/sidecarlab
fi
work=$(mktemp -d /tmp/sidecarlab-metrics-bench.XXXXXX)
agent=
stop_agent() {
  if [[ -n "$agent" ]]; then kill "$agent" 2>/dev/null || true; wait "$agent" 2>/dev/null || true; fi
  agent=
}
trap 'stop_agent; rm -rf "$work"' EXIT

start_agent() { # $1 = data file
  : >"$work/agent.log"
  taskset -c 0 "$SIDECARLAB_BIN" metrics --statsd 127.0.0.1:0 --http 127.0.0.1:0 \
    --data "$1" --max-series 100000 2>"$work/agent.log" &
  agent=$!
  for _ in $(seq 300); do
    grep -q '^http on' "$work/agent.log" && break
    sleep 0.1
  done
  statsd=$(sed -n 's/^statsd on //p' "$work/agent.log")
  http=$(sed -n 's/^http on //p' "$work/agent.log")
  [[ -n "$statsd" && -n "$http" ]] || { cat "$work/agent.log"; exit 1; }
}

echo "== StatsD intake (agent on CPU 0, sender on CPU 1)"
start_agent "$work/intake.sqlite"
AGENT=$agent STATSD=$statsd HTTP=$http taskset -c 1 python3 - <<'PY'
import json, os, socket, time, urllib.request

host, port = os.environ["STATSD"].rsplit(":", 1)
target = (host, int(port))
http = os.environ["HTTP"]
rate = int(os.environ.get("RATE", "250000"))
seconds = float(os.environ.get("DURATION", "5"))
per = int(os.environ.get("LINES_PER_DATAGRAM", "20"))

def stats():
    with urllib.request.urlopen(f"http://{http}/stats", timeout=5) as response:
        return json.load(response)

def kernel_drops():
    drops = 0
    for name in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            rows = open(name).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[1].endswith(":%04X" % int(port)):
                drops += int(fields[12])
    return drops

# Envoy-like lines: counters, gauges, timers, some with DogStatsD tags and sample rates.
shapes = []
for cluster in range(20):
    c = f"envoy.cluster.c{cluster}"
    shapes += [f"{c}.upstream_rq_200:1|c", f"{c}.upstream_rq_503:1|c|@0.5",
               f"{c}.upstream_cx_active:{cluster}|g", f"{c}.upstream_rq_time:%d|ms",
               f"http.ingress.downstream_rq_time:%d|ms|#service:c{cluster}"]
datagrams = []
for index in range(2000):
    lines = []
    for offset in range(per):
        shape = shapes[(index * per + offset) % len(shapes)]
        lines.append(shape % (1 + (index * 7 + offset) % 900) if "%d" in shape else shape)
    datagrams.append("\n".join(lines).encode())

def cpu_seconds():
    """The agent's user + system CPU time (all threads), in seconds."""
    fields = open(f"/proc/{os.environ['AGENT']}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def run(label, rate):
    cpu_before = cpu_seconds()
    before = stats()
    dropped_before = kernel_drops()
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sent = 0
    start = time.monotonic()
    deadline = start + seconds
    index = 0
    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        if rate and sent > (now - start) * rate:
            time.sleep(0.0005)
            continue
        for _ in range(16):
            sender.sendto(datagrams[index % len(datagrams)], target)
            index += 1
            sent += per
    elapsed = time.monotonic() - start
    # Wait until the agent has read everything the kernel queued (no change for 0.5 s); the
    # agent's time is until its count last changed.
    last, changed = -1, time.monotonic()
    while time.monotonic() - changed < 0.5:
        current = stats()["lines"]
        if current != last:
            last, changed = current, time.monotonic()
        time.sleep(0.02)
    drained = changed - start
    after = stats()
    counted = after["lines"] - before["lines"]
    drops = (kernel_drops() - dropped_before) * per
    accepted = after["accepted"] - before["accepted"]
    print(f"{label}: sent {sent} lines in {elapsed:.2f} s ({sent / elapsed:,.0f} lines/s offered); "
          f"agent counted {counted} (accepted {accepted}, malformed "
          f"{after['malformed'] - before['malformed']}, refused {after['refused_series'] - before['refused_series']}); "
          f"kernel drops {drops} lines; unaccounted {sent - counted - drops}; "
          f"agent throughput {counted / drained:,.0f} lines/s; "
          f"{counted / max(cpu_seconds() - cpu_before, 0.01):,.0f} lines per agent CPU second")

run(f"paced at {rate:,} lines/s", rate)
run("unpaced burst", 0)
PY
stop_agent

echo "== Dashboard query over 24 h of 200 series"
DATA=$work/day.sqlite python3 - <<'PY'
import math, os, random, sqlite3, struct, time

def u64(value): return struct.pack("<Q", value)
def f64(value): return struct.pack("<d", value)
def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)

gamma = 1.02
def histogram_blob(samples):
    """A minute bucket as the agent stores it (BucketCoder: kind 3, varint counts, bin
    indices as zigzag then steps)."""
    bins = {}
    for value in samples:
        index = math.ceil(math.log(value) / math.log(gamma))
        bins[index] = bins.get(index, 0) + 1
    blob = bytes([3]) + varint(len(samples)) + f64(sum(samples)) + f64(min(samples)) + f64(max(samples))
    blob += varint(0) + varint(len(bins))
    previous = None
    for index, count in sorted(bins.items()):
        step = ((index << 1) ^ (index >> 31)) & 0xFFFFFFFF if previous is None else index - previous
        blob += varint(step) + varint(count)
        previous = index
    return blob + varint(0)

def labels_blob(pairs):
    out = b""
    for name, value in pairs:
        for text in (name, value):
            data = text.encode()
            out += u64(len(data)) + data
    return out

database = sqlite3.connect(os.environ["DATA"])
database.executescript("""
CREATE TABLE metric_series (id INTEGER PRIMARY KEY, name TEXT NOT NULL, labels BLOB NOT NULL,
  kind TEXT NOT NULL, UNIQUE (name, labels));
CREATE TABLE metric_minutes (series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  minute INTEGER NOT NULL, bucket BLOB NOT NULL, PRIMARY KEY (series_id, minute)) WITHOUT ROWID;
CREATE INDEX metric_minutes_by_minute ON metric_minutes (minute);
PRAGMA user_version = 1;
""")
random.seed(9)
now = int(time.time()) // 60 * 60
blobs = [histogram_blob([random.lognormvariate(3, 0.8) for _ in range(60)]) for _ in range(64)]
for series in range(200):
    database.execute("INSERT INTO metric_series (id, name, labels, kind) VALUES (?, ?, ?, ?)",
                     (series + 1, "upstream_rq_time", labels_blob([("service", f"s{series:03}")]), "histogram"))
    database.executemany("INSERT INTO metric_minutes VALUES (?, ?, ?)",
                         ((series + 1, now - 86400 + 60 * (m + 1), blobs[(series + m) % 64]) for m in range(1440)))
database.commit()
database.close()
PY
start_agent "$work/day.sqlite"
AGENT=$agent HTTP=$http python3 - <<'PY'
import http.client, json, os, time

def cpu_seconds():
    fields = open(f"/proc/{os.environ['AGENT']}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

queries = int(os.environ.get("QUERIES", "50"))
host, port = os.environ["HTTP"].rsplit(":", 1)
connection = http.client.HTTPConnection(host, int(port), timeout=30)
now = int(time.time()) // 300 * 300
for stat in ("p99", "rate"):
    target = f"/api/v1/metrics/query?name=upstream_rq_time&stat={stat}&start={now - 86400}&end={now}&step=300"
    timings = []
    cpu_start = None
    for attempt in range(queries + 3):
        if attempt == 3:  # after warm-up
            cpu_start = cpu_seconds()
        start = time.perf_counter()
        connection.request("GET", target)
        body = connection.getresponse().read()
        if attempt >= 3:
            timings.append((time.perf_counter() - start) * 1000)
    cpu = (cpu_seconds() - cpu_start) * 1000 / len(timings)
    answer = json.loads(body)
    points = sum(len(series["points"]) for series in answer["series"])
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(0.99 * (len(timings) - 1)))]
    print(f"24 h {stat} at 5 min steps: {len(answer['series'])} series, {points} points, {len(body):,} bytes; "
          f"latency p50 {timings[len(timings) // 2]:.1f} ms, p99 {p99:.1f} ms over {len(timings)} queries; "
          f"agent CPU {cpu:.1f} ms a query")
PY
