"""The `statsd` PyPI client sends every StatsD line type to a running `sidecarlab metrics`;
the aggregated values are read back through the query API, and `prometheus_client`'s parser
reads our `/metrics`.

Needs: pytest, statsd, prometheus_client; the binary from SIDECARLAB_BIN
(default <repo>/.build/debug/sidecarlab).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import statsd
import statsd.client.base
from prometheus_client.parser import text_string_to_metric_families

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEADLINE = 15.0


def poll(condition, message):
    """Returns condition()'s first truthy result; fails after DEADLINE seconds."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {message}")


class MetricsAgent:
    """`sidecarlab metrics` on free ports over a temporary SQLite file."""

    def __init__(self):
        binary = os.environ.get("SIDECARLAB_BIN", os.path.join(REPO, ".build", "debug", "sidecarlab"))
        if not os.access(binary, os.X_OK):
            pytest.fail(f"sidecarlab binary not found at {binary}: build it or set SIDECARLAB_BIN")
        self.folder = tempfile.mkdtemp(prefix="sidecarlab-metrics-")
        self.process = subprocess.Popen(
            [binary, "metrics", "--statsd", "127.0.0.1:0", "--http", "127.0.0.1:0",
             "--data", os.path.join(self.folder, "metrics.sqlite")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.log = []
        threading.Thread(target=self._drain, daemon=True).start()
        statsd_address = poll(lambda: self._address("statsd"), "'statsd on' from the agent")
        self.http = poll(lambda: self._address("http"), "'http on' from the agent")
        host, port = statsd_address.rsplit(":", 1)
        self.statsd = (host, int(port))

    def _drain(self):
        for raw in iter(self.process.stderr.readline, b""):
            self.log.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _address(self, kind):
        if self.process.poll() is not None:
            pytest.fail("agent exited early:\n" + "\n".join(self.log))
        for line in list(self.log):
            if match := re.match(rf"{kind} on (\S+)$", line):
                return match.group(1)
        return None

    def get(self, path, **parameters):
        query = ("?" + urllib.parse.urlencode(parameters)) if parameters else ""
        with urllib.request.urlopen(f"http://{self.http}{path}{query}", timeout=5) as response:
            return response.read().decode()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def metrics_agent():
    agent = MetricsAgent()
    try:
        yield agent
    finally:
        agent.stop()


@pytest.fixture
def always_sample(monkeypatch):
    """The client drops sampled lines at random (`random() > rate`); make it keep them all."""
    monkeypatch.setattr(statsd.client.base.random, "random", lambda: 0.0)


def accepted(agent):
    return json.loads(agent.get("/stats"))["accepted"]


def value(agent, name, stat):
    """The statistic over the last two minutes, as one point (None when there is no data)."""
    now = int(time.time())
    answer = json.loads(agent.get(
        "/api/v1/metrics/query", name=name, stat=stat, start=now - 118, end=now + 2, step=120))
    series = answer["series"]
    assert len(series) <= 1
    return series[0]["points"][0][1] if series else None


def test_statsd_client_every_line_type_is_aggregated(metrics_agent, always_sample):
    client = statsd.StatsClient(*metrics_agent.statsd)
    client.incr("rq", 3, rate=0.5)           # rq:3|c|@0.5 → 6
    client.incr("rq")                        # rq:1|c
    client.gauge("level", 10)                # level:10|g
    client.gauge("level", 5, delta=True)     # level:+5|g
    client.gauge("level", -3, delta=True)    # level:-3|g
    client.gauge("temp", -4)                 # one datagram: temp:0|g\ntemp:-4|g
    client.timing("rq_time", 120)            # rq_time:120|ms
    client.timing("rq_time", 80, rate=0.5)   # rq_time:80|ms|@0.5 (counts twice)
    client.set("users", "alice")             # users:alice|s
    client.set("users", "bob")
    client.set("users", "alice")
    with client.pipeline() as pipe:          # several lines in one datagram
        pipe.incr("batch")
        pipe.incr("batch", 2)
        pipe.timing("batch_time", 5)
    lines = 2 + 3 + 2 + 2 + 3 + 3
    poll(lambda: accepted(metrics_agent) == lines, f"{lines} accepted lines")

    assert value(metrics_agent, "rq", "sum") == 7
    assert value(metrics_agent, "level", "max") == 15
    assert value(metrics_agent, "level", "min") == 10
    assert value(metrics_agent, "temp", "min") == -4
    assert value(metrics_agent, "rq_time", "count") == 3
    assert value(metrics_agent, "rq_time", "max") == 120
    assert value(metrics_agent, "rq_time", "sum") == 120 + 2 * 80
    assert abs(value(metrics_agent, "rq_time", "p50") - 80) <= 0.8
    assert value(metrics_agent, "users", "count") == 2
    assert value(metrics_agent, "batch", "sum") == 3
    assert value(metrics_agent, "batch_time", "p99") == 5
    stats = json.loads(metrics_agent.get("/stats"))
    assert stats["malformed"] == 0 and stats["refused_series"] == 0


def test_bad_query_parameter_is_named(metrics_agent):
    with pytest.raises(urllib.error.HTTPError) as failure:
        metrics_agent.get("/api/v1/metrics/query", name="rq", stat="median")
    assert failure.value.code == 400
    assert "stat" in failure.value.read().decode()


def test_prometheus_client_parses_our_exposition(metrics_agent):
    client = statsd.StatsClient(*metrics_agent.statsd)
    client.incr("envoy.cluster.unicorn.upstream_rq_503", 4)
    client.gauge("envoy.cluster.unicorn.upstream_cx_active", 2)
    client.timing("envoy.cluster.unicorn.upstream_rq_time", 30)
    client.timing("envoy.cluster.unicorn.upstream_rq_time", 300)
    client.set("visitors", "x")
    poll(lambda: accepted(metrics_agent) == 5, "5 accepted lines")

    families = {family.name: family for family in text_string_to_metric_families(metrics_agent.get("/metrics"))}
    assert families["envoy_cluster_unicorn_upstream_rq_503"].type == "counter"
    assert families["envoy_cluster_unicorn_upstream_rq_503"].samples[0].value == 4
    assert families["envoy_cluster_unicorn_upstream_cx_active"].type == "gauge"
    assert families["envoy_cluster_unicorn_upstream_cx_active"].samples[0].value == 2
    histogram = families["envoy_cluster_unicorn_upstream_rq_time"]
    assert histogram.type == "histogram"
    samples = {(s.name, s.labels.get("le")): s.value for s in histogram.samples}
    assert samples[("envoy_cluster_unicorn_upstream_rq_time_bucket", "25")] == 0
    assert samples[("envoy_cluster_unicorn_upstream_rq_time_bucket", "50")] == 1
    assert samples[("envoy_cluster_unicorn_upstream_rq_time_bucket", "+Inf")] == 2
    assert samples[("envoy_cluster_unicorn_upstream_rq_time_count", None)] == 2
    assert samples[("envoy_cluster_unicorn_upstream_rq_time_sum", None)] == 330
    assert families["visitors"].samples[0].value == 1
