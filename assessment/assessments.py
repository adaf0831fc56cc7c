"""A self-assessment: one per instansi per year on the rubric version current when it began, an answer per
indicator, and the evidence behind each answer.

The status follows the SIPINTER stages of the KASN deck (Belum Input, Sedang Input, Selesai Input), then the
ketua submits and KASN verifies in rounds (`rounds.py`). Answers keep Wagtail revisions, so what the team
said at each submission can be compared with what it says now.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from meritopedia.models import Aspect, Indicator, IndicatorLevel, RubricVersion
from portal.demo_content import DemoContent
from portal.models import Instansi


class SelfAssessment(DemoContent, models.Model):
    BELUM, SEDANG, SELESAI = "belum_input", "sedang_input", "selesai_input"
    DIAJUKAN, PERBAIKAN, DITETAPKAN = "diajukan", "perbaikan", "ditetapkan"
    STATUS_CHOICES = [
        (BELUM, _("Belum Input")),
        (SEDANG, _("Sedang Input")),
        (SELESAI, _("Selesai Input")),
        (DIAJUKAN, _("Diajukan, menunggu verifikasi")),
        (PERBAIKAN, _("Perbaikan setelah verifikasi")),
        (DITETAPKAN, _("Hasil ditetapkan")),
    ]
    EDITABLE = (BELUM, SEDANG, SELESAI)

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("Tahun"))
    version = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Status"), max_length=16, choices=STATUS_CHOICES, default=BELUM)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The determined result (Pasal 17): set when the Verifikasi Akhir round closes.
    verified_points = models.DecimalField(_("Nilai verifikasi"), max_digits=6, decimal_places=1, null=True)
    index = models.DecimalField(_("Indeks Sistem Merit"), max_digits=4, decimal_places=2, null=True)
    category = models.CharField(_("Kategori"), max_length=40, blank=True)
    determined_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("Diterbitkan KASN"), null=True, blank=True)

    class Meta:
        ordering = ["instansi", "-year"]
        constraints = [models.UniqueConstraint(fields=["instansi", "year"], name="one_assessment_per_year")]
        verbose_name = _("Penilaian mandiri")
        verbose_name_plural = _("Penilaian mandiri")

    def __str__(self):
        return f"{self.instansi} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("assessment_year", args=[self.year])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE or self.status == self.PERBAIKAN

    @property
    def self_points(self) -> Decimal:
        return sum((a.points or Decimal(0) for a in self.answers.all()), Decimal(0))

    def refresh_status(self) -> None:
        """Belum → Sedang → Selesai Input, read from the answers' progress while the team is still filling in."""
        if self.status not in self.EDITABLE:
            return
        progress = list(self.answers.values_list("progress", flat=True))
        if progress and all(p == Answer.SIAP for p in progress):
            status = self.SELESAI
        elif any(p != Answer.BELUM for p in progress):
            status = self.SEDANG
        else:
            status = self.BELUM
        if status != self.status:
            SelfAssessment.objects.filter(pk=self.pk).update(status=status)
            self.status = status


class Answer(RevisionMixin, models.Model):
    """The team's answer on one indicator. `lock_version` makes two members' saves of the same answer meet as a
    conflict instead of the later silently replacing the earlier."""

    BELUM, SEDANG, SIAP = "belum", "sedang", "siap"
    PROGRESS_CHOICES = [(BELUM, _("Belum diisi")), (SEDANG, _("Sedang diisi")), (SIAP, _("Siap"))]

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        IndicatorLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Tingkat")
    )
    points = models.DecimalField(_("Nilai mandiri"), max_digits=5, decimal_places=1, null=True, blank=True)
    narrative = models.TextField(_("Uraian"), blank=True)
    progress = models.CharField(_("Kemajuan"), max_length=8, choices=PROGRESS_CHOICES, default=BELUM)
    needs_recheck = models.BooleanField(
        _("Perlu dicek ulang"), default=False, help_text=_("Disalin dari penilaian tahun lalu; belum diperiksa.")
    )
    revision_open = models.BooleanField(_("Boleh diperbaiki"), default=False)
    lock_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator__aspect__position", "indicator__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="one_answer_per_indicator")]
        verbose_name = _("Jawaban indikator")
        verbose_name_plural = _("Jawaban indikator")

    def __str__(self):
        return f"{self.assessment} {self.indicator.code}"

    @property
    def is_locked(self) -> bool:
        status = self.assessment.status
        if status in SelfAssessment.EDITABLE:
            return False
        return not (status == SelfAssessment.PERBAIKAN and self.revision_open)

    def clean_level(self, level: IndicatorLevel | None) -> None:
        if level is not None and level.indicator_id != self.indicator_id:
            raise ValidationError(
                gettext("Tingkat yang dipilih bukan bagian dari skala indikator %(code)s.")
                % {"code": self.indicator.code}
            )


def evidence_storage():
    return storages["assessment_evidence"]


class Evidence(models.Model):
    """A file (checked like a practice's attachments) or a link; removing one keeps the row, marked removed."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField(_("Nama berkas"), max_length=200, blank=True)
    kind = models.CharField(_("Jenis"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("Ukuran (byte)"), default=0)
    url = models.URLField(_("Tautan"), max_length=500, blank=True)
    title = models.CharField(_("Keterangan"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("Bukti dukung")
        verbose_name_plural = _("Bukti dukung")

    def __str__(self):
        return self.original_name or self.title or self.url

    @property
    def download_url(self) -> str:
        if not self.file:
            return self.url
        return reverse("assessment_evidence", args=[self.pk, self.original_name])


def aspects_of(assessment: SelfAssessment):
    return Aspect.objects.filter(version=assessment.version).order_by("position")
