"""What `search_reindex` leaves for searches to read: on SQLite a full-text index in one merged segment (FTS5
`optimize`), whether the rebuild is atomic (the default) or not, so a search reads each word's list once
(search/backends/database/sqlite.py); on PostgreSQL vacuumed and analysed entries (postgres.py)."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "in place"])
def test_a_rebuild_leaves_one_fts5_segment(atomic, settings):
    if connection.vendor != "sqlite" or "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]:
        pytest.skip("SQLite's FTS5 index only")
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "ATOMIC_REBUILD": atomic} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    call_command("search_reindex", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT segid) FROM wagtailsearch_indexentry_fts_idx")
        assert cursor.fetchone()[0] == 1


def test_a_postgres_rebuild_leaves_vacuumed_entries(settings):
    """On PostgreSQL the rebuild ends with VACUUM ANALYZE: its rewrite of every entry leaves no dead copies for a
    search to walk through, and the planner knows each word's frequency. VACUUM cannot run inside this test's
    transaction, so the real command rebuilds the test database's committed seed index from a process of its own,
    as an operator would."""
    if connection.vendor != "postgresql" or "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]:
        pytest.skip("PostgreSQL's full-text index only")
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "search_reindex"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert IndexEntry.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
            [IndexEntry._meta.db_table],
        )
        assert cursor.fetchone() == (True, True)
