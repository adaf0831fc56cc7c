"""Aspect and indicator guidance pages: one per rubric row, linked both ways with their clause."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cop.discussion import Comment
from meritopedia.models import AspectPage, Indicator, IndicatorPage

pytestmark = pytest.mark.django_db


def test_every_indicator_and_aspect_has_a_live_page():
    assert IndicatorPage.objects.live().count() == Indicator.objects.count() == 46
    assert AspectPage.objects.live().count() == 8
    for page in IndicatorPage.objects.select_related("indicator__aspect"):
        assert page.get_parent().specific.aspect_id == page.indicator.aspect_id


def test_indicator_page_quotes_its_clause_and_links_to_the_anchor(client):
    page = client.get("/rubrik/pengembangan-karier/11-6-c/").content.decode()
    assert "kelompok rencana suksesi (talent pool)" in page
    assert 'href="/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-c"' in page
    assert "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018" in page
    assert "manajemen talenta dan rencana suksesi" in page and "130 dari 410" in page
    assert page.count("KASN belum menulis panduan untuk bagian ini.") == 3


def test_sub_points_of_an_indicator_are_shown(client):
    indicator_page = IndicatorPage.objects.get(indicator__code="9.e")
    assert indicator_page.title.startswith("Indikator 9.e: Mempunyai database kepegawaian")
    html = client.get(indicator_page.url).content.decode()
    assert "1) data ketersediaan pegawai" in html and "2) data jumlah pegawai yang akan memasuki masa pensiun" in html


def test_guidance_written_by_an_editor_appears(client):
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.evidence = "<p>Dokumen penilaian kinerja triwulanan</p>"
    page.save_revision().publish()
    assert "Dokumen penilaian kinerja triwulanan" in client.get("/rubrik/manajemen-kinerja/13-d/").content.decode()


def test_aspect_page_lists_its_indicators_with_links(client):
    page = client.get("/rubrik/manajemen-kinerja/").content.decode()
    assert page.count('class="indicator"') == 8
    assert 'href="/rubrik/manajemen-kinerja/13-d/"' in page and "80" in page


def test_rubric_links_to_aspect_and_indicator_pages(client):
    page = client.get("/rubrik/").content.decode()
    assert 'href="/rubrik/pengembangan-karier/"' in page and 'href="/rubrik/pengembangan-karier/11-6-c/"' in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_indicator_page_query_count_does_not_grow_with_its_content(client):
    client.get("/rubrik/perencanaan-kebutuhan/9-e/")  # warm Wagtail's site cache
    with_points = _queries(client, "/rubrik/perencanaan-kebutuhan/9-e/")  # two sub-points
    without = _queries(client, "/rubrik/manajemen-kinerja/13-d/")
    larger_aspect = _queries(client, "/rubrik/pengembangan-karier/11-3-a/")  # three sub-points, 13-indicator aspect
    assert with_points == without == larger_aspect
    # 19 for the page and its rubric context (the active language's Locale and the page's translations, for
    # hreflang, among them), plus one per type of content gathered on it (articles, handbook chapters, events, ...):
    # a new type costs one query, more items of a type cost none. The discussion thread adds two (its comments, and
    # their answers once there are any); an unwritten guidance section one (the clauses the indicator's words cite).
    gathered_types = IndicatorPage.linked_content(Indicator.objects.first())
    assert with_points <= 19 + len(gathered_types) + 2 + 1


def test_indicator_page_query_count_does_not_grow_with_its_discussion(client):
    page = IndicatorPage.objects.get(indicator__code="13.d", indicator__aspect__version__is_current=True)
    user = get_user_model().objects.create_user("penanya", "penanya@contoh.go.id", "x")
    question = Comment.objects.create(page=page, author=user, kind=Comment.QUESTION, body="Pertanyaan pertama?")
    Comment.objects.create(page=page, author=user, parent=question, body="Jawaban pertama.")
    client.get(page.url)
    one = _queries(client, page.url)
    for number in range(5):
        extra = Comment.objects.create(page=page, author=user, body=f"Komentar {number}")
        Comment.objects.create(page=page, author=user, parent=extra, body=f"Jawaban {number}")
    assert _queries(client, page.url) == one
    html = client.get(page.url).content.decode()
    assert "Pertanyaan pertama?" in html and "Jawaban 4" in html


def test_pages_do_not_run_more_queries_when_content_grows(client):
    from meritopedia.models import Clause, GlossaryTerm, RegulationPage

    urls = ["/", "/rubrik/", "/regulasi/permenpanrb-40-2018/", "/glosarium/", "/rubrik/pengembangan-karier/"]
    client.get("/")
    before = {url: _queries(client, url) for url in urls}
    regulation = RegulationPage.objects.get(slug="permenpanrb-40-2018")
    for n in range(23, 33):
        Clause.objects.create(
            regulation=regulation,
            kind="pasal",
            pasal=n,
            anchor=f"pasal-{n}",
            label=f"Pasal {n}",
            text="Tambahan.",
            position=1000 + n,
        )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(term=f"Istilah {n}", slug=f"istilah-{n}", definition="Uji.", kind="akronim") for n in range(30)
    )
    after = {url: _queries(client, url) for url in urls}
    assert after == before
    assert max(before.values()) <= 27, before  # the rubric page, with the Locale and hreflang translations
