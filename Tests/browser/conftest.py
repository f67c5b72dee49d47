"""Fixtures for the real-browser tests: a live `sidecarlab serve` on a free port and a
headless Chromium driven by Selenium.

Environment:
  SIDECARLAB_BIN  the server binary (default: <repo>/.build/debug/sidecarlab)
  CHROMIUM_BIN    the browser (default: /usr/bin/chromium, Debian package `chromium`)
  CHROMEDRIVER    the driver (default: /usr/bin/chromedriver, Debian package `chromium-driver`)
"""

import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
START_DEADLINE = 30.0
STOP_DEADLINE = 10.0
LISTENING = re.compile(r"listening on (http://[^\s/]+)")
EVENT_CODE = re.compile(r"event code: (\S+)")


@dataclass
class LiveServer:
    base_url: str
    event_code: str
    log: list


def _pump(stream, lines, log):
    """Drains the server's stderr so it never blocks on a full pipe; hands each line over."""
    for raw in iter(stream.readline, b""):
        text = raw.decode("utf-8", "replace").rstrip("\n")
        log.append(text)
        lines.put(text)
    lines.put(None)


def _stop(process):
    """SIGTERM, then SIGKILL if the server has not exited by the deadline."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_DEADLINE)


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("SIDECARLAB_BIN", os.path.join(REPO, ".build", "debug", "sidecarlab"))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"server binary not found at {binary}: build it or set SIDECARLAB_BIN")
    data = tempfile.mkdtemp(prefix="sidecarlab-browser-")
    command = [
        binary, "serve", "--listen", "127.0.0.1:0", "--data", data,
        "--public", os.path.join(REPO, "Public"), "--labs", os.path.join(REPO, "Labs"),
    ]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines, log = queue.Queue(), []
    threading.Thread(target=_pump, args=(process.stderr, lines, log), daemon=True).start()
    try:
        base_url = event_code = None
        deadline = time.monotonic() + START_DEADLINE
        while base_url is None or event_code is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail("server did not report its address and event code in time:\n" + "\n".join(log))
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"server exited with {process.wait()} before it was ready:\n" + "\n".join(log))
            if match := LISTENING.search(line):
                base_url = match.group(1)
            if match := EVENT_CODE.search(line):
                event_code = match.group(1)
        yield LiveServer(base_url, event_code, log)
    finally:
        _stop(process)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium, server):
    """The shared browser with a clean slate: no cookies, an empty console log."""
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.get("about:blank")
    chromium.get_log("browser")
    return chromium
