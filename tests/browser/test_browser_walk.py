"""An instansi user's walk through a real browser: home → rubric → aspect → indicator → the clause in the regulation.

Each page is reached by clicking the link a person would click, so a broken or missing link fails here even when
every page renders on its own. The last step lands on a clause anchor (#pasal-…); `chromium --screenshot`
(test_browser.py) renders such URLs blank, so this module drives Debian's chromium with Playwright and checks
that the browser really scrolled the clause into view. Screenshots are kept under var/screenshots/walk-*.png.
"""

import re

from PIL import Image, ImageStat
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS

INDICATOR = "/rubrik/pengembangan-karier/11-6-c/"
CITATION = "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018"


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"walk-{name}.png"
    page.screenshot(path=path)
    image = Image.open(path).convert("L")
    assert image.size == (page.viewport_size["width"], page.viewport_size["height"])
    assert ImageStat.Stat(image).stddev[0] > 25, f"{path.name} looks blank"


def test_walk_from_home_to_the_clause(portal_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    h1 = page.get_by_role("heading", level=1)

    page.goto(portal_server + "/")
    expect(h1).to_contain_text("pengetahuan Sistem Merit ASN")
    screenshot(page, "1-home")

    page.get_by_role("region", name="Mulai dari sini").get_by_role("link", name="Rubrik Penilaian").click()
    expect(page).to_have_url(portal_server + "/rubrik/")
    expect(h1).to_have_text("Rubrik Penilaian")
    expect(page.get_by_role("heading", name="Bobot delapan aspek")).to_be_visible()
    screenshot(page, "2-rubrik")

    # The aspect's name is also a link in the weights table (to #aspek-…); the one in its heading opens its page.
    page.get_by_role("heading", name="c. Pengembangan karier").get_by_role("link", name="Pengembangan karier").click()
    expect(page).to_have_url(portal_server + "/rubrik/pengembangan-karier/")
    expect(h1).to_have_text("Aspek Pengembangan karier")
    screenshot(page, "3-aspek")

    page.get_by_role("link", name="11.6.c", exact=True).click()
    expect(page).to_have_url(portal_server + INDICATOR)
    expect(h1).to_contain_text("Indikator 11.6.c: Mempunyai kelompok rencana suksesi (talent pool)")
    quote = page.get_by_role("region", name="Bunyi ketentuan").locator("blockquote").inner_text().strip()
    assert quote.startswith("Instansi Pemerintah mempunyai kelompok rencana suksesi")
    screenshot(page, "4-indikator")

    # The clause is also linked from "Sambil menunggu panduan KASN" further down; the quote's own link is first.
    page.get_by_role("region", name="Bunyi ketentuan").get_by_role("link", name=CITATION, exact=True).click()
    expect(page).to_have_url(portal_server + "/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-c")
    expect(h1).to_have_text("PermenPANRB Nomor 40 Tahun 2018")
    clause = page.locator("#pasal-11-ayat-6-huruf-c")
    expect(clause).to_have_attribute("data-citation", CITATION)
    expect(clause).to_contain_text(quote)
    expect(clause).to_be_in_viewport()
    assert clause.evaluate("element => element.matches(':target')")
    top = clause.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < page.evaluate("window.innerHeight"), f"the clause is at {top}px, outside the window"
    assert page.evaluate("window.scrollY") > 0, "the browser did not scroll to the clause"
    screenshot(page, "5-pasal")
    page.close()


def test_indicator_page_on_a_phone(portal_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
    page.goto(portal_server + INDICATOR)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indikator 11.6.c")
    quoted = page.get_by_role("region", name="Bunyi ketentuan")
    expect(quoted.get_by_role("link", name=CITATION, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    screenshot(page, "4-indikator-mobile")
    page.close()


def test_a_link_to_a_missing_clause_says_so_and_offers_the_nearest(portal_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-z")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ketentuan “pasal-11-ayat-6-huruf-z” tidak ada di halaman ini.")
    alert.get_by_role("link", name="Lihat ketentuan yang paling mirip").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("tidak ada di PermenPANRB Nomor 40 Tahun 2018")
    page.get_by_role("link", name="Pasal 11 ayat (6) huruf c").click()
    expect(page.locator("#pasal-11-ayat-6-huruf-c")).to_be_in_viewport()
    page.close()


def test_handbook_reads_chapter_by_chapter(portal_server, browser):
    """`make run` loads the demo handbook; a reader goes from the contents to a chapter and on to the next."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/handbook/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handbook Sistem Merit")
    screenshot(page, "6-handbook")
    page.get_by_role("navigation", name="Daftar isi").get_by_role("link").first.click()
    expect(page.locator(".kicker")).to_contain_text("Bab 1")
    expect(page.get_by_role("note").first).to_contain_text("Konten demo")
    page.locator("a[rel=next]").click()
    expect(page.locator(".kicker")).to_contain_text("Bab 2")
    expect(page.locator("a.glossary-term").first).to_have_attribute("href", re.compile(r"^/glosarium/#"))
    screenshot(page, "7-handbook-bab")
    page.close()
