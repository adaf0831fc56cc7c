"""The SECI taxonomy in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SeciMode


class SeciModeViewSet(SnippetViewSet):
    model = SeciMode
    icon = "cogs"
    menu_label = "Mode SECI"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "code", "position"]


register_snippet(SeciModeViewSet)
