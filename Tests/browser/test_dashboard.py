"""The metrics dashboard in a real browser (issue #9): a learner starts the sandbox and injects
latency into unicorn through the API; the dashboard, drawn by the server, shades the fault on
its charts with its label at the fault's start time, the live refresh (event stream + SVG swap)
keeps the shading and draws the agent's series, and without script the same page reads the
same. Screenshots go to Tests/browser/artifacts/."""

import json
import os
import time

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_commands import own_server
from test_labs import drivers_with, screenshot

WAIT = 10  # seconds, for pages
SERIES = 60  # seconds, for the sandbox to come up and its metrics to reach the charts
LEFT, RIGHT, WIDTH = 44, 6, 480  # LineChart's margins and the dashboard's chart width
FAULT_LABEL = "latency on unicorn-v1-a"


@pytest.fixture(scope="module")
def learner_server(request):
    """A server of its own for the test module that uses it (sandboxes and all)."""
    with own_server(f"sidecarlab-{request.module.__name__}-") as served:
        yield served


@pytest.fixture
def drivers():
    """A browser with script and one without."""
    with drivers_with(True, False) as made:
        yield made


def signed_in(driver, base, token):
    """The learner's session in `driver`, as the join form would have set it."""
    driver.get(base + "/")
    driver.add_cookie({"name": "sidecarlab_session", "value": token, "path": "/"})
    driver.get_log("browser")  # only what the dashboard logs counts


def learner_with_fault(served, name, fault):
    """A learner joined as `name` whose sandbox runs with `fault` (a /api/v1/faults body on
    unicorn-v1-a) injected; their token."""
    status, body = served.request("/api/v1/join", {"code": served.event_code, "name": name})
    assert status == 201, body
    token = json.loads(body)["token"]
    start_sandbox_until_healthy(served, token, fault["target"])
    status, body = served.request("/api/v1/faults", fault, token=token)
    assert status == 201, body
    return token


def start_sandbox_until_healthy(served, token, process, seconds=SERIES):
    """Starts the learner's sandbox and waits until `process` in it is healthy."""
    assert served.request("/api/v1/sandbox", {}, token=token)[0] in (200, 201, 202)

    def healthy():
        status, body = served.request("/api/v1/sandbox", token=token)
        processes = json.loads(body).get("processes", []) if status == 200 else []
        return any(p["name"] == process and p["state"] == "healthy" for p in processes)

    deadline = time.monotonic() + seconds
    while not healthy():
        assert time.monotonic() < deadline, f"{process} did not become healthy"
        time.sleep(0.2)


def shading(driver, chart_id):
    """(x, label, data-start) of each shaded interval in the chart; [] while the page swaps."""
    try:
        figure = driver.find_element(By.ID, chart_id)
        return [
            (float(group.find_element(By.CSS_SELECTOR, "rect").get_attribute("x")),
             group.find_element(By.CSS_SELECTOR, "text").get_attribute("textContent"),
             float(group.get_attribute("data-start")))
            for group in figure.find_elements(By.CSS_SELECTOR, "g.interval")
        ]
    except (WebDriverException, ValueError):
        return []


def chart_state(driver, chart_id):
    """The chart's window and shaded intervals read at once (the live refresh may swap the SVG
    between two separate reads)."""
    return driver.execute_script("""
        var svg = document.querySelector("#" + arguments[0] + " svg");
        if (!svg) return null;
        return {
          from: Number(svg.getAttribute("data-from")), to: Number(svg.getAttribute("data-to")),
          intervals: Array.from(svg.querySelectorAll("g.interval")).map(function (group) {
            return {x: Number(group.querySelector("rect").getAttribute("x")),
                    label: group.querySelector("text").textContent,
                    start: Number(group.getAttribute("data-start"))};
          })
        };""", chart_id)


def polylines(driver, chart_id):
    try:
        return len(driver.find_element(By.ID, chart_id).find_elements(By.CSS_SELECTOR, "polyline"))
    except WebDriverException:
        return 0


def test_dashboard_shades_a_fault_where_it_started_and_refreshes_live(learner_server, drivers):
    scripted, plain = drivers
    base = learner_server.base_url
    token = learner_with_fault(
        learner_server, "Dana", {"kind": "latency", "target": "unicorn-v1-a"})

    # With script: the fault is shaded from its start, labelled, on the request chart.
    signed_in(scripted, base, token)
    scripted.get(base + "/dashboard?range=5m")
    WebDriverWait(scripted, WAIT).until(lambda d: shading(d, "chart-requests"))
    state = chart_state(scripted, "chart-requests")
    (interval,) = state["intervals"]
    assert interval["label"] == FAULT_LABEL
    span = state["to"] - state["from"]
    expected = LEFT + (interval["start"] - state["from"]) / span * (WIDTH - LEFT - RIGHT)
    assert abs(interval["x"] - expected) < 0.2, (interval, expected)

    # The live refresh swaps in fresh SVG: the agent's series arrive and the shading stays.
    scripted.execute_script("document.body.setAttribute('data-not-reloaded', 'yes')")
    WebDriverWait(scripted, WAIT).until(
        lambda d: d.find_element(By.ID, "dashboard").get_attribute("data-updated"))
    WebDriverWait(scripted, SERIES).until(lambda d: polylines(d, "chart-cpu") > 0)
    assert scripted.find_element(By.TAG_NAME, "body").get_attribute("data-not-reloaded") == "yes"
    assert [label for _, label, _ in shading(scripted, "chart-cpu")] == [FAULT_LABEL]
    assert not [entry for entry in scripted.get_log("browser") if entry["level"] == "SEVERE"]
    screenshot(scripted, "dashboard-fault-mark")

    # Without script: the same charts and shading, the range picker a plain GET form.
    signed_in(plain, base, token)
    plain.get(base + "/dashboard")
    form = plain.find_element(By.CSS_SELECTOR, "form.dashboard-range")
    form.find_element(By.CSS_SELECTOR, "select[name=range] option[value='1h']").click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(plain, WAIT).until(lambda d: d.current_url.endswith("/dashboard?range=1h"))
    assert [label for _, label, _ in shading(plain, "chart-latency")] == [FAULT_LABEL]
    screenshot(plain, "dashboard-nojs-1h")
