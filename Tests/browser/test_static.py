"""The static route of the live server, over plain HTTP: types, validators, conditional GET."""

import urllib.error
import urllib.request


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_stylesheet_is_served_with_validators(server):
    status, headers, body = fetch(server.base_url + "/static/site.css")
    assert status == 200
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["ETag"].startswith('"')
    assert headers["Last-Modified"].endswith(" GMT")
    assert b"body" in body


def test_matching_etag_gives_304(server):
    _, headers, _ = fetch(server.base_url + "/static/app.js")
    status, _, body = fetch(server.base_url + "/static/app.js", {"If-None-Match": headers["ETag"]})
    assert status == 304
    assert body == b""


def test_traversal_is_refused(server):
    for path, expected in (("/static/%2e%2e/Package.swift", 400), ("/static/.hidden", 404)):
        status, _, body = fetch(server.base_url + path)
        assert status == expected, path
        assert b"PackageDescription" not in body
