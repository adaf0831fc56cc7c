"""Meritopedia articles: KASN's explanations of the rubric, linked to the aspects and indicators they explain.

An article names its indicators explicitly (a many-to-many field, not a guess from its text) so the
indicator page can gather "articles about this indicator" in one query.
"""

import copy
import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from portal.blocks import BodyBlock
from portal.models import SECI, DemoContent, FiledUnderSeci, SeciMode
from portal.searchable import SearchResult

from .choosers import ClauseChooserBlock
from .glossary import GLOSSARY
from .regulations import REGULATION
from .rubric import RUBRIC, Aspect, Indicator


class IndicatorChooserBlock(SnippetChooserBlock):
    """An indicator reference in a body. Every reference in the body loads in one query together with the clause,
    regulation and guidance page that the rendered reference shows (Wagtail's block loads the bare rows, and each
    reference then costs three more queries)."""

    def bulk_to_python(self, values):
        loaded = Indicator.objects.select_related("clause__regulation", "page").in_bulk(values)
        return [copy.copy(loaded[pk]) if pk in loaded else None for pk in values]


class ArticleBodyBlock(BodyBlock):
    """The shared body blocks plus references to the rubric, rendered as links to the clause and indicator."""

    indicator = IndicatorChooserBlock(
        "meritopedia.Indicator", label=_("Rujukan indikator"), template="blocks/indicator_reference_block.html"
    )
    clause = ClauseChooserBlock(label=_("Rujukan ketentuan"), template="blocks/clause_reference_block.html")
    note = blocks.StructBlock(
        [("title", blocks.CharBlock(label=_("Judul"))), ("text", blocks.RichTextBlock(label=_("Isi")))],
        label=_("Catatan samping"),
        template="blocks/note_block.html",
        icon="help",
    )


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("meritopedia.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(FiledUnderSeci, DemoContent, Page):
    intro = models.TextField(_("Ringkasan"), max_length=500)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Isi"))
    publication_date = models.DateField(_("Tanggal terbit"), default=datetime.date.today)
    review_date = models.DateField(
        _("Tanggal tinjau ulang"),
        null=True,
        blank=True,
        help_text=_("Setelah tanggal ini artikel masuk daftar perlu ditinjau."),
    )
    aspects = ParentalManyToManyField(Aspect, blank=True, related_name="articles", verbose_name=_("Aspek"))
    indicators = ParentalManyToManyField(Indicator, blank=True, related_name="articles", verbose_name=_("Indikator"))
    seci_mode = models.ForeignKey(
        SeciMode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("Mode SECI")
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("Tag"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Penulis"), min_num=1),
        MultiFieldPanel([FieldPanel("publication_date"), FieldPanel("review_date")], heading=_("Tanggal")),
        MultiFieldPanel(
            [FieldPanel("aspects"), FieldPanel("indicators"), FieldPanel("seci_mode"), FieldPanel("tags")],
            heading=_("Kaitan dengan rubrik"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]
    search_result = SearchResult(
        aspects=("aspects",), indicators=("indicators",), seci="seci_mode", year="publication_date"
    )
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("publication_date"),
        APIField("review_date"),
        APIField("indicator_codes"),
        APIField("author_names"),
    ]
    parent_page_types = ["meritopedia.MeritopediaIndexPage"]
    cache_tags = (RUBRIC, REGULATION, GLOSSARY, SECI)  # references, glossary links, its SECI mode
    subpage_types = []
    listing_order = ["-publication_date"]
    default_seci = "kombinasi"  # explicit knowledge organised for others

    class Meta:
        verbose_name = _("Artikel Meritopedia")
        verbose_name_plural = _("Artikel Meritopedia")

    @property
    def indicator_codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators.all()]

    @property
    def author_names(self) -> list[str]:
        return [author.name for author in self.authors.all()]

    @property
    def is_stale(self) -> bool:
        return bool(self.review_date and self.review_date < timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["indicator_list"] = self.indicators.select_related("clause__regulation", "page")
        context["author_list"] = self.authors.all()
        return context


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("Nama"), max_length=120)
    affiliation = models.CharField(_("Instansi/unit"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("affiliation")]

    def __str__(self):
        return self.name
