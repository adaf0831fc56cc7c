"""Forms that help, in Debian's Chromium against a real portal process: a file too large or of the wrong type is
refused in the browser before anything is sent, a refused form lands the focus on its error summary whose links
lead to the fields, and the indicator list filters as the member types. The client-side half of
tests/portal/test_forms_that_help.py."""

import re

import pytest
from playwright.sync_api import expect

from cop.uploads import MAX_BYTES
from tests.browser.conftest import SHOTS, make_member

PASSWORD = "Merit-2026-formulir!"
FORM = "/praktik-baik/kirim/"


@pytest.fixture(scope="module")
def member(portal_server, portal_var):
    return make_member(portal_var, "wulan.formulir@contoh.go.id", PASSWORD, "Wulan Formulir")


@pytest.fixture
def page(browser, portal_server, member):
    """A page logged in as the member, on the practice form."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(portal_server + "/akun/login/")
    page.fill("input[name=login]", member)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-menu summary")).to_have_text("Wulan Formulir")
    page.goto(portal_server + FORM)
    yield page
    page.close()


def focused_is(page, selector) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def test_a_file_too_large_is_refused_before_any_request(page, portal_server):
    posted = []
    page.on("request", lambda request: posted.append(request.url) if request.method != "GET" else None)
    attachments = page.locator("input[name=attachments]")
    attachments.set_input_files(
        files=[{"name": "laporan-besar.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-" + b"0" * MAX_BYTES}]
    )
    error = page.locator("#id_attachments_error")
    expect(error).to_have_text(re.compile(r"“laporan-besar\.pdf” berukuran 20,0 MB; batasnya 20 MB per berkas\."))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("laporan-besar.pdf"))).to_have_attribute(
        "href", "#id_attachments"
    )
    expect(attachments).to_have_attribute("aria-invalid", "true")
    assert "id_attachments_error" in attachments.get_attribute("aria-describedby")
    assert attachments.evaluate("input => input.files.length") == 0, "the refused file stays in the input"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "forms-berkas-terlalu-besar.png")

    # A file of another type is refused too; picking it replaces the first message.
    attachments.set_input_files(files=[{"name": "skrip.exe", "mimeType": "application/x-msdownload", "buffer": b"MZ"}])
    expect(error).to_have_text(re.compile(r"“skrip\.exe” tidak dapat diterima: hanya PDF, DOCX"))
    expect(summary.locator("li")).to_have_count(1)
    # An allowed file clears both.
    attachments.set_input_files(files=[{"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])
    expect(error).to_have_count(0)
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    assert posted == [], f"requests made while checking files: {posted}"


def test_an_empty_form_lands_the_focus_on_the_summary(page, portal_server):
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="Ada masalah")).to_be_visible()
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-error-summary]')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "forms-ringkasan-kesalahan.png")
    # A link in the summary moves the focus to its field.
    summary.get_by_role("link", name="Judul praktik baik wajib diisi.").click()
    assert focused_is(page, "input[name=title]")
    summary.locator("a[href='#id_indicators_0_0']").click()
    assert focused_is(page, "#id_indicators_0_0")

    # The discussion: an empty comment comes back on the indicator page, the focus on its summary.
    page.goto(portal_server + "/rubrik/pengembangan-karier/11-6-c/")
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("11.6.c")
    page.wait_for_function("document.activeElement && document.activeElement.matches('#diskusi [data-error-summary]')")
    expect(page.locator("#id_body_error")).to_have_text("Komentar masih kosong.")


def test_the_indicator_list_filters_as_the_member_types(page):
    search = page.get_by_label("Cari indikator (kode atau kata)")
    boxes = page.locator("input[name=indicators]")
    assert boxes.count() == 46
    search.fill("11.6.")
    visible = page.locator("input[name=indicators]:visible")
    expect(visible).not_to_have_count(0)
    count = visible.count()
    assert count < 46
    for label in page.locator(".choice-group label:visible").all_inner_texts():
        assert label.strip().startswith("11.6."), label
    status = page.get_by_role("status").filter(has_text="indikator tampil")
    expect(status).to_have_text(f"{count} dari 46 indikator tampil.")
    # Only the group that still holds an indicator shows, under its aspect's name.
    expect(page.locator(".choice-group:visible legend")).to_have_text(["Pengembangan karier"])
    # Enter in the search box does not send the form; a ticked box stays in view whatever is typed.
    search.press("Enter")
    expect(page).to_have_url(re.compile(FORM + "$"))
    visible.first.check()
    search.fill("tidak ada yang cocok dengan ini")
    expect(page.locator("input[name=indicators]:visible")).to_have_count(1)
