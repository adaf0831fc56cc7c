"""SQLite FTS5 over stemmed text. FTS5 does not stem, so it matches Sastrawi's roots exactly as stored.

modelsearch builds its `ObjectIndexer` inside `add_items`, so `add_items` below follows modelsearch 1.3's own,
with an indexer that stems each search field; autocomplete fields stay as typed, since they match prefixes of
titles."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from search import analysis

from .. import StemmedQueryMixin


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
