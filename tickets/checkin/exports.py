"""Every scan of an edition (or of one date) as a table: the dashboard's download and the console's export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from core.tabular import Table
from events.models import Edition

from .models import CheckIn

CHECKIN_COLUMNS = [
    "scanned_at",
    "recorded_at",
    "date",
    "gate",
    "device",
    "staff",
    "direction",
    "result",
    "reason",
    "ticket",
    "kind",
    "holder_name",
    "registration",
    "headcount",
    "entry_number",
    "offline",
    "source",
    "conflict",
    "undone_at",
    "nonce",
]


def _rows(records) -> Iterator[list]:
    for record in records.iterator(chunk_size=1000):
        ticket = record.ticket
        yield [
            record.scanned_at,
            record.recorded_at,
            record.on_date,
            record.gate.name,
            record.device.name if record.device else "",
            record.staff_user.get_username() if record.staff_user else "",
            record.direction,
            record.result,
            record.reason,
            ticket.public_id if ticket else "",
            ticket.kind if ticket else "",
            ticket.holder_name if ticket else "",
            ticket.registration.name if ticket and ticket.registration_id else "",
            record.headcount,
            record.seq or "",
            int(record.offline),
            record.source,
            int(record.conflict),
            record.undone_at,
            str(record.nonce),
        ]


def checkins_table(*, edition: Edition | None, on_date: dt.date | None = None) -> Table:
    """Refused scans included, in the order they were scanned; one query per thousand rows."""
    records = CheckIn.objects.none()
    if edition is not None:
        records = (
            CheckIn.objects.filter(gate__edition=edition)
            .select_related("gate", "device", "staff_user", "ticket", "ticket__registration")
            .order_by("scanned_at", "pk")
        )
        if on_date is not None:
            records = records.filter(on_date=on_date)
    return Table(CHECKIN_COLUMNS, _rows(records))


def checkins_filename(*, edition: Edition | None, on_date: dt.date | None = None) -> str:
    """The edition's slug and the date only, never text from the query."""
    name = f"checkins-{edition.slug if edition else 'none'}"
    return f"{name}-{on_date.isoformat()}" if on_date else name
