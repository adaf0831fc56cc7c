"""Meritopedia in the Wagtail admin: the rubric and the glossary as snippets, grouped under one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
