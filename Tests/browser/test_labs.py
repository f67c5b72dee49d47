"""Lab 1 in a real browser (issue 4 item 5): join, open the lab from /labs, start the sandbox
from the page's link, watch step 1's checks pass without a reload (event stream), answer step 2
through the form and see step 3 become current; then the first part again with JavaScript off,
where the page's own refresh brings the new results. Screenshots go to Tests/browser/artifacts/."""

import contextlib
import os
import re

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO
from test_commands import own_server

WAIT = 10  # seconds, for pages and forms
CHECKS = 30  # seconds, for the sandbox to come up and its checks to pass
LAB = "/labs/01-meet-the-app"
ARTIFACTS = os.path.join(REPO, "Tests", "browser", "artifacts")


@pytest.fixture(scope="module")
def lab_server():
    with own_server("sidecarlab-labs-") as served:
        yield served


def make_driver(scripts):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    if not scripts:
        options.add_argument("--blink-settings=scriptEnabled=false")
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    driver.set_page_load_timeout(20)
    return driver


@contextlib.contextmanager
def drivers_with(*scripts):
    """One browser per entry, with script or without; all quit afterwards."""
    made = []
    try:
        for enabled in scripts:
            made.append(make_driver(scripts=enabled))
        yield made
    finally:
        for driver in made:
            driver.quit()


@pytest.fixture
def driver_with_js():
    driver = make_driver(scripts=True)
    yield driver
    driver.quit()


@pytest.fixture
def driver_without_js():
    driver = make_driver(scripts=False)
    yield driver
    driver.quit()


def screenshot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))


def text_of(driver, element_id):
    """The element's text; "" while a navigation swaps the document (the wait polls again)."""
    try:
        return driver.find_element(By.ID, element_id).get_attribute("textContent").strip()
    except WebDriverException:
        return ""


def attribute_of(driver, element_id, name):
    """The element's attribute; None while a navigation swaps the document (the wait polls again)."""
    try:
        return driver.find_element(By.ID, element_id).get_attribute(name)
    except WebDriverException:
        return None


def join_and_open_lab(driver, served, name):
    driver.get(served.base_url + "/")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/join']")
    form.find_element(By.NAME, "code").send_keys(served.event_code)
    form.find_element(By.NAME, "name").send_keys(name)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_matches(r"/labs$"))
    driver.find_element(By.CSS_SELECTOR, f"a[href='{LAB}']").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_matches(LAB + "$"))
    WebDriverWait(driver, WAIT).until(
        lambda d: text_of(d, "step-start-the-sandbox-state") == "Current step")
    WebDriverWait(driver, WAIT).until(lambda d: attribute_of(d, "step-start-the-sandbox", "open") is not None)
    WebDriverWait(driver, WAIT).until(
        lambda d: text_of(d, "step-find-the-processes-and-their-health-state") == "Not started")


def start_sandbox_and_come_back(driver, served):
    """Follows the lab page's sandbox link, presses Start and returns to the lab page; the
    sandbox is still coming up then, so step 1's checks have not all passed yet."""
    driver.find_element(By.CSS_SELECTOR, "a[href='/sandbox']").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_matches(r"/sandbox$"))
    start = driver.find_element(By.CSS_SELECTOR, "form[action='/sandbox/start'] button")
    start.click()
    WebDriverWait(driver, WAIT).until(gone(start))
    driver.get(served.base_url + LAB)
    assert not all_passed(driver, check_ids(driver))


def gone(element):
    """A wait condition: `element`'s document has been replaced. Chromium reports a node of a
    replaced document either as stale or as an inspector error; both mean gone."""
    def condition(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return condition


def check_ids(driver):
    """The ids of step 1's checks, read again if a refresh swaps the page meanwhile."""
    def read(d):
        try:
            return [element.get_attribute("id") for element in
                    d.find_elements(By.CSS_SELECTOR, "#step-start-the-sandbox .check")] or False
        except WebDriverException:
            return False
    return WebDriverWait(driver, WAIT).until(read)


def all_passed(driver, ids):
    return all(text_of(driver, element).startswith("passed") for element in ids)


def test_lab_one_with_javascript_updates_without_reload(driver_with_js, lab_server):
    driver = driver_with_js
    join_and_open_lab(driver, lab_server, "Ada")
    start_sandbox_and_come_back(driver, lab_server)
    driver.execute_script("document.body.setAttribute('data-not-reloaded', 'yes')")
    ids = check_ids(driver)
    assert len(ids) == 5
    WebDriverWait(driver, CHECKS).until(lambda d: all_passed(d, ids))
    WebDriverWait(driver, WAIT).until(
        lambda d: text_of(d, "step-start-the-sandbox-state") == "Done")
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-not-reloaded") == "yes"
    screenshot(driver, "lab1-js-step1-passed")

    driver.get(lab_server.base_url + LAB)
    step = driver.find_element(By.ID, "step-find-the-processes-and-their-health")
    assert step.get_attribute("open") is not None
    step.find_element(By.CSS_SELECTOR, "input[type=radio][value='loadgen']").click()
    step.find_element(By.CSS_SELECTOR, "form.answer button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(gone(step))
    WebDriverWait(driver, WAIT).until(
        lambda d: text_of(d, "step-find-the-processes-and-their-health-state") == "Done")
    third = driver.find_element(By.CSS_SELECTOR, "details.step-active")
    assert re.match(r"step-read-cpu", third.get_attribute("id"))
    assert third.get_attribute("open") is not None
    assert "Current step" in third.find_element(By.CSS_SELECTOR, ".step-state").text
    screenshot(driver, "lab1-js-step3-current")


def test_lab_one_without_javascript_refreshes(driver_without_js, lab_server):
    driver = driver_without_js
    join_and_open_lab(driver, lab_server, "Bea")
    start_sandbox_and_come_back(driver, lab_server)
    ids = check_ids(driver)
    # The page refreshes itself every 5 s while a step is current: wait for a fresh page to show
    # every check passed, without navigating ourselves.
    WebDriverWait(driver, CHECKS + 10, poll_frequency=1).until(lambda d: all_passed(d, ids))
    WebDriverWait(driver, WAIT).until(lambda d: text_of(d, "step-start-the-sandbox-state") == "Done")
    screenshot(driver, "lab1-nojs-step1-passed")
