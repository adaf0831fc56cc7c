"""Meritopedia articles: the page, its links to indicators both ways, the feeds, and the stale list."""

import datetime

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meritopedia.models import ArticleAuthor, ArticlePage, Indicator, IndicatorPage, MeritopediaIndexPage

pytestmark = pytest.mark.django_db


def make_article(title, codes=("11.6.c",), review_date=None, **fields):
    index = MeritopediaIndexPage.objects.get()
    article = ArticlePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro=f"Ringkasan {title}.",
        body=fields.pop("body", None)
        or [
            ("paragraph", f"<p>Isi {title} tentang talent pool.</p>"),
            ("indicator", Indicator.objects.get(code=codes[0])),
        ],
        review_date=review_date,
        **fields,
    )
    article.authors.add(ArticleAuthor(name="Tim Sistem Merit KASN"))
    index.add_child(instance=article)
    article.indicators.set(Indicator.objects.filter(code__in=codes))
    article.tags.add("manajemen talenta")
    article.save_revision().publish()
    return article


def test_article_page_shows_its_body_authors_and_indicators(client):
    make_article("Menyusun talent pool")
    html = client.get("/meritopedia/menyusun-talent-pool/").content.decode()
    assert "Isi Menyusun talent pool" in html and "Tim Sistem Merit KASN" in html
    assert 'href="/rubrik/pengembangan-karier/11-6-c/"' in html
    assert 'href="/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-c"' in html
    assert "manajemen talenta" in html


def test_an_article_gets_kombinasi_unless_an_editor_chooses(client):
    assert make_article("Artikel tanpa mode").seci_mode.code == "kombinasi"


def test_indicator_page_gathers_its_articles_in_a_constant_number_of_queries(client):
    url = IndicatorPage.objects.get(indicator__code="11.6.c").url
    make_article("Artikel satu")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert "Artikel satu" in html
    for n in range(2, 6):
        make_article(f"Artikel {n}")
    with CaptureQueriesContext(connection) as five:
        html = client.get(url).content.decode()
    assert all(f"Artikel {n}" in html for n in range(2, 6))
    assert len(five) == len(one)
    assert "Artikel satu" not in client.get(IndicatorPage.objects.get(indicator__code="13.d").url).content.decode()


def test_rss_and_atom_feeds_list_new_articles(client):
    make_article("Pola karier instansi", codes=("12.a",))
    for url, version in [("/meritopedia/feed/", "rss20"), ("/meritopedia/feed/atom/", "atom10")]:
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo and feed.version == version
        if version == "rss20":
            assert feed.feed.language == "id"
        entry = feed.entries[0]
        assert entry.title == "Pola karier instansi" and entry.link.endswith("/meritopedia/pola-karier-instansi/")
        assert entry.summary == "Ringkasan Pola karier instansi."


def test_articles_past_their_review_date_are_listed_for_editors(client):
    make_article("Artikel lama", review_date=datetime.date(2020, 1, 1))
    make_article("Artikel segar", review_date=datetime.date.today() + datetime.timedelta(days=30))
    editor = get_user_model().objects.create_superuser("ed", "ed@kasn.go.id", "x")
    client.force_login(editor)
    html = client.get("/admin/artikel-perlu-ditinjau/").content.decode()
    assert "Artikel lama" in html and "Artikel segar" not in html
    assert "sudah melewati tanggal tinjau ulang" in client.get("/meritopedia/artikel-lama/").content.decode()


def test_meritopedia_front_page_lists_articles(client):
    make_article("Artikel terbaru di depan")
    assert "Artikel terbaru di depan" in client.get("/meritopedia/").content.decode()
