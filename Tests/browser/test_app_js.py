"""Public/app.js in a real browser, against a tiny local server (no sidecarlab needed):
elements with data-sse show each event's data as text, never as markup."""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO

HOSTILE = "<img src=x onerror=alert(1)><b>bold</b>"
PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>sse</title>
<link rel="icon" href="/favicon.svg"><script src="/app.js" defer></script></head>
<body><p id="live" data-sse="/events">waiting</p></body></html>"""

PUBLIC = {"/app.js": "text/javascript; charset=utf-8", "/favicon.svg": "image/svg+xml"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/":
            self.reply("text/html; charset=utf-8", PAGE)
        elif self.path in PUBLIC:
            with open(os.path.join(REPO, "Public", self.path[1:]), "rb") as file:
                self.reply(PUBLIC[self.path], file.read())
        elif self.path == "/events":
            # A long retry keeps the browser from reconnecting (and replaying) during the test.
            stream = f"retry: 600000\ndata: first\n\ndata: {HOSTILE}\n\n".encode()
            self.reply("text/event-stream", stream)
        else:
            self.send_error(404)

    def reply(self, content_type, body):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


@pytest.fixture
def page_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_sse_data_replaces_content_as_text(chromium, page_server):
    chromium.get("about:blank")
    chromium.get_log("browser")
    chromium.get(page_server + "/")
    live = chromium.find_element(By.ID, "live")
    WebDriverWait(chromium, 10).until(lambda _: live.text == HOSTILE)
    assert live.find_elements(By.XPATH, "./*") == []  # no element was created from the data
    assert live.get_attribute("aria-live") == "polite"
    assert [e for e in chromium.get_log("browser") if e["level"] == "SEVERE"] == []
