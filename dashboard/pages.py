"""The dashboard's place in the page tree: its entry in the site menu and the editors' introduction to it.

The dashboard itself is drawn by `dashboard.views` at /dasbor/ (Django's addresses come before Wagtail's), which
reads this page for its title and introduction; the page exists so the menu links to it and editors can word it.
"""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .figures import DASHBOARD


class DashboardPage(Page):
    intro = models.TextField(_("Pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    cache_tags = (DASHBOARD,)

    class Meta:
        verbose_name = _("Dasbor Sistem Merit")

    def serve(self, request, *args, **kwargs):
        """Only reached where Wagtail serves the page itself (a preview, another site): the dashboard is at
        /dasbor/."""
        return redirect("dashboard")
