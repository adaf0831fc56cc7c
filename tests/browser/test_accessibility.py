"""Accessibility (issue 7, item 5), in Debian's Chromium against a real portal process with the demo content.

axe-core (from the npm registry, pinned in package.json, installed into var/node/ when missing) is injected into
the key pages; none may have a serious or critical violation. Every violation found is printed with its impact
(`pytest -s` shows them). Then the main journeys are done with the keyboard alone: the skip link comes first,
then the menu and the search box, links and buttons work with Enter, and the focused element has a visible
outline.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS
from tests.conftest import ROOT
from tests.npm_tools import NPM, npm_package

pytestmark = pytest.mark.skipif(
    not NPM and not os.environ.get("CI"), reason="npm is not installed (apt-get install npm) to fetch axe-core"
)
EMAIL = "tuti.aksesibel@contoh.go.id"
PASSWORD = "Merit-2026-aksesibel!"
INDICATOR = "/rubrik/pengembangan-karier/11-6-c/"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe.min.js at the version package.json pins."""
    return (npm_package("axe-core") / "axe.min.js").read_text()


@pytest.fixture(scope="module")
def member(portal_server, portal_var):
    """A confirmed member with a profile, made in the portal's own database with `manage.py shell`."""
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(portal_var),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{portal_var / 'portal.sqlite3'}",
    }
    code = (
        "from allauth.account.models import EmailAddress\n"
        "from django.contrib.auth import get_user_model\n"
        "from cop.members import MemberProfile\n"
        "from portal.models import Instansi\n"
        f"user = get_user_model().objects.create_user('tuti', {EMAIL!r}, {PASSWORD!r})\n"
        f"EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)\n"
        "MemberProfile.objects.create(user=user, full_name='Tuti Aksesibel', instansi=Instansi.objects.first())\n"
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code], env=env, check=True, capture_output=True
    )
    return EMAIL


def log_in(page, portal_server):
    page.goto(portal_server + "/akun/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-menu summary")).to_have_text("Tuti Aksesibel")


def first_link_under(page, portal_server, prefix):
    page.goto(portal_server + prefix)
    hrefs = page.locator(f"main a[href^='{prefix}']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    children = [href for href in hrefs if href != prefix and href.endswith("/") and "/feed/" not in href]
    assert children, f"no page under {prefix}"
    return children[0]


def run_axe(page, axe_source):
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))"
    )


def test_key_pages_have_no_serious_or_critical_violations(portal_server, browser, axe_source, member):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID", bypass_csp=True)
    urls = {
        "beranda": "/",
        "rubrik": "/rubrik/",
        "aspek": "/rubrik/pengembangan-karier/",
        "indikator": INDICATOR,
        "artikel": first_link_under(page, portal_server, "/meritopedia/"),
        "regulasi": "/regulasi/permenpanrb-40-2018/",
        "acara": first_link_under(page, portal_server, "/acara/"),
        "pencarian": "/cari/?q=talent+pool",
        "daftar": "/akun/signup/",
        "masuk": "/akun/login/",
        "lupa kata sandi": "/akun/password/reset/",
        # The English interface (/en/), the other language of every page.
        "home (en)": "/en/",
        "search (en)": "/en/cari/?q=talent+pool",
        "sign up (en)": "/en/akun/signup/",
        "dashboard (en)": "/en/dasbor/",
        "privacy (en)": "/en/privasi/",
    }
    found = {}
    for name, url in urls.items():
        assert page.goto(portal_server + url).status == 200, url
        found[name] = run_axe(page, axe_source)
    page.goto(portal_server + "/akun/signup/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    found["daftar ditolak, dengan ringkasan kesalahan"] = run_axe(page, axe_source)
    log_in(page, portal_server)
    page.goto(portal_server + "/praktik-baik/kirim/")
    found["formulir praktik baik"] = run_axe(page, axe_source)
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    found["formulir praktik baik ditolak"] = run_axe(page, axe_source)
    page.goto(portal_server + INDICATOR)
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.locator("#diskusi [data-error-summary]")).to_be_visible()
    found["komentar kosong di halaman indikator"] = run_axe(page, axe_source)
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID", bypass_csp=True)
    phone.goto(portal_server + "/")
    phone.get_by_role("button", name="Menu").click()
    found["beranda di ponsel, menu terbuka"] = run_axe(phone, axe_source)
    phone.close()

    print("\naxe-core violations per page:")
    for name, violations in found.items():
        listed = ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×)" for v in violations) or "none"
        print(f"  {name}: {listed}")
    blocking = {
        name: [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][:3]}" for v in violations]
        for name, violations in found.items()
        if any(v["impact"] in BLOCKING for v in violations)
    }
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)


# Keyboard only ---------------------------------------------------------------------------------------------------


def focused(page) -> dict:
    """What has the focus, and how it is drawn."""
    return page.evaluate(
        """() => { const el = document.activeElement, style = getComputedStyle(el);
        return {tag: el.tagName.toLowerCase(), name: el.getAttribute('name'), id: el.id, href: el.getAttribute('href'),
                text: el.innerText ? el.innerText.trim() : '', inMain: !!el.closest('main'),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; }"""
    )


def tab_to(page, selector, limit=400) -> list[dict]:
    """Presses Tab until the element matching `selector` has the focus; returns everything focused on the way."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        path.append(focused(page))
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return path
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"a11y-{name}.png")


def assert_visible_focus(state):
    assert state["outline"] != "none" and state["outlineWidth"] >= 2, f"no visible focus outline on {state}"


def test_skip_link_first_then_search_and_menu_with_visible_focus(portal_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/")
    screenshot(page, "header-desktop")
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 130, f"the header with its two lines of menu is {header_height}px high on a desktop"
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-nav a[href='/rubrik/']")).to_be_visible()
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Lewati ke konten" and first["href"] == "#konten", first
    assert_visible_focus(first)
    assert page.locator(".skip-link").bounding_box()["x"] >= 0, "the focused skip link is off screen"

    path = tab_to(page, "input[name=q]") + tab_to(page, ".main-nav a[href='/rubrik/']")
    assert not any(state["inMain"] for state in path), "the header is not reached before the content"
    for state in path:
        assert_visible_focus(state)

    page.goto(portal_server + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "konten"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "Tab after the skip link does not continue in the content"
    page.close()


def test_account_menu_opens_with_the_keyboard_and_leads_to_the_members_pages(portal_server, browser, member):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = browser.new_page(viewport=viewport, locale="id-ID", is_mobile=viewport["width"] < 900)
        log_in(page, portal_server)
        if viewport["width"] < 900:
            page.get_by_role("button", name="Menu").click()
        summary = page.locator(".account-menu summary")
        tab_to(page, ".account-menu summary", limit=30)
        assert_visible_focus(focused(page))
        page.keyboard.press("Enter")
        profile = page.locator(".account-menu a[href='/akun/profil/']")
        expect(profile).to_be_visible()
        expect(page.locator(".account-menu a[href='/akun/kontribusi/']")).to_be_visible()
        screenshot(page, f"account-menu-{viewport['width']}")
        page.keyboard.press("Escape")
        expect(profile).to_be_hidden()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        summary.click()
        profile.click()
        expect(page).to_have_url(portal_server + "/akun/profil/")
        if viewport["width"] < 900:
            page.get_by_role("button", name="Menu").click()
        summary.click()
        page.get_by_role("button", name="Keluar").click()
        expect(page.locator(".account-nav a[href='/akun/login/']")).to_have_count(1)
        expect(page.locator(".account-menu")).to_have_count(0)
        page.close()


def test_phone_menu_opens_and_closes_with_the_keyboard(portal_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
    page.goto(portal_server + "/")
    screenshot(page, "header-phone")
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 80, f"the folded header is {header_height}px high on a phone"
    menu_link = page.locator(".main-nav a[href='/rubrik/']")
    expect(menu_link).to_be_hidden()
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")

    tab_to(page, ".menu-toggle", limit=5)
    assert_visible_focus(focused(page))
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()
    path = tab_to(page, ".main-nav a[href='/rubrik/']", limit=20)
    assert any(state["name"] == "q" for state in path)
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_link).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    page.close()


def test_home_rubric_indicator_by_keyboard(portal_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/")
    tab_to(page, ".main-nav a[href='/rubrik/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_server + "/rubrik/")
    tab_to(page, "main a[href='/rubrik/pengembangan-karier/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_server + "/rubrik/pengembangan-karier/")
    path = tab_to(page, f"main a[href='{INDICATOR}']")
    assert_visible_focus(path[-1])
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_server + INDICATOR)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indikator 11.6.c")
    page.close()


def test_event_registration_by_keyboard(portal_server, browser, member):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    log_in(page, portal_server)
    page.goto(portal_server + "/acara/")
    event = page.get_by_role("link", name="Contoh: FGD penilaian kinerja berkala").first.get_attribute("href")
    tab_to(page, f"main a[href='{event}']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_server + event)
    path = tab_to(page, "main form[action*='/daftar/'] button")
    assert_visible_focus(path[-1])
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Anda terdaftar|daftar tunggu")).first).to_be_visible()
    page.close()


def test_practice_form_fields_in_order_by_keyboard(portal_server, browser, member):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    log_in(page, portal_server)
    page.goto(portal_server + "/praktik-baik/kirim/")
    tab_to(page, "input[name=title]")
    page.keyboard.type("Mentoring pejabat baru")
    order = ["title"]
    for _ in range(200):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "button":
            break
        assert state["inMain"], f"Tab left the form at {state}"
        assert_visible_focus(state)
        name = state["name"] or state["id"]  # the indicators' search box has no name: it is not sent
        if name != order[-1]:
            order.append(name)
        if state["name"] == "indicators" and page.evaluate("!document.querySelector('input[name=indicators]:checked')"):
            page.keyboard.press("Space")  # a checkbox is ticked with the space bar
    assert order == ["title", "instansi", "aspect", "id_indicators_cari", "indicators", "problem", "action",
                     "results", "lessons", "attachments"], order  # fmt: skip
    assert state["text"] == "Kirim untuk ditinjau"
    assert page.locator("input[name=title]").input_value() == "Mentoring pejabat baru"
    assert page.locator("input[name=indicators]:checked").count() == 1
    page.close()
