"""How a model's objects show among the site's search results, declared on the model beside its `search_fields`.

The search (`search.hits`) sits above every content app and the apps never import it, so a model says in plain
attribute names what its fields mean to a search result: which relations give its aspects and indicators, which
foreign key its SECI mode, which field its year, and, for an object that is not a page, the page it is shown on.
A page type that declares nothing is a result with its type as its only facet; any other model is a result only
if it declares a `search_result`.
"""

from dataclasses import dataclass

__all__ = ["SearchResult"]


@dataclass(frozen=True)
class SearchResult:
    """Names of the model's attributes (fields, relations, properties or methods) that `search.hits` reads."""

    aspects: tuple[str, ...] = ()  # relations to `Aspect`; an indicator's aspect counts as well
    indicators: tuple[str, ...] = ()  # relations to `Indicator`
    seci: str = ""  # the foreign key to its `SeciMode`
    year: str = ""  # a date, datetime or year, through relations with dots ("regulation.tahun")
    shown_on: str = ""  # not a page: the page it is shown on (a foreign key hides it while that page is not public)
    shown_at: str = ""  # the anchor it has on that page
    rubric_item: bool = False  # about one rubric indicator, so the answer to a question about it
    anchor: str = ""  # a clause's own anchor, for a query that names the clause by number
    citation: str = ""
    ranked_with: str = ""  # a method giving objects whose text counts as this one's in the ranking
    folds_into: str = ""  # an object this one is shown as, when both are found (a definition's clause)
