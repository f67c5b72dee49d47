"""The instructor board in a real browser (issue #5): an instructor watches two learners on
/instructor/board; learner A starts the sandbox through the API, so lab 1's first step completes
and A's cell turns done without a reload (event stream); the instructor opens learner B, resets
B's sandbox and sends a message that B, on the messages page, sees arrive live and then on
reload. Screenshots go to Tests/browser/artifacts/."""

import json
import os
import subprocess

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_commands import BINARY, DEADLINE, own_server
from test_labs import drivers_with, screenshot

WAIT = 10  # seconds, for pages and forms
CHECKS = 60  # seconds, for a sandbox to come up and the background check to see it
LAB = "01-meet-the-app"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def board_server():
    """A server of its own with an instructor."""
    def add_instructor(data):
        added = subprocess.run([BINARY, "instructor", "add", "grace", "--data", data],
                               input=(PASSWORD + "\n").encode(), capture_output=True, timeout=DEADLINE)
        assert added.returncode == 0, added.stderr

    with own_server("sidecarlab-board-", prepare=add_instructor) as served:
        yield served


@pytest.fixture
def drivers():
    """Two browsers with script: the instructor's and learner B's."""
    with drivers_with(True, True) as made:
        yield made


def attribute_of(driver, element_id, name):
    """The element's attribute; None while the element is missing or the page is swapped."""
    try:
        return driver.find_element(By.ID, element_id).get_attribute(name)
    except WebDriverException:
        return None


def text_of(driver, element_id):
    try:
        return driver.find_element(By.ID, element_id).get_attribute("textContent").strip()
    except WebDriverException:
        return ""


def main_text(driver):
    """The page's <main> text; empty while the page is being replaced (a stale element)."""
    try:
        return driver.find_element(By.TAG_NAME, "main").text
    except WebDriverException:
        return ""


def test_board_follows_a_learner_and_the_instructor_steps_in(board_server, drivers):
    instructor, bea = drivers
    base = board_server.base_url

    # Learner A joins and opens lab 1 through the API; learner B joins in the browser.
    status, body = board_server.request("/api/v1/join", {"code": board_server.event_code, "name": "Ada"})
    assert status == 201, body
    ada = json.loads(body)
    assert board_server.request(f"/api/v1/labs/{LAB}/open", {}, token=ada["token"])[0] == 200
    bea.get(base + "/")
    form = bea.find_element(By.CSS_SELECTOR, "form[action='/join']")
    form.find_element(By.NAME, "code").send_keys(board_server.event_code)
    form.find_element(By.NAME, "name").send_keys("Bea")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(bea, WAIT).until(lambda d: d.current_url.endswith("/labs"))
    bea.get(base + "/messages")

    # The instructor signs in and watches the board.
    instructor.get(base + "/signin?next=/instructor/board")
    form = instructor.find_element(By.CSS_SELECTOR, "form[action='/signin']")
    form.find_element(By.NAME, "name").send_keys("grace")
    form.find_element(By.NAME, "password").send_keys(PASSWORD)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(instructor, WAIT).until(lambda d: d.current_url.endswith("/instructor/board"))
    cell = f"c-{ada['learnerId']}-0"
    assert attribute_of(instructor, cell, "data-state") == "active"
    instructor.execute_script("document.body.setAttribute('data-not-reloaded', 'yes')")

    # A starts the sandbox; the background check completes step 1 and the cell follows live.
    assert board_server.request("/api/v1/sandbox", {}, token=ada["token"])[0] in (200, 201, 202)
    WebDriverWait(instructor, CHECKS).until(lambda d: attribute_of(d, cell, "data-state") == "done")
    assert instructor.find_element(By.TAG_NAME, "body").get_attribute("data-not-reloaded") == "yes"
    assert text_of(instructor, f"r-{ada['learnerId']}-sandbox") == "running"
    screenshot(instructor, "board-cell-done")

    # The instructor opens B, resets B's sandbox and sends a message.
    instructor.find_element(By.LINK_TEXT, "Bea").click()
    WebDriverWait(instructor, WAIT).until(lambda d: "/instructor/learners/" in d.current_url)
    instructor.find_element(By.CSS_SELECTOR, "form[action$='/sandbox/reset'] button").click()
    WebDriverWait(instructor, CHECKS).until(
        lambda d: "The sandbox was reset." in main_text(d))
    assert text_of(instructor, "learner-sandbox") == "running"
    assert "reset the sandbox" in text_of(instructor, "timeline")
    form = instructor.find_element(By.CSS_SELECTOR, "form.message")
    form.find_element(By.NAME, "text").send_keys("Look at <unicorn>'s health check")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(instructor, WAIT).until(lambda d: "Message sent." in main_text(d))
    screenshot(instructor, "board-learner-up-close")

    # B sees it arrive without a reload, then in the list.
    expected = "From grace: Look at <unicorn>'s health check"
    WebDriverWait(bea, WAIT).until(lambda d: text_of(d, "live-message") == expected)
    screenshot(bea, "board-message-live")
    bea.get(base + "/messages")
    assert expected in bea.find_element(By.ID, "messages").text
