"""The page cache (portal/cache.py): anonymous visitors share one copy of each page, a publish shows at once, and
signed-in members neither get nor leave a shared copy."""

import pickle
import zlib

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meritopedia.models import GlossaryTerm, IndicatorPage
from tests.test_articles import make_article
from tests.test_events import make_event, member

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


def test_the_page_file_cache_stays_near_its_limit_while_counting_its_files_rarely(tmp_path):
    """Production's "pages" cache counts its files on one store in `COUNT_EVERY`: it still drops pages once past
    `MAX_ENTRIES`, by at most that many stores late per worker."""
    from portal.cache import PageFileCache

    class Counted(PageFileCache):
        counts = 0

        def _list_cache_files(self):
            Counted.counts += 1
            return super()._list_cache_files()

    cache = Counted(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20}})
    for n in range(300):
        cache.set(f"halaman-{n}", b"x" * 100)
        assert len(list(tmp_path.glob("*.djcache"))) <= 20 + PageFileCache.COUNT_EVERY
    assert cache.get("halaman-299") == b"x" * 100
    assert Counted.counts == 300 // PageFileCache.COUNT_EVERY


def test_the_page_file_cache_keeps_no_header_list_for_a_page_varying_on_the_cookie_alone(tmp_path, settings, client):
    """Django writes, beside each page, the headers its copy varies on; the usual list (the cookie) is not written
    and reads back as itself, an unusual one is kept and read back, and pages are served from the files."""
    from portal.cache import PageFileCache

    cache = PageFileCache(str(tmp_path / "unit"), {})
    key = PageFileCache.HEADERS_KEY + "pages.alamat"
    cache.set(key, ["HTTP_COOKIE"])
    assert not list((tmp_path / "unit").glob("*.djcache"))
    assert cache.get(key) == ["HTTP_COOKIE"]
    cache.set(key, ["HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE"])
    assert cache.get(key) == ["HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE"]
    cache.set(key, ["HTTP_COOKIE"])  # the page varies on the cookie alone again: the old list must not be read
    assert cache.get(key) == ["HTTP_COOKIE"]
    assert cache.get("halaman-lain", "tidak ada") == "tidak ada"

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "portal.cache.PageFileCache", "LOCATION": str(tmp_path / "pages")},
    }
    first = client.get("/rubrik/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/rubrik/")
    assert len(captured) == 0 and second.content == first.content
    stored = []
    for path in (tmp_path / "pages").glob("*.djcache"):
        with open(path, "rb") as file:
            pickle.load(file)  # its expiry
            stored.append(pickle.loads(zlib.decompress(file.read())))
    assert stored and not [value for value in stored if isinstance(value, list)], "a header list was written"
    caches["pages"].clear()
