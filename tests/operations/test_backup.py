"""deploy/backup.sh and deploy/restore.sh against the local PostgreSQL: a scratch portal is migrated and seeded by
the real commands, given an uploaded document, backed up, wiped (database dropped, media deleted) and restored;
afterwards it serves the same pages and the same file. Skipped when PostgreSQL or its client tools are missing.

Only the scratch database `meritopedia_backup_test_<pid>` is created and dropped; set BACKUP_TEST_DATABASE_URL to
use another server or role (it needs CREATEDB); the name must start with `meritopedia_backup_test`.
"""

import json
import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

# One scratch database per test process, so two runs at once (two engineers, CI) never drop each other's.
SCRATCH_URL = os.environ.get(
    "BACKUP_TEST_DATABASE_URL",
    f"postgres://meritopedia:meritopedia@127.0.0.1:5432/meritopedia_backup_test_{os.getpid()}",
)
TOOLS = ("pg_dump", "pg_restore")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS), reason="PostgreSQL client tools (pg_dump, pg_restore) missing"
)

# What a visitor and an editor would notice: every page's path and title, a few pages as served, the document.
SNAPSHOT = """
import hashlib, json, re, django
django.setup()
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Page
client = Client(HTTP_HOST="localhost")
document = get_document_model().objects.get(title="Notulen klinik")
served = client.get(document.url)
print(json.dumps({
    "pages": list(Page.objects.order_by("path").values_list("url_path", "title", "live")),
    # The whole page as served, but for the CSRF token each response gets anew.
    "served": {url: [r.status_code, hashlib.sha256(re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"",
                                                          r.content)).hexdigest()]
               for url in ("/", "/rubrik/", "/regulasi/permenpanrb-40-2018/") for r in [client.get(url)]},
    "document": [served.status_code, hashlib.sha256(b"".join(served.streaming_content)).hexdigest()],
}))
"""
ADD_DOCUMENT = """
import django
django.setup()
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
get_document_model().objects.create(title="Notulen klinik", file=ContentFile(b"%PDF-1.4 notulen", name="notulen.pdf"))
"""


def _admin_connection():
    """A connection to the server's maintenance database, to create and drop the scratch one."""
    psycopg = pytest.importorskip("psycopg")
    url = urlsplit(SCRATCH_URL)
    try:
        return psycopg.connect(
            host=url.hostname,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        )
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {url.hostname}:{url.port}: {error}")


def _drop(connection, name):
    """End our own sessions on the scratch database, then a plain DROP DATABASE, which itself asks an autovacuum
    worker busy there to stop and waits for it. `WITH (FORCE)` would instead try to terminate that worker, which a
    role that is not superuser may not do ("must be a member of the role whose process is being terminated"):
    after the seed import, autovacuum often is busy there."""
    connection.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
        [name],
    )
    psycopg = pytest.importorskip("psycopg")
    for attempt in range(5):
        try:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.errors.ObjectInUse:  # a terminated session not gone yet: DROP waited 5 s; try again
            if attempt == 4:
                raise


def _recreate_empty(connection, name):
    _drop(connection, name)
    connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def scratch(tmp_path):
    """The scratch database (empty) and the environment a portal on it runs with."""
    name = urlsplit(SCRATCH_URL).path.lstrip("/")
    assert name.startswith("meritopedia_backup_test"), "only ever a scratch database"
    connection = _admin_connection()
    _recreate_empty(connection, name)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "SEARCH_BACKEND")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": SCRATCH_URL,
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }
    yield connection, name, env
    _drop(connection, name)
    connection.close()


def run(command, env):
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def python(code, env):
    return run([sys.executable, "-c", code], env)


def test_backup_wipe_restore_gives_back_the_same_portal(scratch, tmp_path):
    connection, name, env = scratch
    manage = [sys.executable, "manage.py"]
    run(manage + ["migrate", "--noinput", "-v0"], env)
    run(manage + ["import_seed"], env)
    python(ADD_DOCUMENT, env)
    before = json.loads(python(SNAPSHOT, env).splitlines()[-1])
    assert len(before["pages"]) > 50 and before["document"][0] == 200
    assert all(status == 200 for status, _ in before["served"].values())

    backup_dir = run(["bash", "deploy/backup.sh", str(tmp_path / "backups")], env).strip().splitlines()[-1]
    assert sorted(os.listdir(backup_dir)) == ["SHA256SUMS", "database.dump", "media.tar.gz", "private.tar.gz"]

    # The disaster: the database is gone (recreated empty) and so are the uploaded files.
    _recreate_empty(connection, name)
    shutil.rmtree(tmp_path / "var" / "media")
    wiped = subprocess.run([sys.executable, "-c", SNAPSHOT], env=env, cwd=ROOT, capture_output=True, text=True)
    assert wiped.returncode != 0 and "does not exist" in wiped.stderr, "the wipe must really lose the content"

    run(["bash", "deploy/restore.sh", backup_dir], env)
    after = json.loads(python(SNAPSHOT, env).splitlines()[-1])
    assert after == before
