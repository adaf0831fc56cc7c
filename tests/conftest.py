"""The seed content is imported once into the test database; each test runs in a transaction on top of it."""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """The interface's catalogues compiled before Django reads them, as `make test` does (portal/catalogues.py)."""
    from portal.catalogues import compile_catalogues

    compile_catalogues([ROOT / "locale", ROOT / "locale-vendor"])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_seed", stdout=io.StringIO())
        if _uses_elasticsearch() and not search_engine_unreachable():
            # Before any test saves a page: a document sent to an index that does not exist yet makes
            # Elasticsearch create it with a guessed mapping, which Wagtail cannot search.
            call_command("search_reindex", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits live in the cache: start every test with none spent."""
    cache.clear()


@pytest.fixture
def seed_copy(tmp_path):
    """A writable copy of the seed documents, for tests that break them."""
    target = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def portal_var(tmp_path_factory):
    """The var/ folder of `portal_server`: its database, media, and the e-mails it sent (mail/)."""
    return tmp_path_factory.mktemp("var")


DEMO_PASSWORD = "demo-kata-sandi-uji-1"  # the demo accounts' password on the test server
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def portal_env(var) -> dict:
    """The environment of the portal process the browser tests use, for running its manage.py commands too."""
    return {
        **os.environ,
        "PORTAL_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{var / 'portal.sqlite3'}",
        "EMAIL_FILE_PATH": str(var / "mail"),  # tests/browser/test_browser_member.py reads the confirmation e-mail here
        "DEMO_PASSWORD": DEMO_PASSWORD,
    }


@pytest.fixture(scope="session")
def portal_server(portal_var):
    """The portal as `make run` serves it: its own SQLite file, migrated and seeded by the real commands,
    served over real HTTP by a separate process."""
    var = portal_var
    port = _free_port()
    # Its e-mails link to where it is served, as a deployment's do (WAGTAILADMIN_BASE_URL, followed by the Site).
    env = {**portal_env(var), "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"}
    for command in (["migrate", "--noinput", "-v0"], ["import_seed"], ["load_demo"]):
        subprocess.run(MANAGE + command, env=env, check=True, capture_output=True, cwd=ROOT)
    server = subprocess.Popen(
        MANAGE + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the portal server did not start") from None
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def search_index(django_db_setup, django_db_blocker):
    """The index as `make run` builds it (the seed was imported above), rebuilt for each module that asks, since
    an Elasticsearch index keeps what earlier tests wrote when their database transaction was rolled back."""
    with django_db_blocker.unblock():
        reason = search_engine_unreachable()  # choosing the database engine looks at the database
        if reason:
            pytest.skip(reason)
        call_command("search_reindex", stdout=io.StringIO())


def _uses_elasticsearch() -> bool:
    from wagtail.search.backends import get_search_backend

    return hasattr(get_search_backend(), "es")


def search_engine_unreachable() -> str | None:
    """Why the configured search engine cannot be used, or None. Only Elasticsearch can be away (no Java on this
    machine, or `make elasticsearch` not run); the database backend is always there."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if not hasattr(backend, "es") or elasticsearch_reachable(backend.es):
        return None
    return "Elasticsearch tidak terjangkau (jalankan `make elasticsearch`; perlu Java 21+)"


def elasticsearch_reachable(es) -> bool:
    """Cluster health rather than `ping()`: the minimal distribution answers `/` with 405."""
    try:
        es.cluster.health(timeout="2s")
        return True
    except Exception:  # any transport or API error means the same: not usable
        return False
