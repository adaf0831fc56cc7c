"""Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text search) over stemmed text.

Like modelsearch's own `database` module, this one only picks the engine of the database the index lives in. The
vendor modules are imported only when chosen: modelsearch defines its SQLite FTS index model only on SQLite, so
importing the SQLite module on PostgreSQL fails (`KeyError: 'sqliteftsindexentry'`).

On PostgreSQL, `SEARCH_CONFIG` (settings give `indonesian`) applies on top of Sastrawi's stems, to the index and
the query alike, so both sides still meet; the ranking is done in `search.query` on the stems in any case.
"""

import functools

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models.query import ModelIterable
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

# The most index entries of one model that one search scores. SQLite's bm25() and PostgreSQL's ts_rank() are
# computed for every match before the best can be picked, a microsecond or more each: at 100 000 documents a query
# of common words ("penilaian kinerja pegawai") matches nearly all of them and takes over 100 ms. So a search
# scores a bounded window, the model's newest matching entries (every one of them on a site with up to this many
# objects of a type), and the ranking in `search.query` orders what it found. 2 000 rather than 5 000: 6 ms less a
# query of common words at 100 000 documents (bench/search_latency.py); the sources a rubric question needs
# (clauses, indicator pages) are small enough never to be cut.
WINDOW = 2000
OVERFETCH = 4  # entries read per result asked for, since the queryset may hide some (drafts, private pages)


# The content types of a model and its subclasses: fixed while the process runs, and modelsearch's lookup walks every
# installed model (for `Page`, a tenth of a millisecond a source on every search).
descendant_content_types = functools.cache(get_descendants_content_types_pks)


def best_wanted(stop: int) -> int:
    """How many of the best-scoring entries to look at for results up to `stop`."""
    return max(stop * OVERFETCH, 200)


def objects_in_order(queryset, scores: dict, start, stop, score_field=None, best_first_is_lowest=False) -> list:
    """The objects of `queryset` (what the visitor may see) among `scores` ({object id as text: score}), best
    first, ties broken by newest, as modelsearch orders them; only the slice asked for is loaded."""
    best = sorted(scores, key=scores.get, reverse=not best_first_is_lowest)[: best_wanted(stop)]
    sign = 1 if best_first_is_lowest else -1
    objects = _few_columns(queryset, best)
    if objects is not None:  # every visible one read already
        order = sorted(objects, key=lambda pk: (sign * scores[str(pk)], -pk))[start:stop]
    elif len(best) <= stop:  # all of them are wanted if visible: one query
        objects = queryset.in_bulk(best)
        order = sorted(objects, key=lambda pk: (sign * scores[str(pk)], -pk))[start:stop]
    else:
        visible = queryset.filter(pk__in=best).values_list("pk", flat=True)
        order = sorted(visible, key=lambda pk: (sign * scores[str(pk)], -pk))[start:stop]
        objects = queryset.in_bulk(order)
    found = [objects[pk] for pk in order]
    if score_field:
        for obj in found:
            setattr(obj, score_field, scores[str(obj.pk)])
    return found


def objects_unscored(queryset, object_ids, start, stop) -> list:
    """For a search not ordered by relevance: the matching objects in the queryset's own order, newest first if
    it has none, as modelsearch gives them."""
    if not queryset.query.order_by:
        objects = _few_columns(queryset, object_ids)
        if objects is not None:
            return [objects[pk] for pk in sorted(objects, reverse=True)[start:stop]]
    found = queryset.filter(pk__in=object_ids)
    return list((found if found.query.order_by else found.order_by("-pk"))[start:stop])


def _few_columns(queryset, object_ids) -> dict | None:
    """{pk: object} of `queryset` among `object_ids`, when the queryset loads only some of its model's own columns
    (the site search asks its sources for the primary key alone, `search.query`): read in SQL wrapped around the
    queryset's own, and built with `Model.from_db` as the ORM would. Filtering the queryset again and loading its
    objects through the ORM took more time than the search that found them (three of the four sources of a search:
    1.2 ms of 9, bench/load.py). None for any other queryset: the ORM then."""
    query, model = queryset.query, queryset.model
    names, deferred = query.deferred_loading
    if (
        deferred
        or queryset._iterable_class is not ModelIterable
        or queryset._prefetch_related_lookups
        or query.select_related
        or query.annotations
        or query.extra
        or query.is_sliced
        or query.combinator
    ):
        return None
    pk = model._meta.pk
    wanted = {"pk", pk.name, pk.attname, *names}
    columns = [f for f in model._meta.concrete_fields if f.name in wanted or f.attname in wanted]
    ids = [pk.to_python(object_id) for object_id in object_ids]
    if not ids:
        return {}
    database = queryset.db
    connection = connections[database]
    attnames = [f.attname for f in columns]
    try:
        sql, params = queryset.order_by().values_list(*attnames).query.get_compiler(using=database).as_sql()
    except EmptyResultSet:  # `.none()`, or a filter nothing can pass
        return {}
    quoted = connection.ops.quote_name(pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM ({sql}) visible WHERE visible.{quoted} IN ({', '.join(['%s'] * len(ids))})",
            [*params, *ids],
        )
        rows = cursor.fetchall()
    position = attnames.index(pk.attname)
    return {row[position]: model.from_db(database, attnames, row) for row in rows}


@functools.cache
def _fts5_available() -> bool:
    """Whether this process's SQLite library has FTS5: asked once, since modelsearch's check builds a table in a
    new in-memory database, and a backend is made for every search."""
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


_fts_table_seen = False


def _fts_table_exists() -> bool:
    """Whether modelsearch's FTS5 table is there; once it is, it stays (a query a search otherwise)."""
    global _fts_table_seen
    if not _fts_table_seen:
        from modelsearch.backends.database.sqlite.utils import fts_table_exists

        _fts_table_seen = fts_table_exists()
    return _fts_table_seen


def SearchBackend(params):
    index_model = get_app_config().get_model("IndexEntry", require_ready=False)
    vendor = connections[router.db_for_write(index_model)].vendor
    if vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if vendor == "sqlite":
        if _fts5_available() and _fts_table_exists():
            from .sqlite import SQLiteSearchBackend

            return SQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)  # MySQL and FTS-less SQLite: substring matching, no analysis to apply
