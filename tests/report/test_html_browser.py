"""The HTML report in headless Chromium: hostile comments run no script and show as text, and the
claims table sorts and filters by clicking. Skips only where Chromium or its driver is missing."""
from __future__ import annotations

import io
import shutil

import pytest

from commentkit.analyze import REPORT_TAG
from commentkit.report import open_reporter

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver not installed")


@pytest.fixture
def browser(tmp_path):
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def page(hostile, tmp_path):
    out = tmp_path / "report"
    reporter = open_reporter("html", out_dir=str(out), stream=io.StringIO())
    reporter.add(hostile)
    reporter.close()
    (page,) = [p for p in out.iterdir() if p.name not in ("index.html", REPORT_TAG)]
    return page


def rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")


def visible(driver):
    return [r for r in rows(driver) if r.is_displayed()]


def test_hostile_comments_run_no_script_and_read_as_text(browser, page):
    browser.get(page.as_uri())
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('[onerror],[onload],img,svg,iframe').length") == 0
    assert browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript"]') == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1</script>" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert '<a href="javascript:window.__pwned = 3">click me</a>' in body
    assert "Road money </title><script>" in body
    # the page's own script did run: the filter counter reflects the table
    assert browser.find_element(By.ID, "shown-count").text == str(len(rows(browser)))
    for link in browser.find_elements(By.CSS_SELECTOR, "a"):  # every link stays on the page or the index
        href = link.get_attribute("href")
        assert href.startswith(page.parent.as_uri())
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_claims_table_sorts_by_clicking_headers(browser, page):
    browser.get(page.as_uri())
    value = browser.find_element(By.CSS_SELECTOR, 'th[data-column="value"] button')
    value.click()
    values = [float(r.get_attribute("data-value")) for r in rows(browser)]
    assert values == sorted(values) and len(values) >= 4
    value.click()
    assert [float(r.get_attribute("data-value")) for r in rows(browser)] == sorted(values, reverse=True)
    browser.find_element(By.CSS_SELECTOR, 'th[data-column="commenter"] button').click()
    names = [r.get_attribute("data-commenter").lower() for r in rows(browser)]
    assert names == sorted(names)
    header = browser.find_element(By.CSS_SELECTOR, 'th[data-column="commenter"]')
    assert header.get_attribute("aria-sort") == "ascending"


def test_claims_table_filters_by_verdict_and_text(browser, page):
    browser.get(page.as_uri())
    total = len(rows(browser))
    Select(browser.find_element(By.ID, "verdict-filter")).select_by_value("contradict")
    shown = visible(browser)
    assert len(shown) == 1 and shown[0].get_attribute("data-verdict") == "contradict"
    assert browser.find_element(By.ID, "shown-count").text == "1"
    Select(browser.find_element(By.ID, "verdict-filter")).select_by_value("all")
    assert len(visible(browser)) == total
    search = browser.find_element(By.ID, "text-filter")
    search.send_keys("img tag")
    shown = visible(browser)
    assert len(shown) == 1 and shown[0].get_attribute("data-commenter") == "Img Tag"
