"""PostgreSQL full-text search over stemmed text.

modelsearch builds its `ObjectIndexer` inside `add_items`, so `add_items` below follows modelsearch 1.3's own,
with an indexer that stems each search field (autocomplete fields stay as typed). `SEARCH_CONFIG` (`indonesian`
in settings; `simple` if none is given) then applies to the stems, on the index and the query alike."""

from django.db.models import F, Q
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import SearchField
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search import analysis

from .. import StemmedQueryMixin
from . import WINDOW, DocumentsMixin, best_wanted, objects_in_order, objects_unscored


class _PostgresIndexer(postgres.ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, SearchField):
            for current, weight, value in super().prepare_field(obj, field):
                yield current, weight, analysis.index_text(value)
        else:
            yield from super().prepare_field(obj, field)


class _StemmedPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """modelsearch's, except that an entry keeps no copy of the body as text: only a fuzzy (pg_trgm) query
        reads it, which the portal never makes, and the snippets come from `SearchDocument`. A rare word's matches
        are read from the table one row each (PostgreSQL's GIN index holds no ids), so narrower rows, more of them
        to a page, make those reads cheaper."""
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
            params.extend((indexer.title_text, ""))  # see `add_items`
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


class PostgresIndex(DocumentsMixin, _StemmedPostgresIndex):
    """The stemmed entries, and beside them the documents the ranking reads."""


class PostgresSearchQueryCompiler(StemmedQueryMixin, postgres.PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        """The best-scoring objects among the model's newest `WINDOW` matching index entries. modelsearch's own
        path matches `title || body`, which no index serves, and ranks every match: a scan of the whole index
        on each search. Here each vector is matched through its GIN index and only the window is ranked.
        A search not ordered by relevance ranks nothing: the queryset's own order. modelsearch's path where this
        does not apply (no limit, fields, fuzzy or match-all queries, a score asked of an unordered search)."""
        scored = self.order_by_relevance
        if stop is None or self.fields or not isinstance(self.query, PlainText) or (score_field and not scored):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        window = (
            postgres.IndexEntry.objects.filter(content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .filter(Q(title=search_query) | Q(body=search_query))
            .order_by("-id")[:WINDOW]
        )
        if not scored:
            return objects_unscored(self.queryset, list(window.values_list("object_id", flat=True)), start, stop)
        rank = self.build_tsrank(F("title"), self.query, config=config) * F("title_norm") + self.build_tsrank(
            F("body"), self.query, config=config
        )
        scores = dict(
            postgres.IndexEntry.objects.filter(id__in=window.values("id"))
            .annotate(score=rank)
            .order_by("-score", "-id")  # ties: the newest, as modelsearch orders them
            .values_list("object_id", "score")[: best_wanted(stop)]
        )
        return objects_in_order(self.queryset, scores, start, stop, score_field)


class _AnalyzeAfter:
    """After a rebuild, VACUUM and ANALYZE the index. modelsearch's rebuild rewrites every entry once more to set
    its title norm, leaving a dead copy of each beside it, which a search walking the newest entries would visit
    too; and the planner then knows how many entries hold each word (a rare word is found through the GIN index, a
    common one by walking the newest entries), which it would otherwise learn only when autovacuum gets round to
    it. Inside a transaction (a rebuild in a test) VACUUM cannot run: ANALYZE alone."""

    def finish(self):
        super().finish()
        connection = self.index.write_connection
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {postgres.IndexEntry._meta.db_table}")


class PostgresSearchRebuilder(_AnalyzeAfter, postgres.PostgresSearchRebuilder):
    pass


class PostgresSearchAtomicRebuilder(_AnalyzeAfter, postgres.PostgresSearchAtomicRebuilder):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    index_class = PostgresIndex
    rebuilder_class = PostgresSearchRebuilder
    atomic_rebuilder_class = PostgresSearchAtomicRebuilder
    query_compiler_class = PostgresSearchQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
