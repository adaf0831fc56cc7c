"""The strict Content-Security-Policy holds in a real browser: Debian's headless Chromium (driven by Playwright, as
in test_browser_walk.py) loads the home page, an indicator, an event and the handbook and reports no violation,
neither as a console error nor as a `securitypolicyviolation` event. A deliberate inline script shows the
check can see a violation at all."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM and not os.environ.get("CI"), reason="Chromium is not installed (apt-get install chromium)"
    ),
]
# Runs before any page script and outside the page's policy (Playwright injects it), so it sees every violation.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def page():
    assert CHROMIUM, "CI must install Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
        page.add_init_script(RECORD_VIOLATIONS)
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        yield page
        browser.close()


def violations(page, url):
    page.console_errors.clear()
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    reported = page.evaluate("window.__cspViolations")
    return reported + [text for text in page.console_errors if "Content Security Policy" in text]


def test_public_pages_raise_no_csp_violation(portal_server, page):
    page.goto(portal_server + "/acara/")
    event_url = page.locator(".event-list a[href^='/acara/']").first.get_attribute("href")
    assert event_url, "the demo content has events"
    for path in ("/", "/rubrik/pengembangan-karier/11-6-c/", event_url, "/handbook/", "/regulasi/permenpanrb-40-2018/"):
        assert violations(page, portal_server + path) == [], path
    # The page's stylesheet and script really loaded under the policy.
    header_colour = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header_colour != "rgba(0, 0, 0, 0)"
    assert page.locator("button.copy-citation").count() > 0 or not page.evaluate("!!navigator.clipboard")


def test_the_check_does_see_an_inline_script(portal_server, page):
    violations(page, portal_server + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
