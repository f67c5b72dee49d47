"""Fixtures for the client tests: real SDKs and tools against `sidecarlab` subcommands started on
free ports.

Environment:
  SIDECARLAB_BIN  the binary (default: <repo>/.build/debug/sidecarlab)
"""

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
START_DEADLINE = 30.0
STOP_DEADLINE = 10.0


def sidecarlab_binary():
    binary = os.environ.get("SIDECARLAB_BIN", os.path.join(REPO, ".build", "debug", "sidecarlab"))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"sidecarlab binary not found at {binary}: build it or set SIDECARLAB_BIN")
    return binary


def wait_until(condition, deadline=10.0, interval=0.05, message="condition"):
    """Polls `condition` until it returns something truthy, which is returned; fails at the deadline."""
    end = time.monotonic() + deadline
    last_error = None
    while time.monotonic() < end:
        try:
            result = condition()
            if result:
                return result
        except Exception as error:  # the service may not be ready yet: keep polling
            last_error = error
        time.sleep(interval)
    pytest.fail(f"timed out waiting for {message}" + (f" (last error: {last_error})" if last_error else ""))


@dataclass
class Subprocess:
    """A running `sidecarlab` subcommand whose stderr is drained into `log`."""

    process: subprocess.Popen
    log: list = field(default_factory=list)
    lines: queue.Queue = field(default_factory=queue.Queue)

    def wait_for_lines(self, patterns):
        """The first match of each regex in `patterns` among stderr lines, within the deadline."""
        found = {}
        deadline = time.monotonic() + START_DEADLINE
        while len(found) < len(patterns):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail("process did not report readiness in time:\n" + "\n".join(self.log))
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"process exited with {self.process.wait()} early:\n" + "\n".join(self.log))
            for name, pattern in patterns.items():
                if name not in found and (match := re.search(pattern, line)):
                    found[name] = match.group(1)
        return found

    def stop(self):
        """SIGTERM, then SIGKILL if the process has not exited by the deadline."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_DEADLINE)


def start_sidecarlab(arguments):
    process = subprocess.Popen(
        [sidecarlab_binary(), *arguments],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    running = Subprocess(process)

    def pump():
        for raw in iter(process.stderr.readline, b""):
            text = raw.decode("utf-8", "replace").rstrip("\n")
            running.log.append(text)
            running.lines.put(text)
        running.lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return running


@dataclass
class Tracer:
    udp: str
    http: str
    process: Subprocess

    @property
    def base_url(self):
        return f"http://{self.http}"


@pytest.fixture
def tracer():
    """`sidecarlab tracer` on free UDP and HTTP ports over a temporary store."""
    data = tempfile.mkdtemp(prefix="sidecarlab-tracer-")
    running = start_sidecarlab([
        "tracer", "--udp", "127.0.0.1:0", "--http", "127.0.0.1:0",
        "--data", os.path.join(data, "traces.sqlite"),
    ])
    try:
        found = running.wait_for_lines({"udp": r"udp on (\S+)", "http": r"http on (\S+)"})
        yield Tracer(found["udp"], found["http"], running)
    finally:
        running.stop()
        shutil.rmtree(data, ignore_errors=True)


# Reading traces back with botocore's own X-Ray client, so request and response shapes are
# checked against the `xray/2016-04-12` model as botocore reads it.


def xray_client(tracer):
    import botocore.session  # only the tracer tests need botocore
    from botocore import UNSIGNED
    from botocore.config import Config

    return botocore.session.get_session().create_client(
        "xray", endpoint_url=tracer.base_url, region_name="us-east-1",
        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}),
    )


def xray_trace_id(w3c_trace_id):
    """The X-Ray form of a 32-hex W3C trace id: `1-` + 8 hex + `-` + 24 hex."""
    text = f"{w3c_trace_id:032x}" if isinstance(w3c_trace_id, int) else w3c_trace_id
    return f"1-{text[:8]}-{text[8:]}"


def documents(client, trace_id):
    """The trace's segment documents (subsegments sent alone nested back in), by name."""
    traces = client.batch_get_traces(TraceIds=[trace_id])["Traces"]
    if not traces:
        return {}
    return {document["name"]: document for document in (json.loads(s["Document"]) for s in traces[0]["Segments"])}


def service_graph(client, window=300):
    now = time.time()
    return client.get_service_graph(StartTime=now - window, EndTime=now + window)["Services"]


def edge(services, source, target):
    """The edge `source` → `target` of a GetServiceGraph answer, or None."""
    by_reference = {service["ReferenceId"]: service for service in services}
    for service in services:
        if service.get("Name") != source:
            continue
        for candidate in service.get("Edges", []):
            if by_reference.get(candidate["ReferenceId"], {}).get("Name") == target:
                return candidate
    return None
