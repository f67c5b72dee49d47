"""Sandbox figures through the server's own API (issue: the sandbox):
  1. time from POST /api/v1/sandbox to every process healthy — median of ROUNDS (goal ≤ 1 s);
  2. memory of one idle sandbox: the sum of Pss over its processes (/proc/PID/smaps_rollup,
     since they share one binary) — goal ≤ 40 MB;
  3. the server's CPU with N sandboxes running and nobody using them (goal < 5 % of a core).
Standard library only. Usage: python3 bench/sandbox.py BASE_URL EVENT_CODE SERVER_PID"""

import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request

BASE, CODE, SERVER_PID = sys.argv[1], sys.argv[2], int(sys.argv[3])
ROUNDS = int(os.environ.get("ROUNDS", "20"))
SANDBOXES = [int(n) for n in os.environ.get("SANDBOXES", "50").split(",")]
CPU_SECONDS = float(os.environ.get("CPU_SECONDS", "10"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def call(method, path, token=None, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None


def join(name):
    status, body = call("POST", "/api/v1/join", body={"code": CODE, "name": name})
    assert status == 201, (status, body)
    return body["token"]


def wait_healthy(token, deadline_s=60):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        status, body = call("GET", "/api/v1/sandbox", token)
        if status == 200 and body["allHealthy"]:
            return body
        time.sleep(0.01)
    raise SystemExit("sandbox did not become healthy in time")


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except OSError:
        return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


token = join("bench-start")
times = []
for _ in range(ROUNDS):
    started = time.monotonic()
    status, _ = call("POST", "/api/v1/sandbox", token)
    assert status == 202, status
    status_body = wait_healthy(token)
    times.append(time.monotonic() - started)
    call("DELETE", "/api/v1/sandbox", token)
print(f"start_to_healthy_ms median={statistics.median(times) * 1000:.0f} "
      f"min={min(times) * 1000:.0f} max={max(times) * 1000:.0f} (n={len(times)})")

call("POST", "/api/v1/sandbox", token)
status_body = wait_healthy(token)
time.sleep(3)
pids = [p["pid"] for p in wait_healthy(token)["processes"] if p["pid"]]
print(f"idle_sandbox_pss_mib={sum(pss_kib(pid) for pid in pids) / 1024:.1f} (processes={len(pids)})")
call("DELETE", "/api/v1/sandbox", token)

tokens = []
for count in SANDBOXES:
    while len(tokens) < count:
        tokens.append(join(f"bench-{len(tokens)}"))
        call("POST", "/api/v1/sandbox", tokens[-1])
    for each in tokens:
        wait_healthy(each, deadline_s=120)
    time.sleep(2)
    before, started = cpu_ticks(SERVER_PID), time.monotonic()
    time.sleep(CPU_SECONDS)
    used = (cpu_ticks(SERVER_PID) - before) / CLOCK_TICKS
    print(f"server_cpu_percent_with_{count}_sandboxes={used / (time.monotonic() - started) * 100:.2f}")
for each in tokens:
    call("DELETE", "/api/v1/sandbox", each)
