"""Every private part of modelsearch and Django that the search relies on, in one place, each pinned to the source
it had when it was last read (`tests/search/test_private_hooks.py` fails when the installed version changes one).

Wagtail accepts any modelsearch 1.3.x, and none of these is a promise of it: when the test fails, read the new
source, check the use named beside the entry still holds, and record the new fingerprint. Each stays because a
benchmark needs it (docs/search.md gives the figures).
"""

import ast
import hashlib
import importlib.util
from pathlib import Path

__all__ = ["HOOKS", "fingerprint"]

# "module:qualified.name" -> (fingerprint of its source, who relies on it and how)
HOOKS = {
    # Index time: every engine reads a search field's text through `SearchField.get_value`, so the fields stem it
    # (`search.backends.StemmedSearchField`). These are the readers; if one reads the value another way, the
    # index silently holds unstemmed text.
    "modelsearch.backends.database.sqlite.sqlite:ObjectIndexer.prepare_field": (
        "70670551c344c6a2",
        "SQLite's indexer reads `field.get_value(obj)` for each SearchField",
    ),
    "modelsearch.backends.database.postgres.postgres:ObjectIndexer.prepare_field": (
        "ec850ed96548da0e",
        "PostgreSQL's indexer reads `field.get_value(obj)` for each SearchField",
    ),
    "modelsearch.backends.elasticsearchbase:ElasticsearchBaseMapping._get_document_field_data": (
        "5bb460fd51a73b8d",
        "Elasticsearch's mapping reads `field.get_value(obj)` for each SearchField",
    ),
    # The database window (search/backends/database/): the compilers' `search()` returns the objects themselves,
    # which the results list as they would a queryset.
    "modelsearch.backends.database.sqlite.sqlite:SQLiteSearchResults.get_queryset": (
        "c0206435dcd09f76",
        "calls `SQLiteSearchQueryCompiler.search(config, start, stop, score_field=...)`, which ours overrides",
    ),
    "modelsearch.backends.database.sqlite.sqlite:SQLiteSearchResults._do_search": (
        "eaecdef7835ec311",
        "lists what `search` returns (ours: the window's objects)",
    ),
    "modelsearch.backends.database.postgres.postgres:PostgresSearchResults.get_queryset": (
        "e13f43018c3c3e03",
        "calls `PostgresSearchQueryCompiler.search(config, start, stop, score_field=..., backend=...)`",
    ),
    "modelsearch.backends.database.postgres.postgres:PostgresSearchResults._do_search": (
        "cb2489db0b44e64e",
        "lists what `search` returns (ours: the window's objects)",
    ),
    "modelsearch.backends.database.sqlite.sqlite:SQLiteSearchQueryCompiler._build_rank_expression": (
        "7844659b60edd558",
        "the bm25 score of a search of some fields, compiled into the window's SQL",
    ),
    # Elasticsearch: all sources of one search in one `_msearch`, without Wagtail's scroll.
    "modelsearch.backends.elasticsearchbase:ElasticsearchBaseSearchResults._get_es_body": (
        "a6610d7cea0b1adc",
        "the request body of one sliced search, sent inside `_msearch`",
    ),
    "modelsearch.backends.elasticsearchbase:ElasticsearchBaseSearchResults._get_results_from_hits": (
        "a166c20b93e2dcbf",
        "turns the hits of each `_msearch` response into objects",
    ),
    "modelsearch.backends.elasticsearchbase:ElasticsearchBaseSearchResults._do_search": (
        "8d74c9041e4a8a74",
        "replaced for a slice by one request without scroll",
    ),
    "modelsearch.backends.base:BaseSearchResults.__init__": (
        "a9e789c2eed54400",
        "declares `_results_cache`, which `search_together` fills, and `_score_field`",
    ),
    "modelsearch.backends.base:BaseSearchResults.annotate_score": (
        "5ba77160fd7c9613",
        "sets `_score_field`, which the window gives the score under",
    ),
    "modelsearch.backends.base:BaseSearchResults.results": (
        "608cac54e9c3ee47",
        "reads `_results_cache` before searching: a slice `search_together` filled is not searched again",
    ),
    # Django: the few-columns read of the visible objects (search/backends/database/__init__.py `_few_columns`).
    "django.db.models.query:QuerySet.__init__": (
        "886c61abc1a175ec",
        "`_iterable_class`, `_prefetch_related_lookups`: a plain queryset of model objects",
    ),
}


def fingerprint(target: str) -> str:
    """The first 16 hex digits of the SHA-256 of the source of "module:qualified.name", read from the installed
    file rather than imported (modelsearch's SQLite module cannot be imported on PostgreSQL)."""
    module_name, qualified = target.split(":")
    source = Path(importlib.util.find_spec(module_name).origin).read_text()
    node = ast.parse(source)
    for name in qualified.split("."):
        node = next(
            child
            for child in ast.iter_child_nodes(node)
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and child.name == name
        )
    return hashlib.sha256(ast.get_source_segment(source, node).encode()).hexdigest()[:16]
