"""The editors' report of what visitors search for: the most searched queries and the ones that found nothing,
over the days Wagtail keeps search hits (`WAGTAILSEARCH_HITS_MAX_AGE`). A query without results asks for a
glossary synonym, an editor's pick (Wagtail's promoted search results) or new content."""

import datetime

from django.conf import settings
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_filters import BooleanFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .models import ZeroResultDailyHits

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


def _total(model, since):
    hits = (
        model.objects.filter(query=OuterRef("pk"), date__gte=since)
        .values("query")
        .annotate(total=Sum("hits"))
        .values("total")
    )
    return Coalesce(Subquery(hits, output_field=IntegerField()), Value(0))


class SearchQueriesFilterSet(WagtailFilterSet):
    zero_results = BooleanFilter(label="Hanya yang tanpa hasil", method="filter_zero_results")

    class Meta:
        model = Query
        fields = []

    def filter_zero_results(self, queryset, name, value):
        return queryset.filter(zero_hits__gt=0) if value else queryset


class SearchQueriesReportView(ReportView):
    page_title = "Kata kunci pencarian"
    header_icon = "search"
    index_url_name = "search_queries_report"
    index_results_url_name = "search_queries_report_results"
    filterset_class = SearchQueriesFilterSet
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-searches"
    columns = [
        Column("query_string", label="Kata kunci", sort_key="query_string"),
        NumberColumn("searches", label="Jumlah pencarian", sort_key="searches"),
        NumberColumn("zero_hits", label="Tanpa hasil", sort_key="zero_hits"),
    ]
    list_export = ["query_string", "searches", "zero_hits"]
    export_headings = {"query_string": "Kata kunci", "searches": "Jumlah pencarian", "zero_hits": "Tanpa hasil"}

    def get_base_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 30))
        return (
            Query.objects.annotate(searches=_total(QueryDailyHits, since), zero_hits=_total(ZeroResultDailyHits, since))
            .filter(searches__gt=0)
            .order_by("-searches", "query_string")
        )

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def dispatch(self, request, *args, **kwargs):
        """Those who can pick promoted results see what to pick them for; the queries are the public's words."""
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
