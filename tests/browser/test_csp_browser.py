"""The strict Content-Security-Policy holds in a real browser: Debian's headless Chromium (driven by Playwright, as
in test_browser_walk.py) loads the home page, an indicator, an event and the handbook and reports no violation,
neither as a console error nor as a `securitypolicyviolation` event. A deliberate inline script shows the
check can see a violation at all. Wagtail's admin, signed in as an editor, works under its own policy
(`ADMIN_CONTENT_SECURITY_POLICY`) with no violation, and that policy still blocks a script from another origin."""

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import ROOT

# Runs before any page script and outside the page's policy (Playwright injects it), so it sees every violation.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


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


EDITOR, EDITOR_PASSWORD = "editor-csp", "Merit-2026-editor-csp!"


@pytest.fixture(scope="module")
def editor_page(portal_server, portal_var, page):
    """The same browser, signed in to Wagtail's admin as a KASN editor made in the portal's own database."""
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(portal_var),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{portal_var / 'portal.sqlite3'}",
        "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD,
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "createsuperuser", "--noinput", "--username", EDITOR]
        + ["--email", f"{EDITOR}@kasn.go.id"],
        env=env,
        cwd=ROOT,
        capture_output=True,  # a second run finds the editor there already
    )
    page.goto(portal_server + "/admin/login/")
    page.fill("input[name=username]", EDITOR)
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(portal_server + "/admin/")
    return page


def admin_violations(page, url):
    page.console_errors.clear()
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'self'" in policy, url
    reported = page.evaluate("window.__cspViolations")
    return reported + [text for text in page.console_errors if "Content Security Policy" in text]


def test_the_admin_works_under_its_own_policy_with_no_violation(portal_server, editor_page):
    """Wagtail's admin (inline scripts, date pickers, StreamField, choosers) under ADMIN_CONTENT_SECURITY_POLICY:
    the pages editors use every day load without a blocked script, style, image or font."""
    page = editor_page
    page.goto(portal_server + "/acara/")
    event_path = page.locator(".event-list a[href^='/acara/']").first.get_attribute("href")
    admin_pages = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/snippets/"]
    for path in admin_pages:
        assert admin_violations(page, portal_server + path) == [], path
    for public_path in ("/meritopedia/demo-talent-pool-dan-rencana-suksesi/", event_path):
        edit = f"{portal_server}/admin/pages/{_page_id(portal_server, public_path)}/edit/"
        assert admin_violations(page, edit) == [], public_path
        assert page.locator("form#page-edit-form").count() == 1, "the editor loaded"


def _page_id(portal_server, path) -> int:
    """From Wagtail's API, by the page's slug (the last part of its path)."""
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    with urllib.request.urlopen(f"{portal_server}/api/v2/pages/?slug={slug}") as answer:
        return json.loads(answer.read())["items"][0]["id"]


def test_the_admin_policy_still_blocks_scripts_from_elsewhere(portal_server, editor_page):
    page = editor_page
    admin_violations(page, portal_server + "/admin/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.src = 'https://contoh.invalid/x.js'; document.body.append(s); }"
    )
    page.wait_for_timeout(300)
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
