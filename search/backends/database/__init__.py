"""Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text search) over stemmed text.

Like modelsearch's own `database` module, this one only picks the engine of the database the index lives in. The
vendor modules are imported only when chosen: modelsearch defines its SQLite FTS index model only on SQLite, so
importing the SQLite module on PostgreSQL fails (`KeyError: 'sqliteftsindexentry'`).

On PostgreSQL, `SEARCH_CONFIG` (settings give `indonesian`) applies on top of Sastrawi's stems, to the index and
the query alike, so both sides still meet; the ranking is done in `search.query` on the stems in any case.
"""

from django.db import connections, router
from modelsearch.conf import get_app_config


def SearchBackend(params):
    index_model = get_app_config().get_model("IndexEntry", require_ready=False)
    vendor = connections[router.db_for_write(index_model)].vendor
    if vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .sqlite import SQLiteSearchBackend

            return SQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)  # MySQL and FTS-less SQLite: substring matching, no analysis to apply
