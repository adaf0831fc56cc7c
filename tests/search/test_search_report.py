"""The search-terms report in the admin (search/reports.py): the portal's one report (Wagtail's own is hidden and
its address leads here), long queries cut on screen but whole for hover and screen readers, zero-result queries in
a table of their own, and probes made of markup, punctuation or control characters neither counted nor shown."""

import csv
import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultDailyHits
from tests.cop.test_practices import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

REPORT = "/admin/laporan/pencarian/"
LONG = (
    "bagaimana cara menyusun standar kompetensi jabatan untuk jabatan pimpinan tinggi pratama di pemerintah "
    "kabupaten yang baru dimekarkan dan belum punya analisis jabatan lengkap"
)
JUNK = ['"<script>', "<b></b>", "<script>alert(1)</script>", "!!! ...", "&lt;i&gt;&lt;/i&gt;", "\x85\x85"]


def _search(client, q):
    assert client.get("/api/search/", {"q": q}).status_code == 200


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("kepala", "kepala@kasn.go.id", "rahasia-sekali"))
    return client


def _menu(client) -> str:
    """The admin's sidebar menu, which Wagtail renders as JSON (slashes escaped)."""
    return client.get("/admin/").content.decode().replace("\\/", "/")


def _exported(client) -> list[list[str]]:
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _tables(page: str) -> tuple[str, str]:
    """The report's HTML before the zero-result section, and that section."""
    main, marker, zero = page.partition('id="kata-kunci-tanpa-hasil"')
    assert marker, "the zero-result section is missing"
    return main, zero


def test_one_search_terms_report_in_the_menu_and_wagtails_address_leads_to_it(superuser_client):
    menu = _menu(superuser_client)
    assert menu.count(REPORT) == 1
    assert "search-terms" not in menu and "Search terms" not in menu
    for name in ("wagtailsearchpromotions:search_terms", "wagtailsearchpromotions:search_terms_results"):
        response = superuser_client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == REPORT


def test_a_long_query_is_cut_on_screen_with_its_whole_text_kept(client, superuser_client):
    _search(client, LONG)
    page = superuser_client.get(REPORT).content.decode()
    main, _ = _tables(page)
    # The whole text in the title (hover) and as the cell's text (screen readers); nothing hides it from them.
    assert f'<span class="search-query" title="{LONG}">{LONG}</span>' in main
    cell = re.search(r'<td class="search-query-cell">.*?</td>', main, re.S)
    assert cell and "aria-hidden" not in cell.group() and "w-sr-only" not in cell.group()
    stylesheet = re.search(r'href="([^"]*search/report\.css)"', page)
    assert stylesheet, "the report links the stylesheet that cuts long queries"
    css = open(finders.find("search/report.css")).read()
    assert "text-overflow: ellipsis" in css and "white-space: nowrap" in css and "overflow: hidden" in css


def test_zero_result_queries_are_listed_apart(client, superuser_client):
    for q in ("penilaian kinerja", "penilaian kinerja", "kompetensy"):
        _search(client, q)
    ZeroResultDailyHits.objects.create(query=Query.get("talenta xyzzy"), date=timezone.localdate(), hits=1234)
    QueryDailyHits.objects.create(query=Query.get("talenta xyzzy"), date=timezone.localdate(), hits=1234)

    response = superuser_client.get(REPORT)
    assert response.status_code == 200
    rows = [(q.query_string, q.searches, q.zero_hits) for q in response.context["object_list"]]
    assert rows == [("penilaian kinerja", 2, 0)]  # only what found something
    main, zero = _tables(response.content.decode())
    assert "penilaian kinerja" in main and "kompetensy" not in main and "talenta xyzzy" not in main
    assert "Kata kunci tanpa hasil" in zero and "penilaian kinerja" not in zero
    assert zero.index("talenta xyzzy") < zero.index("kompetensy")  # most often first
    assert "1.234" in zero  # Indonesian number format

    narrowed = superuser_client.get(REPORT, {"q": "kompet"})
    main, zero = _tables(narrowed.content.decode())
    assert "kompetensy" in zero and "talenta xyzzy" not in zero and "penilaian kinerja" not in main

    rows = _exported(superuser_client)
    assert {row[0] for row in rows[1:]} == {"penilaian kinerja", "kompetensy", "talenta xyzzy"}  # all, both counts

    for params in ({"q": "\x07<"}, {"ordering": "bukan-kolom"}, {"p": "abc"}, {"q": "%" * 300}):
        assert superuser_client.get(REPORT, params).status_code == 200
    assert superuser_client.get(REPORT, {"q": "\x00"}).status_code == 400  # the portal refuses NUL in any address


def test_markup_punctuation_and_control_characters_are_neither_logged_nor_reported(client, superuser_client):
    for q in [*JUNK, "kinerja"]:
        _search(client, q)
    assert list(Query.objects.values_list("query_string", flat=True)) == ["kinerja"]
    for q in ['"<script>', "<b></b>", "kinerja\x07"]:  # counted before they were left out
        Query.get(q).add_hit()
    page = superuser_client.get(REPORT).content.decode()
    shown = [html.unescape(text) for text in re.findall(r'class="search-query" title="([^"]*)"', page)]
    assert shown == ["kinerja"]
    rows = _exported(superuser_client)
    assert [row[0] for row in rows[1:]] == ["kinerja"]


def test_the_report_is_for_editors_not_for_members(client):
    client.force_login(make_user("penyunting", "Editors"))
    assert client.get(REPORT).status_code == 200
    assert REPORT in _menu(client)

    client.force_login(make_user("anggota-biasa", name="Anggota Biasa"))
    assert client.get(REPORT).status_code in (302, 403)

    admin_only = make_user("admin-saja")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    assert client.get(REPORT).status_code in (302, 403)
    assert REPORT not in _menu(client)
