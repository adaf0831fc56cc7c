"""After `search_reindex` the SQLite full-text index is one merged segment (FTS5 `optimize`), whether the rebuild
is atomic (the default) or not: a search then reads each word's list once (search/backends/database/sqlite.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

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
