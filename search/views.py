import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search_terms(query: str) -> str:
    """Only the words of a query reach the backend: FTS5 and tsquery treat quotes, brackets and
    operators as syntax, and a visitor's stray `"` or `((((` must not become a query error."""
    return " ".join(re.findall(r"\w+", query))


def search(request):
    """/cari/?q=: every live public page, through Wagtail's search backend.

    Results stay plain `Page`s: the listing shows only their title, description and URL, and `.specific()` would
    add a query for every page type on the results page."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    results = Page.objects.live().public().search(terms) if terms else Page.objects.none()
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    return render(request, "search/search.html", {"query": query, "results": page})
