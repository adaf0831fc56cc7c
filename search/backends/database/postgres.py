"""PostgreSQL full-text search over stemmed text: the search fields arrive stemmed
(`search.backends.StemmedSearchField`) and modelsearch's own index stores them (autocomplete fields stay as
typed). `SEARCH_CONFIG` (`indonesian` in settings; `simple` if none is given) then applies to the stems, on the
index and the query alike. What is left here reads the index faster than modelsearch does (docs/search.md)."""

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from django.db.models import F, Q
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import PlainText

from .. import StemmedQueryMixin
from . import WINDOW, best_wanted, descendant_content_types, objects_in_order, objects_unscored


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
            postgres.IndexEntry.objects.filter(content_type__in=descendant_content_types(self.queryset.model))
            .filter(Q(title=search_query) | Q(body=search_query))
            .order_by("-id")[:WINDOW]
        )
        with _through_gin_if_rare(window.db, self.query.query_string, config):
            if not scored:
                return objects_unscored(self.queryset, list(window.values_list("object_id", flat=True)), start, stop)
            rank = self.build_tsrank(F("title"), self.query, config=config) * F("title_norm") + self.build_tsrank(
                F("body"), self.query, config=config
            )
            # Ranked as the window is read, then the best picked from it: joining the window's ids back to the
            # table would fetch each of its rows a second time (6 ms instead of 2.5 at 100 000 documents).
            sql, params = window.annotate(score=rank).values_list("object_id", "score", "id").query.sql_with_params()
            with connections[window.db].cursor() as cursor:  # ties: the newest, as modelsearch orders them
                cursor.execute(
                    f"SELECT * FROM ({sql}) AS w ORDER BY 2 DESC, 3 DESC LIMIT %s", [*params, best_wanted(stop)]
                )
                scores = {object_id: score for object_id, score, _ in cursor.fetchall()}
        return objects_in_order(self.queryset, scores, start, stop, score_field)


# Below this share of entries holding the query's most frequent word, the window is read through the GIN indexes.
# PostgreSQL estimates the matches of "kode | etik | disiplin" as the sum of the words' shares, though they occur
# together, so above 5 % of the entries it walks the newest entries checking each one: 20 ms where the GIN index
# takes 8 at 100 000 documents (7 % of them match). Walking wins from about 10 % (bench/search_latency.py).
RARE_SHARE = 0.10
_SHARES_FOR_SECONDS = 60
_shares: dict[str, tuple[dict[str, float], float]] = {}


@contextmanager
def _through_gin_if_rare(using: str, words: str, config) -> Iterator[None]:
    """Runs the block with index walks and sequential scans off when the query's most frequent word is among the
    words PostgreSQL lists as common, yet held by fewer than `RARE_SHARE` of the entries. (Words it does not list
    are rarer still, and it reads them through the GIN indexes by itself.)"""
    shares = _word_shares(using)
    listed = [shares[lexeme] for lexeme in _lexemes(using, config or "simple", words) if lexeme in shares]
    if not listed or max(listed) >= RARE_SHARE:
        yield
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SET enable_indexscan = off; SET enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("RESET enable_indexscan; RESET enable_seqscan")


@functools.lru_cache(maxsize=1024)
def _lexemes(using: str, config: str, words: str) -> list[str]:
    """The words as the index holds them (Sastrawi's stems, then `config`'s own stemming): asked once per query
    string and process, not once per model searched."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))", [config, words])
        return cursor.fetchone()[0] or []


def _word_shares(using: str) -> dict[str, float]:
    """{word: share of entries holding it in the title or the body} for the words PostgreSQL lists as common (the
    most common elements ANALYZE keeps in pg_stats), read once a minute per process."""
    shares, read_at = _shares.get(using, ({}, None))
    if read_at is None or time.monotonic() - read_at > _SHARES_FOR_SECONDS:
        shares = {}
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = %s AND attname IN ('title', 'body') AND most_common_elems IS NOT NULL",
                [postgres.IndexEntry._meta.db_table],
            )
            for words, freqs in cursor.fetchall():
                for word, share in zip(words, freqs, strict=False):  # freqs ends with three summary figures
                    shares[word] = max(shares.get(word, 0.0), share)
        _shares[using] = (shares, time.monotonic())
    return shares


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
    rebuilder_class = PostgresSearchRebuilder
    atomic_rebuilder_class = PostgresSearchAtomicRebuilder
    query_compiler_class = PostgresSearchQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
