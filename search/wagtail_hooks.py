"""The search in the Wagtail admin: the report of popular and zero-result queries (menu Laporan). Editors' picks
are Wagtail's "Promoted search results" (Settings menu), which /cari/ and /api/search/ show first.

Wagtail's own "Search terms" report counts the same queries; it is taken out of the menu and its address leads to
ours, so editors find one report, not two that disagree."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import PERMISSION, SearchQueriesReportView

WAGTAIL_SEARCH_TERMS_MENU_ITEM = "search-terms"  # the name wagtail.contrib.search_promotions gives its menu item


@hooks.register("register_admin_urls", order=-1)  # before wagtail.contrib.search_promotions' own "searchpicks/"
def register_search_queries_report_urls():
    """Our report, and Wagtail's report address answered by a redirect to it (a path Wagtail changes on upgrade
    fails `tests/search/test_search_report.py`)."""
    ours = RedirectView.as_view(pattern_name="search_queries_report")
    return [
        path("laporan/pencarian/", SearchQueriesReportView.as_view(), name="search_queries_report"),
        path(
            "laporan/pencarian/hasil/",
            SearchQueriesReportView.as_view(results_only=True),
            name="search_queries_report_results",
        ),
        path("searchpicks/reports/search-terms/", ours),
        path("searchpicks/reports/search-terms/results/", ours),
    ]


class _SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return _SearchQueriesMenuItem(
        _("Kata kunci pencarian"), reverse("search_queries_report"), icon_name="search", order=710
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request, menu_items):
    """One search-terms report in the menu: ours, which also lists the queries that found nothing."""
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_SEARCH_TERMS_MENU_ITEM]
