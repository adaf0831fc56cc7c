"""The search in the Wagtail admin: the report of popular and zero-result queries (menu Laporan). Editors' picks
are Wagtail's "Promoted search results" (Settings menu), which /cari/ and /api/search/ show first."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import PERMISSION, SearchQueriesReportView


@hooks.register("register_admin_urls")
def register_search_queries_report_urls():
    return [
        path("laporan/pencarian/", SearchQueriesReportView.as_view(), name="search_queries_report"),
        path(
            "laporan/pencarian/hasil/",
            SearchQueriesReportView.as_view(results_only=True),
            name="search_queries_report_results",
        ),
    ]


class _SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return _SearchQueriesMenuItem(
        "Kata kunci pencarian", reverse("search_queries_report"), icon_name="search", order=710
    )
