"""A new CoP member's first visit, in a real browser against a real portal process: sign up, confirm the e-mail
from the message the portal sent, fill in the profile, register for an event and submit a good practice with an
evidence file. Screenshots of each step are kept under var/screenshots/member-*.png."""

import re

from PIL import Image, ImageStat
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS

EMAIL = "rina.anggota@contoh.go.id"
PASSWORD = "Merit-2026-kuat!"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"member-{name}.png"
    page.screenshot(path=path, full_page=True)
    image = Image.open(path).convert("L")
    assert ImageStat.Stat(image).stddev[0] > 25, f"{path.name} looks blank"


def confirmation_link(mail_dir) -> str:
    for message in sorted(mail_dir.glob("*.log")):
        text = message.read_text()
        if EMAIL in text:
            match = re.search(r"https?://\S+/akun/confirm-email/\S+/", text)
            if match:
                return match.group(0)
    raise AssertionError(f"no confirmation e-mail to {EMAIL} in {mail_dir}")


def test_sign_up_confirm_register_and_submit_a_practice(portal_server, portal_var, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    h1 = page.get_by_role("heading", level=1)

    # An anonymous visitor who wants to share a practice is sent to log in, and can sign up from there.
    page.goto(portal_server + "/praktik-baik/kirim/")
    expect(page).to_have_url(re.compile(r"/akun/login/\?next=/praktik-baik/kirim/"))
    page.goto(portal_server + "/akun/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    screenshot(page, "1-daftar")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/akun/confirm-email/"))

    page.goto(confirmation_link(portal_var / "mail"))
    screenshot(page, "2-konfirmasi")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/akun/confirm-email/" not in url)
    if "/akun/login/" in page.url:  # allauth logs in on confirmation only within the sign-up session
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()

    page.goto(portal_server + "/akun/profil/")
    page.fill("input[name=full_name]", "Rina Anggota")
    page.fill("input[name=instansi]", "Kabupaten Contoh Demo")
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_text("Profil Anda tersimpan.")).to_be_visible()

    page.goto(portal_server + "/acara/")
    page.get_by_role("link", name="Contoh: FGD penilaian kinerja berkala").first.click()
    page.get_by_role("button", name=re.compile("Daftar ke acara ini|Masuk daftar tunggu")).click()
    expect(page.get_by_text(re.compile("Anda terdaftar|daftar tunggu")).first).to_be_visible()
    screenshot(page, "3-acara")

    page.goto(portal_server + "/praktik-baik/")
    page.get_by_role("link", name="Kirim praktik baik").click()
    expect(h1).to_have_text("Kirim praktik baik")
    page.fill("input[name=title]", "Dialog kinerja triwulan di Kabupaten Contoh")
    page.fill("input[name=instansi]", "Kabupaten Contoh Demo")
    aspect = page.locator("select[name=aspect] option", has_text=re.compile("kinerja", re.IGNORECASE)).first
    page.select_option("select[name=aspect]", value=aspect.get_attribute("value"))
    page.get_by_role("checkbox", name=re.compile(r"^13\.c — ")).check()
    page.fill("textarea[name=problem]", "Penilaian kinerja hanya setahun sekali.")
    page.fill("textarea[name=action]", "Atasan berdialog dengan pegawai tiap tiga bulan.")
    page.fill("textarea[name=results]", "Kepatuhan dialog naik dari 40% menjadi 91%.")
    # First a fake PDF: refused, and everything typed is still there.
    page.set_input_files(
        "input[name=attachments]", files=[{"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": b"MZ fake"}]
    )
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    # Said beside the field and in the error summary at the top, which has the focus.
    expect(page.locator("#id_attachments_error").get_by_text(re.compile("bukan PDF yang sah"))).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(re.compile("bukan PDF yang sah"))).to_be_visible()
    expect(page.locator("textarea[name=results]")).to_have_value("Kepatuhan dialog naik dari 40% menjadi 91%.")
    screenshot(page, "4-lampiran-ditolak")
    page.set_input_files(
        "input[name=attachments]", files=[{"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(page.get_by_text("Status kiriman: Menunggu tinjauan editor")).to_be_visible()
    expect(page.get_by_role("link", name="bukti.pdf")).to_be_visible()
    screenshot(page, "5-kiriman")

    page.goto(portal_server + "/akun/kontribusi/")
    expect(page.get_by_text("Dialog kinerja triwulan di Kabupaten Contoh")).to_be_visible()
    expect(page.get_by_role("link", name="Contoh: FGD penilaian kinerja berkala")).to_be_visible()
    screenshot(page, "6-kontribusi")
