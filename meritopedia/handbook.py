"""The Handbook Sistem Merit: a book whose chapters are pages, read online, printed, or downloaded as one PDF.

Chapters are child pages (not blocks of one long page) so that each has its own URL, revisions and
moderation, and editors order them by moving pages in the explorer; the book's order is the page tree's.
The PDF is built from the same templates as the printable view and kept in media storage under a name
derived from every chapter's latest revision, so it is rebuilt exactly when a chapter changes.
"""

import difflib
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from portal.models import DemoContent, FiledUnderSeci, SeciMode
from portal.searchable import SearchResult

from .articles import ArticleBodyBlock
from .rubric import Indicator

logger = logging.getLogger(__name__)

# Bump when the PDF template changes, so books cached with the old layout are rebuilt.
PDF_LAYOUT_VERSION = "1"


class HandbookPage(FiledUnderSeci, RoutablePageMixin, Page):
    """/handbook/: the table of contents, plus /cetak/ (the whole book on one page) and /pdf/."""

    intro = models.TextField(_("Pengantar"), blank=True)
    edition = models.CharField(_("Edisi"), max_length=60, blank=True, help_text=_("Mis. Edisi 2026"))
    seci_mode = models.ForeignKey(
        SeciMode,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handbooks",
        verbose_name=_("Mode SECI"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("edition"), FieldPanel("seci_mode")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    search_result = SearchResult(seci="seci_mode")
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["meritopedia.HandbookChapterPage"]
    default_seci = "kombinasi"  # a book of explicit knowledge put together

    class Meta:
        verbose_name = _("Handbook")

    def chapters(self):
        """The live chapters in the editors' order (the order of the page tree)."""
        return HandbookChapterPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = list(self.chapters())
        return context

    @path("cetak/")
    def printable(self, request):
        """The whole book on one page, for the browser's print dialog."""
        return self.render(
            request,
            template="meritopedia/handbook_print.html",
            context_overrides={"chapters": self._chapters_with_bodies()},
        )

    @path("pdf/")
    def pdf(self, request):
        chapters = self._chapters_with_bodies()
        name = self.pdf_name(chapters)
        if not default_storage.exists(name):
            try:
                import weasyprint  # needs Pango from the system, which only the PDF needs
            except (ImportError, OSError):
                logger.exception("WeasyPrint cannot load; the handbook PDF is unavailable")
                return render(request, "meritopedia/handbook_pdf_unavailable.html", {"page": self}, status=503)
            html = render_to_string(
                "meritopedia/handbook_pdf.html", {"page": self, "chapters": chapters}, request=request
            )
            data = weasyprint.HTML(
                string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_media_fetcher()
            ).write_pdf()
            self._forget_old_pdfs()
            default_storage.save(name, ContentFile(data))
        return FileResponse(default_storage.open(name), content_type="application/pdf", filename=f"{self.slug}.pdf")

    def pdf_name(self, chapters=None) -> str:
        """Where this book's PDF is stored: the name changes whenever the book or any chapter is republished,
        moved, added or removed, which is what invalidates the cached file."""
        chapters = self.chapters() if chapters is None else chapters
        state = [PDF_LAYOUT_VERSION, self.latest_revision_id, self.title, self.edition]
        state += [(c.pk, c.latest_revision_id, c.path) for c in chapters]
        digest = hashlib.sha256(repr(state).encode()).hexdigest()[:16]
        return f"handbook/{self.slug}-{digest}.pdf"

    def route(self, request, path_components):
        """An unknown chapter gets a 404 that suggests the nearest chapter titles, not the site's generic one."""
        try:
            return super().route(request, path_components)
        except Http404:
            if self.live and len(path_components) == 1:
                return RouteResult(self, args=(self.chapter_not_found, [path_components[0]], {}))
            raise

    def chapter_not_found(self, request, slug):
        chapters = list(self.chapters())
        by_key = {c.slug: c for c in chapters} | {c.title.lower(): c for c in chapters}
        matches = difflib.get_close_matches(slug.replace("-", " ").lower(), list(by_key), n=6, cutoff=0.4)
        matches += difflib.get_close_matches(slug.lower(), list(by_key), n=6, cutoff=0.4)
        suggestions = list(dict.fromkeys(by_key[key] for key in matches))[:3]
        return render(
            request,
            "meritopedia/handbook_chapter_not_found.html",
            {"page": self, "slug": slug, "suggestions": suggestions, "chapters": chapters},
            status=404,
        )

    def _chapters_with_bodies(self):
        return list(self.chapters().prefetch_related("indicators"))

    def _forget_old_pdfs(self):
        try:
            _, files = default_storage.listdir("handbook")
        except FileNotFoundError:
            return
        for filename in files:
            if filename.startswith(f"{self.slug}-") and filename.endswith(".pdf"):
                default_storage.delete(f"handbook/{filename}")


def _media_fetcher():
    """WeasyPrint reads chapter images from the media folder directly instead of asking the web server for them
    (a single-threaded dev server would be waiting on itself), and fetches nothing from elsewhere."""
    from weasyprint import URLFetcher

    class MediaFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            marker = settings.MEDIA_URL
            if marker not in url:
                raise ValueError(f"PDF handbook tidak mengambil berkas dari luar: {url}")
            return super().fetch(Path(default_storage.path(url.split(marker, 1)[1])).as_uri(), headers)

    return MediaFetcher(allowed_protocols={"file"})


class HandbookChapterPage(FiledUnderSeci, DemoContent, Page):
    """One chapter: its own URL and revisions; its number is its place among the book's live chapters."""

    summary = models.TextField(_("Ringkasan bab"), max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Isi"))
    indicators = ParentalManyToManyField(
        Indicator, blank=True, related_name="handbook_chapters", verbose_name=_("Indikator")
    )
    seci_mode = models.ForeignKey(
        SeciMode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("Mode SECI")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("indicators"), FieldPanel("seci_mode")], heading=_("Kaitan dengan rubrik")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    search_result = SearchResult(indicators=("indicators",), seci="seci_mode")
    api_fields = [APIField("summary"), APIField("body")]
    parent_page_types = ["meritopedia.HandbookPage"]
    subpage_types = []
    listing_order = ["path"]
    default_seci = "kombinasi"

    class Meta:
        verbose_name = _("Bab handbook")
        verbose_name_plural = _("Bab handbook")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        handbook = HandbookPage.objects.parent_of(self).first()
        chapters = list(handbook.chapters().only("id", "title", "slug", "url_path", "path")) if handbook else []
        ids = [c.pk for c in chapters]
        position = ids.index(self.pk) if self.pk in ids else None
        context.update(
            handbook=handbook,
            chapters=chapters,
            number=position + 1 if position is not None else None,
            previous_chapter=chapters[position - 1] if position else None,
            next_chapter=chapters[position + 1] if position is not None and position + 1 < len(chapters) else None,
            indicator_list=self.indicators.select_related("clause__regulation", "page"),
        )
        return context
