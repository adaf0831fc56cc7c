"""Meritopedia in the Wagtail admin: the rubric and the glossary as snippets, grouped under one menu."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .articles import ArticlePage
from .choosers import clause_chooser_viewset
from .glossary import GlossaryTerm
from .rubric import Aspect, CategoryBand, Indicator, RubricVersion


class RubricVersionViewSet(SnippetViewSet):
    model = RubricVersion
    icon = "list-ol"
    list_display = ["name", "is_current", "points_source"]


class AspectViewSet(SnippetViewSet):
    model = Aspect
    icon = "folder-open-inverse"
    list_display = ["letter", "name", "max_points", "version"]
    list_filter = ["version"]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "tick-inverse"
    list_display = ["code", "aspect", "sub_aspect"]
    list_filter = ["aspect"]
    search_fields = ["code"]


class CategoryBandViewSet(SnippetViewSet):
    model = CategoryBand
    icon = "order"
    list_display = ["name", "min_points", "max_points", "scale", "version"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    list_display = ["term", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["term", "acronym", "definition"]


class MeritopediaGroup(SnippetViewSetGroup):
    menu_label = "Meritopedia"
    menu_icon = "table"
    menu_order = 200
    items = (RubricVersionViewSet, AspectViewSet, IndicatorViewSet, CategoryBandViewSet, GlossaryTermViewSet)


register_snippet(MeritopediaGroup)


def stale_articles(request):
    """Articles past their review date, oldest first: the editors' to-do list."""
    articles = ArticlePage.objects.filter(review_date__lt=timezone.localdate()).order_by("review_date")
    return TemplateResponse(request, "meritopedia/admin/stale_articles.html", {"articles": articles})


@hooks.register("register_admin_urls")
def register_stale_articles_url():
    return [path("artikel-perlu-ditinjau/", stale_articles, name="stale_articles")]


@hooks.register("register_reports_menu_item")
def register_stale_articles_menu_item():
    return MenuItem(_("Artikel perlu ditinjau"), reverse("stale_articles"), icon_name="time", order=700)


@hooks.register("register_admin_viewset")
def register_clause_chooser():
    return clause_chooser_viewset
