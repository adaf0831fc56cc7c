"""/cari/ (the search page) and /api/search/ (the same search as JSON): both are `search.query.search`."""

import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import query as search_query
from .analysis import clean_text
from .tasks import record_search

MAX_QUERY_LENGTH = 200
FACET_HEADINGS = {
    "type": _("Jenis"),
    "aspect": _("Aspek"),
    "indicator": _("Indikator"),
    "seci": _("Mode SECI"),
    "year": _("Tahun"),
}
FACET_VALUES_SHOWN = 12

logger = logging.getLogger(__name__)


def _run(request):
    text = clean_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    filters = search_query.clean_filters(request.GET)
    outcome = search_query.search(text, filters, page=request.GET.get("page", 1))
    if text and outcome.page.number == 1 and not filters:
        try:  # for the editors' report; a visitor's search never fails because it could not be counted
            record_search.enqueue(text, outcome.count > 0)
        except Exception:
            logger.exception("Could not record the search")
    return outcome


def _result(hit) -> dict:
    return {
        "type": hit.type,
        "title": hit.title,
        "url": hit.url,
        "snippet": str(hit.snippet),
        "indicator": hit.indicator_code,
        "citation": hit.citation,
        "promoted": hit.promoted,
    }


@require_GET
def search(request):
    outcome = _run(request)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "query": outcome.query,
        "outcome": outcome,
        "params": querystring,
        "facets": _facets(outcome, querystring),
    }
    return render(request, "search/search.html", context)


def _facets(outcome, querystring) -> list[dict]:
    """The facets as the page shows them: a heading, and each of the most frequent values with the address of the
    current search with that value chosen instead of any other of its facet (built here: in the template it was a
    fifth of the page's rendering)."""
    shown = []
    for facet, values in outcome.facets.items():
        if values:
            others = querystring.copy()
            others.pop(facet, None)
            current = others.urlencode()
            links = [
                {**item, "url": f"?{current}&{urlencode({facet: item['value']})}"}
                for item in values[:FACET_VALUES_SHOWN]
            ]
            shown.append({"heading": FACET_HEADINGS[facet], "values": links})
    return shown


@require_GET
def api_search(request):
    """`{"count", "results": [{"type", "title", "url", "snippet", "indicator", "citation", "promoted"}], "facets"}`;
    editors' picks for the query come first (`"promoted": true`), on the first page."""
    outcome = _run(request)
    page = outcome.page
    return JsonResponse(
        {
            "count": outcome.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "fallback": outcome.fallback,
            "results": [_result(hit) for hit in outcome.promotions + outcome.hits],
            "facets": outcome.facets,
            "suggestions": [{"title": str(term), "slug": term.slug} for term in outcome.suggestions],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_autocomplete(request):
    return JsonResponse({"results": search_query.autocomplete(request.GET.get("q", ""))})
