"""Tables for spreadsheets: CSV and XLSX downloads, written row by row, never all in memory.

Every export of the site goes through here (check-ins, school bookings, the console's exports), so each one
is safe in the same way:
- a cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return)
  is written as text, with a leading apostrophe; numbers and dates stay numbers and dates;
- rows come from an iterator (a queryset's `.iterator(chunk_size=...)`), so memory does not grow with the
  number of rows: CSV streams through `StreamingHttpResponse`; XLSX goes through openpyxl's write-only
  workbook into a temporary file on disk, which `FileResponse` then streams and the OS deletes once closed;
- the file name is made by the caller from slugs and dates only, and cleaned here again.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def safe_cell(value):
    """A value a spreadsheet shows as typed: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local(value: dt.datetime) -> dt.datetime:
    return (timezone.localtime(value) if timezone.is_aware(value) else value).replace(microsecond=0)


def _for_xlsx(value):
    """Datetimes in Brussels time without tzinfo (XLSX has no time zones), None as an empty cell."""
    if isinstance(value, dt.datetime):
        return _local(value).replace(tzinfo=None)
    return "" if value is None else value


def _for_csv(value):
    """Dates and times in ISO 8601 (datetimes in Brussels time, with their offset), None as empty."""
    if isinstance(value, dt.datetime):
        return _local(value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else value


def clean_filename(name: str) -> str:
    """Letters, digits, dots, dashes and underscores only: a header value that nothing can break."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "export"


@dataclass(frozen=True)
class Table:
    """A header row and an iterable of rows in its order, to write as CSV or XLSX."""

    header: Sequence[str]
    rows: Iterable[Sequence]

    def safe_rows(self, convert) -> Iterator[list]:
        yield list(self.header)
        for row in self.rows:
            yield [safe_cell(convert(value)) for value in row]


class _Echo:
    """A file-like object whose write returns the text: csv.writer then yields lines one by one."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV text, line by line, starting with a BOM so Excel reads UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in table.safe_rows(_for_csv):
        yield writer.writerow(row)


def csv_response(table: Table, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{clean_filename(filename)}.csv"'
    return response


def write_xlsx(table: Table, file, *, title: str = "Export") -> None:
    """Write the table to `file` with openpyxl's write-only workbook (rows go to disk as they come)."""
    from openpyxl import Workbook  # slow to import: only when a spreadsheet is asked for

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=clean_filename(title)[:31])
    for row in table.safe_rows(_for_xlsx):
        sheet.append(row)
    workbook.save(file)


def xlsx_response(table: Table, *, filename: str) -> FileResponse:
    """An XLSX download: written to an anonymous temporary file, then streamed from it in blocks."""
    spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it when sent
    write_xlsx(table, spool, title=filename)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{clean_filename(filename)}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def table_response(table: Table, *, filename: str, file_format: str):
    """The table as a download in `file_format` ("csv" or "xlsx")."""
    if file_format == "xlsx":
        return xlsx_response(table, filename=filename)
    return csv_response(table, filename=filename)
