"""The header search and /cari/ in Debian's Chromium (issue "finish", items 8 and 9): suggestions in the WAI-ARIA
combobox pattern, results before the filters on a phone, and a header that does not move <main> after the first
paint (Lighthouse measured a cumulative layout shift of 0.37 on every page)."""

import subprocess
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import MANAGE, ROOT, portal_env

PHONE = {"width": 390, "height": 844}
TYPED = "manajemen"  # page titles and glossary terms start with it


@pytest.fixture(scope="module", autouse=True)
def search_index(portal_server, portal_var):
    """The test server's search index built as `make run` builds it (its own worker would do it in time)."""
    subprocess.run(MANAGE + ["search_reindex"], env=portal_env(portal_var), check=True, capture_output=True, cwd=ROOT)


def test_header_search_suggests_pages_with_the_keyboard(portal_server, browser):
    # Without JavaScript: a plain search form (the phone menu stays open), submitted to /cari/.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(portal_server + "/")
    box = page.locator("#cari-header")
    expect(box).to_be_visible()  # the phone menu stays open without JavaScript
    assert box.get_attribute("role") is None
    expect(page.locator(".main-nav a[href='/rubrik/']")).to_be_visible()
    box.fill("talent pool")
    box.press("Enter")
    page.wait_for_url("**/cari/?q=talent+pool")
    expect(page.locator(".search-results .result").first).to_be_visible()
    context.close()

    # With JavaScript: a combobox with a list of suggestions.
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/")
    box = page.locator("#cari-header")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.click()
    box.press_sequentially(TYPED, delay=30)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 1
    expect(page.locator(".header-search [role=status]")).to_contain_text(f"{count} saran" if count > 1 else "1 saran")
    assert all(href.startswith("/") for href in options.evaluate_all("links => links.map(a => a.getAttribute('href'))"))

    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    assert page.evaluate("document.activeElement.id") == "cari-header", "the focus stays in the input"
    if count > 1:
        box.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        expect(first).to_have_attribute("aria-selected", "false")
        box.press("ArrowUp")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None

    box.press("ArrowDown")  # opens the list again, then highlights its first suggestion
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    target = first.get_attribute("href")
    box.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == urlparse(target).path)
    assert "/cari/" not in page.url
    page.close()


def test_a_suggestion_is_a_link_and_enter_without_one_searches(portal_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/rubrik/")
    box = page.locator("#cari-header")
    box.click()
    box.press_sequentially(TYPED, delay=30)
    option = page.locator("#cari-header-saran [role=option]").first
    expect(option).to_be_visible()
    target = option.get_attribute("href")
    option.click()
    page.wait_for_url(lambda url: urlparse(url).path == urlparse(target).path)

    page.goto(portal_server + "/")
    page.locator("#cari-header").fill("talent pool")
    page.locator("#cari-header").press("Enter")
    page.wait_for_url("**/cari/?q=talent+pool")
    page.close()


def test_on_a_phone_the_first_result_is_on_the_first_screen(portal_server, browser):
    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    page.goto(portal_server + "/cari/?q=talent+pool")
    first = page.locator(".search-results .result").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < PHONE["height"], "the first result starts below the first screen"
    filters = page.locator("details.search-facets-details")
    assert not filters.evaluate("d => d.open"), "on a phone the filters start closed"
    page.get_by_text("Saring hasil", exact=True).click()
    assert filters.evaluate("d => d.open")
    expect(filters.locator("a").first).to_be_visible()
    page.close()

    desktop = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    desktop.goto(portal_server + "/cari/?q=talent+pool")
    filters = desktop.locator("details.search-facets-details")
    expect(filters.locator("a").first).to_be_visible()  # open on a desktop, in the left column
    results = desktop.locator(".search-results").bounding_box()
    assert filters.bounding_box()["x"] < results["x"]
    desktop.close()


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 500);
})"""


def slow_scripts(route):
    """Scripts arrive after the stylesheet, as on a slow phone network: whatever waits for them is painted first."""
    time.sleep(0.5)
    route.continue_()


def test_the_phone_header_has_its_final_layout_at_first_paint(portal_server, browser):
    for path in ("/", "/rubrik/pengembangan-karier/11-6-c/", "/cari/?q=talent+pool"):
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
        page.route("**/*.js", slow_scripts)
        page.goto(portal_server + path, wait_until="load")
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift < 0.01, f"{path}: cumulative layout shift {shift:.3f} on a phone"
        expect(page.locator(".menu-toggle")).to_be_visible()
        expect(page.locator("#menu-situs")).to_be_hidden()
        page.get_by_role("button", name="Menu").click()
        expect(page.locator("#cari-header")).to_be_visible()
        page.close()
