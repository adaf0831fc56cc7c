"""Good practices (praktik baik): what one instansi did to meet an indicator, told by its own staff.

Members submit a practice from the site; it becomes a draft page under /praktik-baik/ and enters the workflow
"Moderasi praktik baik", so it is published only when a KASN editor approves it. Where a submission stands is
read from Wagtail's own workflow records (see `PracticeStatus`), never kept twice.

Evidence files live in their own storage, outside MEDIA_ROOT, and are served only through `attachment` (in
`views.py`), which checks that the practice is live or that the reader is its author or an editor: a draft's
evidence never leaks through a guessable media URL.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.search import index

from meritopedia.models import Aspect, Indicator
from portal.cache import page_tag, purge_on_change
from portal.models import DemoContent, FiledUnderSeci, Instansi, SeciMode
from portal.searchable import SearchResult

from .members import public_name


def attachment_storage():
    return storages["practice_attachments"]


class PracticeIndexPage(Page):
    """/praktik-baik/: published practices, filterable by aspect and kind of instansi. Members share theirs at the
    fixed addresses of `cop.urls` (`/praktik-baik/kirim/`, `/praktik-baik/kiriman/<id>/`)."""

    intro = models.TextField("Pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cop.GoodPracticePage"]
    max_count = 1

    class Meta:
        verbose_name = "Indeks praktik baik"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practices = (
            GoodPracticePage.objects.child_of(self)
            .live()
            .public()
            .select_related("instansi", "aspect")
            .order_by("-first_published_at")
        )
        aspect = request.GET.get("aspek", "")[:60]
        kind = request.GET.get("jenis", "")[:20]
        if aspect:
            practices = practices.filter(aspect__slug=aspect)
        if kind:
            practices = practices.filter(instansi__kind=kind)
        context.update(
            practices=practices[:100],
            chosen={"aspek": aspect, "jenis": kind},
            aspects=Aspect.objects.filter(version__is_current=True),
            kinds=Instansi.KIND_CHOICES,
        )
        return context


class GoodPracticePage(FiledUnderSeci, DemoContent, Page):
    """One instansi's practice: the problem, what they did, the results with figures, and the lessons."""

    instansi = models.ForeignKey(
        Instansi, null=True, blank=True, on_delete=models.SET_NULL, related_name="practices", verbose_name="Instansi"
    )
    aspect = models.ForeignKey(
        Aspect, null=True, blank=True, on_delete=models.SET_NULL, related_name="practices", verbose_name="Aspek"
    )
    indicators = ParentalManyToManyField(Indicator, blank=True, related_name="practices", verbose_name="Indikator")
    problem = models.TextField(_("Masalah yang dihadapi"))
    action = models.TextField(_("Apa yang dilakukan"))
    results = models.TextField(_("Hasil (dengan angka)"))
    lessons = models.TextField(_("Pelajaran"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_practices",
        verbose_name="Dikirim oleh",
    )
    seci_mode = models.ForeignKey(
        SeciMode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Mode SECI"
    )
    default_seci = "eksternalisasi"  # a member's tacit know-how written down for others

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("instansi"), FieldPanel("aspect")]), FieldPanel("indicators")],
            heading="Instansi dan rubrik",
        ),
        FieldPanel("problem"),
        FieldPanel("action"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        FieldPanel("seci_mode"),
        FieldPanel("submitted_by", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("problem"),
        index.SearchField("action"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.RelatedFields("instansi", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]
    search_result = SearchResult(aspects=("aspect",), indicators=("indicators",), seci="seci_mode")
    api_fields = [
        APIField("instansi_name"),
        APIField("indicator_codes"),
        APIField("problem"),
        APIField("action"),
        APIField("results"),
        APIField("lessons"),
        APIField("credit"),
    ]
    parent_page_types = ["cop.PracticeIndexPage"]
    subpage_types = []
    listing_order = ["-first_published_at"]

    class Meta:
        verbose_name = "Praktik baik"
        verbose_name_plural = "Praktik baik"

    @property
    def instansi_name(self) -> str:
        return self.instansi.name if self.instansi else ""

    @property
    def indicator_codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators.all()]

    @property
    def credit(self) -> str:
        """The member credited on the published page, by the name they are shown to others (`public_name`)."""
        return public_name(self.submitted_by) if self.submitted_by else ""

    @property
    def sections(self):
        return [
            (gettext("Masalah yang dihadapi"), self.problem),
            (gettext("Apa yang dilakukan"), self.action),
            (pgettext("praktik baik", "Hasil"), self.results),
            (gettext("Pelajaran"), self.lessons),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            indicator_list=self.indicators.select_related("page", "aspect"),
            attachment_list=self.attachments.all(),
        )
        return context


class PracticeAttachment(models.Model):
    """An evidence file of a practice. Not part of the page's revisions: files are kept once, and a member's edit
    adds or removes them at once, whatever revision the editors look at."""

    practice = models.ForeignKey(GoodPracticePage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=attachment_storage, upload_to="praktik-baik/%Y/%m/", max_length=255)
    original_name = models.CharField("Nama berkas", max_length=200)
    kind = models.CharField("Jenis", max_length=10)
    size = models.PositiveIntegerField("Ukuran (byte)")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = "Lampiran praktik baik"
        verbose_name_plural = "Lampiran praktik baik"

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in ("jpg", "png")

    @property
    def url(self) -> str:
        return reverse("practice_attachment", args=[self.pk, self.original_name])


@dataclass
class PracticeStatus:
    """Where a member's submission stands, read from the page and its latest workflow state."""

    code: str  # terbit, ditinjau, perbaikan, ditolak, draf
    label: str
    comment: str = ""

    @property
    def editable(self) -> bool:
        return self.code == "perbaikan"

    @classmethod
    def of(cls, page: GoodPracticePage, workflow_state: WorkflowState | None = None) -> "PracticeStatus":
        if workflow_state is None:
            workflow_state = (
                WorkflowState.objects.for_instance(page).select_related("current_task_state").order_by("-pk").first()
            )
        state = workflow_state.status if workflow_state else None
        task = workflow_state.current_task_state if workflow_state else None
        if state == WorkflowState.STATUS_NEEDS_CHANGES:
            return cls("perbaikan", gettext("Perlu perbaikan"), task.comment if task else "")
        if state == WorkflowState.STATUS_IN_PROGRESS:
            return cls("ditinjau", gettext("Menunggu tinjauan editor"))
        if state == WorkflowState.STATUS_CANCELLED and task and task.status == TaskState.STATUS_REJECTED:
            return cls("ditolak", pgettext("praktik baik", "Ditolak"), task.comment)
        if page.live:
            return cls("terbit", gettext("Terbit"))
        if state == WorkflowState.STATUS_CANCELLED:
            return cls("ditolak", gettext("Dibatalkan oleh editor"))
        return cls("draf", gettext("Draf"))


# A live practice's evidence list is on its page; a member's edit adds and removes files on their own.
purge_on_change(PracticeAttachment, tags=lambda attachment: [page_tag(attachment.practice_id)])
