"""Wagtail's search backends with Indonesian analysis (`search.analysis`) at both ends: each indexed field is
stored as its stemmed copy, and each query is stemmed the same way before it reaches the engine. The models stay
untouched (they sit below this app and cannot import it), and every engine matches the same tokens.

Settings pick one of these modules as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`."""

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
