"""The class bookings of an edition (or of one day), one row per booked workshop, as a table for the
organizers: the schools overview's download and the console's export."""

from __future__ import annotations

from collections.abc import Iterator

from core.tabular import Table
from events.models import Day, Edition

from .models import BookedSlot

BOOKING_COLUMNS = [
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


def _values(row: BookedSlot) -> list:
    """One booked workshop of a class, in the order of BOOKING_COLUMNS."""
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
        row.slot.day.date,
        row.slot.workshop.title,
        f"{row.slot.starts_at:%H:%M}",
        f"{row.slot.ends_at:%H:%M}",
        row.slot.space.name,
        row.slot.language,
        row.status,
        b.ticket.public_id if b.ticket else "",
        b.created_at,
        b.confirmed_at,
    ]


def _rows(queryset) -> Iterator[list]:
    for row in queryset.iterator(chunk_size=1000):
        yield _values(row)


def bookings_table(*, edition: Edition, day: Day | None = None) -> Table:
    rows = (
        BookedSlot.objects.filter(booking__edition=edition)
        .select_related("booking__school", "booking__ticket", "slot__workshop", "slot__space", "slot__day")
        .order_by("booking__pk", "slot__starts_at", "pk")
    )
    if day is not None:
        rows = rows.filter(booking__day=day)
    return Table(BOOKING_COLUMNS, _rows(rows))


def bookings_filename(*, edition: Edition, day: Day | None = None) -> str:
    name = f"school-bookings-{edition.slug}"
    return f"{name}-{day.date.isoformat()}" if day else name
