"""The figures KASN has published outside the portal's own workflow (its 2022 deck, later reports), each with its
source; a figure the source does not state legibly is kept as not available, with the reason, never guessed.

Three kinds of row: a national figure (`PublishedFigure`: how many instansi were assessed, the population, a
category count, a share, an RPJMN target), one instansi's result as a report gave it (`HistoricResult`: the SIPINTER
status and scores of the deck's NTT slide), and the instansi approved to fill JPT through talent management
(`JptApproval`). Editors keep all three in the Wagtail admin; the deck's are imported by `dashboard/seed.py`.
"""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from assessment.assessments import SelfAssessment
from assessment.rounds import RoundAspectScore
from portal.cache import purge_on_change
from portal.models import Instansi

DASHBOARD = "dashboard"  # cache tag: every page and download of the dashboard

# The four kinds of instansi the deck reports on; the register's kabupaten and kota are one kind there.
KEMENTERIAN, LPNK, PROVINSI, KABKOTA = "kementerian", "lpnk", "provinsi", "kabkota"
KIND_CHOICES = [
    (KEMENTERIAN, _("Kementerian")),
    (LPNK, _("LPNK")),
    (PROVINSI, _("Provinsi")),
    (KABKOTA, _("Kabupaten/Kota")),
]
KINDS = [code for code, _label in KIND_CHOICES]
KIND_OF_INSTANSI = {
    "kementerian": KEMENTERIAN, "lpnk": LPNK, "provinsi": PROVINSI, "kabupaten": KABKOTA, "kota": KABKOTA,
}
INSTANSI_KINDS_OF = {
    KEMENTERIAN: ["kementerian"], LPNK: ["lpnk"], PROVINSI: ["provinsi"], KABKOTA: ["kabupaten", "kota"],
}


def kind_label(kind: str) -> str:
    return _kind_words(get_language())[0].get(kind) or _kind_words(get_language())[0][""]


def kind_phrase(kind: str) -> str:
    """The kind inside a sentence: "kementerian", "LPNK", "kabupaten/kota", "semua jenis instansi"."""
    return _kind_words(get_language())[1].get(kind) or _kind_words(get_language())[1][""]


@lru_cache(maxsize=8)
def _kind_words(language: str) -> tuple[dict, dict]:
    """The kinds' labels and phrases in `language` (asked for thousands of times a page; translated once)."""
    labels = {code: str(label) for code, label in KIND_CHOICES} | {"": gettext("Semua jenis")}
    phrases = {
        KEMENTERIAN: gettext("kementerian"), LPNK: gettext("LPNK"), PROVINSI: gettext("provinsi"),
        KABKOTA: gettext("kabupaten/kota"), "": gettext("semua jenis instansi"),
    }
    return labels, phrases


class PublishedFigure(models.Model):
    """One national figure as KASN published it: a measure, for a year, for one kind of instansi (or all)."""

    ASSESSED, POPULATION, CATEGORY, GOOD, SHARE, TARGET = "dinilai", "populasi", "kategori", "baik", "capaian", "target"
    MEASURE_CHOICES = [
        (ASSESSED, _("Jumlah instansi yang dinilai")),
        (POPULATION, _("Jumlah instansi dalam wilayah pengawasan KASN")),
        (CATEGORY, _("Jumlah instansi per kategori")),
        (GOOD, _("Jumlah instansi berkategori baik atau sangat baik")),
        (SHARE, _("Persentase instansi berkategori baik atau sangat baik")),
        (TARGET, _("Target RPJMN: persentase instansi berkategori baik atau sangat baik")),
    ]
    PERCENT_MEASURES = (SHARE, TARGET)

    measure = models.CharField(_("Ukuran"), max_length=12, choices=MEASURE_CHOICES)
    year = models.PositiveSmallIntegerField(_("Tahun"))
    kind = models.CharField(
        _("Jenis instansi"), max_length=12, choices=KIND_CHOICES, blank=True, help_text=_("Kosong: semua jenis.")
    )
    category = models.CharField(
        _("Kategori"), max_length=40, blank=True, help_text=_("Hanya untuk jumlah per kategori, mis. “baik”.")
    )
    value = models.DecimalField(
        _("Nilai"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Jumlah instansi, atau persen (0–100) untuk capaian dan target. Kosong bila tidak terbaca."),
    )
    unavailable_reason = models.TextField(
        _("Alasan tidak tersedia"), blank=True, help_text=_("Wajib bila nilai kosong: mengapa angka ini tidak ada.")
    )
    as_of = models.CharField(_("Keadaan per"), max_length=60, blank=True, help_text=_("Mis. “Juni 2022”."))
    source = models.CharField(_("Sumber"), max_length=255, help_text=_("Dokumen, halaman atau slide asal angka."))
    note = models.TextField(_("Catatan"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldRowPanel([FieldPanel("measure"), FieldPanel("year"), FieldPanel("as_of")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        MultiFieldPanel([FieldPanel("value"), FieldPanel("unavailable_reason")], heading=_("Angka")),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["year", "measure", "position", "kind", "category"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year", "kind", "category"], name="dashboard_one_figure")
        ]
        verbose_name = _("Angka terbitan KASN")
        verbose_name_plural = _("Angka terbitan KASN")

    def __str__(self):
        parts = [self.get_measure_display(), str(self.year), kind_label(self.kind)]
        if self.category:
            parts.append(self.category)
        return " · ".join(parts)

    def clean(self):
        errors = {}
        if self.value is None and not self.unavailable_reason.strip():
            errors["unavailable_reason"] = gettext("Isi alasannya bila angkanya tidak tersedia.")
        if self.value is not None and self.value < 0:
            errors["value"] = gettext("Angka tidak boleh negatif.")
        if self.measure in self.PERCENT_MEASURES and self.value is not None and self.value > 100:
            errors["value"] = gettext("Persen paling besar 100.")
        if (self.measure == self.CATEGORY) != bool(self.category):
            errors["category"] = gettext("Kategori diisi untuk jumlah per kategori, dan hanya untuk itu.")
        if errors:
            raise ValidationError(errors)


class HistoricResult(models.Model):
    """One instansi's status and scores for a year as a KASN report published them (the deck's SIPINTER slide, its
    NTT result), for years the portal's own workflow did not determine. A field the source leaves empty is empty;
    a field it shows but OCR or the copy garbled is empty with its note saying so."""

    BELUM, SEDANG, SELESAI = SelfAssessment.BELUM, SelfAssessment.SEDANG, SelfAssessment.SELESAI
    STATUS_CHOICES = [(BELUM, _("Belum Input")), (SEDANG, _("Sedang Input")), (SELESAI, _("Selesai Input"))]

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="historic_results", verbose_name=_("Instansi")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    status = models.CharField(_("Status SIPINTER"), max_length=16, choices=STATUS_CHOICES, blank=True)
    status_note = models.CharField(_("Catatan status"), max_length=255, blank=True)
    self_points = models.DecimalField(_("Nilai mandiri"), max_digits=6, decimal_places=1, null=True, blank=True)
    self_points_note = models.CharField(_("Catatan nilai mandiri"), max_length=255, blank=True)
    verified_points = models.DecimalField(
        _("Nilai verifikasi"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    verified_points_note = models.CharField(_("Catatan nilai verifikasi"), max_length=255, blank=True)
    index = models.DecimalField(_("Indeks Sistem Merit"), max_digits=4, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("Kategori"), max_length=40, blank=True, help_text=_("Mis. “baik”."))
    as_of = models.CharField(_("Keadaan per"), max_length=120, blank=True)
    source = models.CharField(_("Sumber"), max_length=255)

    panels = [
        FieldRowPanel([FieldPanel("instansi"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
        FieldRowPanel([FieldPanel("self_points"), FieldPanel("self_points_note")]),
        FieldRowPanel([FieldPanel("verified_points"), FieldPanel("verified_points_note")]),
        FieldRowPanel([FieldPanel("index"), FieldPanel("category")]),
        FieldPanel("as_of"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["instansi__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["instansi", "year"], name="dashboard_one_historic_result")]
        verbose_name = _("Hasil terbitan KASN per instansi")
        verbose_name_plural = _("Hasil terbitan KASN per instansi")

    def __str__(self):
        return f"{self.instansi} {self.year}"

    def clean(self):
        for field in ("self_points", "verified_points"):
            value = getattr(self, field)
            if value is not None and not 0 <= value <= 1000:
                raise ValidationError({field: gettext("Nilai di luar rentang yang mungkin.")})
        if self.index is not None and not 0 <= self.index <= 1:
            raise ValidationError({"index": gettext("Indeks berada di antara 0 dan 1.")})


class JptApproval(models.Model):
    """An instansi KASN approved to fill JPT through talent management instead of open selection (PP 11/2017
    Pasal 134), named as the source names it and linked to the register where the register has it."""

    year = models.PositiveSmallIntegerField(_("Tahun"))
    as_of = models.CharField(_("Keadaan per"), max_length=60, blank=True)
    name_in_source = models.CharField(_("Nama menurut sumber"), max_length=200)
    kind = models.CharField(_("Jenis instansi"), max_length=12, choices=KIND_CHOICES)
    instansi = models.ForeignKey(
        Instansi, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Instansi di register"),
        help_text=_("Kosong bila instansi itu tidak ada lagi dengan nama dan tugas yang sama."),
    )
    source = models.CharField(_("Sumber"), max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("as_of")]),
        FieldRowPanel([FieldPanel("name_in_source"), FieldPanel("kind")]),
        FieldPanel("instansi"),
        FieldPanel("source"),
        FieldPanel("position"),
    ]

    class Meta:
        ordering = ["year", "position", "name_in_source"]
        constraints = [models.UniqueConstraint(fields=["year", "name_in_source"], name="dashboard_one_jpt_approval")]
        verbose_name = _("Persetujuan pengisian JPT melalui manajemen talenta")
        verbose_name_plural = _("Persetujuan pengisian JPT melalui manajemen talenta")

    def __str__(self):
        return f"{self.name_in_source} ({self.year})"


# The dashboard shows these, and the results KASN determines and publishes in the self-assessment workflow: a
# change to any of them purges the dashboard's pages and downloads. The dashboard sits above `assessment`, so the
# rule for the workflow's models is declared here. Every save of an assessment purges, whether or not it is
# published: one that stops being published must leave the public pages at once.
purge_on_change(PublishedFigure, HistoricResult, JptApproval, SelfAssessment, RoundAspectScore, tags=(DASHBOARD,))
