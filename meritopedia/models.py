"""Meritopedia's models live in one module per domain noun; Django finds them through these imports."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import BodyBlock

from .articles import ArticleAuthor, ArticlePage, ArticleTag
from .glossary import GlossaryPage, GlossaryTerm
from .guidance import AspectPage, IndicatorPage
from .handbook import HandbookChapterPage, HandbookPage
from .regulations import Clause, RegulationIndexPage, RegulationPage, RegulationRelation
from .rubric import (
    RUBRIC,
    Aspect,
    AspectScore,
    AssessmentResult,
    CategoryBand,
    Indicator,
    RubricPage,
    RubricVersion,
)
from .scale import IndicatorLevel

__all__ = [
    "RUBRIC",
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Aspect",
    "AspectPage",
    "AspectScore",
    "AssessmentResult",
    "CategoryBand",
    "Clause",
    "GlossaryPage",
    "GlossaryTerm",
    "HandbookChapterPage",
    "HandbookPage",
    "Indicator",
    "IndicatorLevel",
    "IndicatorPage",
    "MeritopediaIndexPage",
    "RegulationIndexPage",
    "RegulationPage",
    "RegulationRelation",
    "RubricPage",
    "RubricVersion",
]


class MeritopediaIndexPage(Page):
    """/meritopedia/: the knowledge base's front page, leading to the rubric, regulations and glossary."""

    intro = models.TextField(_("Pengantar"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Isi"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Beranda Meritopedia")

    subpage_types = ["meritopedia.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-publication_date")
            .prefetch_related("authors")[:20]
        )
        home = self.get_parent()
        context["sections"] = (
            home.get_children().live().public().type(RegulationIndexPage, RubricPage, GlossaryPage).specific()
        )
        return context
