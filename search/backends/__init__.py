"""Wagtail's search backends with Indonesian analysis (`search.analysis`) at both ends: each indexed field is
stored as its stemmed copy, and each query is stemmed the same way before it reaches the engine, so every engine
matches the same tokens.

The index end is one point every modelsearch backend reads a field's text through, `SearchField.get_value`: at
start-up (`SearchConfig.ready`) the `SearchField`s of every indexed model become `StemmedSearchField`s, so the
backends themselves index what they are given (the models stay as they are written: they sit below this app and
cannot import it). The query end is the query compiler each backend names (`StemmedQueryMixin`).

Settings pick one of these modules as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`."""

import functools

from django.utils.encoding import force_str
from modelsearch.index import RelatedFields, SearchField, get_indexed_models
from modelsearch.query import MATCH_NONE, And, Boost, Not, Or, Phrase, PlainText

from search import analysis

# An engine is given at most this many words of one query string: PostgreSQL's query is one nested expression per
# word, and a few thousand (a pasted document, a fuzzer's string) exhaust Python's recursion limit compiling it.
MAX_ENGINE_WORDS = 64


def _stems(text: str) -> str:
    return " ".join(analysis.index_text(text).split()[:MAX_ENGINE_WORDS])


def stem_query(query):
    """The same query with every word replaced by its stem; operators and structure are kept."""
    if isinstance(query, str):
        return _stems(query)
    if isinstance(query, PlainText):
        return PlainText(_stems(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(_stems(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([stem_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(stem_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(stem_query(query.subquery), query.boost)
    return query  # MatchAll, Fuzzy: nothing to stem


class StemmedQueryMixin:
    """For a query compiler: the engine sees the stems of the query, as it sees the stems of the content."""

    def __init__(self, queryset, query, *args, **kwargs):
        stemmed = stem_query(query)
        if isinstance(stemmed, PlainText | Phrase | str) and not str(getattr(stemmed, "query_string", stemmed)).strip():
            stemmed = MATCH_NONE  # only punctuation was typed: nothing can match, and FTS5 must not see it
        super().__init__(queryset, stemmed, *args, **kwargs)


class StemmedSearchField(SearchField):
    """A `SearchField` whose value, for every engine, is the stems of its text (flattened as modelsearch's
    database indexers flatten lists and dicts); `text_value` is the text as written, for snippets."""

    def get_value(self, obj):
        return _stemmed_text(flat_text(super().get_value(obj)))

    def text_value(self, obj):
        return super().get_value(obj)


def flat_text(value) -> str:
    """A field's value as one text, the way modelsearch's database indexers flatten it."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(flat_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(flat_text(item) for item in value.values())
    return force_str(value)


@functools.lru_cache(maxsize=256)
def _stemmed_text(text: str) -> str:
    """Remembered for a while: a database indexer reads every field once for the title, once for the body and
    once more for each other column it fills."""
    return analysis.index_text(text)


def stem_search_fields() -> None:
    """Turn the plain `SearchField`s of every indexed model (its own, inherited and inside `RelatedFields`) into
    `StemmedSearchField`s, in the lists the models declared; a field shared by several lists (Page's title in
    every page type's) stays one object, as Wagtail's check of page search fields expects. A second call changes
    nothing."""
    seen, stemmed = set(), {}
    for model in get_indexed_models():
        _stem_fields(model.search_fields, seen, stemmed)


def _stem_fields(fields: list, seen: set, stemmed: dict) -> None:
    if id(fields) in seen:
        return
    seen.add(id(fields))
    for i, field in enumerate(fields):
        if type(field) is SearchField:
            if id(field) not in stemmed:
                stemmed[id(field)] = (field, StemmedSearchField(field.field_name, boost=field.boost, **field.kwargs))
            fields[i] = stemmed[id(field)][1]
        elif isinstance(field, RelatedFields):
            _stem_fields(field.fields, seen, stemmed)
