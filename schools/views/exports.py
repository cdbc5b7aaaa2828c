"""The bookings of the edition as a spreadsheet for the organizers."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..models import BookedSlot
from .common import current_edition, organizer_only

CSV_COLUMNS = [
    "booking",
    "status",
    "channel",
    "school",
    "postal_code",
    "network",
    "teacher",
    "email",
    "mobile",
    "class",
    "level",
    "pupils",
    "adults",
    "special_needs",
    "day",
    "workshop",
    "start",
    "end",
    "room",
    "language",
    "place",
    "ticket",
    "created_at",
    "confirmed_at",
]


def _csv_values(row: BookedSlot) -> list:
    """One booked workshop of a class, in the order of CSV_COLUMNS."""
    b = row.booking
    return [
        b.pk,
        b.status,
        b.channel,
        b.school.name,
        b.school.postal_code,
        b.school.network,
        b.teacher_name,
        b.teacher_email,
        b.teacher_mobile,
        b.class_name,
        b.level,
        b.pupils,
        b.adults,
        b.special_needs.replace("\n", " "),
        f"{row.slot.day.date:%Y-%m-%d}",
        row.slot.workshop.title,
        f"{row.slot.starts_at:%H:%M}",
        f"{row.slot.ends_at:%H:%M}",
        row.slot.space.name,
        row.slot.language,
        row.status,
        b.ticket.public_id if b.ticket else "",
        timezone.localtime(b.created_at).isoformat(timespec="minutes"),
        timezone.localtime(b.confirmed_at).isoformat(timespec="minutes") if b.confirmed_at else "",
    ]


@organizer_only()
def bookings_csv(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="school-bookings-{edition.slug}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    rows = (
        BookedSlot.objects.filter(booking__edition=edition)
        .select_related("booking__school", "booking__ticket", "slot__workshop", "slot__space", "slot__day")
        .order_by("booking__pk", "slot__starts_at")
    )
    for row in rows:
        writer.writerow(_cell(value) for value in _csv_values(row))
    return response


def _cell(value):
    """Text typed by teachers never starts a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
