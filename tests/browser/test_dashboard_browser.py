"""The dashboard in Debian's Chromium against a real portal process (seed and demo content): on /dasbor/ and a
province's page each chart is drawn as SVG with its data table beside it, both readable without JavaScript and
under the strict CSP (no violation), axe-core reports no violation at all, and a download link gives a file that
the csv module parses (in which the demo's determined but unpublished result does not appear)."""

import csv
import io
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS
from tests.browser.test_accessibility import NPM, axe_source, run_axe  # noqa: F401 - axe_source is a fixture
from tests.browser.test_csp_browser import RECORD_VIOLATIONS

pytestmark = pytest.mark.skipif(not NPM and not __import__("os").environ.get("CI"), reason="npm is not installed")
PAGES = {"nasional": "/dasbor/", "provinsi": "/dasbor/nusa-tenggara-timur/"}


@pytest.mark.parametrize("name", PAGES)
def test_charts_and_tables_are_there_and_axe_finds_nothing(portal_server, browser, axe_source, name):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID", bypass_csp=True)
    page.goto(portal_server + PAGES[name])
    charts = page.locator("figure.dash-chart svg[role='img']")
    assert charts.count() >= 2
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 80, "the chart is drawn"
        label = page.evaluate(
            "svg => svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent)"
            ".join(' ')", chart.element_handle(),
        )
        assert len(label) > 30, label
        panel = chart.locator("xpath=ancestor::section[contains(@class,'dash-panel')]")
        table = panel.locator("table")
        assert table.count() == 1 and table.locator("tbody tr").count() >= 1 and table.is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"dasbor-{name}.png", full_page=True)
    violations = run_axe(page, axe_source)
    page.close()
    assert violations == [], violations


def test_the_dashboard_keeps_the_csp_and_works_without_javascript(portal_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID", java_script_enabled=False)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in PAGES.values():
        response = page.goto(portal_server + path)
        assert response.status == 200 and "style-src 'self'" in response.headers["content-security-policy"]
        assert page.locator("figure.dash-chart svg text").count() > 5, "the SVG's labels are drawn"
        assert page.locator(".dash-table table").count() >= 2
    # Choosing a year is a plain form.
    page.goto(portal_server + "/dasbor/")
    page.select_option("#tahun", "2022")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"/dasbor/\?tahun=2022$"))
    context.close()
    checked = browser.new_context(locale="id-ID")
    page = checked.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in PAGES.values():
        page.goto(portal_server + path, wait_until="networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    checked.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_download_link_gives_a_file_the_csv_module_reads(portal_server, browser):
    page = browser.new_page(locale="id-ID")
    page.goto(portal_server + "/dasbor/nusa-tenggara-timur/")
    href = page.locator("a[href^='/dasbor/data/hasil.csv']").first.get_attribute("href")
    page.close()
    with urllib.request.urlopen(portal_server + href) as response:
        rows = list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert rows[0][:3] == ["instansi_id", "kode_wilayah", "instansi"] and len(rows) >= 24
    # The demo's kabupaten has a determined result KASN has not published: the dashboard knows nothing of it.
    demo = [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if "Contoh Demo" in row[2]]
    assert demo and all(r["status"] == "Belum ada hasil terbit" and not r["nilai_verifikasi"] for r in demo)
