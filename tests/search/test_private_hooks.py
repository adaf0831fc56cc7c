"""The private parts of modelsearch and Django the search relies on (`search/backends/private_hooks.py`) are the
ones read when the search was written: an upgrade that changes one fails here, before it changes search quietly."""

import pytest
from wagtail.search.backends import get_search_backends

from meritopedia.models import IndicatorPage
from search.backends.private_hooks import HOOKS, fingerprint
from tests.conftest import search_engine_unreachable


@pytest.mark.parametrize("target", sorted(HOOKS))
def test_each_private_hook_is_the_source_it_was_read_as(target):
    recorded, use = HOOKS[target]
    assert fingerprint(target) == recorded, f"{target} changed: check that it still {use}, then record it anew"


def test_a_fingerprint_tells_sources_apart():
    """The pin can fail: two hooks of different source never share a fingerprint."""
    prints = {fingerprint(target) for target in HOOKS}
    assert len(prints) == len(HOOKS)


@pytest.mark.django_db
def test_every_engine_indexes_the_stems_of_a_field():
    """The behaviour the index-time hooks stand for: a page whose text says only "berkuda" is found by the stem
    "kuda", on whichever engine is configured (through the engine itself, not the ranking)."""
    reason = search_engine_unreachable()
    if reason:
        pytest.skip(reason)
    page = IndicatorPage.objects.get(indicator__code="13.d")
    for backend in get_search_backends():
        backend.refresh_indexes()
        assert not list(backend.search("kuda", IndicatorPage.objects.filter(pk=page.pk)))
    page.meaning = "<p>Pegawai berkuda ke kantor.</p>"
    page.save_revision().publish()
    for backend in get_search_backends():
        backend.refresh_indexes()
        assert [found.pk for found in backend.search("kuda", IndicatorPage.objects.filter(pk=page.pk))] == [page.pk]


def test_only_a_fuzzy_search_reads_the_body_text_postgresql_keeps_empty():
    """search/migrations/0004 empties the body's plain text of PostgreSQL's entries because only the fuzzy query
    reads it. The methods of modelsearch's PostgreSQL module that name `body_text` (its writer and that reader) are
    pinned: a new reader fails here before a search misses text."""
    import ast
    import importlib.util
    from pathlib import Path

    def names_body_text(node):
        return (isinstance(node, ast.Constant) and "body_text" in str(node.value)) or (
            isinstance(node, ast.Attribute) and node.attr == "body_text"
        )

    origin = importlib.util.find_spec("modelsearch.backends.database.postgres.postgres").origin
    tree = ast.parse(Path(origin).read_text())
    naming = {
        f"{klass.name}.{method.name}"
        for klass in tree.body
        if isinstance(klass, ast.ClassDef)
        for method in klass.body
        if isinstance(method, ast.FunctionDef) and any(names_body_text(node) for node in ast.walk(method))
    }
    assert naming == {"PostgresIndex.add_items", "PostgresSearchQueryCompiler._build_fuzzy_queryset"}
