"""/cari/ (the search page) and /api/search/ (the same search as JSON): both are `search.query.search`."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import query as search_query

MAX_QUERY_LENGTH = 200


def _run(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = search_query.clean_filters(request.GET)
    return search_query.search(text, filters, page=request.GET.get("page", 1))


@require_GET
def search(request):
    outcome = _run(request)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(request, "search/search.html", {"query": outcome.query, "outcome": outcome, "params": querystring})


@require_GET
def api_search(request):
    """`{"count", "results": [{"type", "title", "url", "snippet", "indicator", "citation"}], "facets"}`."""
    outcome = _run(request)
    page = outcome.page
    return JsonResponse(
        {
            "count": outcome.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "fallback": outcome.fallback,
            "results": [
                {
                    "type": hit.type,
                    "title": hit.title,
                    "url": hit.url,
                    "snippet": str(hit.snippet),
                    "indicator": hit.indicator_code,
                    "citation": hit.citation,
                }
                for hit in outcome.hits
            ],
            "facets": outcome.facets,
            "suggestions": [{"title": str(term), "slug": term.slug} for term in outcome.suggestions],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_autocomplete(request):
    return JsonResponse({"results": search_query.autocomplete(request.GET.get("q", ""))})
