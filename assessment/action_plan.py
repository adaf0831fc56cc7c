"""The rencana aksi (Pasal 6 ayat (2)): what the team will do about a gap, with its output and outcome targets,
an owner from the team, a due date and a status; owners are reminded by background tasks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meritopedia.models import Indicator

from .assessments import SelfAssessment


class ActionItem(models.Model):
    PLANNED, DOING, DONE = "rencana", "berjalan", "selesai"
    STATUS_CHOICES = [(PLANNED, _("Direncanakan")), (DOING, _("Berjalan")), (DONE, _("Selesai"))]

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="actions")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("Aksi"), max_length=300)
    output_target = models.CharField(_("Target keluaran (output)"), max_length=300, blank=True)
    outcome_target = models.CharField(_("Target hasil (outcome)"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Penanggung jawab"),
    )
    due_date = models.DateField(_("Tenggat"))
    status = models.CharField(_("Status"), max_length=10, choices=STATUS_CHOICES, default=PLANNED)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    REMIND_DAYS_BEFORE = 7

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("Rencana aksi")
        verbose_name_plural = _("Rencana aksi")

    def __str__(self):
        return self.action

    @property
    def is_overdue(self) -> bool:
        return self.status != self.DONE and self.due_date < timezone.localdate()
