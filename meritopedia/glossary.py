"""The glossary: the definitions of Pasal 1 and the acronyms used across the sources."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .regulations import Clause


class GlossaryTerm(index.Indexed, models.Model):
    KIND_CHOICES = [("definisi", "Definisi"), ("akronim", "Akronim")]

    term = models.CharField("Istilah", max_length=200)
    slug = models.SlugField(unique=True)
    acronym = models.CharField("Singkatan", max_length=40, blank=True, help_text='"disingkat ..." (ASN, PPK)')
    alias = models.CharField("Sebutan", max_length=120, blank=True, help_text='"disebut ..." (formasi)')
    definition = models.TextField("Definisi")
    kind = models.CharField("Jenis", max_length=10, choices=KIND_CHOICES)
    source_clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        verbose_name="Ketentuan sumber",
    )
    source_note = models.CharField("Sumber", max_length=255, blank=True)

    search_fields = [
        index.SearchField("term"),
        index.SearchField("acronym"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
        index.AutocompleteField("acronym"),
    ]
    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("acronym"),
        FieldPanel("alias"),
        FieldPanel("definition"),
        FieldPanel("kind"),
        FieldPanel("source_note"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "Istilah glosarium"
        verbose_name_plural = "Glosarium"

    def __str__(self):
        return f"{self.term} ({self.acronym})" if self.acronym else self.term

    @property
    def letter(self) -> str:
        return self.term[:1].upper()


class GlossaryPage(Page):
    """/glosarium/: every term A–Z with its definition and source clause."""

    intro = models.TextField("Pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Glosarium"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = list(GlossaryTerm.objects.select_related("source_clause__regulation").order_by("term"))
        letters: dict[str, list[GlossaryTerm]] = {}
        for term in terms:
            letters.setdefault(term.letter, []).append(term)
        context["letters"] = letters
        return context
