"""The dashboard's pages and downloads: /dasbor/ by year, a province's governments, an instansi's history, and
every table as CSV, XLSX or JSON at /dasbor/data/<name>.<format> with the page's own filters.

All of it is public and kept in the page cache for anonymous visitors, under the `dashboard` tag (purged when a
result is published or a figure edited), `instansi` (names) and `rubric` (the categories' bounds).
"""

from django.conf import settings
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meritopedia.rubric import RUBRIC
from portal.cache import MENU, page_tag, shows
from portal.exports import csv_response, xlsx_response
from portal.instansi import INSTANSI
from portal.languages import in_current_language
from portal.models import Instansi

from . import formats, panels
from .charts import table_body
from .datasets import DATASETS, BadFilter, Filters, parse_filters
from .figures import DASHBOARD
from .pages import DashboardPage
from .results import (
    PROVINCE_SLUGS,
    current_bands,
    instansi_history,
    national,
    province,
    province_slug,
)

DOWNLOAD_FORMATS = ("csv", "xlsx", "json")
TEXT = "text/plain; charset=utf-8"


def _shows(request, page=None) -> None:
    shows(request, DASHBOARD, INSTANSI, RUBRIC, MENU, *([page_tag(page.pk)] if page else []))


def _page() -> DashboardPage | None:
    """The dashboard's page (title, introduction) in the visitor's language where editors translated it."""
    page = DashboardPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return in_current_language([page])[0] if page else None


def _bad_request(request, message: str):
    return render(request, "dashboard/bad_request.html", {"message": message}, status=400)


def _not_found(request, message: str, **context):
    return render(request, "dashboard/not_found.html", {"message": message, **context}, status=404)


def _headline(label: str, figure, percent: bool = False) -> dict:
    if not figure.available:
        return {"label": label, "text": _("tidak tersedia"), "source": figure.reason}
    text = formats.percent(figure.value) if percent else formats.number(figure.value, 0)
    as_of = _(" (keadaan %(as_of)s)") % {"as_of": figure.as_of} if figure.as_of else ""
    return {"label": label, "text": text, "source": f"{figure.source}{as_of}"}


@require_safe
def dashboard(request):
    """/dasbor/?tahun=2022: the national figures of one year, and the trend across years."""
    try:
        filters = parse_filters(request.GET, allowed=("tahun",))
    except BadFilter as error:
        return _bad_request(request, str(error))
    page = _page()
    _shows(request, page)
    data = national()
    if filters.tahun and filters.tahun not in data.years:
        return _not_found(request, _("Belum ada data dasbor untuk tahun %(year)s.") % {"year": filters.tahun},
                          years=data.years)
    year = filters.tahun or (data.years[-1] if data.years else None)
    context = {"page": page, "years": data.years, "year": year, "data_links": []}
    if year is not None:
        year_filters = Filters(tahun=year)
        query = year_filters.query()
        tables = {name: DATASETS[name](year_filters, data) for name in ("kategori", "sebaran", "capaian", "provinsi")}
        every_year = {name: DATASETS[name](Filters(), data) for name in ("dinilai", "capaian", "jpt")}
        assessed = data.assessed(year)
        good_by_year = {y: data.good(y).value for y in data.years}
        context.update(
            is_report_year=data.is_report_year(year),
            year_source=data.source_of(year),
            headline=[
                _headline(_("instansi dinilai"), assessed),
                _headline(_("instansi dalam wilayah pengawasan KASN"), data.population(year)),
                _headline(_("instansi berkategori baik atau sangat baik"), data.good(year)),
                _headline(_("instansi berkategori baik atau sangat baik, dari seluruh instansi"), data.share(year),
                          percent=True),
            ],
            panels=[
                panels.assessed_panel(every_year["dinilai"], {}),
                panels.categories_panel(tables["kategori"], year, data.categories, query),
                panels.spread_panel(tables["sebaran"], year, data.distribution(year), data.bands, assessed.value,
                                    query),
                panels.share_panel(tables["capaian"], year, query),
                panels.share_trend_panel(every_year["capaian"], data.years, query),
            ],
            jpt=panels.jpt_panel(every_year["jpt"], good_by_year, {}),
            province_rows=table_body(
                [
                    panels.content(row[1], link=reverse("dashboard_province", args=[province_slug(row[1])])
                                + (f"?tahun={year}" if row[3] else "")),
                    panels.cell(row[2], "count"), panels.cell(row[3], "count"), panels.cell(row[4], "index"),
                ]
                for row in tables["provinsi"].rows
            ),
        )
        links = [
            (every_year["dinilai"].title, "dinilai", {}),
            (tables["kategori"].title, "kategori", query),
            (tables["sebaran"].title, "sebaran", query),
            (tables["capaian"].title + f" ({year})", "capaian", query),
            (_("Capaian terhadap target RPJMN, semua tahun"), "capaian", {}),
            (every_year["jpt"].title, "jpt", {}),
            (tables["provinsi"].title, "provinsi", query),
            (_("Hasil penilaian per instansi"), "hasil", query),
        ]
        context["data_links"] = [(title, panels.downloads(name, q)) for title, name, q in links]
    return render(request, "dashboard/national.html", context)


@require_safe
def province_page(request, slug):
    """/dasbor/<provinsi>/?tahun=2022: the province's own government and its kabupaten/kota."""
    name = PROVINCE_SLUGS.get(slug)
    if name is None:
        _shows(request)
        return _not_found(request, _("Provinsi “%(slug)s” tidak dikenal.") % {"slug": slug[:60]},
                          provinces=[(n, province_slug(n)) for n in PROVINCE_SLUGS.values()])
    try:
        filters = parse_filters(request.GET, allowed=("tahun",))
    except BadFilter as error:
        return _bad_request(request, str(error))
    page = _page()
    _shows(request, page)
    chosen = province(name, filters.tahun)
    if filters.tahun and filters.tahun not in chosen.years:
        return _not_found(request, _("Belum ada data terbit untuk %(name)s pada %(year)s.") % {
            "name": name, "year": filters.tahun}, years=chosen.years, base=reverse("dashboard_province", args=[slug]))
    query = Filters(tahun=chosen.year, provinsi=name).query()
    scores, status = panels.province_panel(name, chosen, query)
    return render(request, "dashboard/province.html", {
        "page": page, "name": name, "slug": slug, "province": chosen, "years": chosen.years, "year": chosen.year,
        "panels": [status, scores], "data_links": [(_("Hasil per instansi di %(name)s") % {"name": name},
                                                    panels.downloads("hasil", query))],
    })


@require_safe
def instansi_page(request, instansi_id):
    """/dasbor/instansi/<id>/: every public result of one instansi, year by year."""
    _shows(request)
    instansi = Instansi.objects.filter(pk=instansi_id).first()
    if instansi is None:
        return _not_found(request, _("Tidak ada instansi dengan nomor itu."))
    history = instansi_history(instansi)
    query = Filters(instansi=instansi).query()
    panel = panels.history_panel(instansi, history, current_bands(), query)
    return render(request, "dashboard/instansi.html", {
        "page": _page(), "instansi": instansi, "history": history, "panel": panel,
        "province_slug": province_slug(instansi.province) if instansi.province else "",
        "data_links": [(_("Riwayat hasil %(name)s") % {"name": instansi.name}, panels.downloads("hasil", query))],
    })


@require_safe
def data(request, name, fmt):
    """/dasbor/data/<name>.csv|.xlsx|.json, and <name>-metadata.json: a table with the page's filters."""
    metadata_only = name.endswith("-metadata") and fmt == "json"
    name = name.removesuffix("-metadata") if metadata_only else name
    if name not in DATASETS or fmt not in DOWNLOAD_FORMATS:
        raise Http404(_("Data ini tidak ada."))
    try:
        filters = parse_filters(request.GET)
    except BadFilter as error:
        return HttpResponseBadRequest(str(error), content_type=TEXT)
    _shows(request)
    national_data = national()
    if filters.tahun and filters.tahun not in national_data.years:
        return HttpResponseNotFound(_("Belum ada data dasbor untuk tahun %(year)s.") % {"year": filters.tahun},
                                    content_type=TEXT)
    table = DATASETS[name](filters, national_data)
    address = request.build_absolute_uri()
    metadata = table.metadata(address)
    filename = "-".join(["dasbor", name, *(f"{k}-{v}" for k, v in filters.query().items())])
    if metadata_only:
        return JsonResponse({"metadata": metadata}, json_dumps_params={"ensure_ascii": False})
    if fmt == "json":
        records = [{k: formats.json_number(v) for k, v in record.items()} for record in table.records()]
        return JsonResponse({"metadata": metadata, "data": records}, json_dumps_params={"ensure_ascii": False})
    header = [c.name for c in table.columns]
    rows = ([formats.machine(v) for v in row] for row in table.rows)
    if fmt == "csv":
        response = csv_response(f"{filename}.csv", header, rows)
        link = reverse("dashboard_data", args=[f"{name}-metadata", "json"])
        query = request.META.get("QUERY_STRING", "")
        response["Link"] = f'<{link}{"?" + query if query else ""}>; rel="describedby"; type="application/json"'
        return response
    return xlsx_response(f"{filename}.xlsx", [(_("Data"), header, rows), (_("Metadata"), [_("Kunci"), _("Isi")],
                                                                          _metadata_rows(table, metadata))])


def _metadata_rows(table, metadata) -> list[list]:
    rows = [[key, value if isinstance(value, str) else "; ".join(f"{k}={v}" for k, v in value.items())
             if isinstance(value, dict) else "; ".join(value)]
            for key, value in metadata.items() if key != "definisi"]
    rows.append(["", ""])
    rows.append([_("Kolom"), _("Definisi")])
    rows += [[c.name, str(c.definition)] for c in table.columns]
    return rows


@require_safe
def old_facts_page(request):
    """/fakta-sistem-merit/ (its figures are the dashboard's now) moves to /dasbor/ for good."""
    shows(request, DASHBOARD)
    return HttpResponsePermanentRedirect(reverse("dashboard"))
