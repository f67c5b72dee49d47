"""Helper of bench/board.sh: starts `sidecarlab serve` on a fresh data folder, adds an
instructor, joins N learners who open lab 1, keeps their progress changing from a background
thread, then measures the board's render time and its event stream's update delay."""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time

PASSWORD = "bench password 123"
LAB = "01-meet-the-app"
STEP = "start-the-sandbox"


class Server:
    def __init__(self, args, data):
        added = subprocess.run([args.bin, "instructor", "add", "bench", "--data", data],
                               input=(PASSWORD + "\n").encode(), capture_output=True, timeout=60)
        if added.returncode != 0:
            raise SystemExit(f"instructor add failed: {added.stderr.decode()}")
        self.process = subprocess.Popen(
            [args.bin, "serve", "--listen", "127.0.0.1:0", "--data", data, "--labs", args.labs,
             "--public", args.public],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.code = None
        self.address = None
        deadline = time.monotonic() + 30
        while (self.code is None or self.address is None) and time.monotonic() < deadline:
            line = self.process.stderr.readline().decode("utf-8", "replace")
            if not line:
                break
            if match := re.search(r"listening on http://(\S+)", line):
                self.address = match.group(1).rstrip("/")
            if match := re.search(r"event code: (\S+)", line):
                self.code = match.group(1)
        if self.code is None or self.address is None:
            self.stop()
            raise SystemExit("server did not start")
        threading.Thread(target=self._drain, daemon=True).start()
        self.host, port = self.address.rsplit(":", 1)
        self.port = int(port)

    def _drain(self):
        for _ in iter(self.process.stderr.readline, b""):
            pass

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def call(self, method, path, body=None, token=None, cookie=None, connection=None):
        own = connection is None
        connection = connection or http.client.HTTPConnection(self.host, self.port, timeout=20)
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if cookie:
            headers["Cookie"] = f"sidecarlab_session={cookie}"
        connection.request(method, path, body=json.dumps(body) if body is not None else None,
                           headers=headers)
        response = connection.getresponse()
        data = response.read()
        if own:
            connection.close()
        return response.status, data


class Stream:
    """The board's event stream, read on a thread; each `data:` line is timestamped."""

    def __init__(self, server, cookie):
        self.socket = socket.create_connection((server.host, server.port), timeout=30)
        self.socket.sendall((f"GET /instructor/board/events HTTP/1.1\r\nHost: {server.address}\r\n"
                             f"Accept: text/event-stream\r\nCookie: sidecarlab_session={cookie}\r\n\r\n").encode())
        self.messages = []
        self.condition = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        raw, body, head, chunked = b"", b"", None, False
        while True:
            try:
                received = self.socket.recv(65536)
            except OSError:
                return
            if not received:
                return
            raw += received
            if head is None:
                if b"\r\n\r\n" not in raw:
                    continue
                head, raw = raw.split(b"\r\n\r\n", 1)
                chunked = b"transfer-encoding: chunked" in head.lower()
            if chunked:  # RFC 9112 §7.1: size line, data, CRLF
                while b"\r\n" in raw:
                    size_line, rest = raw.split(b"\r\n", 1)
                    size = int(size_line.split(b";")[0], 16)
                    if len(rest) < size + 2:
                        break
                    body += rest[:size]
                    raw = rest[size + 2:]
            else:
                body, raw = body + raw, b""
            *lines, body = body.split(b"\n")
            now = time.monotonic()
            with self.condition:
                for line in lines:
                    if line.startswith(b"data: "):
                        self.messages.append((now, line[6:].decode("utf-8", "replace")))
                self.condition.notify_all()

    def wait_for(self, needle, after, timeout):
        """The arrival time of the first message after index `after` containing `needle`."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                for arrived, text in self.messages[after:]:
                    if needle in text:
                        return arrived
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.condition.wait(remaining)

    def count(self):
        with self.condition:
            return len(self.messages)


def churn(server, tokens, stop, rate):
    """Keeps progress changing: failed checks and hints for random learners, `rate` per second."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=20)
    while not stop.is_set():
        token = random.choice(tokens)
        action = random.choice(["check", "hints"])
        try:
            server.call("POST", f"/api/v1/labs/{LAB}/steps/{STEP}/{action}", {}, token=token,
                        connection=connection)
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(server.host, server.port, timeout=20)
        stop.wait(1 / rate)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    for name in ("bin", "labs", "public"):
        parser.add_argument("--" + name, required=True)
    for name in ("learners", "renders", "changes"):
        parser.add_argument("--" + name, type=int, required=True)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="sidecarlab-board-bench-")
    server = Server(args, os.path.join(folder, "data"))
    stop = threading.Event()
    try:
        learners = []
        for index in range(args.learners):
            status, body = server.call("POST", "/api/v1/join",
                                       {"code": server.code, "name": f"Learner {index:03d}"})
            assert status == 201, body
            joined = json.loads(body)
            assert server.call("POST", f"/api/v1/labs/{LAB}/open", {}, token=joined["token"])[0] == 200
            learners.append((joined["learnerId"], joined["token"]))
        status, body = server.call("POST", "/api/v1/signin", {"name": "bench", "password": PASSWORD})
        assert status == 200, body
        cookie = json.loads(body)["token"]
        churner = threading.Thread(target=churn, args=(server, [t for _, t in learners], stop, 20),
                                   daemon=True)
        churner.start()

        connection = http.client.HTTPConnection(server.host, server.port, timeout=20)
        server.call("GET", "/instructor/board", cookie=cookie, connection=connection)
        renders = []
        size = 0
        for _ in range(args.renders):
            started = time.perf_counter()
            status, page = server.call("GET", "/instructor/board", cookie=cookie, connection=connection)
            renders.append((time.perf_counter() - started) * 1000)
            assert status == 200
            size = len(page)
        assert page.count(b'<tr id="r-') == args.learners

        stream = Stream(server, cookie)
        if stream.wait_for('"entries"', 0, 30) is None:
            raise SystemExit("the board's event stream sent nothing")
        delays = []
        for _ in range(args.changes):
            learner, token = random.choice(learners)
            _, body = server.call("GET", "/api/v1/instructor/board", cookie=None, token=cookie)
            row = next(r for r in json.loads(body)["learners"] if r["id"] == learner)
            wanted = row["failedAttempts"] + 1
            mark = stream.count()
            status, _ = server.call("POST", f"/api/v1/labs/{LAB}/steps/{STEP}/check", {}, token=token)
            changed = time.monotonic()
            assert status == 200
            needle = f'"id":"r-{learner}-failed","text":"{wanted}"'
            arrived = stream.wait_for(needle, mark, 10)
            if arrived is None:
                # The churn may have raised the count again meanwhile: any newer value counts.
                arrived = stream.wait_for(f'"id":"r-{learner}-failed"', mark, 0.1)
            if arrived is None:
                raise SystemExit(f"learner {learner}'s change never reached the board")
            delays.append(max(0.0, arrived - changed) * 1000)
            time.sleep(0.2)
        print(f"learners={args.learners} board_bytes={size}")
        print(f"board_render_ms median={statistics.median(renders):.1f} "
              f"p95={percentile(renders, 0.95):.1f} max={max(renders):.1f} (goal <= 50)")
        print(f"update_delay_ms median={statistics.median(delays):.0f} "
              f"p95={percentile(delays, 0.95):.0f} max={max(delays):.0f} (goal <= 2000)")
    finally:
        stop.set()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
