"""The database engines score at most `WINDOW` matching index entries of a model per search (bm25 and ts_rank
are computed for every match before the best can be picked). The window holds the newest *matching* entries:
an old article that alone has a word is still found, and among many matches the newest are kept."""

import importlib

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from meritopedia.models import ArticlePage, MeritopediaIndexPage

pytestmark = pytest.mark.django_db


def _article(title: str, word: str) -> ArticlePage:
    article = ArticlePage(title=title, slug=title.lower().replace(" ", "-"), intro=f"Tentang {word}.")
    MeritopediaIndexPage.objects.get().add_child(instance=article)
    article.save_revision().publish()
    return article


@pytest.fixture
def database_backend(monkeypatch):
    vendor = {"sqlite": "sqlite", "postgresql": "postgres"}.get(connection.vendor)
    if vendor is None:
        pytest.skip("only SQLite FTS5 and PostgreSQL have a scoring window")
    monkeypatch.setattr(importlib.import_module(f"search.backends.database.{vendor}"), "WINDOW", 2)
    if vendor == "sqlite":  # what the index's size was found to be is remembered; these tests change it
        monkeypatch.setattr(importlib.import_module("search.backends.database.sqlite"), "_sizes", {})
    return get_search_backend("database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default")


def test_the_window_keeps_the_newest_matches_and_never_loses_a_rare_word(database_backend):
    old = _article("Artikel lama", "zebrakuda")
    newer = [_article(f"Artikel baru {n}", "kudanil") for n in range(3)]

    found = list(database_backend.search("zebrakuda", ArticlePage.objects.live())[:10])
    assert [page.pk for page in found] == [old.pk]

    found = list(database_backend.search("kudanil", ArticlePage.objects.live())[:10])
    assert {page.pk for page in found} == {page.pk for page in newer[1:]}


def test_a_search_of_some_fields_matches_and_scores_only_those(database_backend):
    """modelsearch's column filter and its score, kept for a search given `fields`."""
    in_title = _article("Zebrakuda di judul", "hal lain")
    _article("Artikel biasa", "zebrakuda")
    twice = _article("Zebrakuda zebrakuda", "hal lain")

    found = database_backend.search("zebrakuda", ArticlePage.objects.live(), fields=["title"])
    assert [page.pk for page in found[:10]] == [twice.pk, in_title.pk]


@pytest.mark.parametrize("window", [2, None], ids=["large model", "small model"])
def test_a_search_not_ordered_by_relevance_keeps_the_querysets_order(database_backend, monkeypatch, window):
    """How the search page asks for the clauses and glossary terms: every match, unscored. A small model beside
    a larger index is read in rowid ranges on SQLite."""
    vendor = {"sqlite": "sqlite", "postgresql": "postgres"}[connection.vendor]
    _article("Artikel draf", "kudanil").unpublish()
    articles = [_article(f"Artikel {letter}", "kudanil") for letter in "cab"]
    _article("Artikel lain", "zebrakuda")
    window = window or ArticlePage.objects.count()  # every article's entry fits, the whole index does not
    monkeypatch.setattr(importlib.import_module(f"search.backends.database.{vendor}"), "WINDOW", window)
    matching = articles[-window:]  # a large model: its newest matching entries

    unordered = ArticlePage.objects.live().order_by()
    found = list(database_backend.search("kudanil", unordered, order_by_relevance=False)[:10])
    assert [page.pk for page in found] == sorted((page.pk for page in matching), reverse=True)  # newest first

    by_title = ArticlePage.objects.live().order_by("title")
    with CaptureQueriesContext(connection) as captured:
        found = list(database_backend.search("kudanil", by_title, order_by_relevance=False)[:10])
    assert [page.title for page in found] == sorted(page.title for page in matching)
    if vendor == "sqlite":
        in_ranges = any(".rowid BETWEEN " in query["sql"] for query in captured.captured_queries)
        assert in_ranges == (window > 2)


@pytest.mark.parametrize("scored", [True, False], ids=["scored", "unscored"])
def test_a_queryset_loading_a_few_columns_gets_what_the_orm_would(database_backend, scored):
    """The site search asks its sources for the primary key alone; those rows are read in SQL wrapped around the
    queryset's own (`_few_columns`). The same objects in the same order as through the ORM, hidden ones left
    out, every other field deferred and still loaded on use; a whole queryset still goes through the ORM."""
    articles = [_article(f"Artikel {letter}", "kudanil kudanil" if letter == "b" else "kudanil") for letter in "cab"]
    _article("Artikel draf", "kudanil").unpublish()  # the newest match, hidden

    def found(queryset):
        return list(database_backend.search("kudanil", queryset, order_by_relevance=scored)[:10])

    light = found(ArticlePage.objects.live().order_by().only("pk", "title"))  # newest first, as the search asks
    whole = found(ArticlePage.objects.live().order_by())
    assert [page.pk for page in light] == [page.pk for page in whole]
    newest = sorted((page.pk for page in articles), reverse=True)[:1]  # the window (2) holds the draft and this
    assert {page.pk for page in light} == set(newest)
    if not scored:
        assert [page.pk for page in light] == newest
    page = light[0]
    assert type(page) is ArticlePage and page.title == next(p.title for p in whole if p.pk == page.pk)
    assert "intro" in page.get_deferred_fields() and "intro" not in whole[0].get_deferred_fields()
    assert page.intro.startswith("Tentang kudanil")  # a deferred field, loaded on use
    with CaptureQueriesContext(connection) as captured:
        found(ArticlePage.objects.live().only("pk"))
    assert not any('"meritopedia_articlepage"."intro"' in query["sql"] for query in captured.captured_queries)
    assert found(ArticlePage.objects.none().only("pk")) == []
    assert found(ArticlePage.objects.filter(pk__in=[]).only("pk")) == []


def test_a_rubric_question_finds_its_indicator_page_past_a_window_full_of_newer_articles(database_backend, monkeypatch):
    from meritopedia.models import IndicatorPage
    from search.query import search

    # A window that holds every indicator page but fewer than all pages, filled by newer matching articles.
    window = IndicatorPage.objects.count()
    vendor = {"sqlite": "sqlite", "postgresql": "postgres"}[connection.vendor]
    monkeypatch.setattr(importlib.import_module(f"search.backends.database.{vendor}"), "WINDOW", window)
    indicator = IndicatorPage.objects.get(indicator__code="11.6.c")
    question = "kelompok rencana suksesi talent pool"
    for n in range(window):
        _article(f"Catatan {n}", question)

    assert indicator.url in [hit.url for hit in search(question).hits]


def test_postgres_reads_a_rare_words_window_through_gin_with_the_same_results_and_no_lasting_settings(monkeypatch):
    """A query whose words PostgreSQL lists as common but fewer than `RARE_SHARE` of the entries hold is run with
    index walks and sequential scans off: the plan changes, the answer must not, and the session's settings are
    back to normal afterwards (a pooled connection serves the next request)."""
    if connection.vendor != "postgresql" or "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]:
        pytest.skip("PostgreSQL's database backend only")
    from search.backends.database import postgres
    from search.query import search

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    monkeypatch.setattr(postgres, "_shares", {})
    question = "penilaian kinerja pegawai setiap tiga bulan"
    monkeypatch.setattr(postgres, "RARE_SHARE", 0.0)
    walked = [(hit.url, hit.title) for hit in search(question).hits]
    monkeypatch.setattr(postgres, "RARE_SHARE", 1.1)  # every listed word counts as rare
    assert postgres._word_shares(connection.alias), "ANALYZE lists the common words"
    with CaptureQueriesContext(connection) as captured:
        through_gin = [(hit.url, hit.title) for hit in search(question).hits]
    assert any("enable_indexscan = off" in query["sql"] for query in captured.captured_queries)
    assert through_gin == walked and walked
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone() == ("on",)
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


def test_postgres_index_entries_keep_no_body_text_and_are_still_found_by_their_body():
    """The entries a search walks stay narrow (search/migrations/0004): the body's plain text is emptied as an
    entry is written or rewritten, while its vector still matches the body's words; the title's text is kept."""
    if connection.vendor != "postgresql" or "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]:
        pytest.skip("PostgreSQL's database backend only")
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    article = _article("Artikel zebra", "zebrakuda")
    backend = get_search_backend("database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default")
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(article.pk)
    )
    assert list(entries.values_list("body_text", flat=True)) == [""]
    assert entries.get().title_text
    article.intro = "Tentang kudanil."
    article.save_revision().publish()
    assert list(entries.values_list("body_text", flat=True)) == [""]
    assert [page.pk for page in backend.search("kudanil", ArticlePage.objects.live())[:10]] == [article.pk]
    entries.update(body_text="teks yang ditulis langsung")
    assert list(entries.values_list("body_text", flat=True)) == [""]
