"""The dashboard's figures in the Wagtail admin, where an editor enters a figure a report published (or one the
deck's OCR lost) with its source."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .figures import HistoricResult, JptApproval, PublishedFigure


class PublishedFigureViewSet(SnippetViewSet):
    model = PublishedFigure
    icon = "table"
    list_display = ["__str__", "value", "unavailable_reason", "source"]
    list_filter = ["measure", "year", "kind"]
    search_fields = ["source", "unavailable_reason", "note"]


class HistoricResultViewSet(SnippetViewSet):
    model = HistoricResult
    icon = "list-ul"
    list_display = ["instansi", "year", "status", "self_points", "verified_points", "index", "category"]
    list_filter = ["year", "status"]
    search_fields = ["instansi__name", "source"]


class JptApprovalViewSet(SnippetViewSet):
    model = JptApproval
    icon = "user"
    list_display = ["name_in_source", "kind", "instansi", "year"]
    list_filter = ["year", "kind"]


class DashboardGroup(SnippetViewSetGroup):
    menu_label = _("Dasbor")
    menu_icon = "table"
    menu_order = 270
    items = (PublishedFigureViewSet, HistoricResultViewSet, JptApprovalViewSet)


register_snippet(DashboardGroup)
