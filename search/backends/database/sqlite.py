"""SQLite FTS5 over stemmed text. FTS5 does not stem, so it matches Sastrawi's roots exactly as stored.

modelsearch builds its `ObjectIndexer` inside `add_items`, so `add_items` below follows modelsearch 1.3's own,
with an indexer that stems each search field; autocomplete fields stay as typed, since they match prefixes of
titles."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.index import SearchField
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

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
    OVERFETCH = 4  # index entries read per result asked for, since the queryset may hide some (drafts, private)

    def ranked(self, config, start, stop, score_field=None) -> list | None:
        """The best-scoring objects, asking the index once for its best entries and the queryset only to filter
        those. modelsearch instead annotates every matching object with a subquery that repeats the full-text
        match, which grows with the square of the matches (seconds at 10 000 documents). None where this does not
        apply (no limit, not by relevance, negated or match-all queries): modelsearch's own path then."""
        query = normalize(self.query)
        if stop is None or not self.order_by_relevance or isinstance(query, MatchAll | Not):
            return None
        entries = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            )
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score")
            .values_list("index_entry__object_id", "score")[: max(stop * self.OVERFETCH, 1000)]
        )
        scores = {}
        for object_id, score in entries:
            scores.setdefault(str(object_id), score)
        found = list(self.queryset.filter(pk__in=list(scores)))
        found.sort(key=lambda obj: (scores[str(obj.pk)], -obj.pk))  # as modelsearch: bm25 ascending, then -pk
        if score_field:
            for obj in found:
                setattr(obj, score_field, scores[str(obj.pk)])
        return found[start:stop]


class SQLiteSearchResults(sqlite.SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        found = None
        if isinstance(compiler, SQLiteSearchQueryCompiler):
            found = compiler.ranked(compiler.get_config(self.backend), self.start, self.stop, self._score_field)
        return found if found is not None else super()._do_search()


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    index_class = SQLiteIndex
    query_compiler_class = SQLiteSearchQueryCompiler
    results_class = SQLiteSearchResults
