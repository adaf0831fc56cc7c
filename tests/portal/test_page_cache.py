"""The page cache (portal/cache.py): anonymous visitors share one copy of each page, a change shows at once and
purges only the copies that show it, and signed-in members neither get nor leave a shared copy."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meritopedia.models import GlossaryTerm, IndicatorPage
from tests.cop.test_events import make_event, member
from tests.meritopedia.test_articles import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The production arrangement, with local memory instead of files (tests use a dummy "pages" cache)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response, len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/rubrik/",
        "/rubrik/pengembangan-karier/11-6-c/",
        "/regulasi/permenpanrb-40-2018/",
        "/glosarium/",
        "/acara/",
        "/cari/?q=talent+pool",
    ],
)
def test_the_second_anonymous_visit_runs_no_query(client, page_cache, django_assert_num_queries, url):
    first = client.get(url)
    assert not first.cookies, "a public page must not set cookies, or nobody shares its copy"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    # Browsers ask again each time; only the server keeps the copy.
    assert second["Cache-Control"] == first["Cache-Control"] == "no-cache"
    assert not second.has_header("Expires")


def test_an_article_is_cached_and_a_publish_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Talent pool daerah")
    assert "Talent pool daerah" in client.get("/meritopedia/").content.decode()
    _, queries = _queries(client, article.url)
    assert _queries(client, article.url)[1] == 0 < queries

    article.intro = "Ringkasan yang diperbarui editor."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "Ringkasan yang diperbarui editor." in client.get(article.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Talent pool daerah" not in client.get("/meritopedia/").content.decode()


def test_guidance_published_on_an_indicator_page_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    url = "/rubrik/manajemen-kinerja/13-d/"
    assert "Dokumen penilaian kinerja triwulanan" not in client.get(url).content.decode()
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.evidence = "<p>Dokumen penilaian kinerja triwulanan</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Dokumen penilaian kinerja triwulanan" in client.get(url).content.decode()


def test_a_snippet_change_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    term = GlossaryTerm.objects.get(acronym="ASN")
    assert "Definisi yang diubah editor." not in client.get("/glosarium/").content.decode()
    term.definition = "Definisi yang diubah editor."
    with django_capture_on_commit_callbacks(execute=True):
        term.save()
    assert "Definisi yang diubah editor." in client.get("/glosarium/").content.decode()


def test_a_registration_updates_the_seats_anonymous_visitors_see(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event("klinik-kursi", capacity=10)
    assert "0 dari 10 terisi" in client.get(event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(member("ani"))
        client.post(f"/akun/acara/{event.pk}/daftar/")
        client.logout()
    client.cookies.clear()
    assert "1 dari 10 terisi" in client.get(event.url).content.decode()


def test_a_signed_in_member_never_gets_the_anonymous_copy(client, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event("klinik-anonim", capacity=10)
    anonymous = client.get(event.url).content.decode()
    assert "Masuk untuk mendaftar" in anonymous

    client.force_login(member("budi"))
    response, queries = _queries(client, event.url)
    html = response.content.decode()
    assert queries > 0 and "Daftar ke acara ini" in html and "Masuk untuk mendaftar" not in html
    assert "csrfmiddlewaretoken" in html


def test_a_signed_in_members_page_is_never_kept_for_anonymous_visitors(client, page_cache):
    event = make_event("klinik-anggota", capacity=10)
    client.force_login(member("citra"))
    assert "Daftar ke acara ini" in client.get(event.url).content.decode()
    client.logout()
    client.cookies.clear()
    response, queries = _queries(client, event.url)
    assert queries > 0, "the anonymous visit after a member's was not rendered afresh"
    assert "Masuk untuk mendaftar" in response.content.decode()


def test_a_visitor_with_a_session_or_messages_is_served_fresh(client, page_cache):
    client.get("/rubrik/")
    assert _queries(client, "/rubrik/")[1] == 0
    client.cookies["messages"] = "pesan"
    assert _queries(client, "/rubrik/")[1] > 0
    del client.cookies["messages"]
    client.cookies["sessionid"] = "sesi-lain"
    assert _queries(client, "/rubrik/")[1] > 0


def test_the_admin_is_never_cached(client, page_cache, admin_user):
    client.force_login(admin_user)
    _queries(client, "/admin/")
    assert _queries(client, "/admin/")[1] > 0


def _cached(client, url) -> bool:
    """Whether `url` is answered from the page cache (no query at all)."""
    return _queries(client, url)[1] == 0


def _warm(client, *urls):
    for url in urls:
        client.get(url)
        assert _cached(client, url), url


def test_a_comment_purges_its_own_page_only(client, page_cache, django_capture_on_commit_callbacks):
    from cop.models import Comment

    with django_capture_on_commit_callbacks(execute=True):
        event = make_event("klinik-diskusi")
    others = ["/", "/rubrik/pengembangan-karier/11-6-c/", "/acara/", "/regulasi/permenpanrb-40-2018/"]
    _warm(client, event.url, *others)
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(page=event, author=member("dewi"), kind=Comment.QUESTION, body="Rekamannya ada?")
    assert "Rekamannya ada?" in client.get(event.url).content.decode()
    for url in others:
        assert _cached(client, url), f"{url} was purged by a comment elsewhere"


def test_a_registration_purges_its_event_page_only(client, page_cache, django_capture_on_commit_callbacks):
    from cop.models import Registration

    with django_capture_on_commit_callbacks(execute=True):
        event, other = make_event("klinik-satu", capacity=5), make_event("klinik-dua", capacity=5)
    _warm(client, event.url, other.url, "/acara/", "/")
    with django_capture_on_commit_callbacks(execute=True):
        Registration.register(event, member("eko"))
    assert "1 dari 5 terisi" in client.get(event.url).content.decode()
    for url in (other.url, "/acara/", "/"):
        assert _cached(client, url), url


def test_a_publish_purges_the_page_its_listing_and_what_links_to_it(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Artikel tertaut")
        citing = make_article("Artikel yang mengutip")
        citing.body = [("paragraph", f'<p>Lihat <a linktype="page" id="{article.pk}">artikel itu</a>.</p>')]
        citing.save_revision().publish()
    unrelated = "/regulasi/permenpanrb-40-2018/"
    _warm(client, article.url, citing.url, "/meritopedia/", unrelated, "/glosarium/")
    article.title = "Artikel tertaut, judul baru"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "judul baru" in client.get(article.url).content.decode()
    assert "judul baru" in client.get("/meritopedia/").content.decode()
    assert not _cached(client, citing.url), "a page linking to the published one kept its old copy"
    for url in (unrelated, "/glosarium/"):
        assert _cached(client, url), f"{url} was purged by an article's publish"


def test_a_draft_saved_by_an_editor_purges_nothing(client, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Artikel berdraf")
    _warm(client, article.url, "/meritopedia/", "/")
    article.intro = "Draf yang belum terbit."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()
    assert _cached(client, "/meritopedia/") and _cached(client, "/")
    assert "Draf yang belum terbit." not in client.get(article.url).content.decode()


def test_a_rubric_change_purges_what_shows_the_rubric(client, page_cache, django_capture_on_commit_callbacks):
    from meritopedia.models import Aspect

    _warm(client, "/rubrik/", "/rubrik/pengembangan-karier/11-6-c/", "/regulasi/permenpanrb-40-2018/")
    aspect = Aspect.objects.get(slug="pengembangan-karier")
    aspect.name = aspect.name + " (diubah)"
    with django_capture_on_commit_callbacks(execute=True):
        aspect.save()
    assert "(diubah)" in client.get("/rubrik/").content.decode()
    assert not _cached(client, "/rubrik/pengembangan-karier/11-6-c/")
    assert _cached(client, "/regulasi/permenpanrb-40-2018/"), "the regulation does not show the rubric"


def test_the_permanent_indicator_address_is_served_from_the_cache(client, page_cache):
    first = client.get("/indikator/11.6.c/")
    assert first.status_code == 302
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/indikator/11.6.c/")
    assert len(captured) == 0 and second.status_code == 302 and second["Location"] == first["Location"]


def test_a_purge_while_a_page_is_drawn_keeps_the_copy_out(client, page_cache):
    """A change committed by another request while a page was being drawn may not be on it: that copy is not
    stored (here the other request's purge happens inside the page's own serving)."""
    from wagtail import hooks

    from portal.cache import _new_generations

    def meanwhile(page, request, serve_args, serve_kwargs):
        _new_generations({"page:0"})

    with hooks.register_temporarily("before_serve_page", meanwhile):
        client.get("/glosarium/")
    assert not _cached(client, "/glosarium/")
    assert _cached(client, "/glosarium/"), "the next quiet visit stores it"
