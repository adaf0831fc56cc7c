from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Penilaian mandiri"

    def ready(self):
        from . import notifications  # noqa: F401  (receivers that turn events into background e-mail)
