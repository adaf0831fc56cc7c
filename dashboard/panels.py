"""The dashboard's panels: each chart with its one-line summary written from the data, its data table (targets
included) formatted in Indonesian notation, its notes on what is not available, and its download addresses.

A panel is built from a `datasets.Table`, the very rows its downloads carry.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.languages import content_text

from . import charts, formats
from .datasets import Table
from .figures import KINDS, kind_label
from .results import Band, Distribution

FORMATS = [("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")]


def not_available() -> str:
    return _("tidak tersedia")


def no_chart() -> str:
    return _("Grafik tidak digambar: belum ada angka yang tersedia. Lihat tabel dan catatannya.")


@dataclass
class Cell:
    text: str
    num: bool = False
    note: int | None = None  # the number of the note below the table saying why the value is missing
    link: str = ""
    content: bool = False  # Indonesian as the sources or the register give it: marked lang="id" on English pages


def content(text: str, **fields) -> Cell:
    return Cell(text, content=True, **fields)


def data_url(name: str, fmt: str, query: dict) -> str:
    url = reverse("dashboard_data", args=[name, fmt])
    return f"{url}?{urlencode(query)}" if query else url


def downloads(name: str, query: dict) -> list[tuple[str, str]]:
    return [(label, data_url(name, fmt, query)) for fmt, label in FORMATS]


def cell(value, kind: str) -> Cell:
    if value is None:
        return Cell("–", num=kind != "text")
    if kind == "year":
        return Cell(str(value), num=True)
    if kind == "count":
        return Cell(formats.number(value, 0), num=True)
    if kind == "points":
        return Cell(formats.number(value), num=True)
    if kind == "index":
        return Cell(formats.index(value), num=True)
    if kind == "percent":
        return Cell(formats.percent(value), num=True)
    return Cell(str(value))


class Notes:
    """The reasons values are missing, numbered once each, for the notes under a table."""

    def __init__(self):
        self.items: list[str] = []

    def missing(self, reason: str, kind: str = "count") -> Cell:
        if reason not in self.items:
            self.items.append(reason)
        number = self.items.index(reason) + 1
        return Cell(_("%(na)s (catatan %(n)s)") % {"na": not_available(), "n": number}, num=kind != "text",
                    note=number)


def sources(table: Table) -> str:
    return "; ".join(table.sources)


def _column(table: Table, name: str) -> int:
    return [c.name for c in table.columns].index(name)


def _label(value, kind="count") -> str:
    return cell(value, kind).text if value is not None else not_available()


# National ---------------------------------------------------------------------------------------------------------


def assessed_panel(table: Table, query: dict) -> charts.Chart:
    years, counts, populations = (
        [row[_column(table, c)] for row in table.rows] for c in ("tahun", "jumlah_dinilai", "populasi")
    )
    notes = Notes()
    rows = []
    for row, n, population in zip(table.rows, counts, populations, strict=True):
        reason = row[_column(table, "keterangan")]
        rows.append([
            cell(row[0], "year"),
            cell(n, "count") if n is not None else notes.missing(reason),
            cell(population, "count"),
            content(row[_column(table, "sumber")]),
            content(row[_column(table, "keadaan_per")]),
        ])
    known = [(y, n) for y, n in zip(years, counts, strict=True) if n is not None]
    if not known:
        summary = _("Belum ada jumlah instansi yang dinilai.")
    elif len(known) == 1:
        year, n = known[0]
        summary = _("Pada %(year)s, %(n)s instansi telah dinilai penerapan Sistem Meritnya.") % {
            "year": year, "n": formats.number(n, 0)}
    else:
        first, last = known[0], known[-1]
        top = max(known, key=lambda k: k[1])
        summary = _(
            "Jumlah instansi yang dinilai %(trend)s dari %(a)s (%(ya)s) menjadi %(b)s (%(yb)s); tertinggi %(top)s "
            "pada %(ytop)s."
        ) % {"trend": _trend(first[1], last[1]), "a": formats.number(first[1], 0), "ya": first[0],
             "b": formats.number(last[1], 0), "yb": last[0], "top": formats.number(top[1], 0), "ytop": top[0]}
    chart_rows = [{"key": str(y), "value": _float(n), "label": _label(n)} for y, n in zip(years, counts, strict=True)]
    return charts.Chart(
        "dinilai", _("Instansi yang dinilai per tahun"), summary,
        [_("Tahun"), _("Instansi dinilai"), _("Populasi instansi"), _("Sumber"), _("Keadaan per")], rows,
        svg=charts.svg("labelled_bars", "dinilai", rows=chart_rows, value_title=_("Jumlah instansi"),
                       key_title=_("Tahun"), vertical=True) if known else None,
        empty_reason="" if known else no_chart(),
        downloads=downloads("dinilai", query), notes=notes.items, source=sources(table),
    )


def categories_panel(table: Table, year: int, order: list[str], query: dict) -> charts.Chart:
    notes = Notes()
    by = {(row[1], row[2].lower()): row for row in table.rows if row[0] == year}
    kinds = [kind_label(k) for k in ["", *KINDS]]
    rows, chart_rows = [], []
    for kind in kinds:
        line = [Cell(kind)]
        for category in order:
            row = by.get((kind, category))
            if row is None:
                continue
            value = row[3]
            line.append(cell(value, "count") if value is not None else notes.missing(row[6]))
            if value is not None and kind != kind_label(""):
                chart_rows.append({"jenis": kind, "kategori": category, "jumlah": _float(value),
                                   "label": f"{category.capitalize()}: {formats.number(value, 0)}"})
        rows.append(line)
    total = [r for r in table.rows if r[0] == year and r[1] == kind_label("")]
    known = [(r[2], r[3]) for r in total if r[3] is not None]
    if known and sum(n for _c, n in known):
        top = max(known, key=lambda k: k[1])
        parts = ", ".join(f"{c.lower()} {formats.number(n, 0)}" for c, n in known)
        summary = _("Pada %(year)s kategori terbanyak adalah %(top)s (%(n)s instansi); rinciannya: %(parts)s.") % {
            "year": year, "top": top[0].lower(), "n": formats.number(top[1], 0), "parts": parts}
    elif known:
        summary = _("Belum ada hasil terbit per kategori untuk %(year)s.") % {"year": year}
    else:
        summary = _("Jumlah instansi per kategori untuk %(year)s tidak tersedia: %(why)s") % {
            "year": year, "why": total[0][6] if total else ""}
    has_chart = any(r["jumlah"] for r in chart_rows)
    return charts.Chart(
        "kategori", _("Kategori hasil penilaian per jenis instansi, %(year)s") % {"year": year}, summary,
        [_("Jenis instansi"), *[content_text(c.capitalize()) for c in order]], rows,
        svg=charts.svg("categories", "kategori", rows=chart_rows, kinds=[kind_label(k) for k in KINDS], order=order)
        if has_chart else None,
        empty_reason="" if has_chart else no_chart(),
        downloads=downloads("kategori", query), notes=notes.items, source=sources(table),
    )


def spread_panel(table: Table, year: int, spread: Distribution, bands: list[Band], assessed, query: dict):
    rows = [[Cell(f"{formats.index(r[1])}–{formats.index(r[2])}"), cell(r[3], "count")]
            for r in table.rows if r[0] == year]
    if spread.total:
        low, high = spread.values[0], spread.values[-1]
        summary = ngettext(
            "%(n)s hasil per instansi terbit untuk %(year)s, berindeks %(low)s.",
            "%(n)s hasil per instansi terbit untuk %(year)s, berindeks %(low)s sampai %(high)s dengan median "
            "%(median)s.",
            spread.total,
        ) % {"n": formats.number(spread.total, 0), "year": year, "low": formats.index(low),
             "high": formats.index(high), "median": formats.index(spread.median)}
        if assessed is not None and assessed > spread.total:
            summary += " " + _("Hasil per instansi baru terbit untuk %(n)s dari %(all)s instansi yang dinilai.") % {
                "n": formats.number(spread.total, 0), "all": formats.number(assessed, 0)}
    else:
        summary = _("Belum ada hasil per instansi yang terbit untuk %(year)s.") % {"year": year}
    bins = [{"dari": float(b.low), "sampai": float(b.high), "jumlah": b.count} for b in spread.bins]
    marks = [{"batas": float(b.min_index), "nama": b.label} for b in bands]
    return charts.Chart(
        "sebaran", _("Sebaran Indeks Sistem Merit, %(year)s") % {"year": year}, summary,
        [_("Rentang indeks"), _("Jumlah instansi")], rows,
        svg=charts.svg("histogram", "sebaran", bins=bins, bands=marks) if spread.total else None,
        empty_reason="" if spread.total else no_chart(),
        downloads=downloads("sebaran", query), source=sources(table),
        notes=[_("Batas bawah indeks setiap kategori: %(bounds)s.") % {
            "bounds": "; ".join(f"{b.label} {formats.number(b.min_index)}" for b in bands)}],
    )


def share_panel(table: Table, year: int, query: dict) -> charts.Chart:
    notes = Notes()
    rows, chart_rows, known = [], [], []
    for r in (r for r in table.rows if r[0] == year):
        kind, good, population, share, target = r[1:6]
        rows.append([
            Cell(kind), cell(good, "count") if good is not None else notes.missing(r[8]),
            cell(population, "count"),
            cell(share, "percent") if share is not None else notes.missing(r[8], "percent"),
            cell(target, "percent") if target is not None else notes.missing(r[9], "percent"),
        ])
        chart_rows.append({"jenis": kind, "capaian": _float(share), "target": _float(target),
                           "label": formats.percent(share) if share is not None else not_available(),
                           "target_label": _("target %(t)s") % {"t": formats.percent(target)} if target is not None
                           else ""})
        if share is not None:
            known.append((kind, share, target))
    if known:
        parts = []
        for kind, share, target in known:
            if target is not None:
                gap = target - share
                parts.append(_("%(kind)s %(share)s (target %(target)s, %(gap)s)") % {
                    "kind": kind, "share": formats.percent(share), "target": formats.percent(target),
                    "gap": _("tercapai") if gap <= 0 else _("kurang %(g)s poin") % {"g": formats.number(gap, 1)}})
            else:
                parts.append(_("%(kind)s %(share)s") % {"kind": kind, "share": formats.percent(share)})
        summary = _("Persentase instansi berkategori baik atau sangat baik pada %(year)s: %(parts)s.") % {
            "year": year, "parts": "; ".join(parts)}
    else:
        summary = _("Capaian per jenis instansi untuk %(year)s tidak tersedia.") % {"year": year}
    has_chart = bool(known) or any(r["target"] is not None for r in chart_rows)
    return charts.Chart(
        "capaian", _("Capaian terhadap target RPJMN, %(year)s") % {"year": year}, summary,
        [_("Jenis instansi"), _("Baik atau sangat baik"), _("Populasi instansi"), _("Capaian"), _("Target RPJMN")],
        rows,
        svg=charts.svg("share_target", "capaian", rows=chart_rows, kinds=[r["jenis"] for r in chart_rows])
        if has_chart else None,
        empty_reason="" if has_chart else no_chart(),
        downloads=downloads("capaian", query), notes=notes.items, source=sources(table),
    )


def share_trend_panel(table: Table, years: list[int], query: dict) -> charts.Chart:
    notes = Notes()
    series = [kind_label(k) for k in ["", *KINDS]]
    rows, chart_rows = [], []
    by = {(r[0], r[1]): r for r in table.rows}
    for year in years:
        for kind in series:
            r = by.get((year, kind))
            if r is None:
                continue
            share, target = r[4], r[5]
            rows.append([cell(year, "year"), Cell(kind),
                         cell(share, "percent") if share is not None else notes.missing(r[8], "percent"),
                         cell(target, "percent") if target is not None else notes.missing(r[9], "percent")])
            if share is not None:
                chart_rows.append({"tahun": str(year), "seri": kind, "nilai": _float(share),
                                   "label": formats.percent(share)})
    changes = []
    for kind in series:
        points = [(r["tahun"], r["nilai"]) for r in chart_rows if r["seri"] == kind]
        if len(points) >= 2:
            a, b = by[(int(points[0][0]), kind)][4], by[(int(points[-1][0]), kind)][4]
            changes.append(_("%(kind)s %(a)s (%(ya)s) → %(b)s (%(yb)s)") % {
                "kind": kind, "a": formats.percent(a), "ya": points[0][0], "b": formats.percent(b),
                "yb": points[-1][0]})
    if changes:
        summary = _("Perubahan persentase instansi berkategori baik atau sangat baik: %(changes)s.") % {
            "changes": "; ".join(changes)}
    elif chart_rows:
        summary = _("Capaian baru tersedia untuk satu tahun; tren akan tampak setelah tahun berikutnya terbit.")
    else:
        summary = _("Belum ada capaian per tahun yang tersedia.")
    used = [s for s in series if any(r["seri"] == s for r in chart_rows)]
    return charts.Chart(
        "tren-capaian", _("Tren capaian per jenis instansi"), summary,
        [_("Tahun"), _("Jenis instansi"), _("Capaian"), _("Target RPJMN")], rows,
        svg=charts.svg("trend", "tren-capaian", rows=chart_rows, series=used,
                       value_title=_("Persen baik atau sangat baik"), domain=[0, 100]) if chart_rows else None,
        empty_reason="" if chart_rows else no_chart(),
        downloads=downloads("capaian", {k: v for k, v in query.items() if k != "tahun"}), notes=notes.items,
        source=sources(table),
    )


def jpt_panel(table: Table, good_by_year: dict, query: dict) -> charts.Chart | None:
    if not table.rows:
        return None
    gone = _("tidak ada lagi dengan nama dan tugas yang sama")
    rows = [[cell(r[0], "year"), content(r[1]), Cell(r[2]), content(r[3]) if r[3] else Cell(gone)] for r in table.rows]
    counts = Counter(r[2] for r in table.rows)
    kinds = [kind_label(k) for k in KINDS]
    parts = ", ".join(f"{formats.number(counts[k], 0)} {k.lower() if k != 'LPNK' else k}" for k in kinds if counts[k])
    years = sorted({r[0] for r in table.rows})
    summary = ""
    for year in years:
        n = sum(1 for r in table.rows if r[0] == year)
        good = good_by_year.get(year)
        as_of = next((r[4] for r in table.rows if r[0] == year and r[4]), str(year))
        if good is not None:
            summary += _("Dari %(good)s instansi berkategori baik atau sangat baik hingga %(as_of)s, %(n)s disetujui "
                         "mengisi JPT melalui manajemen talenta: %(parts)s. ") % {
                "good": formats.number(good, 0), "as_of": as_of, "n": formats.number(n, 0), "parts": parts}
        else:
            summary += _("%(n)s instansi disetujui mengisi JPT melalui manajemen talenta hingga %(as_of)s: "
                         "%(parts)s. ") % {"n": formats.number(n, 0), "as_of": as_of, "parts": parts}
    chart_rows = [{"key": k, "value": counts[k], "label": formats.number(counts[k], 0)} for k in kinds]
    return charts.Chart(
        "jpt", _("Instansi yang disetujui mengisi JPT melalui manajemen talenta"), summary.strip(),
        [_("Tahun"), _("Instansi (menurut sumber)"), _("Jenis instansi"), _("Nama di register")], rows,
        svg=charts.svg("labelled_bars", "jpt", rows=chart_rows, value_title=_("Jumlah instansi"), key_title=""),
        downloads=downloads("jpt", query), source=sources(table),
    )


# Province and instansi --------------------------------------------------------------------------------------------


def province_panel(name: str, chosen, query: dict) -> tuple[charts.Chart, charts.Chart]:
    notes = Notes()
    rows, chart_rows, names = [], [], []
    statuses = Counter()
    for row in chosen.rows:
        r = row.result
        link = reverse("dashboard_instansi", args=[row.instansi.pk])
        if r is None:
            rows.append([content(row.instansi.name), Cell(_("Belum ada hasil terbit")), Cell("–", True),
                         Cell("–", True), Cell("–", True), Cell("–"), Cell("")])
            statuses[_("Belum ada hasil terbit")] += 1
            continue
        status = r.status or (notes.missing(r.status_note, "text").text if r.status_note else "–")
        statuses[r.status or (_("Status tidak terbaca") if r.status_note else _("Status tidak disebut"))] += 1
        rows.append([
            content(row.instansi.name), content(status) if r.status else Cell(status),
            cell(r.self_points.value, "points") if r.self_points.available or not r.self_points.reason
            else notes.missing(r.self_points.reason, "points"),
            cell(r.verified_points.value, "points") if r.verified_points.available or not r.verified_points.reason
            else notes.missing(r.verified_points.reason, "points"),
            cell(r.index.value, "index"), content(r.category_label or "–"), content(r.source),
        ])
        rows[-1][0].link = link
        short = row.instansi.name.removeprefix("Pemerintah ")
        for label, figure in ((_("Nilai verifikasi"), r.verified_points), (_("Nilai mandiri"), r.self_points)):
            if figure.available:
                chart_rows.append({"instansi": short, "ukuran": label, "nilai": _float(figure.value),
                                   "label": formats.number(figure.value)})
        if any(c["instansi"] == short for c in chart_rows):
            names.append(short)
    year = chosen.year
    with_data = len(chosen.with_results)
    counted = ", ".join(f"{formats.number(n, 0)} {s.lower()}" for s, n in statuses.most_common())
    verified = [(c["instansi"], c["nilai"]) for c in chart_rows if c["ukuran"] == _("Nilai verifikasi")]
    if year is None:
        summary = _("Belum ada hasil terbit untuk pemerintah daerah di %(name)s.") % {"name": name}
    else:
        summary = _("Pada %(year)s, %(with)s dari %(all)s pemerintah daerah di %(name)s punya data terbit (%(c)s).") % {
            "year": year, "with": formats.number(with_data, 0), "all": formats.number(len(chosen.rows), 0),
            "name": name, "c": counted}
        if verified:
            top = max(verified, key=lambda v: v[1])
            summary += " " + _("Nilai verifikasi tertinggi: %(who)s (%(n)s).") % {
                "who": top[0], "n": formats.number(Decimal(str(top[1])))}
    table = charts.Chart(
        "provinsi", _("Nilai mandiri dan nilai verifikasi, %(year)s") % {"year": year} if year else _("Hasil"),
        summary,
        [_("Instansi"), _("Status"), _("Nilai mandiri"), _("Nilai verifikasi"), _("Indeks"), _("Kategori"),
         _("Sumber")],
        rows,
        svg=charts.svg("scores", "provinsi", rows=chart_rows, names=names) if chart_rows else None,
        empty_reason="" if chart_rows else _("Belum ada nilai terbit untuk digambarkan."),
        downloads=downloads("hasil", query), notes=notes.items,
    )
    status_rows = [{"key": s, "value": n, "label": formats.number(n, 0)} for s, n in statuses.most_common()]
    status_summary = _("Status %(year)s: %(c)s.") % {"year": year, "c": counted} if year else summary
    status = charts.Chart(
        "status", _("Status pemerintah daerah, %(year)s") % {"year": year} if year else _("Status"), status_summary,
        [_("Status"), _("Jumlah pemerintah daerah")],
        [[Cell(s), cell(n, "count")] for s, n in statuses.most_common()],
        svg=charts.svg("labelled_bars", "status", rows=status_rows, value_title=_("Jumlah pemerintah daerah"),
                       key_title="") if status_rows else None,
        downloads=downloads("hasil", query),
    )
    return table, status


def history_panel(instansi, history, bands: list[Band], query: dict) -> charts.Chart:
    notes = Notes()
    rows, chart_rows = [], []
    for r in history:
        rows.append([
            cell(r.year, "year"),
            content(r.status) if r.status
            else Cell(notes.missing(r.status_note, "text").text if r.status_note else "–"),
            cell(r.self_points.value, "points") if r.self_points.available or not r.self_points.reason
            else notes.missing(r.self_points.reason, "points"),
            cell(r.verified_points.value, "points") if r.verified_points.available or not r.verified_points.reason
            else notes.missing(r.verified_points.reason, "points"),
            cell(r.index.value, "index"), content(r.category_label or "–"), content(r.source),
        ])
        if r.index.available:
            label = formats.index(r.index.value) + (f" {r.category}" if r.category else "")
            chart_rows.append({"tahun": str(r.year), "indeks": _float(r.index.value), "label": label})
    indexed = [r for r in history if r.index.available]
    if not history:
        summary = _("Belum ada hasil terbit untuk %(name)s.") % {"name": instansi.name}
    elif len(indexed) >= 2:
        a, b = indexed[0], indexed[-1]
        summary = _("Indeks %(name)s %(trend)s dari %(a)s (%(ya)s) menjadi %(b)s (%(yb)s), kategori %(cat)s.") % {
            "name": instansi.name, "trend": _trend(a.index.value, b.index.value), "a": formats.index(a.index.value),
            "ya": a.year, "b": formats.index(b.index.value), "yb": b.year, "cat": b.category or "–"}
    elif indexed:
        r = indexed[0]
        summary = _("%(name)s berindeks %(i)s pada %(year)s, kategori %(cat)s.") % {
            "name": instansi.name, "i": formats.index(r.index.value), "year": r.year, "cat": r.category or "–"}
    else:
        summary = _("%(name)s punya data terbit untuk %(years)s, tanpa indeks.") % {
            "name": instansi.name, "years": ", ".join(str(r.year) for r in history)}
    marks = [{"batas": float(b.min_index), "nama": b.label} for b in bands]
    return charts.Chart(
        "riwayat", _("Riwayat hasil penilaian"), summary,
        [_("Tahun"), _("Status"), _("Nilai mandiri"), _("Nilai verifikasi"), _("Indeks"), _("Kategori"),
         _("Sumber")],
        rows,
        svg=charts.svg("history", "riwayat", rows=chart_rows, bands=marks) if chart_rows else None,
        empty_reason="" if chart_rows else no_chart(),
        downloads=downloads("hasil", query), notes=notes.items,
    )


def _trend(a, b) -> str:
    return _("naik") if b > a else _("turun") if b < a else _("tetap")


def _float(value):
    """A number for the chart's data (Vega reads JSON numbers); never shown as text."""
    return None if value is None else float(value)
