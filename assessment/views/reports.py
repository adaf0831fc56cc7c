"""The assessment report as a printable page, a PDF from the same template, an XLSX workbook with a sheet per
part, and a CSV of the indicators; all private to the team and its verifikator, like every assessment page."""

import logging
from decimal import Decimal
from io import BytesIO

from django.http import FileResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext

from portal.exports import csv_response, xlsx_response

from ..reports import Report, build
from .common import members_only, private, scope

logger = logging.getLogger(__name__)


def _report(request, year, instansi_id) -> tuple:
    found = scope(request, year, instansi_id)
    found.assessment.instansi = found.instansi  # already read by scope
    report = build(found.assessment)
    context = {
        "scope": found,
        "report": report,
        "assessment": found.assessment,
        "instansi": found.instansi,
        "aspects_nav": [line.aspect for line in report.aspects],
        "generated_at": timezone.now(),
    }
    return report, context


def _filename(report: Report, extension: str) -> str:
    return f"penilaian-mandiri-{slugify(report.instansi.name) or 'instansi'}-{report.year}.{extension}"


@members_only
def report_page(request, year, instansi_id=None):
    """The report to read on screen or print from the browser (the print rules leave out the site's frame)."""
    _found, context = _report(request, year, instansi_id)
    return private(render(request, "assessment/report.html", context))


@members_only
def report_pdf(request, year, instansi_id=None):
    """The same report as a PDF, rendered afresh: it changes with every save and is never stored."""
    report, context = _report(request, year, instansi_id)
    try:
        import weasyprint  # needs Pango from the system, which only the PDF needs
    except (ImportError, OSError):
        logger.exception("WeasyPrint cannot load; the assessment report PDF is unavailable")
        context["pdf_unavailable"] = True
        return private(render(request, "assessment/report.html", context, status=503))
    html = render_to_string("assessment/report_pdf.html", context, request=request)
    # The template carries its own styles and no images: WeasyPrint fetches nothing, here or elsewhere.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    data = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher).write_pdf()
    response = FileResponse(
        BytesIO(data), as_attachment=True, content_type="application/pdf", filename=_filename(report, "pdf")
    )
    return private(response)


@members_only
def report_xlsx(request, year, instansi_id=None):
    report, _context = _report(request, year, instansi_id)
    sheets = [
        (gettext("Ringkasan"), [gettext("Keterangan"), gettext("Nilai")], _summary_rows(report)),
        (gettext("Aspek"), _aspect_header(report), _aspect_rows(report)),
        (gettext("Indikator"), _indicator_header(), _indicator_rows(report)),
        (gettext("Rencana aksi"), _action_header(), _action_rows(report)),
    ]
    return private(xlsx_response(_filename(report, "xlsx"), sheets))


@members_only
def report_csv(request, year, instansi_id=None):
    """The indicators, one a row: the part of the report a team sorts and filters (the workbook has every part)."""
    report, _context = _report(request, year, instansi_id)
    return private(csv_response(_filename(report, "csv"), _indicator_header(), _indicator_rows(report)))


def _number(value: Decimal | None) -> Decimal | None:
    """A number cell as it is read: 40 rather than 40.0, 282.5 as it is."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _moment(value):
    """A date and time for a spreadsheet cell, which holds no time zone: the portal's local time."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _summary_rows(report: Report) -> list:
    assessment, total = report.assessment, report.total
    rows = [
        (gettext("Instansi"), report.instansi.name),
        (gettext("Tahun"), report.year),
        (gettext("Versi rubrik"), str(report.version)),
        (gettext("Status"), assessment.get_status_display()),
        (gettext("Nilai maksimal"), _number(total.max_points)),
        (gettext("Nilai mandiri"), _number(total.self_points)),
        (gettext("Indeks menurut nilai mandiri (perkiraan)"), report.self_index),
        (gettext("Kategori menurut nilai mandiri (perkiraan)"), capfirst(report.self_category)),
    ]
    for column, points in zip(report.rounds, total.verified, strict=True):
        if column.is_open:
            label = gettext("Nilai verifikasi: %(round)s (berjalan)") % {"round": column.name}
        else:
            label = gettext("Nilai verifikasi: %(round)s") % {"round": column.name}
        rows.append((label, _number(points)))
    rows += [
        (gettext("Nilai verifikasi ditetapkan"), _number(assessment.verified_points)),
        (gettext("Indeks Sistem Merit"), assessment.index),
        (gettext("Kategori"), capfirst(assessment.category)),
        (gettext("Ditetapkan pada"), _moment(assessment.determined_at)),
        (gettext("Diterbitkan KASN"), _moment(assessment.published_at)),
    ]
    for clause in report.consequence:
        rows.append((gettext("Akibat kategori (%(clause)s)") % {"clause": clause.citation}, clause.text.strip()))
    if report.previous:
        rows.append((report.previous_label, _number(total.previous)))
        rows.append((gettext("Selisih dengan tahun sebelumnya"), _number(total.change)))
        if report.previous.index is not None:
            rows.append((gettext("Indeks %(year)s") % {"year": report.previous.year}, report.previous.index))
            rows.append(
                (gettext("Kategori %(year)s") % {"year": report.previous.year}, capfirst(report.previous.category))
            )
    return rows


def _aspect_header(report: Report) -> list:
    header = [gettext("Huruf"), gettext("Aspek"), gettext("Nilai maksimal"), gettext("Nilai mandiri")]
    for column in report.rounds:
        if column.is_open:
            header.append(gettext("Verifikasi: %(round)s (berjalan)") % {"round": column.name})
        else:
            header.append(gettext("Verifikasi: %(round)s") % {"round": column.name})
    if report.previous:
        header += [report.previous_label, gettext("Selisih")]
    return header


def _aspect_rows(report: Report) -> list:
    rows = []
    for line in [*report.aspects, report.total]:
        row = [
            line.aspect.letter if line.aspect else "",
            capfirst(line.aspect.name) if line.aspect else gettext("Jumlah"),
            _number(line.max_points),
            _number(line.self_points),
            *(_number(points) for points in line.verified),
        ]
        if report.previous:
            row += [_number(line.previous), _number(line.change)]
        rows.append(row)
    return rows


def _indicator_header() -> list:
    return [
        gettext("Aspek"),
        gettext("Kode"),
        gettext("Indikator"),
        gettext("Tingkat yang dipilih"),
        gettext("Nilai maksimal"),
        gettext("Nilai mandiri"),
        gettext("Nilai verifikasi"),
        gettext("Putaran verifikasi"),
        gettext("Temuan"),
        gettext("Perlu diperbaiki"),
        gettext("Uraian tim"),
        gettext("Kemajuan"),
    ]


def _indicator_rows(report: Report):
    yes, no = gettext("Ya"), gettext("Tidak")
    for aspect in report.aspects:
        for line in aspect.indicators:
            answer = line.answer
            yield [
                capfirst(aspect.aspect.name),
                line.code,
                line.clause_short,
                line.level.description if line.level else "",
                _number(line.max_points),
                _number(line.self_points),
                _number(line.verified_points),
                line.verified_round_name,
                line.finding,
                (yes if line.flagged else no) if line.verified_round else "",
                answer.narrative,
                answer.get_progress_display(),
            ]


def _action_header() -> list:
    return [
        gettext("Indikator"),
        gettext("Aksi"),
        gettext("Target keluaran (output)"),
        gettext("Target hasil (outcome)"),
        gettext("Penanggung jawab"),
        gettext("Tenggat"),
        gettext("Status"),
    ]


def _action_rows(report: Report) -> list:
    return [
        [
            item.indicator.code if item.indicator else "",
            item.action,
            item.output_target,
            item.outcome_target,
            (item.owner.get_full_name() or item.owner.get_username()) if item.owner else "",
            item.due_date,
            item.get_status_display(),
        ]
        for item in report.actions
    ]
