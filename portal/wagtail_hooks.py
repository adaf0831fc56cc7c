"""The SECI taxonomy and the instansi register in the Wagtail admin; what a served page shows, for the page cache."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .cache import shows, tags_of_page
from .models import Instansi, SeciMode


class SeciModeViewSet(SnippetViewSet):
    model = SeciMode
    icon = "cogs"
    menu_label = _("Mode SECI")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "code", "position"]


register_snippet(SeciModeViewSet)


class InstansiViewSet(SnippetViewSet):
    model = Instansi
    icon = "site"
    menu_label = _("Instansi")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "kind", "province", "zone_label"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]


register_snippet(InstansiViewSet)


@hooks.register("before_serve_page")
def _declare_what_the_page_shows(page, request, serve_args, serve_kwargs):
    """Every page served is kept in the page cache under what it shows (`portal.cache`)."""
    shows(request, *tags_of_page(page))
