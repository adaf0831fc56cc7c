"""The dashboard's charts: Vega-Lite specs built with Altair, drawn to SVG on the server by vl-convert, so a chart
needs no JavaScript, no CDN and no inline style (the portal's CSP allows neither script nor style from the page).

Every chart carries its meaning in position and words, not in colour alone: bars are labelled with their values,
a target is a black tick labelled "target", the lines of a trend differ in point shape and dash as well as colour
and are named at their ends. The SVG is hidden from assistive technology except as one image named by the
figure's caption and summary; the data table beside it is what a screen reader reads.

Building a spec (about 20 ms with Altair) and drawing it (about 50 ms, 700 ms for the first in a process) would
break the dashboard's budget, so the SVG is kept per chart type and data: in this process and in the shared
cache. Anonymous visitors are served from the page cache before any of this runs.
"""

import hashlib
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

from django.core.cache import caches
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.languages import content_lang

# Indonesian number notation for axes and labels drawn by Vega (d3-format's locale object).
# d3's number format per interface language: the chart's numbers read like the table beside it.
FORMAT_LOCALES = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["Rp", ""]},
}
INK, MUTED, BRAND, ACCENT, GRID = "#1b1f24", "#4a5562", "#0b4f8a", "#b3541e", "#e3e7ec"
CATEGORY_COLOURS = {"sangat baik": "#1d6b38", "baik": BRAND, "kurang": "#8a5a00", "buruk": "#a12a2a"}
SERIES_COLOURS = [BRAND, ACCENT, "#1d6b38", "#6b2f8a", INK]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4]]
WIDTH = 560
CODE_VERSION = "1"  # change when a builder changes, so kept SVGs are drawn again
KEPT_IN_PROCESS = 256
SHARED_SECONDS = 24 * 3600

_kept: OrderedDict[str, str] = OrderedDict()
_lock = Lock()


@dataclass
class Chart:
    """A chart as a page shows it: its SVG (or why there is none), summary, data table and downloads."""

    slug: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list]  # panels.Cell: formatted text, numeric or not, a link
    svg: SafeString | None = None
    empty_reason: str = ""
    downloads: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def body(self) -> SafeString:
        """The table's rows as HTML, the first cell of each a row header: drawn here rather than in the template,
        which at thousands of cells a page was most of the render time."""
        return table_body(self.rows)

    @property
    def wide(self) -> bool:
        """A table of many columns goes under its chart rather than beside it."""
        return len(self.columns) > 3

    @property
    def caption_id(self) -> str:
        return f"grafik-{self.slug}-judul"

    @property
    def summary_id(self) -> str:
        return f"grafik-{self.slug}-ringkasan"


def table_body(rows) -> SafeString:
    """Rows of `panels.Cell` as <tr>s, the first cell of each a row header; every text and link is escaped."""
    html, marked = [], content_lang()
    for row in rows:
        html.append("<tr>")
        for n, cell in enumerate(row):
            text = escape(cell.text)
            if cell.link:
                text = f'<a href="{escape(cell.link)}">{text}</a>'
            css = ' class="num"' if cell.num else ""
            css += marked if getattr(cell, "content", False) else ""
            html.append(f'<th scope="row"{css}>{text}</th>' if n == 0 else f"<td{css}>{text}</td>")
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 - built from escaped text and constant markup


def svg(builder: str, slug: str, **data) -> SafeString:
    """The chart `builder` draws from `data`, as inline SVG labelled by the figure's caption and summary."""
    raw = _drawn(builder, data)
    # Vega's own ARIA roles describe marks in English; the figure is one image, described by the page.
    raw = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", raw)
    raw = re.sub(r'\sclass="marks"', "", raw, count=1).replace(
        "<svg ",
        f'<svg role="img" focusable="false" class="chart-svg" '
        f'aria-labelledby="grafik-{slug}-judul grafik-{slug}-ringkasan" ',
        1,
    )
    return mark_safe(raw)  # noqa: S308 - vl-convert escapes every text it draws; nothing else is added


def _key(builder: str, data: dict) -> str:
    import altair
    import vl_convert

    payload = json.dumps(
        [CODE_VERSION, altair.__version__, vl_convert.__version__, get_language(), builder, data],
        sort_keys=True,
        default=str,
    )
    return "dashboard-chart:" + hashlib.sha256(payload.encode()).hexdigest()


def _drawn(builder: str, data: dict) -> str:
    key = _key(builder, data)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    shared = caches["default"]
    found = shared.get(key)
    if found is None:
        import vl_convert

        spec = BUILDERS[builder](**data)
        locale = FORMAT_LOCALES.get(get_language(), FORMAT_LOCALES["id"])
        found = vl_convert.vegalite_to_svg(spec, format_locale=locale)
        shared.set(key, found, SHARED_SECONDS)
    with _lock:
        _kept[key] = found
        while len(_kept) > KEPT_IN_PROCESS:
            _kept.popitem(last=False)
    return found


def forget() -> None:
    """Empties this process's kept SVGs (for measuring a cold render)."""
    with _lock:
        _kept.clear()


# Builders: plain data in, a Vega-Lite spec out -------------------------------------------------------------------


def _config(chart):
    chart = chart.configure(font="sans-serif", aria=False, background="white").configure_view(stroke=None)
    chart = chart.configure_axis(labelFontSize=12, titleFontSize=12, labelColor=INK, titleColor=INK, gridColor=GRID)
    return chart.configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom", labelLimit=260)


def labelled_bars(rows: list[dict], value_title: str, key_title: str, vertical: bool = False,
                  value_format: str = ",d") -> dict:
    """Bars with their value written beside them; a row without a value says "tidak tersedia" where its bar
    would be. `rows`: {key, value (or None), label}."""
    import altair as alt

    order = [row["key"] for row in rows]
    base = alt.Chart(alt.Data(values=rows)).transform_calculate(shown="datum.value == null ? 0 : datum.value")
    value = alt.X if not vertical else alt.Y
    key = alt.Y if not vertical else alt.X
    v = value("shown:Q", title=value_title, axis=alt.Axis(format=value_format, tickMinStep=1))
    k = key("key:N", title=key_title, sort=order, axis=alt.Axis(labelLimit=260, labelAngle=0))
    bars = base.transform_filter("datum.value != null").mark_bar(color=BRAND).encode(v, k)
    text_args = {"align": "left", "dx": 4, "baseline": "middle"} if not vertical else {"baseline": "bottom", "dy": -3}
    labels = base.mark_text(color=INK, fontSize=12, **text_args).encode(
        value("shown:Q"), key("key:N", sort=order), text="label:N"
    )
    size = {"width": WIDTH - 200, "height": {"step": 26}} if not vertical else {"width": {"step": 90}, "height": 220}
    return _config(alt.layer(bars, labels).properties(**size)).to_dict(validate=False)


def categories(rows: list[dict], kinds: list[str], order: list[str]) -> dict:
    """Instansi per category within each kind: grouped bars, each labelled with its category and count.
    `rows`: {jenis, kategori, jumlah, label}."""
    import altair as alt

    base = alt.Chart(alt.Data(values=rows))
    y = alt.Y("jenis:N", title=None, sort=kinds, axis=alt.Axis(labelLimit=160))
    offset = alt.YOffset("kategori:N", sort=order)
    colour = alt.Color(
        "kategori:N", title=_("Kategori"), sort=order,
        scale=alt.Scale(domain=order, range=[CATEGORY_COLOURS.get(c, MUTED) for c in order]),
    )
    bars = base.mark_bar().encode(alt.X("jumlah:Q", title=_("Jumlah instansi"), axis=alt.Axis(format=",d")), y,
                                  offset, colour)
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=INK).encode(
        alt.X("jumlah:Q"), y, offset, text="label:N"
    )
    chart = alt.layer(bars, labels).properties(width=WIDTH - 260, height={"step": 16 * max(len(order), 1)})
    return _config(chart).to_dict(validate=False)


def histogram(bins: list[dict], bands: list[dict]) -> dict:
    """How many results fall in each tenth of the index, with each category's lower bound drawn and named.
    `bins`: {dari, sampai, jumlah}; `bands`: {batas, nama}."""
    import altair as alt

    scale = alt.Scale(domain=[0, 1])
    highest = max([b["jumlah"] for b in bins] + [1])
    count_scale = alt.Scale(domain=[0, highest * 1.3], nice=False)
    bars = alt.Chart(alt.Data(values=bins)).mark_bar(color=BRAND, stroke="white", strokeWidth=1).encode(
        alt.X("dari:Q", title=_("Indeks Sistem Merit"), scale=scale, axis=alt.Axis(format=".1f", tickCount=10)),
        alt.X2("sampai:Q"),
        alt.Y("jumlah:Q", title=_("Jumlah instansi"), scale=count_scale,
              axis=alt.Axis(format=",d", values=_whole_ticks(highest))),
        y2=alt.datum(0),
    )
    counts = alt.Chart(alt.Data(values=[b for b in bins if b["jumlah"]])).transform_calculate(
        tengah="(datum.dari + datum.sampai) / 2"
    ).mark_text(baseline="bottom", dy=-2, fontSize=11, color=INK).encode(
        alt.X("tengah:Q", scale=scale), alt.Y("jumlah:Q", scale=count_scale), text=alt.Text("jumlah:Q", format=",d")
    )
    rules = alt.Chart(alt.Data(values=bands)).mark_rule(color=INK, strokeDash=[4, 3]).encode(
        alt.X("batas:Q", scale=scale)
    )
    names = alt.Chart(alt.Data(values=bands)).mark_text(
        align="left", dx=3, dy=-4, baseline="bottom", fontSize=11, color=INK
    ).encode(alt.X("batas:Q", scale=scale), y=alt.value(0), text="nama:N")
    return _config(alt.layer(bars, counts, rules, names).properties(width=WIDTH - 60, height=220)).to_dict(
        validate=False
    )


def share_target(rows: list[dict], kinds: list[str]) -> dict:
    """The share of instansi in baik or sangat baik per kind, with its RPJMN target as a labelled black tick.
    `rows`: {jenis, capaian (or None), target (or None), label, target_label}."""
    import altair as alt

    base = alt.Chart(alt.Data(values=rows))
    x_scale = alt.Scale(domain=[0, 100])
    y = alt.Y("jenis:N", title=None, sort=kinds, axis=alt.Axis(labelLimit=160))
    bars = base.transform_filter("datum.capaian != null").mark_bar(color=BRAND, height={"band": 0.6}).encode(
        alt.X("capaian:Q", title=_("Persen instansi berkategori baik atau sangat baik"), scale=x_scale,
              axis=alt.Axis(format=",d")),
        y,
    )
    labels = base.transform_calculate(shown="datum.capaian == null ? 0 : datum.capaian").mark_text(
        align="left", dx=4, fontSize=12, color=INK
    ).encode(alt.X("shown:Q", scale=x_scale), y, text="label:N")
    ticks = base.transform_filter("datum.target != null").mark_tick(color=INK, thickness=3, size=26).encode(
        alt.X("target:Q", scale=x_scale), y
    )
    tick_labels = base.transform_filter("datum.target != null").mark_text(
        align="center", dy=-17, fontSize=11, color=INK
    ).encode(alt.X("target:Q", scale=x_scale), y, text="target_label:N")
    chart = alt.layer(bars, labels, ticks, tick_labels).properties(width=WIDTH - 160, height={"step": 46})
    return _config(chart).to_dict(validate=False)


def trend(rows: list[dict], series: list[str], value_title: str, value_format: str = ",d",
          domain: list | None = None) -> dict:
    """A line per series across the years; series differ in point shape and dash as well as colour, and each is
    named at its last point. `rows`: {tahun, seri, nilai, label}."""
    import altair as alt

    n = len(series)
    legend = {
        "scale": alt.Scale(domain=series, range=SERIES_COLOURS[:n]),
        "sort": series,
    }
    y = alt.Y("nilai:Q", title=value_title, axis=alt.Axis(format=value_format),
              scale=alt.Scale(domain=domain) if domain else alt.Undefined)
    x = alt.X("tahun:O", title=_("Tahun"), axis=alt.Axis(labelAngle=0))
    base = alt.Chart(alt.Data(values=rows))
    lines = base.mark_line(strokeWidth=2).encode(
        x, y, alt.Color("seri:N", title=None, legend=None, **legend),
        alt.StrokeDash("seri:N", legend=None, sort=series, scale=alt.Scale(domain=series, range=DASHES[:n])),
    )
    points = base.mark_point(filled=True, size=70).encode(
        x, y,
        alt.Color("seri:N", title=_("Seri"), **legend),
        alt.Shape("seri:N", title=_("Seri"), sort=series, scale=alt.Scale(domain=series, range=SHAPES[:n])),
    )
    values = base.mark_text(dy=-10, fontSize=11, color=INK).encode(x, y, text="label:N")
    last = base.transform_window(
        rank="rank()", sort=[alt.SortField("tahun", order="descending")], groupby=["seri"]
    ).transform_filter("datum.rank == 1").mark_text(align="left", dx=8, fontSize=11, color=INK).encode(
        x, y, text="seri:N"
    )
    chart = alt.layer(lines, points, values, last).properties(width=WIDTH - 140, height=240)
    return _config(chart).to_dict(validate=False)


def scores(rows: list[dict], names: list[str]) -> dict:
    """Each instansi's nilai verifikasi as a bar and its nilai mandiri as a diamond, both labelled.
    `rows`: {instansi, ukuran, nilai, label}."""
    import altair as alt

    measures = [_("Nilai verifikasi"), _("Nilai mandiri")]
    base = alt.Chart(alt.Data(values=rows))
    y = alt.Y("instansi:N", title=None, sort=names, axis=alt.Axis(labelLimit=240))
    x = alt.X("nilai:Q", title=_("Nilai (dari 410)"), scale=alt.Scale(domain=[0, 410]), axis=alt.Axis(format=",d"))
    colour = alt.Color("ukuran:N", title=None, scale=alt.Scale(domain=measures, range=[BRAND, ACCENT]))
    shape = alt.Shape("ukuran:N", title=None, scale=alt.Scale(domain=measures, range=["square", "diamond"]))
    bars = base.transform_filter(f"datum.ukuran == '{measures[0]}'").mark_bar(height={"band": 0.55}).encode(
        x, y, colour, shape
    )
    marks = base.transform_filter(f"datum.ukuran == '{measures[1]}'").mark_point(
        filled=True, size=90, stroke="white", strokeWidth=1
    ).encode(x, y, colour, shape)
    labels = base.transform_filter(f"datum.ukuran == '{measures[0]}'").mark_text(
        align="left", dx=4, fontSize=11, color=INK
    ).encode(x, y, text="label:N")
    chart = alt.layer(bars, marks, labels).properties(width=WIDTH - 260, height={"step": 24})
    return _config(chart).to_dict(validate=False)


def history(rows: list[dict], bands: list[dict]) -> dict:
    """One instansi's index across the years with each point labelled (index and category), and the categories'
    lower bounds drawn and named. `rows`: {tahun, indeks, label}; `bands`: {batas, nama}."""
    import altair as alt

    y_scale = alt.Scale(domain=[0, 1])
    x = alt.X("tahun:O", title=_("Tahun"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("indeks:Q", title=_("Indeks Sistem Merit"), scale=y_scale, axis=alt.Axis(format=".1f"))
    base = alt.Chart(alt.Data(values=rows))
    line = base.mark_line(color=BRAND, strokeWidth=2, point=alt.OverlayMarkDef(filled=True, size=70, color=BRAND))
    labels = base.mark_text(dy=-12, fontSize=11, color=INK).encode(x, y, text="label:N")
    rules = alt.Chart(alt.Data(values=bands)).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(
        alt.Y("batas:Q", scale=y_scale)
    )
    names = alt.Chart(alt.Data(values=bands)).mark_text(
        align="right", dy=-3, baseline="bottom", fontSize=10, color=MUTED
    ).encode(
        alt.Y("batas:Q", scale=y_scale), x=alt.value(WIDTH - 200), text="nama:N"
    )
    chart = alt.layer(rules, names, line.encode(x, y), labels).properties(width=WIDTH - 200, height=220)
    return _config(chart).to_dict(validate=False)


def _whole_ticks(highest: int) -> list[int]:
    """At most six whole-number ticks from 0 to `highest` (a count is never 1,5)."""
    step = max(1, -(-highest // 5))
    return list(range(0, highest + step, step))


BUILDERS = {
    "labelled_bars": labelled_bars,
    "categories": categories,
    "histogram": histogram,
    "share_target": share_target,
    "trend": trend,
    "scores": scores,
    "history": history,
}
