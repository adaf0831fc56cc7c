from django.apps import AppConfig


class CopConfig(AppConfig):
    name = "cop"
    verbose_name = "Community of Practice"

    def ready(self):
        from . import notifications  # noqa: F401  (connects the e-mails to what happens in the CoP)
