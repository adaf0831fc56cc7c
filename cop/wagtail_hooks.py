"""The Community of Practice programme in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventSeries


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = "Rangkaian CoP"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "event_type", "year", "period", "seci_mode"]
    list_filter = ["event_type", "year"]


register_snippet(EventSeriesViewSet)
