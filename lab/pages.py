"""The Lab Sistem Merit in the page tree: KASN's daerah binaan, each followed through the four SECI activities of
the deck, from "belum menerapkan" to "menerapkan" Sistem Merit.

A daerah binaan's results come from the penilaian mandiri, and only those KASN has published: an assessment still
in verification, or determined but not published, never shows here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from assessment.assessments import SelfAssessment
from portal.cache import purge_on_change
from portal.instansi import INSTANSI
from portal.models import SECI, DemoContent, Instansi, SeciMode

LAB = "lab"  # cache tag: the lab's pages, which show published results


class LabIndexPage(Page):
    """/lab-sistem-merit/: what the lab is for, as the deck says it, and the daerah binaan KASN chose."""

    intro = models.TextField(_("Pengantar"), blank=True)
    intro_source = models.CharField(_("Sumber pengantar"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("intro_source")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["lab.DaerahBinaanPage"]
    max_count = 1
    cache_tags = (LAB, SECI)
    template = "lab/lab_index_page.html"

    class Meta:
        verbose_name = _("Lab Sistem Merit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = (
            DaerahBinaanPage.objects.child_of(self).live().public().select_related("instansi").order_by("title")
        )
        context["modes"] = SeciMode.objects.prefetch_related("activities")
        return context


class DaerahBinaanPage(DemoContent, Page):
    """One daerah binaan: why KASN chose it (the deck names the merit value and the region), where it stands, and
    its timeline through Sosialisasi, Eksternalisasi, Kombinasi and Internalisasi."""

    BELUM, MENERAPKAN = "belum", "menerapkan"
    STATUS_CHOICES = [(BELUM, _("Belum menerapkan Sistem Merit")), (MENERAPKAN, _("Menerapkan Sistem Merit"))]

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="+", verbose_name=_("Instansi"),
        limit_choices_to={"kind__in": ["provinsi", "kabupaten", "kota"]},
    )
    chosen_year = models.PositiveSmallIntegerField(_("Tahun ditetapkan sebagai daerah binaan"))
    status = models.CharField(_("Status"), max_length=12, choices=STATUS_CHOICES, default=BELUM)
    intro = models.TextField(_("Ringkasan"), blank=True)
    index_at_selection = models.DecimalField(
        _("Indeks Sistem Merit saat dipilih"), max_digits=4, decimal_places=2, null=True, blank=True,
        help_text=_("Kosongkan bila tidak diketahui; hasil penilaian yang diterbitkan KASN tampil dengan sendirinya."),
    )
    index_at_selection_source = models.CharField(_("Sumber indeks saat dipilih"), max_length=255, blank=True)
    region_reason = models.TextField(
        _("Pertimbangan wilayah"), blank=True, help_text=_("Mis. daerah 3T, jarak, kondisi yang dianggap sulit.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("instansi"),
        FieldRowPanel([FieldPanel("chosen_year"), FieldPanel("status")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_at_selection"), FieldPanel("index_at_selection_source")]),
                FieldPanel("region_reason"),
            ],
            heading=_("Pertimbangan pemilihan lokus"),
        ),
        InlinePanel("activities", heading=_("Kegiatan menurut model SECI"), label=_("Kegiatan")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("region_reason"),
        index.RelatedFields("activities", [index.SearchField("title"), index.SearchField("description")]),
    ]
    api_fields = [APIField("chosen_year"), APIField("status"), APIField("intro")]
    parent_page_types = ["lab.LabIndexPage"]
    subpage_types = []
    cache_tags = (LAB, SECI, INSTANSI)
    template = "lab/daerah_binaan_page.html"

    class Meta:
        verbose_name = _("Daerah binaan")
        verbose_name_plural = _("Daerah binaan")

    def published_results(self):
        """The instansi's results KASN determined and published, oldest first."""
        return list(
            SelfAssessment.objects.filter(
                instansi_id=self.instansi_id, status=SelfAssessment.DITETAPKAN, published_at__isnull=False
            )
            .only("year", "verified_points", "index", "category")
            .order_by("year")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        activities = list(
            self.activities.select_related("mode", "event").prefetch_related("articles").order_by("date", "sort_order")
        )
        visible = {page.pk for page in _live_public(activities)}
        modes = list(SeciMode.objects.prefetch_related("activities"))
        for mode in modes:
            mode.lab_items = [a for a in activities if a.mode_id == mode.pk]
        for activity in activities:
            activity.shown_event = activity.event if activity.event_id in visible else None
            activity.shown_articles = [article for article in activity.articles.all() if article.pk in visible]
        results = self.published_results()
        context.update(
            {
                "modes": modes,
                "results": results,
                "before": next((r for r in results if r.year <= self.chosen_year), None),
                "after": results[-1] if results and results[-1].year > self.chosen_year else None,
            }
        )
        return context


def _live_public(activities):
    """The linked events and articles a visitor may open, in one query: a draft or restricted page is not shown."""
    ids = {a.event_id for a in activities if a.event_id} | {p.pk for a in activities for p in a.articles.all()}
    return Page.objects.filter(pk__in=ids).live().public().only("pk") if ids else []


class LabActivity(Orderable, ClusterableModel):
    """One activity of the lab in a daerah binaan, filed under the SECI mode the deck puts it in."""

    page = ParentalKey(DaerahBinaanPage, on_delete=models.CASCADE, related_name="activities")
    mode = models.ForeignKey(SeciMode, on_delete=models.PROTECT, related_name="+", verbose_name=_("Mode SECI"))
    date = models.DateField(_("Tanggal"))
    title = models.CharField(_("Kegiatan"), max_length=200)
    description = models.TextField(_("Uraian"), blank=True)
    event = models.ForeignKey(
        "cop.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Acara CoP"),
    )
    articles = ParentalManyToManyField(
        "meritopedia.ArticlePage", blank=True, related_name="+", verbose_name=_("Artikel tentang metodenya")
    )

    panels = [
        FieldRowPanel([FieldPanel("mode"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("description"),
        PageChooserPanel("event", "cop.EventPage"),
        FieldPanel("articles"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Kegiatan Lab Sistem Merit")
        verbose_name_plural = _("Kegiatan Lab Sistem Merit")

    def __str__(self):
        return self.title


# A result KASN publishes (or withdraws) shows on the daerah binaan's page; assessments change rarely (submit,
# round closed, determined, published), so every save of one purges the lab's pages and nothing else.
purge_on_change(SelfAssessment, tags=(LAB,))
