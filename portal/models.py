"""The home page, plain content pages and the SECI taxonomy that every other app files content under."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock
from .cache import CONTENT, purge_on_change
from .demo_content import DemoContent
from .instansi import Instansi
from .languages import in_current_language

__all__ = [
    "SECI",
    "DemoContent",
    "FiledUnderSeci",
    "HomePage",
    "Instansi",
    "SeciActivity",
    "SeciMode",
    "SeciPage",
    "StandardPage",
]


SECI = "seci"  # the four modes and their activities


class HomePage(Page):
    """The portal's front door: what it is, and the way to each section (the children shown in menus)."""

    intro = models.TextField(_("Pengantar"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Isi"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Beranda")

    cache_tags = (SECI,)  # and the sections, which are the menu

    def get_default_translation(self):
        return self.get_translation_or_none(Locale.get_default()) or self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections are the Indonesian home's, each shown in the visitor's language where translated.
        original = self if translation.get_language() == settings.LANGUAGE_CODE else self.get_default_translation()
        sections = original.get_children().live().public().in_menu().select_related("locale").specific()
        context["sections"] = in_current_language(sections)
        context["seci_modes"] = SeciMode.objects.prefetch_related("activities")
        return context


class StandardPage(Page):
    """A page of free text, figures and tables (e.g. "Fakta Sistem Merit")."""

    intro = models.TextField(_("Pengantar"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Isi"))
    source_note = models.CharField(
        _("Sumber"), max_length=255, blank=True, help_text=_("Dari mana isi halaman ini berasal.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("source_note")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Halaman standar")


class SeciPage(Page):
    """/seci/: the four modes, and for each the Lab activities and the content filed under it.

    Content apps sit above `portal`, so this page does not import them: anything with a foreign key to
    `SeciMode` is content filed under a mode, and is listed here (live pages only).
    """

    intro = models.TextField(_("Pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Halaman SECI")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modes = list(SeciMode.objects.prefetch_related("activities"))
        filed = [
            relation
            for relation in SeciMode._meta.related_objects
            if relation.one_to_many and relation.related_model is not SeciActivity
        ]
        by_mode = {mode.pk: mode for mode in modes}
        for mode in modes:
            mode.content = []
        for relation in filed:
            items = relation.related_model.objects.filter(**{f"{relation.field.name}__in": modes})
            if issubclass(relation.related_model, Page):
                items = items.live().public()
            items = list(items)
            # A model whose items link somewhere other than their own page fills in `url` for the lot at once.
            if hasattr(relation.related_model, "set_listing_urls"):
                relation.related_model.set_listing_urls(items)
            for item in items:
                by_mode[getattr(item, relation.field.attname)].content.append(item)
        context["modes"] = modes
        return context


class SeciMode(ClusterableModel):
    """One of the four knowledge-creation modes of the SECI model that the Lab Sistem Merit follows.

    Every piece of content (articles, events, practices) is filed under one mode, so the taxonomy lives
    here in `portal`, below every content app.
    """

    code = models.SlugField(_("Kode"), unique=True)
    name = models.CharField(_("Nama"), max_length=40)
    meaning = models.TextField(_("Makna"))
    meaning_source = models.CharField(_("Sumber makna"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("meaning"),
        FieldPanel("meaning_source"),
        FieldPanel("position"),
        InlinePanel("activities", label=_("Kegiatan Lab Sistem Merit")),
    ]

    class Meta:
        ordering = ["position"]
        verbose_name = _("Mode SECI")
        verbose_name_plural = _("Mode SECI")

    def __str__(self):
        return self.name


class FiledUnderSeci:
    """Content filed under a SECI mode (it has a `seci_mode` foreign key): a mode the editor leaves empty becomes
    the one the content's kind belongs to, `default_seci` or, for kinds that vary, `get_default_seci()`."""

    default_seci = ""

    def get_default_seci(self) -> str:
        return self.default_seci

    def save(self, *args, **kwargs):
        if self.seci_mode_id is None:
            self.seci_mode = SeciMode.objects.filter(code=self.get_default_seci()).first()
        super().save(*args, **kwargs)


class SeciActivity(Orderable):
    """A Lab Sistem Merit activity in one SECI mode, as the KASN deck lists it."""

    mode = ParentalKey(SeciMode, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("Kegiatan"), max_length=255)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("Kegiatan SECI")

    def __str__(self):
        return self.name


purge_on_change(SeciMode, SeciActivity, tags=(SECI, CONTENT))
