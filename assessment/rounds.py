"""KASN's verification of a submitted self-assessment, in the four rounds of the KASN deck.

Each round opens when the ketua submits (or resubmits), the verifikator scores every indicator with a finding
and flags what must be revised, and closing it keeps the round's aspect scores. Closing the last round
(Verifikasi Akhir) determines the result.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meritopedia.models import Aspect, IndicatorLevel

from .assessments import Answer, SelfAssessment

ROUND_CHOICES = [
    (1, _("Verifikasi Awal")),
    (2, _("Asistensi 1")),
    (3, _("Asistensi 2")),
    (4, _("Verifikasi Akhir")),
]
LAST_ROUND = 4


class VerificationRound(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("Putaran"), choices=ROUND_CHOICES)
    submitted_at = models.DateTimeField(_("Diajukan tim"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("Selesai diverifikasi"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="one_round_per_number")]
        verbose_name = _("Putaran verifikasi")
        verbose_name_plural = _("Putaran verifikasi")

    def __str__(self):
        return f"{self.assessment}: {self.get_number_display()}"

    @property
    def is_last(self) -> bool:
        return self.number == LAST_ROUND

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class IndicatorReview(models.Model):
    """The verifikator's score and finding on one answer in one round."""

    round = models.ForeignKey(VerificationRound, on_delete=models.CASCADE, related_name="reviews")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews")
    level = models.ForeignKey(
        IndicatorLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Tingkat")
    )
    points = models.DecimalField(_("Nilai verifikasi"), max_digits=5, decimal_places=1, null=True, blank=True)
    finding = models.TextField(_("Temuan"), blank=True)
    needs_revision = models.BooleanField(_("Perlu diperbaiki"), default=False)
    lock_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "answer"], name="one_review_per_round")]
        verbose_name = _("Hasil verifikasi indikator")
        verbose_name_plural = _("Hasil verifikasi indikator")

    def __str__(self):
        return f"{self.round} {self.answer.indicator.code}"


class RoundAspectScore(models.Model):
    """An aspect's points when a round closed: what the team claimed and what the verifikator found."""

    round = models.ForeignKey(VerificationRound, on_delete=models.CASCADE, related_name="aspect_scores")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField(_("Nilai mandiri"), max_digits=6, decimal_places=1)
    verified_points = models.DecimalField(_("Nilai verifikasi"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["round", "aspect__position"]
        constraints = [models.UniqueConstraint(fields=["round", "aspect"], name="one_score_per_round_aspect")]
        verbose_name = _("Nilai aspek per putaran")

    def __str__(self):
        return f"{self.round} {self.aspect}"
