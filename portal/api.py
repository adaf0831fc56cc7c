"""The read API (Wagtail API v2) at /api/v2/: pages (articles, indicators, regulations…), images, documents.

Each page type says what it exposes in its own `api_fields`.
"""

import re

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class WordSearchFilter(SearchFilter):
    """Wagtail's `?search=`, with the rule /cari/ applies to what visitors type: only the words reach the backend,
    because SQLite FTS5 and PostgreSQL tsquery read quotes and brackets as syntax, and a lone `"` or a blank query
    made the backend fail with a 500. An unknown `search_operator` is the client's mistake: 400, not a ValueError."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        if request.GET.get("search_operator") not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = " ".join(re.findall(r"\w+", request.GET["search"]))
        if not terms:
            return queryset.none()
        params = request.GET.copy()
        params["search"] = terms
        request._request.GET = params  # what Wagtail's filter reads; the rest of the query string is unchanged
        return super().filter_queryset(request, queryset, view)


def _with_word_search(viewset):
    backends = [WordSearchFilter if backend is SearchFilter else backend for backend in viewset.filter_backends]
    return type(viewset.__name__, (viewset,), {"filter_backends": backends})


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", _with_word_search(PagesAPIViewSet))
api_router.register_endpoint("images", _with_word_search(ImagesAPIViewSet))
api_router.register_endpoint("documents", _with_word_search(DocumentsAPIViewSet))
