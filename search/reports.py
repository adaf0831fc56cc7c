"""The editors' report of what visitors search for: the most searched queries and, in a table of their own, the
ones that found nothing, over the days Wagtail keeps search hits (`WAGTAILSEARCH_HITS_MAX_AGE`). A query without
results asks for a glossary synonym, an editor's pick (Wagtail's promoted search results) or new content.

It is the portal's one search-terms report: Wagtail's own "Search terms" report (wagtail.contrib.search_promotions)
counts the same `Query` rows but only for superusers and without zero results, so `wagtail_hooks` hides it and sends
its address here."""

import datetime

from django.conf import settings
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn, Table
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .analysis import is_meaningful_query
from .models import ZeroResultDailyHits

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"
ZERO_RESULTS_SHOWN = 100


def _total(model, since):
    hits = (
        model.objects.filter(query=OuterRef("pk"), date__gte=since)
        .values("query")
        .annotate(total=Sum("hits"))
        .values("total")
    )
    return Coalesce(Subquery(hits, output_field=IntegerField()), Value(0))


class QueryColumn(Column):
    """A query as typed, cut to one line by CSS with the whole text in its title and in the cell itself, so the
    table stays within the screen and screen readers still read every word."""

    cell_template_name = "search/admin/query_cell.html"

    class Media:
        css = {"all": ["search/report.css"]}


def _query_column():
    return QueryColumn("query_string", label=_("Kata kunci"), sort_key="query_string", classname="search-query-cell")


class SearchQueriesReportView(ReportView):
    page_title = _("Kata kunci pencarian")
    header_icon = "search"
    results_template_name = "search/admin/search_queries_report_results.html"
    index_url_name = "search_queries_report"
    index_results_url_name = "search_queries_report_results"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-searches"
    columns = [
        _query_column(),
        NumberColumn("searches", label=_("Jumlah pencarian"), sort_key="searches"),
        NumberColumn("zero_hits", label=_("Tanpa hasil"), sort_key="zero_hits"),
    ]
    list_export = ["query_string", "searches", "zero_hits"]
    export_headings = {
        "query_string": _("Kata kunci"),
        "searches": _("Jumlah pencarian"),
        "zero_hits": _("Tanpa hasil"),
    }

    @cached_property
    def searched_queries(self):
        """Every query searched in the window, less control characters and markup-only probes (some may have been
        counted before `record_search` left them out)."""
        since = timezone.localdate() - datetime.timedelta(days=getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 30))
        queries = Query.objects.annotate(
            searches=_total(QueryDailyHits, since), zero_hits=_total(ZeroResultDailyHits, since)
        ).filter(searches__gt=0)
        junk = [pk for pk, text in queries.values_list("pk", "query_string") if not is_meaningful_query(text)]
        return queries.exclude(pk__in=junk)

    def get_base_queryset(self):
        """On screen, the queries that found something at least once (the others are in their own table); the
        download holds every query with both counts."""
        queries = self.searched_queries.order_by("-searches", "query_string")
        return queries if self.is_export else queries.filter(searches__gt=F("zero_hits"))

    def zero_results(self) -> list:
        """The queries that found nothing, most often first, narrowed by the report's search box like the main
        table."""
        queries = self.search_queryset(self.searched_queries.filter(zero_hits__gt=0))
        return list(queries.order_by("-zero_hits", "query_string")[:ZERO_RESULTS_SHOWN])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["zero_results_table"] = Table(
            [
                QueryColumn("query_string", label=_("Kata kunci"), classname="search-query-cell"),
                NumberColumn("zero_hits", label=_("Pencarian tanpa hasil")),
                NumberColumn("searches", label=_("Jumlah pencarian")),
            ],
            self.zero_results(),
            caption=_("Kata kunci yang tidak menemukan hasil"),
        )
        context["zero_results_shown"] = ZERO_RESULTS_SHOWN
        return context

    def dispatch(self, request, *args, **kwargs):
        """Those who can pick promoted results see what to pick them for; the queries are the public's words."""
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
