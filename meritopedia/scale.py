"""The scale of an indicator: the levels an instansi can reach on it and the points each level is worth.

The regulation and the KASN deck give only the aspect maxima and the category bands, so the levels are rubric
data that KASN editors write; the importer invents none, and the demo scale of `load_demo` says it is a demo.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from portal.cache import CONTENT, purge_on_change
from portal.demo_content import DemoContent

from .rubric import RUBRIC, Indicator


class IndicatorLevel(DemoContent, Orderable):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="levels")
    points = models.DecimalField(_("Nilai"), max_digits=5, decimal_places=1)
    description = models.TextField(_("Uraian tingkat"))

    panels = [FieldPanel("points"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        ordering = ["indicator", "points"]
        constraints = [models.UniqueConstraint(fields=["indicator", "points"], name="unique_level_points")]
        verbose_name = _("Tingkat skala")
        verbose_name_plural = _("Tingkat skala")

    def __str__(self):
        return f"{self.indicator.code}: {self.points}"


purge_on_change(IndicatorLevel, tags=(RUBRIC, CONTENT))
