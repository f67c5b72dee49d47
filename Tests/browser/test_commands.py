"""The `sidecarlab` executable as an operator meets it: first start, the bootstrap link,
`instructor add`, option errors, and a graceful stop on SIGTERM. Real processes, real
sockets, the standard library only."""

import contextlib
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
import urllib.error
import urllib.request

import pytest

from conftest import REPO, _pump

BINARY = os.environ.get("SIDECARLAB_BIN", os.path.join(REPO, ".build", "debug", "sidecarlab"))
DEADLINE = 30.0


class Served:
    """A `sidecarlab serve` started on port 0, with its stderr lines collected."""

    def __init__(self, data):
        self.process = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--data", data,
             "--public", os.path.join(REPO, "Public"), "--labs", os.path.join(REPO, "Labs")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.lines, self.log = queue.Queue(), []
        threading.Thread(target=_pump, args=(self.process.stderr, self.lines, self.log), daemon=True).start()
        self.base_url = self.wait_for(r"listening on (http://\S+)").group(1)
        self.wait_for(r"event code: (\S+)")

    def wait_for(self, pattern):
        """The first line (already seen or still to come) matching `pattern`, within the deadline."""
        compiled = re.compile(pattern)
        for line in list(self.log):
            if match := compiled.search(line):
                return match
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is None:
                break
            if match := compiled.search(line):
                return match
        pytest.fail(f"no line matching {pattern!r}:\n" + "\n".join(self.log))

    def stop(self):
        """SIGTERM; returns the exit code (kills and fails after the deadline)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail("server did not stop on SIGTERM")

    def request(self, path, body=None, token=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@contextlib.contextmanager
def own_server(prefix, prepare=None):
    """A server of its own in a fresh folder sandbox users can enter (they are not root), with
    its event code; `prepare(data)` runs before it starts. Stopped (and every sandbox with it)
    and removed afterwards."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.chmod(folder, 0o755)
    data = os.path.join(folder, "data")
    if prepare:
        prepare(data)
    served = Served(data)
    try:
        served.event_code = served.wait_for(r"event code: (\S+)").group(1)
        yield served
    finally:
        served.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data():
    folder = tempfile.mkdtemp(prefix="sidecarlab-commands-")
    yield os.path.join(folder, "data")
    shutil.rmtree(folder, ignore_errors=True)


def test_first_start_creates_the_data_folder_and_prints_a_working_bootstrap_link(data):
    served = Served(data)
    try:
        link = served.wait_for(r"create the first instructor at (http://\S+/bootstrap/\S+)").group(1)
        assert os.path.isfile(os.path.join(data, "sidecarlab.sqlite"))
        status, page = served.request(link[len(served.base_url):])
        assert status == 200
        assert b"<form" in page
        assert served.request("/healthz") == (200, b"ok")
        assert served.request("/readyz")[0] == 200
    finally:
        code = served.stop()
    assert code == 0
    assert any("stopped" in line for line in served.log)


def test_instructor_added_from_the_command_line_signs_in_and_no_bootstrap_is_printed(data):
    added = subprocess.run([BINARY, "instructor", "add", "ada", "--data", data],
                           input=b"correct horse battery\n", capture_output=True, timeout=DEADLINE)
    assert added.returncode == 0, added.stderr
    served = Served(data)
    try:
        status, body = served.request("/api/v1/signin", {"name": "ada", "password": "correct horse battery"})
        assert status == 200
        token = json.loads(body)["token"]
        status, body = served.request("/api/v1/me", token=token)
        assert status == 200
        assert json.loads(body)["role"] == "instructor"
        assert served.request("/api/v1/signin", {"name": "ada", "password": "wrong password!"})[0] == 401
    finally:
        assert served.stop() == 0
    assert not any("bootstrap" in line for line in served.log)


def test_short_password_is_refused_by_instructor_add(data):
    added = subprocess.run([BINARY, "instructor", "add", "bob", "--data", data],
                           input=b"short\n", capture_output=True, timeout=DEADLINE)
    assert added.returncode != 0
    assert b"password" in added.stderr


@pytest.mark.parametrize("arguments", [
    ["serve", "--listen", "not-an-address"],
    ["serve", "--workers", "0"],
    ["serve", "--secure-cookies", "maybe"],
    ["serve", "--no-such-option", "x"],
    ["no-such-command"],
])
def test_bad_command_lines_exit_2_with_a_reason(arguments, data):
    result = subprocess.run([BINARY, *arguments, "--data", data] if arguments[0] == "serve" else [BINARY, *arguments],
                            capture_output=True, timeout=DEADLINE, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert b"usage" in result.stderr.lower()
