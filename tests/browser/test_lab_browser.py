"""The Lab Sistem Merit in Debian's Chromium against a real portal process (seed and demo content): from the lab's
page a visitor clicks through to the demo daerah binaan, sees its four SECI modes in order with their activities,
and axe-core reports no violation on either page, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS
from tests.browser.test_accessibility import NPM, axe_source, run_axe  # noqa: F401 - axe_source is a fixture

pytestmark = pytest.mark.skipif(not NPM and not __import__("os").environ.get("CI"), reason="npm is not installed")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "ponsel": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_demo_daerah_binaan_through_its_cycle(portal_server, browser, axe_source, size):  # noqa: F811
    page = browser.new_page(viewport=VIEWPORTS[size], locale="id-ID", bypass_csp=True)
    page.goto(portal_server + "/lab-sistem-merit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lab Sistem Merit")
    assert run_axe(page, axe_source) == []
    page.get_by_role("link", name="Contoh: Kabupaten Contoh Demo").click()
    expect(page).to_have_url(portal_server + "/lab-sistem-merit/demo-kabupaten-contoh/")
    modes = page.locator(".lab-cycle > li h3")
    expect(modes).to_have_text(["Sosialisasi", "Eksternalisasi", "Kombinasi", "Internalisasi"])
    kombinasi = page.locator(".lab-mode.seci-kombinasi")
    expect(kombinasi.get_by_role("link", name="Contoh: coaching clinic menyusun talent pool")).to_be_visible()
    expect(page.get_by_text("Belum ada hasil penilaian sesudah pembinaan yang diterbitkan KASN.")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"lab-{size}.png", full_page=True)
    violations = run_axe(page, axe_source)
    page.close()
    assert violations == [], violations
