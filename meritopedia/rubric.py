"""The merit-system assessment rubric as data: versions, aspects, indicators and category bands.

The rubric changes with the rules (supervision moved from KASN to KemenPANRB/BKN after UU 20/2023), so
everything hangs off a `RubricVersion` instead of being constants in code. The seeded version is
PermenPANRB 40/2018 with the KASN deck's points (total 410).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Page
from wagtail.search import index

from portal.cache import CONTENT, purge_on_change

from .regulations import REGULATION, Clause, RegulationPage

RUBRIC = "rubric"  # versions, aspects, indicators, bands and published results, for the page cache



class RubricVersion(models.Model):
    name = models.CharField(_("Nama"), max_length=120)
    regulation = models.ForeignKey(
        RegulationPage, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("Dasar hukum")
    )
    points_source = models.CharField(_("Sumber bobot nilai"), max_length=255, blank=True)
    is_current = models.BooleanField(_("Versi berlaku"), default=False)

    class Meta:
        verbose_name = _("Versi rubrik")
        verbose_name_plural = _("Versi rubrik")

    def __str__(self):
        return self.name

    @cached_property
    def total_points(self) -> Decimal:
        return sum((a.max_points for a in self.aspects.all()), Decimal(0))

    def index_for(self, points: Decimal) -> Decimal:
        """The merit index is the points reached divided by the rubric's total (282.5 / 410 = 0.69)."""
        return (Decimal(points) / self.total_points).quantize(Decimal("0.01"))

    def scale_problems(self) -> list[str]:
        """Why this version cannot be assessed on: an indicator without a scale, or an aspect whose indicators'
        top levels do not add up to the aspect's maximum. Empty when the scale is complete."""
        problems = []
        for aspect in self.aspects.prefetch_related("indicators__levels"):
            total = Decimal(0)
            for indicator in aspect.indicators.all():
                top = indicator.max_points
                if top is None:
                    problems.append(gettext("Indikator %(code)s belum punya skala nilai.") % {"code": indicator.code})
                else:
                    total += top
            if total != aspect.max_points:
                problems.append(
                    gettext(
                        "Aspek %(aspect)s: jumlah nilai tertinggi indikatornya %(total)s, padahal nilai maksimal "
                        "aspek %(max)s."
                    )
                    % {"aspect": aspect, "total": _number(total), "max": _number(aspect.max_points)}
                )
        return problems

    def clean(self):
        if self.is_current and self.pk and (problems := self.scale_problems()):
            raise ValidationError(
                {"is_current": [gettext("Versi ini belum dapat dijadikan versi berlaku.")] + problems}
            )

    def category_for(self, points: Decimal) -> "CategoryBand | None":
        index_value = Decimal(points) / self.total_points
        for band in self.bands.order_by("-min_points"):
            if index_value >= band.min_index:
                return band
        return None


class Aspect(models.Model):
    """One of the eight aspects of Pasal 6 ayat (2), with its maximum points and the Pasal that details it."""

    version = models.ForeignKey(RubricVersion, on_delete=models.CASCADE, related_name="aspects")
    letter = models.CharField(_("Huruf"), max_length=2, help_text=_("Huruf pada Pasal 6 ayat (2)"))
    name = models.CharField(_("Nama aspek"), max_length=120)
    slug = models.SlugField()
    max_points = models.DecimalField(_("Nilai maksimal"), max_digits=6, decimal_places=1)
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("Pasal penjabaran")
    )
    source_clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Dasar (Pasal 6 ayat (2))"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("version"),
        FieldPanel("letter"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("max_points"),
        FieldPanel("position"),
    ]

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="unique_aspect_slug")]
        verbose_name = _("Aspek")
        verbose_name_plural = _("Aspek")

    def __str__(self):
        return self.name.capitalize()

    @property
    def weight_percent(self) -> Decimal:
        return (self.max_points * 100 / self.version.total_points).quantize(Decimal("0.1"))


def _number(value: Decimal) -> str:
    return number_format(value, decimal_pos=1 if value != value.to_integral() else 0)


class Indicator(index.Indexed, ClusterableModel):
    """A rubric indicator: one huruf of Pasal 9 to 16 (`13.d`), or of Pasal 11 ayat 2 to 6 (`11.6.c`).

    `clause` is the huruf itself, so the indicator's text is always the regulation's words and its
    permalink is the clause anchor.
    """

    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("Kode"), max_length=12)
    sub_aspect = models.CharField(_("Sub-aspek"), max_length=120, blank=True)
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)

    search_fields = [index.SearchField("code"), index.FilterField("aspect")]
    panels = [
        FieldPanel("aspect"),
        FieldPanel("code"),
        FieldPanel("sub_aspect"),
        FieldPanel("position"),
        InlinePanel("levels", heading=_("Skala nilai"), label=_("Tingkat")),
    ]

    class Meta:
        ordering = ["aspect__position", "position"]
        constraints = [models.UniqueConstraint(fields=["aspect", "code"], name="unique_indicator_code")]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikator")

    def __str__(self):
        return f"{self.code} {self.clause.text[:60]}"

    @cached_property
    def max_points(self) -> Decimal | None:
        """The points of the indicator's top level; None while it has no scale."""
        return max((level.points for level in self.levels.all()), default=None)

    @property
    def anchor(self) -> str:
        """Its place on the rubric page."""
        return "indikator-" + self.code.replace(".", "-")


class CategoryBand(models.Model):
    """A category of Pasal 17 ayat (6) and the points range that earns it.

    The regulation names the four categories but not their ranges; the ranges are data an editor can
    change, with their source named, on the scale they were published in.
    """

    version = models.ForeignKey(RubricVersion, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("Kategori"), max_length=40)
    clause = models.ForeignKey(Clause, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    min_points = models.DecimalField(_("Nilai terendah"), max_digits=6, decimal_places=1)
    max_points = models.DecimalField(_("Nilai tertinggi"), max_digits=6, decimal_places=1)
    scale = models.DecimalField(_("Skala"), max_digits=6, decimal_places=1)
    source = models.CharField(_("Sumber rentang"), max_length=255, blank=True)

    class Meta:
        ordering = ["version", "-min_points"]
        verbose_name = _("Kategori penilaian")
        verbose_name_plural = _("Kategori penilaian")

    def __str__(self):
        return self.name

    @property
    def min_index(self) -> Decimal:
        return self.min_points / self.scale


class AssessmentResult(models.Model):
    """A published assessment result (the KASN deck's example: Pemprov NTT 2022, 282.5 points)."""

    version = models.ForeignKey(RubricVersion, on_delete=models.CASCADE, related_name="results")
    instansi_name = models.CharField(_("Instansi"), max_length=200)
    year = models.PositiveSmallIntegerField(_("Tahun"))
    total_points = models.DecimalField(_("Nilai total"), max_digits=6, decimal_places=1)
    reported_index = models.DecimalField(_("Indeks dilaporkan"), max_digits=4, decimal_places=2)
    reported_category = models.CharField(_("Kategori dilaporkan"), max_length=40)
    source = models.CharField(_("Sumber"), max_length=255)

    class Meta:
        verbose_name = _("Hasil penilaian")
        verbose_name_plural = _("Hasil penilaian")

    def __str__(self):
        return f"{self.instansi_name} {self.year}"


class AspectScore(models.Model):
    result = models.ForeignKey(AssessmentResult, on_delete=models.CASCADE, related_name="scores")
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(_("Nilai"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["aspect__position"]
        constraints = [models.UniqueConstraint(fields=["result", "aspect"], name="unique_aspect_score")]
        verbose_name = _("Nilai aspek")

    def __str__(self):
        return f"{self.aspect}: {self.points}"


class RubricPage(Page):
    """/rubrik/: the aspects with their points, their indicators, the categories and a worked example."""

    intro = models.TextField(_("Pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["meritopedia.AspectPage"]
    max_count = 1
    cache_tags = (RUBRIC, REGULATION)

    class Meta:
        verbose_name = _("Rubrik penilaian")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        version = RubricVersion.objects.filter(is_current=True).select_related("regulation").first()
        context["version"] = version
        if version:
            aspects = list(
                version.aspects.select_related("clause__regulation", "source_clause", "page").prefetch_related(
                    models.Prefetch(
                        "indicators",
                        Indicator.objects.select_related("clause", "page").prefetch_related("clause__children"),
                    )
                )
            )
            for aspect in aspects:  # one version instance, so its total is computed once
                aspect.version = version
            context["aspects"] = aspects
            context["bands"] = version.bands.select_related("clause")
            context["results"] = version.results.prefetch_related(
                models.Prefetch("scores", AspectScore.objects.select_related("aspect"))
            )
        return context


# The rubric shows on its pages, the indicator pages, and in search and the API.
purge_on_change(RubricVersion, Aspect, Indicator, CategoryBand, AssessmentResult, AspectScore, tags=(RUBRIC, CONTENT))
