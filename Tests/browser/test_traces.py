"""The trace pages in a real browser (issue #8): a learner's sandbox runs, every answer of
unicorn-v1-a fails with 503; the service map the server draws colours unicorn-v1's sidecar node
as faulty and leaves unicorn-v2's alone, the filter-expression box finds the faulty traces, the
waterfall marks where the fault is and opens its HTTP details, and a bad expression is shown
with a caret under the position the parser names. All without script; the scripted browser
sees the same map with no console error. Screenshots go to Tests/browser/artifacts/."""

import time

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_dashboard import learner_server, drivers, learner_with_fault, signed_in  # noqa: F401 (fixtures)
from test_labs import screenshot

WAIT = 10  # seconds, for pages
TRAFFIC = 60  # seconds, for the loadgen's calls to reach the trace store
FAULTY_NODE = "demo/unicorn-v1"  # the sidecar's segments are named mesh/node (App Mesh's Envoy)


def map_nodes(driver):
    """{service name: health} of the service map's nodes (from each node's <title>)."""
    try:
        nodes = driver.find_elements(By.CSS_SELECTOR, "svg.service-map g.map-node")
        return {
            node.find_element(By.TAG_NAME, "title").get_attribute("textContent").split(":")[0]:
            node.get_attribute("class").split("health-")[1]
            for node in nodes
        }
    except (WebDriverException, IndexError):
        return {}


def test_map_list_and_waterfall_show_where_the_faults_are(learner_server, drivers):
    scripted, plain = drivers
    base = learner_server.base_url
    token = learner_with_fault(
        learner_server, "Tracy",
        {"kind": "errors", "target": "unicorn-v1-a", "params": {"status": 503, "percent": 100}})

    # The map, drawn by the server: unicorn-v1's sidecar is red (faults), unicorn-v2's is not.
    signed_in(plain, base, token)
    deadline = time.monotonic() + TRAFFIC
    while True:
        plain.get(base + "/traces/map?minutes=5")
        nodes = map_nodes(plain)
        if nodes.get(FAULTY_NODE) == "faults" and "demo/unicorn-v2" in nodes:
            break
        assert time.monotonic() < deadline, f"no faulty {FAULTY_NODE} on the map: {nodes}"
        time.sleep(1)
    assert nodes["demo/unicorn-v2"] == "ok", nodes
    assert nodes["swan"] in ("faults", "ok"), nodes  # swan's own health depends on the mix
    screenshot(plain, "traces-map-nojs")

    # The list, through the filter box: every trace found has a fault mark.
    plain.get(base + "/traces")
    box = plain.find_element(By.CSS_SELECTOR, "form.trace-search input[name=filter]")
    box.send_keys(f'service("{FAULTY_NODE}") {{ fault }}')
    plain.find_element(By.CSS_SELECTOR, "form.trace-search button[type=submit]").click()
    WebDriverWait(plain, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "table.trace-list tbody tr"))
    rows = plain.find_elements(By.CSS_SELECTOR, "table.trace-list tbody tr")
    assert all(row.find_elements(By.CSS_SELECTOR, ".mark-fault") for row in rows)
    assert all("health-faults" in row.get_attribute("class") for row in rows)
    screenshot(plain, "traces-list-nojs")

    # The waterfall of the first: the faulty hops are marked, their HTTP details open.
    rows[0].find_element(By.CSS_SELECTOR, "td a").click()
    WebDriverWait(plain, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "table.waterfall tbody tr"))
    faulty = {
        row.find_element(By.CSS_SELECTOR, ".span-name").text
        for row in plain.find_elements(By.CSS_SELECTOR, "table.waterfall tr.span-fault")
    }
    assert {"unicorn", FAULTY_NODE} <= faulty, faulty
    unicorn = next(
        row for row in plain.find_elements(By.CSS_SELECTOR, "table.waterfall tr.span-fault")
        if row.find_element(By.CSS_SELECTOR, ".span-name").text == "unicorn")
    bar = unicorn.find_element(By.CSS_SELECTOR, "td.span-bar rect")
    assert "bar-fault" in bar.get_attribute("class")
    assert "503" in unicorn.text
    unicorn.find_element(By.CSS_SELECTOR, "details summary").click()
    assert "503" in unicorn.find_element(By.TAG_NAME, "details").text
    screenshot(plain, "traces-waterfall-nojs")

    # A bad expression: the parser's message and a caret under the position it names.
    plain.get(base + "/traces")
    box = plain.find_element(By.CSS_SELECTOR, "form.trace-search input[name=filter]")
    box.send_keys("responsetime > AND")
    plain.find_element(By.CSS_SELECTOR, "form.trace-search button[type=submit]").click()
    WebDriverWait(plain, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".filter-error"))
    error = plain.find_element(By.CSS_SELECTOR, ".filter-error")
    position = int(error.find_element(By.TAG_NAME, "p").text.rsplit("position ", 1)[1].rstrip(":"))
    expression, caret = error.find_element(By.TAG_NAME, "pre").get_attribute("textContent").split("\n")
    assert expression == "responsetime > AND"
    assert caret == " " * position + "^"
    assert expression[position:].startswith("AND")

    # With script: the same map, and nothing logged as an error.
    signed_in(scripted, base, token)
    scripted.get(base + "/traces/map?minutes=5")
    assert map_nodes(scripted).get(FAULTY_NODE) == "faults"
    assert not [entry for entry in scripted.get_log("browser") if entry["level"] == "SEVERE"]
