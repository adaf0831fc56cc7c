"""Guidance pages: one per aspect and one per indicator, where an instansi's assessment team reads what an
indicator asks, the clause behind it, and the evidence that shows it.

The rubric itself is data (`rubric.py`): these pages carry only what editors write about it, and point at
the `Aspect`/`Indicator` rows, so a new rubric version does not rewrite anyone's guidance.
"""

from typing import NamedTuple

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.cache import type_tag
from portal.searchable import SearchResult

from .glossary import GLOSSARY, terms_in
from .regulations import REGULATION, Clause
from .rubric import RUBRIC, Aspect, Indicator


class AspectPage(Page):
    """/rubrik/<aspek>/: an aspect, its points and its indicators."""

    aspect = models.OneToOneField(Aspect, on_delete=models.PROTECT, related_name="page", verbose_name=_("Aspek"))
    guidance = RichTextField(_("Panduan"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("aspect"), FieldPanel("guidance")]
    search_fields = Page.search_fields + [index.SearchField("guidance")]
    search_result = SearchResult(aspects=("aspect",))
    parent_page_types = ["meritopedia.RubricPage"]
    subpage_types = ["meritopedia.IndicatorPage"]

    class Meta:
        verbose_name = _("Halaman aspek")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        aspect = Aspect.objects.select_related("version", "clause__regulation", "source_clause").get(pk=self.aspect_id)
        context["aspect"] = aspect
        context["indicator_pages"] = (
            IndicatorPage.objects.child_of(self)
            .live()
            .public()
            .select_related("indicator__clause")
            .order_by("indicator__position")
        )
        return context


class GuidanceSection(NamedTuple):
    """One of the three written parts of an indicator page, as the template and the members' proposals see it."""

    field: str  # the RichTextField; its credit is `<field>_credit`
    anchor: str
    title: str
    text: str = ""
    credit: str = ""


class IndicatorPage(Page):
    """/rubrik/<aspek>/<kode>/: what one indicator asks, the clause verbatim, and editors' guidance.

    A section may be written by a member and approved by KASN's editors (the CoP's guidance proposals, which sit
    above this app): the approval writes the text and `<section>_credit` here, in a page revision, so the page shows
    who contributed it without knowing about proposals, and an editor rewriting the section clears the credit."""

    GUIDANCE_SECTIONS = [
        GuidanceSection("meaning", "maksud", _("Maksud indikator")),
        GuidanceSection("evidence", "bukti-dukung", _("Bukti dukung yang lazim")),
        GuidanceSection("common_mistakes", "kesalahan-umum", _("Kesalahan yang sering terjadi")),
    ]

    indicator = models.OneToOneField(
        Indicator, on_delete=models.PROTECT, related_name="page", verbose_name=_("Indikator")
    )
    meaning = RichTextField(_("Maksud indikator"), blank=True)
    evidence = RichTextField(_("Bukti dukung yang lazim"), blank=True)
    common_mistakes = RichTextField(_("Kesalahan yang sering terjadi"), blank=True)
    meaning_credit = models.CharField(_("Maksud indikator disumbangkan oleh"), max_length=255, blank=True)
    evidence_credit = models.CharField(_("Bukti dukung disumbangkan oleh"), max_length=255, blank=True)
    common_mistakes_credit = models.CharField(_("Kesalahan umum disumbangkan oleh"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("indicator"),
        FieldPanel("meaning"),
        FieldPanel("meaning_credit"),
        FieldPanel("evidence"),
        FieldPanel("evidence_credit"),
        FieldPanel("common_mistakes"),
        FieldPanel("common_mistakes_credit"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("meaning"),
        index.SearchField("evidence"),
        index.SearchField("common_mistakes"),
        index.RelatedFields("indicator", [index.SearchField("code")]),
    ]
    search_result = SearchResult(indicators=("indicator",), rubric_item=True, citation="citation")
    api_fields = [
        APIField("code"),
        APIField("clause_text"),
        APIField("clause_anchor"),
        APIField("citation"),
        APIField("meaning"),
        APIField("evidence"),
        APIField("common_mistakes"),
    ]
    parent_page_types = ["meritopedia.AspectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Halaman indikator")

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def clause_text(self) -> str:
        return self.indicator.clause.text

    @property
    def clause_anchor(self) -> str:
        return self.indicator.clause.anchor

    @property
    def citation(self) -> str:
        return self.indicator.clause.citation

    @property
    def guidance_sections(self) -> list[GuidanceSection]:
        return [
            section._replace(text=getattr(self, section.field), credit=getattr(self, f"{section.field}_credit"))
            for section in self.GUIDANCE_SECTIONS
        ]

    @property
    def missing_sections(self) -> list[GuidanceSection]:
        """The sections KASN has not written yet: the page leads to what exists instead, and members may propose."""
        return [section for section in self.guidance_sections if not section.text]

    @staticmethod
    def slug_for(code: str) -> str:
        return code.replace(".", "-")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        indicator = (
            Indicator.objects.select_related("aspect__version", "clause__regulation", "clause__parent")
            .prefetch_related("clause__children")
            .filter(pk=self.indicator_id)
            .first()
        )
        if indicator is None:
            raise Http404("Indikator tidak ada lagi di rubrik.")
        context["indicator"] = indicator
        context["aspect_page"] = self.get_parent()
        context["linked_content"] = self.linked_content(indicator)
        if self.missing_sections:
            context.update(self.while_unwritten(indicator))
        return context

    @staticmethod
    def while_unwritten(indicator) -> dict:
        """What a reader can use while a section is unwritten: the clauses the indicator's words cite (its own
        huruf, the ayat it completes, its sub-points; one query) and the glossary terms in those words (none: the
        link table is cached)."""
        clause = indicator.clause
        words = [clause, *([clause.parent] if clause.parent else []), *clause.children.all()]
        return {
            "cited_clauses": Clause.cited_by(words),
            "glossary_terms": terms_in(*(item.text for item in words)),
        }

    @property
    def cache_tags(self):
        """The rubric, its clause, glossary links, and every page type that names indicators (`linked_content`)."""
        return (RUBRIC, REGULATION, GLOSSARY, *(type_tag(model) for model, _ in _pages_naming_indicators()))

    @staticmethod
    def linked_content(indicator) -> list[tuple[str, list[Page]]]:
        """Everything that names this indicator, by type: any page model with a many-to-many field to
        `Indicator` (articles, handbook chapters, and the CoP's pages, which sit above this app and cannot be
        imported here). One query per type, however many items are linked."""
        groups = []
        private = Page.objects.private_q()  # one look at the view restrictions, shared by every type
        for model, field in _pages_naming_indicators():
            items = (
                model.objects.live()
                .exclude(private)
                .filter(**{field: indicator})
                .order_by(*getattr(model, "listing_order", ["-first_published_at"]))
            )
            groups.append((model._meta.verbose_name_plural, list(items)))
        return groups


def _pages_naming_indicators() -> list[tuple[type[Page], str]]:
    """(page model, field) for every page model with a many-to-many field to `Indicator`."""
    return [
        (relation.related_model, relation.field.name)
        for relation in Indicator._meta.related_objects
        if relation.many_to_many and issubclass(relation.related_model, Page)
    ]
