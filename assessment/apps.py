from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Penilaian mandiri")

    def ready(self):
        from . import notifications  # noqa: F401  (receivers that turn events into background e-mail)
