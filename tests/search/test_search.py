"""Search over the seeded regulation, rubric and glossary, through the real index of the configured backend
(SQLite FTS5, PostgreSQL or Elasticsearch, whichever SEARCH_BACKEND names)."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backends

from meritopedia.models import IndicatorPage, RegulationPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

BAD_QUERIES = ['"<script>', "((((", "AND OR NOT", "*", '"', "x" * 10_000, "😀 penilaian 🙂", "' OR 1=1 --", "\x00"]


def api(client, **params):
    response = client.get(reverse("api_search"), params)
    assert response.status_code == 200
    return response.json()


def fragments(data):
    return [result["url"].partition("#")[2] for result in data["results"]]


def test_api_shape_and_clause_anchor(client):
    data = api(client, q="talent pool")
    assert set(data) >= {"count", "results", "facets"}
    assert data["count"] >= 2
    for result in data["results"]:
        assert set(result) >= {"type", "title", "url", "snippet", "indicator", "citation"}
    clause = next(r for r in data["results"] if r["type"] == "clause")
    assert clause["url"].endswith("#pasal-11-ayat-6-huruf-c") or clause["url"].endswith("#pasal-11-ayat-6-huruf-d")
    assert clause["indicator"] in ("11.6.c", "11.6.d")
    assert clause["citation"].startswith("Pasal 11 ayat (6) huruf")
    assert "<mark>" in clause["snippet"]


def test_stemming_menilai_finds_penilaian(client):
    data = api(client, q="menilai kinerja pegawai secara objektif")
    top = data["results"][:3]
    assert any(r["indicator"] == "13.b" for r in top), top
    assert "<mark>penilaian</mark>" in " ".join(r["snippet"] for r in top).lower()


def test_acronym_finds_the_spelled_out_term(client):
    data = api(client, q="SKJ")
    assert data["count"] > 0
    assert data["results"][0]["indicator"] in ("11.3.a", "11.3.b")
    assert "standar kompetensi jabatan" in data["results"][0]["snippet"].lower().replace("<mark>", "").replace(
        "</mark>", ""
    )


def test_regulation_number_matches_exactly(client):
    data = api(client, q="40/2018", type="regulationpage")
    assert [r["title"] for r in data["results"]] == ["PermenPANRB Nomor 40 Tahun 2018"]
    data = api(client, q="PP 11 2017", type="regulationpage")
    assert data["results"][0]["title"] == "PP Nomor 11 Tahun 2017"


def test_named_clause_comes_first(client):
    assert fragments(api(client, q="pasal 13 huruf d"))[0] == "pasal-13-huruf-d"
    # before the regulation the query also names, whose page matches more of it
    data = api(client, q="pasal 13 huruf e permenpanrb 40")
    assert fragments(data)[0] == "pasal-13-huruf-e"
    assert "PermenPANRB Nomor 40 Tahun 2018" in [r["title"] for r in data["results"][1:4]]


def test_a_question_within_a_named_regulation_finds_the_clause(client):
    """The citation covers its clauses: the regulation's page does not win only because its number is in its
    title ("permenpan" is the older name of PermenPANRB)."""
    data = api(client, q="kategori penilaian permenpan 40/2018")
    assert fragments(data)[0] == "pasal-17-ayat-6"
    assert api(client, q="permenpanrb 40/2018")["results"][0]["title"] == "PermenPANRB Nomor 40 Tahun 2018"


def test_a_clause_is_found_in_the_words_of_the_clause_it_refers_to(client):
    """Pasal 18 ayat (4) says only that the instansi "sebagaimana dimaksud pada ayat (3)" (category baik) is
    evaluated every year; Pasal 18 ayat (1) speaks of "Pasal 17 ayat (6) huruf a" (category sangat baik)."""
    from meritopedia.models import Clause

    clauses = Clause.objects.filter(regulation__slug="permenpanrb-40-2018")
    referred = {c.anchor: [r.anchor for r in c.referred_clauses()] for c in clauses.filter(pasal=18)}
    assert referred["pasal-18-ayat-4"] == ["pasal-18-ayat-3"]
    assert referred["pasal-18-ayat-1"] == ["pasal-17-ayat-6-huruf-a"]
    assert referred["pasal-18-ayat-3"] == ["pasal-17-ayat-6-huruf-b"]
    assert "pasal-18-ayat-4" in fragments(api(client, q="evaluasi instansi kategori baik"))[:3]
    data = api(client, q="dikecualikan dari seleksi terbuka")
    snippet = next(r["snippet"] for r in data["results"] if r["url"].endswith("#pasal-18-ayat-1"))
    shown = re.sub(r"</?mark>", "", snippet).strip("…")
    assert shown and shown in clauses.get(anchor="pasal-18-ayat-1").text  # its own text, not its referent's


@pytest.mark.parametrize(
    "query, anchor",
    [
        ("lelang jabatan pimpinan tinggi", "pasal-12-huruf-c"),  # the working name of open selection
        ("hasil self assessment", "pasal-7-ayat-2-huruf-e"),  # penilaian mandiri
        ("pola karir nasional", "pasal-12-huruf-a"),  # karier, as the KBBI spells it
    ],
)
def test_working_names_and_common_spellings(client, query, anchor):
    assert anchor in fragments(api(client, q=query))[:2]


def test_facets_count_and_filter(client):
    data = api(client, q="penilaian kinerja")
    types = {item["value"]: item["count"] for item in data["facets"]["type"]}
    assert types["clause"] > 0 and types["indicatorpage"] > 0
    assert sum(types.values()) == data["count"]
    aspects = {item["value"] for item in data["facets"]["aspect"]}
    assert "manajemen-kinerja" in aspects
    assert any(item["value"] == "13.d" for item in data["facets"]["indicator"])
    assert any(item["value"] == "2018" for item in data["facets"]["year"])

    only_clauses = api(client, q="penilaian kinerja", type="clause")
    assert only_clauses["count"] == types["clause"]
    assert {r["type"] for r in only_clauses["results"]} == {"clause"}
    # choosing a type keeps the other types' counts visible
    assert {item["value"] for item in only_clauses["facets"]["type"]} == set(types)

    by_indicator = api(client, q="penilaian kinerja", indicator="13.d")
    assert by_indicator["count"] >= 1 and all(r["indicator"] == "13.d" for r in by_indicator["results"])


def test_unknown_facet_values_give_an_empty_answer(client):
    for params in ({"type": "nope"}, {"aspect": "<b>"}, {"year": "abc"}, {"seci": "x" * 500}, {"page": "-3"}):
        data = api(client, q="kinerja", **params)
        if "page" in params:
            assert data["count"] > 0
        else:
            assert data["count"] == 0 and data["results"] == []


def test_pagination(client):
    first, second = api(client, q="instansi pemerintah"), api(client, q="instansi pemerintah", page=2)
    assert first["count"] > 10 and len(first["results"]) == 10
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_is_a_normal_page(client, query):
    response = client.get(reverse("search"), {"q": query, "type": "<script>", "page": "((("})
    if "\x00" in query:  # the portal answers every URL with a null byte 400 (portal.security), before any view
        assert response.status_code == 400
        assert client.get(reverse("api_search"), {"q": query}).status_code == 400
        return
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    if query.startswith('"<script>'):
        assert "&quot;&lt;script&gt;" in response.content.decode()
    api(client, q=query, aspect="'", indicator="((")


def test_search_page_shows_results_snippets_and_facets(client):
    response = client.get(reverse("search"), {"q": "assessment center"})
    html = response.content.decode()
    assert "#pasal-16-huruf-d" in html
    assert "<mark>" in html and "Jenis" in html and "Indikator 16.d" in html
    # A facet's link narrows the same search to it, which then shows as chosen.
    link = re.search(r'<a href="(\?[^"]*&amp;type=clause)">', html).group(1).replace("&amp;", "&")
    narrowed = client.get(reverse("search") + link)
    assert narrowed.context["outcome"].filters == {"type": "clause"}
    assert narrowed.context["outcome"].query == "assessment center"
    assert re.search(r"<strong>[^<]+</strong> \(\d+\)", narrowed.content.decode())
    # Another type's link chooses that type instead, not both.
    other = re.search(r'<a href="(\?[^"]*type=indicatorpage)">', narrowed.content.decode()).group(1)
    assert other.replace("&amp;", "&").count("type=") == 1


def test_zero_results_suggest_glossary_and_rubric(client):
    response = client.get(reverse("search"), {"q": "kompetensy"})
    html = response.content.decode()
    assert response.context["outcome"].count == 0
    assert "Standar Kompetensi Jabatan" in html and 'href="/rubrik/"' in html
    data = api(client, q="kompetensy")
    assert data["count"] == 0 and any("Kompetensi" in s["title"] for s in data["suggestions"])


def test_autocomplete_titles_and_glossary_terms(client):
    response = client.get(reverse("api_search_autocomplete"), {"q": "standar komp"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["results"]]
    assert any("Standar Kompetensi Jabatan" in title for title in titles), titles
    for bad in ("((((", "", "😀"):
        assert client.get(reverse("api_search_autocomplete"), {"q": bad}).status_code == 200


def _urls(client, q):
    return [r["url"] for r in api(client, q=q)["results"]]


def test_unpublished_pages_never_appear(client):
    page = IndicatorPage.objects.get(indicator__code="16.d")
    assert any(url.endswith("/16-d/") for url in _urls(client, "assessment center"))
    page.unpublish()
    assert not any(url.endswith("/16-d/") for url in _urls(client, "assessment center"))
    data = api(client, q="assessment center")
    assert all(item["value"] != "16.d" or item["count"] == 1 for item in data["facets"]["indicator"])


def test_private_pages_and_their_clauses_never_appear(client):
    regulation = RegulationPage.objects.get(slug="permenpanrb-40-2018")
    assert any("#pasal-7-ayat-4" in url for url in _urls(client, "tim penilaian mandiri diketuai"))
    PageViewRestriction.objects.create(page=regulation, restriction_type="password", password="rahasia")
    urls = _urls(client, "tim penilaian mandiri diketuai")
    assert not any("#pasal-" in url for url in urls)
    facet_types = {item["value"] for item in api(client, q="tim penilaian mandiri")["facets"]["type"]}
    assert "clause" not in facet_types
    PageViewRestriction.objects.filter(page=regulation).delete()  # public again: its clauses are found again
    assert any("#pasal-7-ayat-4" in url for url in _urls(client, "tim penilaian mandiri diketuai"))


def test_drafts_are_not_searched(client):
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata rahasia zebrakuda</p>"
    page.save_revision()  # a draft: the live page does not say it yet
    assert api(client, q="zebrakuda")["count"] == 0


def test_root_and_unrouted_pages_are_left_out(client):
    assert not any(r["url"] == "" for r in api(client, q="Root")["results"])
    assert Page.objects.filter(depth=1).exists()


def test_fallback_to_the_database_when_the_engine_is_unreachable(client):
    """An Elasticsearch that does not answer: the page still answers, from the database index, and says so."""
    pytest.importorskip("elasticsearch")
    backends = {
        "default": {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "meritopedia_unreachable_",
            "TIMEOUT": 1,
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        data = api(client, q="assessment center")
        assert data["fallback"] is True and data["count"] > 0
        html = client.get(reverse("search"), {"q": "assessment center"}).content.decode()
    assert "tidak terjangkau" in html
    assert re.search(r"pasal-16-huruf-d", html)


def test_good_practices_are_found_once_published_never_as_drafts(client, django_user_model):
    """The CoP's practices need no listing in the search: every indexed page type is a result, with its facets."""
    from cop.practices import GoodPracticePage
    from tests.cop.test_practices import make_user, submit

    submit(client, make_user("praktisi", name="Praktisi Uji"), title="Nine box zebrakuda di Kabupaten Contoh")
    client.logout()
    practice = GoodPracticePage.objects.get(title__contains="zebrakuda")
    assert not practice.live
    assert api(client, q="zebrakuda nine box")["count"] == 0  # a submitted draft: not for the public
    practice.save_revision().publish()
    for backend in get_search_backends():
        backend.refresh_indexes()  # Elasticsearch shows a new document after a refresh
    data = api(client, q="zebrakuda nine box")
    first = data["results"][0]
    assert first["type"] == "goodpracticepage" and first["url"] == practice.url and first["indicator"] == "11.6.c"
    assert any(item["value"] == "goodpracticepage" for item in data["facets"]["type"])


def test_a_pasted_document_through_wagtails_api_search(client):
    """Every word becomes a stem and PostgreSQL nests one expression per word: thousands must not recurse."""
    response = client.get("/api/v2/pages/", {"search": "-".join(["penilaian"] * 3000)})
    assert response.status_code == 200


def test_a_page_and_its_translation_are_one_result_in_the_readers_language(client):
    """A search lists a page once: the Indonesian search its Indonesian page, the English search its English
    translation, and both the page that has no translation. Counts and facets count it once too."""
    from wagtail.models import Locale

    from meritopedia.models import ArticlePage, MeritopediaIndexPage

    index = MeritopediaIndexPage.objects.get()
    english = Locale.objects.get_or_create(language_code="en")[0]
    if index.get_translation_or_none(english) is None:
        for ancestor in index.get_ancestors(inclusive=True).filter(depth__gt=1):
            if ancestor.get_translation_or_none(english) is None:
                ancestor.specific.copy_for_translation(english).save_revision().publish()
    translated = ArticlePage(title="Zebrakuda di instansi", slug="zebrakuda", intro="Tentang zebrakuda.")
    index.add_child(instance=translated)
    translated.save_revision().publish()
    in_english = translated.copy_for_translation(english)
    in_english.title, in_english.intro = "Zebrakuda at agencies", "About zebrakuda."
    in_english.save_revision().publish()
    alone = ArticlePage(title="Zebrakuda tanpa terjemahan", slug="zebrakuda-saja", intro="Hanya zebrakuda.")
    index.add_child(instance=alone)
    alone.save_revision().publish()
    for backend in get_search_backends():
        backend.refresh_indexes()

    indonesian = api(client, q="zebrakuda")
    assert sorted(r["title"] for r in indonesian["results"]) == ["Zebrakuda di instansi", "Zebrakuda tanpa terjemahan"]
    assert indonesian["count"] == 2
    assert [item["count"] for item in indonesian["facets"]["type"]] == [2]
    with translation.override("en"):  # the English requests leave English active in this thread otherwise
        english = client.get("/en/api/search/", {"q": "zebrakuda"}).json()
        page = client.get("/en/cari/", {"q": "zebrakuda"}).content.decode()
    assert sorted(r["title"] for r in english["results"]) == ["Zebrakuda at agencies", "Zebrakuda tanpa terjemahan"]
    assert [r["url"].startswith("/en/") for r in english["results"] if r["title"].endswith("agencies")] == [True]
    assert "Zebrakuda at agencies" in page and "Zebrakuda di instansi" not in page
