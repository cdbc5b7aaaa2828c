"""The bookings of the edition as a spreadsheet for the organizers."""

from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse

from core.tabular import csv_response

from ..exports import bookings_filename, bookings_table
from .common import current_edition, organizer_only


@organizer_only()
def bookings_csv(request: HttpRequest) -> StreamingHttpResponse:
    edition = current_edition()
    return csv_response(bookings_table(edition=edition), filename=bookings_filename(edition=edition))
