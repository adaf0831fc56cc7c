"""Every public page runs a fixed number of SQL queries, however much content there is.

Each page is measured twice, with the cache off (test settings): on the seed plus one item of each kind, then after
adding ten more articles, events, podcast episodes, handbook chapters, glossary terms and clauses, with the measured
article, event and chapter richer (more authors, speakers, indicators, body references, registrations). The count
must not move, and stays within a budget written here so that a new query on a page is a visible decision.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtailmedia.models import get_media_model

from cop.demo import _tone
from cop.models import EventIndexPage, EventPage, EventSpeaker, PodcastEpisodePage, PodcastPage, Registration
from meritopedia.models import (
    ArticleAuthor,
    ArticlePage,
    Clause,
    GlossaryTerm,
    HandbookChapterPage,
    HandbookPage,
    Indicator,
    MeritopediaIndexPage,
    RegulationPage,
)

pytestmark = pytest.mark.django_db

CODES = ["11.6.c", "9.e", "13.d", "11.3.a"]

# Page → the most queries it may run, as measured: Wagtail's routing (two queries per URL segment, and the active
# language's Locale), view restrictions, the menu and the page's translations (hreflang) are in every count.
BUDGETS = {
    # The home page reads each section's introduction: one query per kind of section page in the menu (the Lab
    # Sistem Merit's made it one more), however many pages there are.
    "/": 24,
    "/rubrik/": 26,
    "/rubrik/pengembangan-karier/": 17,
    # While a guidance section is unwritten the indicator page leads to the clauses its words cite ("sebagaimana
    # dimaksud dalam Pasal 11 ayat (1) huruf e"): one query for all of them (its glossary terms come from the cached
    # link table).
    "/rubrik/pengembangan-karier/11-6-c/": 26,
    "/regulasi/": 14,
    "/regulasi/permenpanrb-40-2018/": 18,
    "/glosarium/": 11,
    "/seci/": 16,
    "/meritopedia/": 18,
    "/meritopedia/artikel-0/": 20,
    "/acara/": 15,
    "/acara/acara-0/": 18,
    "/podcast/": 12,
    "/podcast/episode-0/": 15,
    "/handbook/": 13,
    "/handbook/bab-0/": 19,
    # The Indonesian search (search/query.py): the engine's queries for each searchable source (pages, indicator
    # pages once more, clauses, glossary terms), one query for the candidates' search documents, one for the shown
    # hits' snippet texts and one for their pages, editors' picks, and the search recorded for the editors' report
    # (a task, run at once in tests).
    "/cari/?q=talent+pool": 30,
}


def _body(codes):
    """A paragraph, then a reference to each indicator and to its clause."""
    indicators = list(Indicator.objects.filter(code__in=codes).select_related("clause"))
    return (
        [("paragraph", "<p>Isi tentang ASN dan talent pool.</p>")]
        + [("indicator", indicator) for indicator in indicators]
        + [("clause", indicator.clause) for indicator in indicators]
    )


def _article(n, codes):
    article = ArticlePage(
        title=f"Artikel {n} tentang talent pool",
        slug=f"artikel-{n}",
        intro=f"Ringkasan artikel {n}.",
        body=_body(codes),
    )
    for author in range(len(codes)):
        article.authors.add(ArticleAuthor(name=f"Penulis {author}", affiliation="KASN"))
    MeritopediaIndexPage.objects.get().add_child(instance=article)
    article.indicators.set(Indicator.objects.filter(code__in=codes))
    article.tags.add(*[f"tag {code}" for code in codes])
    article.save_revision().publish()


def _event(n, codes, days):
    event = EventPage(
        title=f"Acara {n} talent pool",
        slug=f"acara-{n}",
        event_type="coaching_clinic",
        start=timezone.now().replace(microsecond=0) + datetime.timedelta(days=days),
        intro="Ringkasan acara.",
        capacity=50,
    )
    for speaker in range(len(codes)):
        event.speakers.add(EventSpeaker(name=f"Narasumber {speaker}", affiliation="KASN"))
    EventIndexPage.objects.get().add_child(instance=event)
    event.indicators.set(Indicator.objects.filter(code__in=codes))
    event.save_revision().publish()
    return event


def _episode(n, codes, audio):
    episode = PodcastEpisodePage(
        title=f"Episode {n} talent pool", slug=f"episode-{n}", episode_number=n, summary="Obrolan.", audio=audio
    )
    PodcastPage.objects.get().add_child(instance=episode)
    episode.indicators.set(Indicator.objects.filter(code__in=codes))
    episode.save_revision().publish()


def _chapter(n, codes):
    chapter = HandbookChapterPage(
        title=f"Bab {n}",
        slug=f"bab-{n}",
        summary=f"Ringkasan bab {n}.",
        body=_body(codes),
    )
    HandbookPage.objects.get().add_child(instance=chapter)
    chapter.indicators.set(Indicator.objects.filter(code__in=codes))
    chapter.save_revision().publish()


def _audio():
    media = get_media_model()(title="Audio uji", type="audio", duration=65)
    media.file.save("audio-uji.mp3", ContentFile(_tone(0.2)), save=False)
    media.save()
    return media


def _grow(audio):
    """Ten more of everything; item 0 of each kind gets richer."""
    for n in range(1, 11):
        _article(n, CODES)
        _event(n, CODES, days=n - 5)
        _episode(n, CODES, audio)
        _chapter(n, CODES)
    article = ArticlePage.objects.get(slug="artikel-0")
    article.body = _body(CODES)
    for name in ("Penulis A", "Penulis B", "Penulis C"):
        article.authors.add(ArticleAuthor(name=name))
    article.save_revision().publish()
    ArticlePage.objects.get(slug="artikel-0").indicators.set(Indicator.objects.filter(code__in=CODES))
    event = EventPage.objects.get(slug="acara-0")
    for name in ("Narasumber A", "Narasumber B"):
        EventSpeaker.objects.create(event=event, name=name)
    event.indicators.set(Indicator.objects.filter(code__in=CODES))
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"anggota{n}", email=f"anggota{n}@contoh.go.id") for n in range(10)
    )
    Registration.objects.bulk_create(Registration(event=event, user=user, status="terdaftar") for user in users)
    chapter = HandbookChapterPage.objects.get(slug="bab-0")
    chapter.body = _body(CODES)
    chapter.save_revision().publish()
    chapter.indicators.set(Indicator.objects.filter(code__in=CODES))
    regulation = RegulationPage.objects.get(slug="permenpanrb-40-2018")
    Clause.objects.bulk_create(
        Clause(
            regulation=regulation,
            kind="pasal",
            pasal=n,
            anchor=f"pasal-{n}",
            label=f"Pasal {n}",
            text="Tambahan.",
            position=1000 + n,
        )
        for n in range(23, 33)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(term=f"Istilah {n}", slug=f"istilah-{n}", definition="Uji.", kind="akronim") for n in range(10)
    )


def _count(client, url, django_assert_max_num_queries, most):
    with django_assert_max_num_queries(most) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_public_pages_run_as_many_queries_with_more_content(client, settings, tmp_path, django_assert_max_num_queries):
    settings.MEDIA_ROOT = tmp_path / "media"
    audio = _audio()
    _article(0, CODES[:1])
    _event(0, CODES[:1], days=3)
    _episode(0, CODES[:1], audio)
    _chapter(0, CODES[:1])
    for url in BUDGETS:
        client.get(url)  # Wagtail's site root paths and the glossary link table are cached after the first request
    small = {url: _count(client, url, django_assert_max_num_queries, most) for url, most in BUDGETS.items()}
    _grow(audio)
    large = {url: _count(client, url, django_assert_max_num_queries, small[url]) for url in BUDGETS}
    assert large == small
