"""The page cache and the rate limits on a real Redis, as production runs them with REDIS_URL: what one web machine
stores, purges or counts, another sees. Each "machine" is its own Django cache client on the same server."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cop.test_events import make_event, member

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the cache on a real Redis (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def redis_caches(settings, redis_url):
    """Both caches on Redis, as portal/settings/production.py sets them when REDIS_URL is given."""
    settings.CACHES = {
        name: {"BACKEND": "portal.redis_cache.TolerantRedisCache", "LOCATION": redis_url, "KEY_PREFIX": name}
        for name in ("default", "pages")
    }
    for name in ("default", "pages"):
        caches[name].clear()
    yield redis_url
    for name in ("default", "pages"):
        caches[name].clear()


def _other_machine(redis_url, prefix):
    return RedisCache(redis_url, {"KEY_PREFIX": prefix})


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_copy_stored_by_one_machine_is_served_and_purged_for_all(
    client, redis_caches, django_capture_on_commit_callbacks
):
    from cop.models import Comment

    with django_capture_on_commit_callbacks(execute=True):
        event = make_event("klinik-redis")
    client.get(event.url)
    assert _queries(client, event.url)[1] == 0
    other = _other_machine(redis_caches, "pages")
    stored = [key for key in other._cache.get_client().keys("pages:*")]
    assert stored, "nothing was stored in Redis"
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(page=event, author=member("fajar"), kind=Comment.QUESTION, body="Pertanyaan dari Redis")
    response, queries = _queries(client, event.url)
    assert queries > 0 and "Pertanyaan dari Redis" in response.content.decode()
    assert _queries(client, "/")[1] > 0  # first visit of another page is drawn...
    assert _queries(client, "/")[1] == 0  # ...and then shared


def test_rate_limits_count_across_machines(rf, redis_caches):
    from django.contrib.auth.models import AnonymousUser

    from portal.ratelimit import allow

    request = rf.post("/diskusi/1/kirim/", REMOTE_ADDR="10.1.2.3")
    request.user = AnonymousUser()
    assert all(allow(request, "uji", 3, 60) for _ in range(3))
    other = _other_machine(redis_caches, "default")
    assert other.get("ratelimit:uji:ip10.1.2.3") == 3
    assert not allow(request, "uji", 3, 60)


def test_a_purge_on_another_machine_shows_here_within_the_kept_time(
    client, redis_caches, monkeypatch, django_capture_on_commit_callbacks
):
    """This process remembers generations for GENERATIONS_KEPT_SECONDS; a purge made elsewhere (another client of
    the same Redis giving the page's tag a new generation) is seen once that time is up."""
    from portal import cache as page_cache

    monkeypatch.setattr(page_cache, "GENERATIONS_KEPT_SECONDS", 0.3)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event("klinik-dua-mesin")
    client.get(event.url)
    assert _queries(client, event.url)[1] == 0
    other = _other_machine(redis_caches, "pages")
    other.set(f"gen:page:{event.pk}", "dari-mesin-lain", timeout=None)
    time.sleep(0.4)
    assert _queries(client, event.url)[1] > 0, "the other machine's purge was not seen"


def test_with_redis_unreachable_pages_and_sign_in_still_answer(client, settings):
    """Redis stopped (here: a port nothing listens on): every page is drawn afresh and nothing answers 500."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    settings.CACHES = {
        name: {
            "BACKEND": "portal.redis_cache.TolerantRedisCache",
            "LOCATION": closed,
            "KEY_PREFIX": name,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
        for name in ("default", "pages")
    }
    for _ in range(2):
        response, queries = _queries(client, "/rubrik/")
        assert response.status_code == 200 and queries > 0
    login = client.post("/akun/login/", {"login": "tidak.ada@contoh.go.id", "password": "salah-sekali"})
    assert login.status_code == 200
    assert "kata sandi yang anda masukkan tidak benar" in login.content.decode()
