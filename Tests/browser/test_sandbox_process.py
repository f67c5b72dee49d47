"""The server and its sandboxes as real processes: a sandbox started through the API, the
server killed with SIGKILL, no sandbox process outliving it, and a restarted server that
serves again on the same data. Standard library only."""

import json
import os
import shutil
import signal
import tempfile
import time

import pytest

from test_commands import DEADLINE, Served


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie is gone for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, what, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def data():
    folder = tempfile.mkdtemp(prefix="sidecarlab-sandbox-")
    os.chmod(folder, 0o755)  # sandbox processes run as their own users and must reach it
    yield os.path.join(folder, "data")
    shutil.rmtree(folder, ignore_errors=True)


def test_sigkill_of_the_server_leaves_no_sandbox_process_and_a_restart_serves_again(data):
    served = Served(data)
    code = served.wait_for(r"event code: (\S+)").group(1)
    status, body = served.request("/api/v1/join", {"code": code, "name": "Kim"})
    assert status == 201
    token = json.loads(body)["token"]
    assert served.request("/api/v1/sandbox", {}, token=token)[0] == 202

    state = {}

    def healthy():
        status, body = served.request("/api/v1/sandbox", token=token)
        state["body"] = json.loads(body) if status == 200 else None
        return state["body"] is not None and state["body"]["allHealthy"]

    wait_until(healthy, "every sandbox process healthy")
    pids = [process["pid"] for process in state["body"]["processes"] if process["pid"]]
    assert len(pids) >= 4 and all(alive(pid) for pid in pids)

    served.process.send_signal(signal.SIGKILL)
    served.process.wait(timeout=DEADLINE)
    wait_until(lambda: not any(alive(pid) for pid in pids), "the sandbox processes to end with the server")

    again = Served(data)
    try:
        assert again.request("/healthz") == (200, b"ok")
        status, body = again.request("/api/v1/me", token=token)
        assert status == 200 and json.loads(body)["name"] == "Kim"
    finally:
        assert again.stop() == 0
