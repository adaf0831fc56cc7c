"""The whole penilaian mandiri in Debian's Chromium, signed in as each demo account of `load_demo` on a portal
process as `make run` serves it: an anggota answers an indicator, the ketua submits, the verifikator scores, flags
one indicator and closes Verifikasi Awal, the ketua revises only that one and resubmits, and the round's diff shows
old against new; then the kabupaten's ketua reads the determined result, the learning path, adds to the rencana
aksi and downloads the report. Where answering all 46 indicators by hand would only repeat one step, a setup step
runs the app's own services in the portal's database (`manage.py shell`), said so where it happens.
Screenshots go to var/screenshots/assessment-*.png."""

import datetime
import io
import re
import subprocess

import openpyxl
from playwright.sync_api import expect

from tests.browser.test_browser_walk import screenshot
from tests.conftest import DEMO_PASSWORD, MANAGE, ROOT, portal_env

YEAR = datetime.date.today().year
KOTA_SETUP = """
from assessment.access import Access
from assessment.assessments import Answer, SelfAssessment
from assessment.filling import AnswerInput, save_answer
from assessment.teams import TeamMember
assessment = SelfAssessment.objects.get(instansi__name="Kota Contoh Demo", year={year})
ketua = TeamMember.objects.get(team__instansi=assessment.instansi, role=TeamMember.KETUA).user
for answer in assessment.answers.select_related("indicator").prefetch_related("indicator__levels"):
    if answer.progress != Answer.SIAP:
        level = answer.level or sorted(answer.indicator.levels.all(), key=lambda l: l.points)[-1]
        save_answer(answer, ketua, answer.lock_version, AnswerInput(level, answer.narrative or "Uraian tim.", "siap"))
"""
REVIEW_SETUP = """
from assessment.access import Access
from assessment.assessments import SelfAssessment
from assessment.verification import save_review
from django.contrib.auth import get_user_model
assessment = SelfAssessment.objects.get(instansi__name="Kota Contoh Demo", year={year})
round_ = assessment.rounds.get(closed_at__isnull=True)
verifier = get_user_model().objects.get(email="verifikator@demo.meritopedia.test")
for answer in assessment.answers.select_related("indicator", "level").exclude(indicator__code="11.6.c"):
    save_review(round_, answer, verifier, Access(verifier=True), None, answer.level, "Sesuai bukti.", False)
"""


def portal_shell(portal_var, code: str) -> None:
    """A setup step in the portal's own database through its services (never a page a person would use)."""
    subprocess.run(MANAGE + ["shell", "-c", code.format(year=YEAR)], env=portal_env(portal_var), cwd=ROOT,
                   check=True, capture_output=True)


def signed_in(browser, server, email, locale="id-ID", viewport=None):
    context = browser.new_context(locale=locale, viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/penilaian/")
    expect(page).to_have_url(re.compile(r"/akun/login/\?next=/penilaian/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator("button[type=submit]").click()
    expect(page).to_have_url(server + "/penilaian/")
    return page


def indicator(page, code):
    return page.locator("section.indicator-answer").filter(
        has=page.get_by_role("heading", level=2, name=re.compile("^" + re.escape(code) + r"\b"))
    )


def test_the_whole_cycle_with_the_demo_accounts(portal_server, portal_var, browser):
    server = portal_server
    h1 = lambda page: page.get_by_role("heading", level=1)  # noqa: E731

    # An anggota of the kota's team: the workspace, then an indicator of her kelompok kerja answered and kept.
    page = signed_in(browser, server, "anggota@demo.meritopedia.test")
    expect(h1(page)).to_contain_text("Kota Contoh Demo")
    expect(page.locator(".assessment-status")).to_contain_text("Sedang Input")
    aspects = page.get_by_role("table", name="Kemajuan dan nilai per aspek")
    aspects.get_by_role("link", name="Pengembangan karier").click()
    expect(h1(page)).to_contain_text("Pengembangan karier")
    answer = indicator(page, "11.6.c")
    answer.locator("input[type=radio]").last.check()
    answer.get_by_label("Uraian pemenuhan").fill("Talent pool ditetapkan dengan keputusan wali kota (uji peramban).")
    answer.get_by_label("Kemajuan").select_option("siap")
    answer.get_by_role("button", name="Simpan jawaban 11.6.c").click()
    # The save is a full POST and redirect: wait for its answer before reloading, or the reload races the navigation.
    expect(page.locator(".messages")).to_contain_text("Jawaban indikator 11.6.c tersimpan.")
    page.reload()
    expect(indicator(page, "11.6.c").get_by_label("Uraian pemenuhan")).to_have_value(
        "Talent pool ditetapkan dengan keputusan wali kota (uji peramban)."
    )
    screenshot(page, "assessment-1-aspek")
    page.context.close()

    # Setup: the kota's other indicators answered and ready, as the team would over weeks.
    portal_shell(portal_var, KOTA_SETUP)

    # The kota's ketua submits to KASN.
    page = signed_in(browser, server, "ketua.kota@demo.meritopedia.test")
    page.get_by_role("link", name=f"Buka penilaian {YEAR}").click()
    page.get_by_role("button", name="Ajukan penilaian").click()
    expect(page.locator(".assessment-status")).to_contain_text("Verifikasi Awal sedang berjalan")
    page.context.close()

    # Setup: the verifikator's scores on every indicator but 11.6.c.
    portal_shell(portal_var, REVIEW_SETUP)

    # The verifikator scores 11.6.c lower, asks for a revision, and closes Verifikasi Awal.
    page = signed_in(browser, server, "verifikator@demo.meritopedia.test")
    page.get_by_role("link", name=re.compile(r"^Buka daftar verifikasi")).click()
    page.get_by_role("row", name=re.compile("Kota Contoh Demo")).get_by_role("link", name=str(YEAR)).click()
    page.get_by_role("navigation", name="Halaman penilaian").get_by_role("link", name="Pengembangan karier").click()
    review = indicator(page, "11.6.c").locator("form.review-form")
    review.locator("input[type=radio]").first.check()
    review.get_by_label("Temuan").fill("Keputusan belum dilampirkan (uji peramban).")
    review.get_by_label("Minta tim memperbaiki indikator ini").check()
    review.get_by_role("button", name="Simpan verifikasi 11.6.c").click()
    expect(page.locator(".messages")).to_contain_text("Hasil verifikasi indikator 11.6.c tersimpan.")
    page.get_by_role("navigation", name="Halaman penilaian").get_by_role("link", name="Ringkasan").click()
    page.get_by_role("button", name="Tutup putaran").click()
    expect(page.locator(".assessment-status")).to_contain_text("Perbaikan")
    page.context.close()

    # The ketua can change only the flagged indicator, revises it and resubmits; the diff shows old and new.
    page = signed_in(browser, server, "ketua.kota@demo.meritopedia.test")
    page.goto(server + f"/penilaian/{YEAR}/pengembangan-karier/")
    expect(page.get_by_role("button", name=re.compile("^Simpan jawaban"))).to_have_count(1)
    flagged = indicator(page, "11.6.c")
    expect(flagged).to_contain_text("Keputusan belum dilampirkan (uji peramban).")
    flagged.get_by_label("Uraian pemenuhan").fill("Keputusan wali kota tentang talent pool kini dilampirkan.")
    flagged.get_by_role("button", name="Simpan jawaban 11.6.c").click()
    expect(page.locator(".messages")).to_contain_text("Jawaban indikator 11.6.c tersimpan.")
    page.get_by_role("navigation", name="Halaman penilaian").get_by_role("link", name="Ringkasan").click()
    page.get_by_role("button", name="Ajukan penilaian").click()
    expect(page.locator(".assessment-status")).to_contain_text("Asistensi 1 sedang berjalan")
    page.get_by_role("link", name="Yang diubah tim sejak putaran sebelumnya").click()
    diff = page.locator("section.diff").filter(has=page.get_by_role("heading", name=re.compile(r"^11\.6\.c")))
    expect(diff.locator("del")).to_contain_text(["Talent pool ditetapkan dengan keputusan wali kota (uji peramban)."])
    expect(diff.locator("ins")).to_contain_text(["Keputusan wali kota tentang talent pool kini dilampirkan."])
    screenshot(page, "assessment-2-perubahan")
    page.context.close()

    # The kabupaten's ketua: the determined result, the learning path, the rencana aksi and the report.
    page = signed_in(browser, server, "ketua@demo.meritopedia.test")
    expect(page.locator(".assessment-status")).to_contain_text("0,72")
    expect(page.get_by_role("table", name="Kemajuan dan nilai per aspek")).to_contain_text("Verifikasi Akhir")
    screenshot(page, "assessment-3-ruang-kerja")
    page.get_by_role("link", name=f"Buka penilaian {YEAR - 1}").click()
    result = page.locator("section.assessment-result")
    expect(result).to_contain_text("295,5")
    expect(result).to_contain_text("Baik")
    expect(result.get_by_role("link", name=re.compile(r"Pasal 18"))).not_to_have_count(0)
    page.get_by_role("navigation", name="Halaman penilaian").get_by_role("link", name="Jalur belajar").click()
    first_gap = page.locator("main h2").first
    expect(first_gap).to_have_text(re.compile(r"^\d+(\.\d+)*\.[a-z]\b", re.I))
    expect(page.get_by_role("link", name=re.compile(r"Pasal \d+")).first).to_be_visible()
    screenshot(page, "assessment-4-jalur-belajar")
    code = first_gap.inner_text().split()[0]
    page.get_by_role("link", name="Jadikan rencana aksi").first.click()
    expect(page).to_have_url(re.compile(r"/rencana-aksi/\?indikator=" + re.escape(code)))
    items_before = page.locator("li.action-item").count()
    form = page.locator("#rencana-baru")
    form.get_by_label("Aksi", exact=True).fill("Menyusun keputusan bupati tentang talent pool (uji peramban).")
    form.get_by_label("Target keluaran (output)").fill("Keputusan bupati ditetapkan.")
    form.get_by_label("Target hasil (outcome)").fill("Jabatan administrator diisi dari talent pool.")
    form.get_by_label("Penanggung jawab").select_option(index=1)
    form.get_by_label("Tenggat").fill((datetime.date.today() + datetime.timedelta(days=60)).isoformat())
    form.get_by_role("button", name="Simpan rencana aksi").click()
    added = "Menyusun keputusan bupati tentang talent pool (uji peramban)."
    expect(page.get_by_role("heading", name=added)).to_be_visible()
    assert page.locator("li.action-item").count() == items_before + 1
    page.get_by_role("navigation", name="Halaman penilaian").get_by_role("link", name="Laporan").click()
    expect(h1(page)).to_have_text(f"Kabupaten Contoh Demo · {YEAR - 1}")
    expect(page.locator("main")).to_contain_text("295,5")
    expect(page.locator("main")).to_contain_text("talent pool (uji peramban)")
    xlsx = page.request.get(server + f"/penilaian/{YEAR - 1}/laporan.xlsx")
    assert xlsx.ok
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.body()), read_only=True)
    cells = [str(c) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("talent pool (uji peramban)" in cell for cell in cells)
    pdf = page.request.get(server + f"/penilaian/{YEAR - 1}/laporan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.context.close()

    # As a phone shows the workspace and the learning path, and as an English browser shows the workspace.
    page = signed_in(browser, server, "ketua@demo.meritopedia.test", viewport={"width": 390, "height": 844})
    screenshot(page, "assessment-5-ruang-kerja-ponsel")
    page.goto(server + f"/penilaian/{YEAR - 1}/jalur-belajar/")
    screenshot(page, "assessment-6-jalur-belajar-ponsel")
    page.context.close()
    page = signed_in(browser, server, "ketua@demo.meritopedia.test", locale="en-US")
    expect(h1(page)).to_contain_text("Penilaian mandiri")
    screenshot(page, "assessment-7-ruang-kerja-en")
    page.context.close()
