"""The site in a real browser: styles apply, the CSP holds, forms work, hostile input stays text."""

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 10  # seconds, a deadline for every condition below
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
TRANSPARENT = "rgba(0, 0, 0, 0)"


def severe_messages(driver):
    """Console errors since the last call, CSP violations included (Chromium reports them there)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def open_page(driver, url):
    driver.get(url)
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def header_background(driver):
    header = driver.find_element(By.CSS_SELECTOR, "header")
    return driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", header)


def assert_no_alert(driver):
    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert ran: {text!r}")


def submit(driver, form, fields):
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])").click()


def test_home_renders_with_stylesheet(browser, server):
    open_page(browser, server.base_url + "/")
    sheets = browser.execute_script(
        "return Array.from(document.styleSheets).filter(s => s.href && s.cssRules.length > 0).map(s => s.href)")
    assert any(href.endswith(".css") for href in sheets), sheets
    assert header_background(browser) != TRANSPARENT
    font = browser.execute_script("return getComputedStyle(document.body).fontFamily")
    assert "Times" not in font, font


def test_pages_log_no_console_errors(browser, server):
    for path in ("/", "/signin"):
        open_page(browser, server.base_url + path)
        assert severe_messages(browser) == [], path


def test_join_with_hostile_name_shows_it_as_text(browser, server):
    open_page(browser, server.base_url + "/")
    form = browser.find_element(By.CSS_SELECTOR, "form[action='/join']")
    assert form.find_element(By.NAME, "csrf").get_attribute("type") == "hidden"
    submit(browser, form, {"code": server.event_code, "name": HOSTILE_NAME})
    WebDriverWait(browser, WAIT).until(expected_conditions.url_matches(r"/labs(\?|#|$)"))
    assert_no_alert(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "img[src='x']") == []
    WebDriverWait(browser, WAIT).until(
        lambda d: HOSTILE_NAME in d.find_element(By.TAG_NAME, "body").text)
    assert severe_messages(browser) == []


def test_signin_failure_shows_message(browser, server):
    open_page(browser, server.base_url + "/signin")
    form = browser.find_element(By.CSS_SELECTOR, "form")
    assert form.find_element(By.NAME, "csrf").get_attribute("type") == "hidden"
    submit(browser, form, {"name": "nobody-here", "password": "definitely-wrong"})
    message = WebDriverWait(browser, WAIT).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, ".error, [role=alert]")))
    assert message.text.strip() != ""
    assert browser.find_elements(By.NAME, "password") != []  # the form is offered again
    assert_no_alert(browser)


def test_not_found_renders_in_layout(browser, server):
    open_page(browser, server.base_url + "/no-such-page")
    assert header_background(browser) != TRANSPARENT
    main = browser.find_element(By.TAG_NAME, "main")
    assert "not found" in main.text.lower() or "404" in main.text
