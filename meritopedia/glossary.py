"""The glossary: the definitions of Pasal 1 and the acronyms used across the sources, and the links from
article and handbook text to them."""

import re

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal.cache import CONTENT, purge_on_change
from portal.searchable import SearchResult

from .regulations import REGULATION, Clause

GLOSSARY = "glossary"  # the terms, for the page cache


class GlossaryTerm(index.Indexed, models.Model):
    KIND_CHOICES = [("definisi", _("Definisi")), ("akronim", _("Akronim"))]

    term = models.CharField(_("Istilah"), max_length=200)
    slug = models.SlugField(unique=True)
    acronym = models.CharField(_("Singkatan"), max_length=40, blank=True, help_text=_('"disingkat ..." (ASN, PPK)'))
    alias = models.CharField(_("Sebutan"), max_length=120, blank=True, help_text=_('"disebut ..." (formasi)'))
    definition = models.TextField(_("Definisi"))
    kind = models.CharField(_("Jenis"), max_length=10, choices=KIND_CHOICES)
    source_clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        verbose_name=_("Ketentuan sumber"),
    )
    source_note = models.CharField(_("Sumber"), max_length=255, blank=True)

    search_fields = [
        index.SearchField("term"),
        index.SearchField("acronym"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
        index.AutocompleteField("acronym"),
    ]
    search_result = SearchResult(shown_on="glossary_page", shown_at="slug", folds_into="defined_clause")
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
        verbose_name = _("Istilah glosarium")
        verbose_name_plural = _("Glosarium")

    def __str__(self):
        return f"{self.term} ({self.acronym})" if self.acronym else self.term

    @property
    def letter(self) -> str:
        return self.term[:1].upper()

    def glossary_page(self):
        """The public glossary page every term is shown on."""
        return GlossaryPage.objects.live().public().first()

    @property
    def defined_clause(self) -> Clause | None:
        """The clause this term is the definition of (Pasal 1 angka 7 defines Sistem Merit): one answer with it. An
        acronym's source clause is only where it is first used, so it counts only when that clause defines."""
        if not self.source_clause_id:
            return None
        if not GlossaryTerm.objects.filter(kind="definisi", source_clause_id=self.source_clause_id).exists():
            return None
        return self.source_clause


class GlossaryPage(Page):
    """/glosarium/: every term A–Z with its definition and source clause."""

    intro = models.TextField(_("Pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    cache_tags = (GLOSSARY, REGULATION)

    class Meta:
        verbose_name = _("Glosarium")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = list(GlossaryTerm.objects.select_related("source_clause__regulation").order_by("term"))
        letters: dict[str, list[GlossaryTerm]] = {}
        for term in terms:
            letters.setdefault(term.letter, []).append(term)
        context["letters"] = letters
        return context


# Text inside these elements is never linked: it is a link, a heading, code, or already a citation.
_SKIPPED_ELEMENTS = {
    "a",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "button",
    "figcaption",
    "script",
    "style",
}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_CACHE_KEY = "glossary-links"


def link_glossary_terms(html: str) -> str:
    """Link the first mention of each glossary term (its name case-insensitively, its acronym exactly) to
    its entry on /glosarium/. Works on rendered HTML, touching only text outside links and headings."""
    compiled = _link_table()
    if compiled is None:
        return html
    pattern, entries = compiled
    linked: set[str] = set()

    def replace(match):
        text = match.group(0)
        slug, url, definition = entries.get(text) or entries[text.lower()]
        if slug in linked:
            return text
        linked.add(slug)
        return f'<a class="glossary-term" href="{url}" title="{escape(definition)}">{text}</a>'

    skipping = 0
    out = []
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in _SKIPPED_ELEMENTS and not part.endswith("/>"):
                skipping = max(skipping + (-1 if tag.group(1) else 1), 0)
        elif part.strip() and not skipping:
            part = pattern.sub(replace, part)
        out.append(part)
    return mark_safe("".join(out))


def terms_in(*texts: str) -> list[tuple[str, str, str]]:
    """(the words as written, entry URL, definition) for each glossary term the texts mention, first mention first,
    matched as `link_glossary_terms` matches them: a reader of a clause can look its terms up in one list."""
    compiled = _link_table()
    if compiled is None:
        return []
    pattern, entries = compiled
    found: dict[str, tuple[str, str, str]] = {}
    for text in texts:
        for match in pattern.finditer(text or ""):
            words = match.group(0)
            slug, url, definition = entries.get(words) or entries[words.lower()]
            found.setdefault(slug, (words, url, definition))
    return list(found.values())


def _link_table():
    """(regex, {matched text: (slug, url, definition)}), built once and kept in the shared cache until a
    term changes; no glossary page means nothing to link to."""
    table = cache.get(_CACHE_KEY)
    if table is None:
        page = GlossaryPage.objects.live().public().first()
        entries: dict[str, tuple[str, str, str]] = {}
        phrases, acronyms = [], []
        if page is not None:
            for term in GlossaryTerm.objects.order_by("-kind", "term"):  # "definisi" before "akronim"
                target = (term.slug, f"{page.url}#{term.slug}", term.definition[:200])
                for phrase in (term.term, term.alias):
                    if len(phrase) >= 4 and phrase.lower() not in entries:
                        entries[phrase.lower()] = target
                        phrases.append(phrase)
                if len(term.acronym) >= 2 and term.acronym not in entries:
                    entries[term.acronym] = target
                    acronyms.append(term.acronym)
        table = (phrases, acronyms, entries)
        cache.set(_CACHE_KEY, table, 3600)
    phrases, acronyms, entries = table
    if not entries:
        return None
    alternatives = [f"(?i:{re.escape(p)})" for p in phrases] + [re.escape(a) for a in acronyms]
    alternatives.sort(key=len, reverse=True)  # the longest name wins: "Pegawai ASN" before "ASN"
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"), entries


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def _forget_link_table(**kwargs):
    cache.delete(_CACHE_KEY)


# A term shows on the glossary, wherever articles and chapters link it, and in search.
purge_on_change(GlossaryTerm, tags=(GLOSSARY, CONTENT))
