"""The Community of Practice programme: its front page and the event series it runs each year.

The 2022 series come from the KASN deck (coaching clinic, komunitas, podcast MERITO, talk show Bincang
Merit); single events, registrations and recordings hang off these series in later work.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from portal.blocks import BodyBlock
from portal.models import FiledUnderSeci, SeciMode


class EventSeries(FiledUnderSeci, ClusterableModel):
    """A recurring programme line in one year, e.g. "Talk show Bincang Merit 2022"."""

    TYPE_CHOICES = [
        ("coaching_clinic", _("Coaching clinic")),
        ("komunitas", _("Komunitas")),
        ("podcast", _("Podcast")),
        ("talk_show", _("Talk show")),
        ("fgd", _("FGD")),
        ("sosialisasi", _("Sosialisasi")),
        ("asistensi", _("Asistensi")),
    ]

    name = models.CharField("Nama", max_length=120)
    slug = models.SlugField(unique=True)
    event_type = models.CharField("Jenis kegiatan", max_length=20, choices=TYPE_CHOICES)
    year = models.PositiveSmallIntegerField("Tahun")
    period = models.CharField(
        "Periode",
        max_length=60,
        blank=True,
        help_text='Seperti tertulis di sumber, mis. "Maret - Juni"; kosong bila tidak disebut.',
    )
    description = models.TextField("Keterangan", blank=True)
    seci_mode = models.ForeignKey(SeciMode, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="Mode SECI")
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField("Sumber", max_length=255, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("event_type"),
        FieldPanel("year"),
        FieldPanel("period"),
        FieldPanel("description"),
        FieldPanel("seci_mode"),
        FieldPanel("source_note"),
        InlinePanel("topics", label="Topik"),
    ]

    class Meta:
        ordering = ["-year", "position"]
        verbose_name = "Rangkaian kegiatan"
        verbose_name_plural = "Rangkaian kegiatan"

    # Where each kind of activity sits in the SECI model when an editor does not say otherwise.
    DEFAULT_SECI = {
        "coaching_clinic": "sosialisasi",
        "komunitas": "sosialisasi",
        "fgd": "sosialisasi",
        "sosialisasi": "sosialisasi",
        "podcast": "eksternalisasi",
        "talk_show": "eksternalisasi",
        "asistensi": "internalisasi",
    }

    def __str__(self):
        return self.name

    def get_default_seci(self) -> str:
        return self.DEFAULT_SECI.get(self.event_type, "")

    @classmethod
    def set_listing_urls(cls, series_list) -> None:
        """A series has no page of its own: it links to its card on the CoP page (one query for the lot)."""
        page = CommunityPage.objects.live().first()
        for series in series_list:
            series.url = f"{page.url}#{series.slug}" if page else ""


class EventSeriesTopic(Orderable):
    series = ParentalKey(EventSeries, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField("Topik", max_length=200)

    panels = [FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Topik rangkaian"

    def __str__(self):
        return self.title


class CommunityPage(Page):
    """/cop/: what the Community of Practice is and the series it runs."""

    intro = models.TextField("Pengantar", blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Isi")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "Community of Practice"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series_list"] = EventSeries.objects.select_related("seci_mode").prefetch_related("topics")
        return context
