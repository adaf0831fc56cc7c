"""The SECI taxonomy in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Instansi, SeciMode


class SeciModeViewSet(SnippetViewSet):
    model = SeciMode
    icon = "cogs"
    menu_label = "Mode SECI"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "code", "position"]


register_snippet(SeciModeViewSet)


class InstansiViewSet(SnippetViewSet):
    model = Instansi
    icon = "site"
    menu_label = "Instansi"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "kind", "province", "zone_label"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]


register_snippet(InstansiViewSet)
