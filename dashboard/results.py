"""What the dashboard shows, read in a fixed number of queries whatever the number of instansi and years.

Two sources, never mixed within one year's national figures:

- a **report year** is a year for which KASN published national figures (`PublishedFigure`; 2022: the deck). Its
  counts, categories and shares are the published ones, or sums and ratios of them; what the report does not
  state is not available, with the reason.
- any other year is a **portal year**: its figures are computed from the results KASN determined in the
  self-assessment workflow and published (`SelfAssessment.published_at`), with the results a report published
  per instansi (`HistoricResult`) where the workflow has none.

Per-instansi results (the distribution of the index, the provinces, an instansi's history) always come from the
published results of both kinds. An assessment that is not published is never read here, not even its status.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.assessments import SelfAssessment
from assessment.rounds import LAST_ROUND, RoundAspectScore
from meritopedia.models import CategoryBand
from portal.instansi import PROVINCES
from portal.models import Instansi

from . import formats
from .figures import (
    INSTANSI_KINDS_OF,
    KIND_OF_INSTANSI,
    KINDS,
    HistoricResult,
    JptApproval,
    PublishedFigure,
    kind_phrase,
)

PROVINCE_SLUGS = {slugify(name): name for name in PROVINCES}
LOCAL_KINDS = ("provinsi", "kabupaten", "kota")
PORTAL_SOURCE = gettext_lazy("Penilaian KASN yang diterbitkan di portal")
REGISTER_SOURCE = gettext_lazy("Register instansi portal (keadaan sekarang)")
# Published: determined (Pasal 17) and made public by KASN. Nothing else leaves the workflow.
PUBLIC = Q(published_at__isnull=False, status=SelfAssessment.DITETAPKAN, index__isnull=False)


def province_slug(name: str) -> str:
    return slugify(name)


@dataclass(frozen=True)
class Figure:
    """A number with where it comes from; `value` None means not available, and `reason` says why."""

    value: Decimal | None
    source: str = ""
    reason: str = ""
    as_of: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


def _missing(reason: str) -> Figure:
    return Figure(None, reason=reason)


def _sum(parts: list[Figure], source: str) -> Figure:
    for part in parts:
        if not part.available:
            return _missing(part.reason)
    as_of = next((p.as_of for p in parts if p.as_of), "")
    return Figure(sum((p.value for p in parts), Decimal(0)), source, as_of=as_of)


def _ratio(part: Figure, whole: Figure, source: str) -> Figure:
    if not part.available:
        return _missing(part.reason)
    if not whole.available or not whole.value:
        return _missing(whole.reason or _("jumlah instansi dalam wilayah pengawasan tidak tersedia"))
    share = (part.value * 100 / whole.value).quantize(Decimal("0.1"))
    return Figure(share, source, as_of=part.as_of or whole.as_of)


@dataclass
class Band:
    name: str
    min_index: Decimal

    @property
    def label(self) -> str:
        return self.name.capitalize()


def current_bands() -> list[Band]:
    """The current rubric's categories, best first (one query)."""
    return [
        Band(band.name, band.min_index.quantize(Decimal("0.0001")))
        for band in CategoryBand.objects.filter(version__is_current=True).order_by("-min_points")
    ]


def good_categories(bands: list[Band]) -> set[str]:
    """"Baik" or "sangat baik": the two best categories, the RPJMN indicator's numerator."""
    return {band.name.lower() for band in bands[:2]}


def category_order(bands: list[Band], seen) -> list[str]:
    names = [band.name.lower() for band in bands]
    return names + sorted({c for c in seen if c and c not in names})


# National ------------------------------------------------------------------------------------------------------


@dataclass
class National:
    years: list[int]
    report_years: set[int]
    bands: list[Band]
    categories: list[str]
    figures: dict  # (measure, year, kind, category) -> PublishedFigure
    counts: dict  # (year, kind, category) -> int, from published per-instansi results
    register: dict  # kind -> int
    province_register: dict  # province -> int

    _by_year: dict = field(default_factory=dict)

    def results_of(self, year: int) -> list:
        """The year's published results grouped by province, kind and index (read once per year)."""
        if year not in self._by_year:
            self._by_year[year] = year_rows(year)
        return self._by_year[year]

    def distribution(self, year: int) -> "Distribution":
        return distribution(self.results_of(year))

    def provinces(self, year: int) -> list["ProvinceSummary"]:
        return provinces(self.results_of(year), self)

    def is_report_year(self, year: int) -> bool:
        return year in self.report_years

    def source_of(self, year: int) -> str:
        if self.is_report_year(year):
            sources = sorted({f.source for (m, y, _k, _c), f in self.figures.items() if y == year and m != "target"})
            return "; ".join(sources)
        return str(PORTAL_SOURCE)

    # Published figures, and what they add up to -------------------------------------------------------------

    def _published(self, measure, year, kind="", category="") -> Figure | None:
        row = self.figures.get((measure, year, kind, category))
        if row is None:
            return None
        return Figure(row.value, row.source, row.unavailable_reason, row.as_of)

    def _not_published(self, year, kind) -> Figure:
        return _missing(
            _("KASN tidak menerbitkan angka ini untuk %(kind)s pada %(year)s.")
            % {"kind": kind_phrase(kind), "year": year}
        )

    def _reported(self, measure, year, kind="", category="") -> Figure:
        direct = self._published(measure, year, kind, category)
        if direct is not None:
            return direct
        derived = _("dihitung dari angka terbitan KASN")
        options = []
        if measure == PublishedFigure.CATEGORY and not kind:
            options.append(lambda: _sum([self._reported(measure, year, k, category) for k in KINDS], derived))
        elif measure == PublishedFigure.ASSESSED:
            options.append(
                lambda: _sum([self._reported(PublishedFigure.CATEGORY, year, kind, c) for c in self.categories],
                             derived)
            )
            if not kind:
                options.append(lambda: _sum([self._reported(measure, year, k) for k in KINDS], derived))
        elif measure == PublishedFigure.GOOD:
            good = good_categories(self.bands)
            options.append(
                lambda: _sum([self._reported(PublishedFigure.CATEGORY, year, kind, c) for c in self.categories
                              if c in good], derived)
            )
            if not kind:
                options.append(lambda: _sum([self._reported(measure, year, k) for k in KINDS], derived))
        elif measure == PublishedFigure.SHARE:
            options.append(
                lambda: _ratio(self._reported(PublishedFigure.GOOD, year, kind), self.population(year, kind), derived)
            )
        tried = [option() for option in options]
        for figure in tried:
            if figure.available:
                return figure
        reasons = [f.reason for f in tried if f.reason]
        return _missing(reasons[0]) if reasons else self._not_published(year, kind)

    # The figures of any year ----------------------------------------------------------------------------------

    def _computed(self, year, kinds, categories) -> Figure:
        n = sum(self.counts.get((year, k, c), 0) for k in kinds for c in categories)
        return Figure(Decimal(n), str(PORTAL_SOURCE))

    def category_count(self, year, kind, category) -> Figure:
        if self.is_report_year(year):
            return self._reported(PublishedFigure.CATEGORY, year, kind, category)
        return self._computed(year, [kind] if kind else KINDS, [category])

    def assessed(self, year, kind="") -> Figure:
        if self.is_report_year(year):
            return self._reported(PublishedFigure.ASSESSED, year, kind)
        return self._computed(year, [kind] if kind else KINDS, self.categories)

    def good(self, year, kind="") -> Figure:
        if self.is_report_year(year):
            return self._reported(PublishedFigure.GOOD, year, kind)
        return self._computed(year, [kind] if kind else KINDS, good_categories(self.bands))

    def population(self, year, kind="") -> Figure:
        published = self._published(PublishedFigure.POPULATION, year, kind)
        if published is not None:
            return published
        if any(m == PublishedFigure.POPULATION and y == year for (m, y, _k, _c) in self.figures):
            if not kind:
                return _sum([self.population(year, k) for k in KINDS], _("dihitung dari angka terbitan KASN"))
            return self._not_published(year, kind)
        n = sum(self.register.get(k, 0) for k in ([kind] if kind else KINDS))
        return Figure(Decimal(n), str(REGISTER_SOURCE))

    def share(self, year, kind="") -> Figure:
        if self.is_report_year(year):
            return self._reported(PublishedFigure.SHARE, year, kind)
        return _ratio(self.good(year, kind), self.population(year, kind), _("dihitung dari hasil terbit di portal"))

    def target(self, year, kind="") -> Figure:
        published = self._published(PublishedFigure.TARGET, year, kind)
        if published is not None:
            return published
        return _missing(_("Belum ada target RPJMN yang dicatat untuk %(kind)s pada %(year)s.")
                        % {"kind": kind_phrase(kind), "year": year})


def national() -> National:
    """Everything the national page and its downloads need, for every year (five queries)."""
    bands = current_bands()
    figures = {(f.measure, f.year, f.kind, f.category): f for f in PublishedFigure.objects.all()}
    counts = defaultdict(int)
    for row in _public_assessments().values("year", "instansi__kind", "category").annotate(n=Count("pk")).order_by():
        counts[(row["year"], KIND_OF_INSTANSI.get(row["instansi__kind"]), row["category"].lower())] += row["n"]
    for row in (
        _unshadowed_historic().exclude(category="").values("year", "instansi__kind", "category")
        .annotate(n=Count("pk")).order_by()
    ):
        counts[(row["year"], KIND_OF_INSTANSI.get(row["instansi__kind"]), row["category"].lower())] += row["n"]
    register, province_register = defaultdict(int), defaultdict(int)
    for row in Instansi.objects.values("kind", "province").annotate(n=Count("pk")).order_by():
        register[KIND_OF_INSTANSI.get(row["kind"])] += row["n"]
        if row["province"] and row["kind"] in LOCAL_KINDS:
            province_register[row["province"]] += row["n"]
    report_years = {y for (m, y, _k, _c) in figures if m not in (PublishedFigure.TARGET, PublishedFigure.POPULATION)}
    years = sorted({y for (y, _k, _c) in counts} | report_years)
    return National(
        years=years,
        report_years=report_years,
        bands=bands,
        categories=category_order(bands, {c for (_y, _k, c) in counts}),
        figures=figures,
        counts=dict(counts),
        register=dict(register),
        province_register=dict(province_register),
    )


@dataclass
class Bin:
    low: Decimal
    high: Decimal
    count: int

    @property
    def label(self) -> str:
        return f"{formats.number(self.low, 1)}–{formats.number(self.high, 1)}"


@dataclass
class Distribution:
    bins: list[Bin]
    values: list[Decimal] = field(default_factory=list)  # every index, sorted, for the summary

    @property
    def total(self) -> int:
        return len(self.values)

    @property
    def median(self) -> Decimal | None:
        if not self.values:
            return None
        middle = len(self.values) // 2
        if len(self.values) % 2:
            return self.values[middle]
        return ((self.values[middle - 1] + self.values[middle]) / 2).quantize(Decimal("0.01"))


def year_rows(year: int) -> list[tuple[str, str, Decimal | None, int]]:
    """(province, register kind, index, how many) of every result published for the year, from both sources
    (two grouped queries): what the distribution of the index and the provinces' table are counted from."""
    found = []
    for rows in (_public_assessments().filter(year=year), _unshadowed_historic().filter(year=year)):
        found += [
            (row["instansi__province"], row["instansi__kind"], row["index"], row["n"])
            for row in rows.values("instansi__province", "instansi__kind", "index").annotate(n=Count("pk")).order_by()
        ]
    return found


def distribution(rows) -> Distribution:
    """The index of every result with one, in tenths."""
    bins = [Bin(Decimal(i) / 10, Decimal(i + 1) / 10, 0) for i in range(10)]
    values = []
    for _province, _kind, value, n in rows:
        if value is not None:
            bins[min(int(value * 10), 9)].count += n
            values += [value] * n
    return Distribution(bins, sorted(values))


@dataclass
class ProvinceSummary:
    name: str
    slug: str
    instansi: int
    results: int
    mean_index: Decimal | None


def provinces(rows, data: "National") -> list[ProvinceSummary]:
    """Each province with how many of its governments have published data for the year, and their mean index
    where results have one."""
    counts, sums, indexed = defaultdict(int), defaultdict(Decimal), defaultdict(int)
    for name, kind, value, n in rows:
        if kind in LOCAL_KINDS:
            counts[name] += n
            if value is not None:
                sums[name] += value * n
                indexed[name] += n
    return [
        ProvinceSummary(
            name,
            province_slug(name),
            data.province_register.get(name, 0),
            counts.get(name, 0),
            (sums[name] / indexed[name]).quantize(Decimal("0.01")) if indexed.get(name) else None,
        )
        for name in PROVINCES
    ]


def jpt_approvals(year: int | None = None) -> list[JptApproval]:
    approvals = JptApproval.objects.select_related("instansi").order_by("year", "position", "name_in_source")
    return list(approvals.filter(year=year) if year else approvals)


# Per instansi -----------------------------------------------------------------------------------------------------


def _public_assessments():
    return SelfAssessment.objects.filter(PUBLIC)


def _unshadowed_historic():
    """Report results for the instansi and years the workflow has no published result for (which would win)."""
    shadow = _public_assessments().filter(instansi=OuterRef("instansi"), year=OuterRef("year"))
    return HistoricResult.objects.filter(~Exists(shadow))


@dataclass(frozen=True)
class Result:
    """One instansi's public result for one year, from the workflow or from a report."""

    instansi_id: int
    instansi_name: str
    kind: str  # the register's kind
    province: str
    code: str
    year: int
    status: str
    status_note: str
    self_points: Figure
    verified_points: Figure
    index: Figure
    category: str
    source: str
    as_of: str

    @property
    def category_label(self) -> str:
        return self.category.capitalize() if self.category else ""


INSTANSI_FIELDS = ("instansi_id", "instansi__name", "instansi__kind", "instansi__province", "instansi__code", "year")


def results(instansi_filter: Q, year: int | None = None) -> list[Result]:
    """The public results of the instansi `instansi_filter` selects (on Instansi fields, `instansi__…`), in every
    year or one (two queries, read as values: a national download has thousands)."""
    claimed = (
        RoundAspectScore.objects.filter(round__assessment=OuterRef("pk"), round__number=LAST_ROUND)
        .order_by().values("round__assessment").annotate(total=Sum("self_points")).values("total")
    )
    portal = _public_assessments().filter(instansi_filter).annotate(claimed=Subquery(claimed))
    historic = _unshadowed_historic().filter(instansi_filter)
    if year is not None:
        portal, historic = portal.filter(year=year), historic.filter(year=year)
    found = []
    source = str(PORTAL_SOURCE)
    done, unrecorded = str(_("Hasil ditetapkan")), _("nilai mandiri tidak tercatat")
    for a in portal.order_by().values(*INSTANSI_FIELDS, "verified_points", "index", "category", "published_at",
                                      "claimed"):
        found.append(
            Result(
                *(a[f] for f in INSTANSI_FIELDS[:5]), a["year"], done, "",
                Figure(a["claimed"], source, "" if a["claimed"] is not None else unrecorded),
                Figure(a["verified_points"], source), Figure(a["index"], source), a["category"].lower(), source,
                _("diterbitkan %(date)s") % {"date": formats.date(a["published_at"])},
            )
        )
    statuses = dict(HistoricResult.STATUS_CHOICES)
    for h in historic.order_by().values(
        *INSTANSI_FIELDS, "status", "status_note", "self_points", "self_points_note", "verified_points",
        "verified_points_note", "index", "category", "source", "as_of",
    ):
        status = str(statuses[h["status"]]) if h["status"] else (done if h["index"] is not None else "")
        found.append(
            Result(
                *(h[f] for f in INSTANSI_FIELDS[:5]), h["year"], status, h["status_note"],
                Figure(h["self_points"], h["source"], h["self_points_note"]),
                Figure(h["verified_points"], h["source"], h["verified_points_note"]),
                Figure(h["index"], h["source"]), h["category"].lower(), h["source"], h["as_of"],
            )
        )
    return sorted(found, key=lambda r: (r.code or "~", r.instansi_name, -r.year))


@dataclass
class ProvinceRow:
    instansi: Instansi
    result: Result | None


@dataclass
class Province:
    name: str
    slug: str
    years: list[int]
    year: int | None
    rows: list[ProvinceRow]

    @property
    def with_results(self) -> list[ProvinceRow]:
        return [row for row in self.rows if row.result]


def province(name: str, year: int | None) -> Province:
    """The province's own government and its kabupaten/kota, each with its public result for the year (or the
    latest year with any) (five queries)."""
    governments = list(Instansi.objects.filter(province=name, kind__in=LOCAL_KINDS))
    local = Q(instansi__province=name, instansi__kind__in=LOCAL_KINDS)
    years = sorted(
        set(_public_assessments().filter(local).values_list("year", flat=True).order_by().distinct())
        | set(_unshadowed_historic().filter(local).values_list("year", flat=True).order_by().distinct())
    )
    chosen = year if year is not None else (years[-1] if years else None)
    of_year = {r.instansi_id: r for r in results(local, chosen)} if chosen in years else {}
    governments.sort(key=lambda i: (i.kind != "provinsi", i.code or "~", i.name))
    return Province(name, province_slug(name), years, chosen, [ProvinceRow(i, of_year.get(i.pk)) for i in governments])


def instansi_history(instansi: Instansi) -> list[Result]:
    return sorted(results(Q(instansi=instansi)), key=lambda r: r.year)


def kinds_of(kind: str) -> list[str]:
    return INSTANSI_KINDS_OF.get(kind, [])
