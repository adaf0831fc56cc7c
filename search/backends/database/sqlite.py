"""SQLite FTS5 over stemmed text. FTS5 does not stem, so it matches Sastrawi's roots exactly as stored: the search
fields arrive stemmed (`search.backends.StemmedSearchField`) and modelsearch's own index stores them; autocomplete
fields stay as typed, since they match prefixes of titles. What is left here reads the index faster than
modelsearch does (docs/search.md has the figures)."""

import time

from django.db import connections, router
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not, PlainText

from .. import StemmedQueryMixin
from . import WINDOW, best_wanted, descendant_content_types, objects_in_order, objects_unscored


class SQLiteSearchQueryCompiler(StemmedQueryMixin, sqlite.SQLiteSearchQueryCompiler):
    MAX_RANGES = 8  # rowid ranges the window is read in
    # Entries of other models between two of this one that are read through rather than cut around: FTS5 passes
    # over a thousand entries faster than Django sends one more query.
    MIN_GAP = 1000

    def search(self, config, start, stop, score_field=None):
        """What the results read (modelsearch lists it): the window below where it applies, else modelsearch's."""
        found = self.ranked(config, start, stop, score_field)
        return found if found is not None else super().search(config, start, stop, score_field)

    def ranked(self, config, start, stop, score_field=None) -> list | None:
        """The objects among the model's newest `WINDOW` matching index entries: the best-scoring first or, for a
        search not ordered by relevance, in the queryset's own order and without scoring any (FTS5's bm25 first
        counts every document holding each word of the query: 5 ms and more for common words at 100 000
        documents). modelsearch's own path instead annotates every matching object with a subquery that repeats
        the match (seconds at 10 000 documents). None where this does not apply (no limit, negated or match-all
        queries, a score asked of an unordered search): modelsearch's path then.

        The index is read in SQL written here rather than built with the ORM: every search reads it once for each
        model it covers, and building those queries cost four times what SQLite took to run them (the search
        page searches four sources: 1.5 ms a search, bench/load.py)."""
        query = normalize(self.query)
        scored = self.order_by_relevance
        if stop is None or isinstance(query, MatchAll | Not) or (score_field and not scored):
            return None
        content_types = descendant_content_types(self.queryset.model)
        match, score, score_params = self._match_and_score(query, config)
        if not scored:
            score, score_params = "0.0", []
        if not _more_than_window() or _more_than_window(content_types):
            # A large model, or any model of a small index: FTS5 walks the matches newest first and stops at the
            # window, whose best entries the database picks (reading all of them into Python costs more than
            # scoring them). Best first (bm25 is lowest), ties: the newest.
            types = ", ".join(str(int(pk)) for pk in content_types)
            found = _read(
                f"SELECT * FROM (SELECT {_ENTRIES}.object_id, {score}, {_FTS}.rowid {_MATCHES}"
                f" AND {_ENTRIES}.content_type_id IN ({types}) ORDER BY 3 DESC LIMIT {int(WINDOW)})"
                " ORDER BY 2, 3 DESC LIMIT %s",
                [*score_params, match, best_wanted(stop) if scored else WINDOW],
            )
        else:
            # A small model (clauses beside 100 000 articles): all its entries, read as a few rowid ranges, which
            # FTS5 seeks to instead of walking every other model's matches (it cannot filter on a content type).
            entries = dict(
                sqlite.IndexEntry.objects.filter(content_type__in=content_types).values_list("id", "object_id")
            )
            found = [
                (entries[rowid], points)
                for low, high in _ranges(sorted(entries), self.MAX_RANGES, self.MIN_GAP)
                for rowid, points in _read(
                    f"SELECT {_FTS}.rowid, {score} {_MATCHES} AND {_FTS}.rowid BETWEEN %s AND %s",
                    [*score_params, match, low, high],
                )
                if rowid in entries
            ]
        if not scored:
            return objects_unscored(self.queryset, {object_id for object_id, _ in found}, start, stop)
        scores = {}
        for object_id, points in found:
            scores.setdefault(str(object_id), points)
        return objects_in_order(self.queryset, scores, start, stop, score_field, best_first_is_lowest=True)  # bm25

    def _match_and_score(self, query, config) -> tuple[str, str, list]:
        """The FTS5 query (a parameter) and the score's SQL with its parameters. A search of the whole entry scores
        as modelsearch does, bm25 over `{title body}` × (title_norm + 1), but matches any column: FTS5 checks a
        column filter by decoding the position list of every match (3 to 5 ms a query at 100 000 documents). The
        third column, autocomplete, holds the title as typed; a word found only there scores nothing here nor in
        `search.query`, which ranks stems. A search of some fields keeps modelsearch's column filter and score."""
        compiler = sqlite.SQLiteFTSIndexEntry.objects.none().query.get_compiler(router.db_for_read(sqlite.IndexEntry))
        if not self.fields:
            key = (type(self), query.query_string, query.operator, config) if isinstance(query, PlainText) else None
            match = _plain_matches.get(key)
            if match is None:
                sql, params = compiler.compile(self.build_search_query(query, config=config))
                match = sql % tuple(params)
                if key:
                    if len(_plain_matches) >= 1000:
                        _plain_matches.clear()
                    _plain_matches[key] = match
            return match, _BM25, []
        search_query = self.build_search_query(query, config=config)
        _, (match,) = compiler.compile(MatchExpression(self.fields, search_query))
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        score, params = compiler.compile(rank.resolve_expression(compiler.query))
        return match, score, list(params)


# The MATCH text of recent plain queries: every source of one search asks the same (a tenth of a millisecond each to
# build through the ORM), and popular searches come back.
_plain_matches: dict[tuple, str] = {}

_FTS = sqlite.SQLiteFTSIndexEntry._meta.db_table
_ENTRIES = sqlite.IndexEntry._meta.db_table
# The columns of modelsearch's migration 0002, `fts5(autocomplete, body, title)`, weighed (0, 1, 1).
_BM25 = f"bm25({_FTS}, 0.0, 1.0, 1.0) * ({_ENTRIES}.title_norm + 1.0)"
_MATCHES = f"FROM {_FTS} JOIN {_ENTRIES} ON {_ENTRIES}.id = {_FTS}.rowid WHERE {_FTS} MATCH %s"


def _read(sql: str, params: list) -> list[tuple]:
    with connections[router.db_for_read(sqlite.IndexEntry)].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[:2] for row in cursor.fetchall()]


# Whether the index, or a model's part of it, has more than `WINDOW` entries, remembered for a while to spare each
# search a query per model. Either answer gives the same results, only the work differs: the window holds every
# match of a small model, and a large model's entries are all read if it is taken for small.
_SIZE_FOR_SECONDS = 600
_sizes: dict[tuple, tuple[bool, float]] = {}


def _more_than_window(content_types: list[int] | None = None) -> bool:
    """Whether the index (or the entries of these content types) has more than `WINDOW` entries."""
    key = (str(content_types), WINDOW)
    large, seen = _sizes.get(key, (False, None))
    if seen is None or time.monotonic() - seen > _SIZE_FOR_SECONDS:
        entries = sqlite.IndexEntry.objects.order_by()
        if content_types is not None:
            entries = entries.filter(content_type__in=content_types)
        large = entries.values_list("id", flat=True)[WINDOW : WINDOW + 1].exists()
        _sizes[key] = (large, time.monotonic())
    return large


def _ranges(ids: list[int], most: int, min_gap: int = 1) -> list[tuple[int, int]]:
    """Sorted ids as at most `most` (low, high) ranges, cut at the widest gaps wider than `min_gap` (a range
    across a gap reads other entries, which the caller drops)."""
    if not ids:
        return []
    gaps = sorted(range(1, len(ids)), key=lambda i: ids[i] - ids[i - 1], reverse=True)
    cuts = sorted(i for i in gaps[: most - 1] if ids[i] - ids[i - 1] > min_gap)
    bounds = [0, *cuts, len(ids)]
    return [(ids[bounds[i]], ids[bounds[i + 1] - 1]) for i in range(len(bounds) - 1)]


class _OptimizeAfter:
    """After a rebuild, merge the full-text index into one b-tree (FTS5's `optimize`): a search then reads each
    word's list once, and seeks within it to a rowid range, instead of reading every segment a rebuild left (bm25
    over the window: 7 ms instead of 20 for common words at 100 000 documents). Atomic or not, as settings choose."""

    def finish(self):
        super().finish()
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        with connections[router.db_for_write(sqlite.IndexEntry)].cursor() as cursor:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


class SQLiteSearchRebuilder(_OptimizeAfter, sqlite.SQLiteSearchRebuilder):
    pass


class SQLiteSearchAtomicRebuilder(_OptimizeAfter, sqlite.SQLiteSearchAtomicRebuilder):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    rebuilder_class = SQLiteSearchRebuilder
    atomic_rebuilder_class = SQLiteSearchAtomicRebuilder
    query_compiler_class = SQLiteSearchQueryCompiler
