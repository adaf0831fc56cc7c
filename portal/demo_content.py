from django.db import models


class DemoContent(models.Model):
    """Marks content made by `manage.py load_demo`, so demo pages are labelled on the site and can be
    removed in one go without touching what the seed or editors wrote."""

    is_demo = models.BooleanField(
        "Konten demo", default=False, editable=False, help_text="Dibuat oleh load_demo; bukan fakta resmi."
    )

    class Meta:
        abstract = True
