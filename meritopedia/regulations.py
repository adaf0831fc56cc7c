"""Regulations (peraturan) and their clauses, each clause citable by a stable anchor.

A regulation is a page (editors publish it, it has a URL people cite). Its clauses are plain rows
rather than StreamField blocks: they are imported from the official text, never edited one by one in
the admin, and other content points at them (indicators, glossary terms, later articles and search hits),
which needs a foreign key, not a block id.
"""

import difflib
import re

from django.db import models
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.cache import CONTENT, purge_on_change
from portal.searchable import SearchResult

REGULATION = "regulation"  # the regulations' text, for the page cache


class RegulationIndexPage(Page):
    """/regulasi/: the regulation library."""

    intro = models.TextField(_("Pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["meritopedia.RegulationPage"]
    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Daftar regulasi")

    def get_context(self, request, *args, **kwargs):
        """The listing, narrowed by ?jenis=&tahun=&status=; a value that matches nothing gives an empty list."""
        context = super().get_context(request, *args, **kwargs)
        regulations = RegulationPage.objects.child_of(self).live().public().order_by("-tahun", "short_name", "nomor")
        options = {
            "jenis": sorted(set(regulations.values_list("short_name", flat=True))),
            "tahun": sorted(set(regulations.values_list("tahun", flat=True)), reverse=True),
            "status": RegulationPage.STATUS_CHOICES,
        }
        chosen = {name: request.GET.get(name, "").strip()[:40] for name in options}
        if chosen["jenis"]:
            regulations = regulations.filter(short_name=chosen["jenis"])
        if chosen["tahun"]:
            year = chosen["tahun"]
            regulations = regulations.filter(tahun=year) if year.isdigit() and len(year) == 4 else regulations.none()
        if chosen["status"]:
            regulations = regulations.filter(status=chosen["status"])
        context.update(regulations=regulations, options=options, chosen=chosen, filtered=any(chosen.values()))
        return context


class RegulationPage(RoutablePageMixin, Page):
    """A regulation and its clauses. `/regulasi/<slug>/<anchor>/` is a clause permalink that a server can
    see (a `#fragment` never reaches it): it jumps to the clause, or suggests the nearest ones if unknown."""

    STATUS_CHOICES = [("berlaku", _("Berlaku")), ("diubah", _("Diubah")), ("dicabut", _("Dicabut"))]
    # Published in its official Indonesian only: the language switch says so instead of offering a translation.
    official_indonesian = True

    jenis = models.CharField(_("Jenis"), max_length=120, help_text=_("Mis. Peraturan Menteri PANRB"))
    short_name = models.CharField(_("Singkatan jenis"), max_length=40, help_text=_("Mis. PermenPANRB"))
    nomor = models.CharField(_("Nomor"), max_length=20)
    tahun = models.PositiveSmallIntegerField(_("Tahun"))
    judul = models.CharField(_("Judul (tentang)"), max_length=255)
    date_set = models.DateField(_("Tanggal ditetapkan"), null=True, blank=True)
    date_promulgated = models.DateField(_("Tanggal diundangkan"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=STATUS_CHOICES, default="berlaku")
    closing = models.TextField(_("Penutup"), blank=True, help_text=_("Rumusan penutup dan penandatanganan."))
    official_pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF resmi"),
    )
    source_note = models.CharField(_("Sumber teks"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("jenis"),
                FieldPanel("short_name"),
                FieldPanel("nomor"),
                FieldPanel("tahun"),
                FieldPanel("judul"),
                FieldPanel("date_set"),
                FieldPanel("date_promulgated"),
                FieldPanel("status"),
            ],
            heading=_("Metadata regulasi"),
        ),
        InlinePanel("relations", label=_("Hubungan dengan regulasi lain")),
        FieldPanel("official_pdf"),
        FieldPanel("closing"),
        FieldPanel("source_note"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("judul"),
        index.FilterField("tahun"),
        index.FilterField("status"),
    ]
    search_result = SearchResult(year="tahun")
    api_fields = [
        APIField("jenis"),
        APIField("short_name"),
        APIField("nomor"),
        APIField("tahun"),
        APIField("judul"),
        APIField("status"),
        APIField("date_set"),
        APIField("date_promulgated"),
    ]
    parent_page_types = ["meritopedia.RegulationIndexPage"]
    subpage_types = []
    cache_tags = (REGULATION,)

    class Meta:
        verbose_name = _("Regulasi")
        verbose_name_plural = _("Regulasi")

    @property
    def name(self) -> str:
        """How Indonesian lawyers cite it: "PermenPANRB Nomor 40 Tahun 2018"."""
        return f"{self.short_name} Nomor {self.nomor} Tahun {self.tahun}"

    def relation_lines(self) -> list[tuple[str, "RegulationPage"]]:
        """Both directions in one list: "mengubah X" from this page, "diubah dengan Y" from the others."""
        outgoing = [(r.get_kind_display(), r.target) for r in self.relations.select_related("target")]
        incoming = [
            (RegulationRelation.INVERSE[r.kind], r.source)
            for r in RegulationRelation.objects.filter(target=self).select_related("source")
        ]
        return [(label, page) for label, page in outgoing + incoming if page.live]

    def superseded_by(self) -> list["RegulationRelation"]:
        """Newer regulations that changed or revoked this one: the page warns about them."""
        return list(RegulationRelation.objects.filter(target=self, source__live=True).select_related("source"))

    @path("<slug:anchor>/")
    def clause(self, request, anchor):
        if self.clauses.filter(anchor=anchor).exists():
            return redirect(f"{self.url}#{anchor}")
        clauses = {c.anchor: c for c in self.clauses.all()}
        nearest = difflib.get_close_matches(anchor.lower(), list(clauses), n=5, cutoff=0.6)
        return render(
            request,
            "meritopedia/clause_not_found.html",
            {"page": self, "anchor": anchor, "suggestions": [clauses[a] for a in nearest]},
            status=404,
        )

    def clause_tree(self) -> list["Clause"]:
        """Every Pasal with its ayat, huruf and angka, and the indicator pages that cite them: three queries
        whatever the length of the regulation."""
        clauses = list(self.clauses.order_by("position").prefetch_related("indicators__page"))
        by_id = {c.pk: c for c in clauses}
        for clause in clauses:
            clause.child_list = []
        roots = []
        for clause in clauses:
            (by_id[clause.parent_id].child_list if clause.parent_id else roots).append(clause)
        return roots


class RegulationRelation(Orderable):
    """ "PP 17/2020 mengubah PP 11/2017": stored once on the newer regulation, shown on both pages.

    An `Orderable` with a `ParentalKey` so editors add relations inline on the regulation's edit page
    (https://docs.wagtail.org/en/stable/reference/pages/panels.html#inlinepanel); the inverse wording
    ("diubah dengan", "dicabut dengan") is derived, never stored, so the two sides cannot disagree.
    """

    KIND_CHOICES = [("mengubah", _("Mengubah")), ("mencabut", _("Mencabut"))]
    INVERSE = {"mengubah": _("Diubah dengan"), "mencabut": _("Dicabut dengan")}

    source = ParentalKey(RegulationPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("Hubungan"), max_length=10, choices=KIND_CHOICES)
    target = models.ForeignKey(RegulationPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("Regulasi"))

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("Hubungan regulasi")

    def __str__(self):
        return f"{self.source.title} {self.kind} {self.target.title}"


# "Pasal 17 ayat (6) huruf a", or "ayat (3)" alone for an ayat of the same Pasal.
_REFERENCE = re.compile(
    r"(?:\bPasal\s+(\d{1,3})(?:\s+ayat\s*\((\d{1,2})\))?|\bayat\s*\((\d{1,2})\))(?:\s+huruf\s+([a-z])\b)?",
    re.IGNORECASE,
)


class Clause(index.Indexed, models.Model):
    """One Pasal, ayat, huruf or angka of a regulation, with the anchor it has on the regulation page.

    The anchor (`pasal-11-ayat-6-huruf-c`) is the clause's public identity: it is in letters people
    send and in indicator codes, so it is stored, unique per regulation, and never renumbered.
    """

    KIND_CHOICES = [("pasal", _("Pasal")), ("ayat", _("Ayat")), ("huruf", _("Huruf")), ("angka", _("Angka"))]

    regulation = models.ForeignKey(RegulationPage, on_delete=models.CASCADE, related_name="clauses")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=5, choices=KIND_CHOICES)
    pasal = models.PositiveSmallIntegerField()
    ayat = models.PositiveSmallIntegerField(null=True, blank=True)
    huruf = models.CharField(max_length=2, blank=True)
    angka = models.PositiveSmallIntegerField(null=True, blank=True)
    anchor = models.SlugField(max_length=80)
    label = models.CharField(max_length=20)
    text = models.TextField(blank=True)
    headings = models.TextField(blank=True, help_text=_("Judul bab/paragraf tepat sebelum pasal ini."))
    position = models.PositiveIntegerField()

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("regulation"),
        index.FilterField("kind"),
    ]
    search_result = SearchResult(
        indicators=("indicators",),  # the indicators that cite it
        rubric_item=True,
        year="regulation.tahun",
        shown_on="regulation",
        shown_at="anchor",
        anchor="anchor",
        citation="citation",
        ranked_with="referred_clauses",
    )

    class Meta:
        ordering = ["regulation", "position"]
        constraints = [models.UniqueConstraint(fields=["regulation", "anchor"], name="unique_clause_anchor")]
        verbose_name = _("Ketentuan")
        verbose_name_plural = _("Ketentuan")

    def __str__(self):
        return self.citation

    @property
    def reference(self) -> str:
        """ "Pasal 11 ayat (6) huruf c" """
        parts = [f"Pasal {self.pasal}"]
        if self.ayat is not None:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf:
            parts.append(f"huruf {self.huruf}")
        if self.angka is not None:
            parts.append(f"angka {self.angka}")
        return " ".join(parts)

    @property
    def citation(self) -> str:
        return f"{self.reference} {self.regulation.name}"

    def get_url(self, request=None) -> str:
        return f"{self.regulation.get_url(request)}#{self.anchor}"

    def referred_clauses(self) -> list["Clause"]:
        """The clauses of the same regulation this one points to ("Instansi Pemerintah sebagaimana dimaksud pada
        ayat (3) akan dievaluasi setiap 1 (satu) tahun sekali", "... dalam Pasal 17 ayat (6) huruf a"). Such a
        clause means what it says of its referent, so a visitor asks for it in the referent's words ("instansi
        kategori baik dievaluasi tiap tahun"): search ranks it with their text."""
        anchors = [anchor for anchor in self._referred_anchors() if anchor != self.anchor]
        return list(Clause.objects.filter(regulation_id=self.regulation_id, anchor__in=anchors)) if anchors else []

    @classmethod
    def cited_by(cls, clauses: list["Clause"]) -> list["Clause"]:
        """What a group of clauses of one regulation cites (an indicator's huruf, the ayat it completes, its
        sub-points), in one query, leaving out the group itself, in the regulation's order."""
        if not clauses:
            return []
        own = {clause.anchor for clause in clauses}
        anchors = [a for a in dict.fromkeys(a for c in clauses for a in c._referred_anchors()) if a not in own]
        if not anchors:
            return []
        cited = list(cls.objects.filter(regulation_id=clauses[0].regulation_id, anchor__in=anchors))
        for clause in cited:  # the group's regulation, already loaded: their links cost no query
            clause.regulation = clauses[0].regulation
        return cited

    def _referred_anchors(self) -> list[str]:
        """The anchors of the references in the text, "ayat (3)" alone read as an ayat of this clause's Pasal."""
        anchors = []
        for pasal, ayat_of_pasal, ayat, huruf in _REFERENCE.findall(self.text):
            parts = [f"pasal-{pasal or self.pasal}"]
            ayat = ayat_of_pasal if pasal else ayat
            parts += [f"ayat-{ayat}"] if ayat else []
            parts += [f"huruf-{huruf.lower()}"] if huruf else []
            anchors.append("-".join(parts))
        return list(dict.fromkeys(anchors))


# A clause's text shows on its regulation, on the indicator pages that cite it and in the glossary.
purge_on_change(Clause, tags=(REGULATION, CONTENT))
