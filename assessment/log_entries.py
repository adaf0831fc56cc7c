"""The assessment's own audit-log model: the trail holds answers, findings and rencana aksi, so it is kept out of
the admin's site history (which every KASN editor and the superuser reads) and shown only on the assessment's
history page, to its team and verifikator."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry, BaseLogEntryManager


class AssessmentLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(instance.pk))

    def viewable_by_user(self, user):
        """Nobody reads this trail through Wagtail's reports, superusers included; the assessment's pages decide."""
        return self.none()


class AssessmentLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = AssessmentLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("Catatan penilaian mandiri")
        verbose_name_plural = _("Catatan penilaian mandiri")

    def __str__(self):
        return f"{self.action} {self.object_verbose_name} {self.object_id}"
