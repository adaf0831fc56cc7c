"""Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text search) over stemmed text.

modelsearch builds its `ObjectIndexer` inside `add_items`, so the two `add_items` below follow modelsearch 1.3's
own, with an indexer that stems each search field; autocomplete fields stay as typed, since they match prefixes
of titles. The query compilers stem the query. On PostgreSQL, `SEARCH_CONFIG` applies on top of the stems, to the
index and the query alike; `simple` (the default here) leaves Sastrawi's roots as they are.
"""

from django.db import connection
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from search import analysis

from . import StemmedQueryMixin


class _SQLiteIndexer(sqlite.ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, SearchField):
            yield field, analysis.index_text(self.prepare_value(field.get_value(obj)))
        else:
            yield from super().prepare_field(obj, field)


class SQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = {indexer.id: indexer for indexer in (_SQLiteIndexer(obj, self.backend) for obj in objs)}
        if not indexers:
            return
        entries = self.entries.filter(content_type_id=get_content_type_pk(model))
        existing = set(entries.filter(object_id__in=indexers).values_list("object_id", flat=True))
        for object_id in existing:
            indexer = indexers[object_id]
            entries.filter(object_id=object_id).update(
                title=indexer.title, autocomplete=indexer.autocomplete, body=indexer.body
            )
        self.entries.bulk_create(
            sqlite.IndexEntry(
                content_type_id=get_content_type_pk(model),
                object_id=object_id,
                title=indexer.title,
                autocomplete=indexer.autocomplete,
                body=indexer.body,
            )
            for object_id, indexer in indexers.items()
            if object_id not in existing
        )
        self._refresh_title_norms()


class SQLiteSearchQueryCompiler(StemmedQueryMixin, sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    index_class = SQLiteIndex
    query_compiler_class = SQLiteSearchQueryCompiler


class _PostgresIndexer(postgres.ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, SearchField):
            for current, weight, value in super().prepare_field(obj, field):
                yield current, weight, analysis.index_text(value)
        else:
            yield from super().prepare_field(obj, field)


class PostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [_PostgresIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(postgres.IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(postgres.IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {postgres.IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


class PostgresSearchQueryCompiler(StemmedQueryMixin, postgres.PostgresSearchQueryCompiler):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    index_class = PostgresIndex
    query_compiler_class = PostgresSearchQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


def SearchBackend(params):
    """Like modelsearch's `database` module: the engine of the default database."""
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite" and fts5_available() and fts_table_exists():
        return SQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as plain

    return plain(params)  # MySQL and FTS-less SQLite: substring matching, no analysis to apply
