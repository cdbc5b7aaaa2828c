"""Reading a scanned ticket and recording its scan: the two queries of a scan's hot path.

How a scan stays correct and cheap (at most 3 SQL queries, see tests/checkin/test_queries.py):
1. the device is authenticated by the SHA-256 of its bearer token (one indexed SELECT with gate, edition);
2. the signed code is verified with the Ed25519 public key, without a query; a forged code stops here;
3. one SELECT reads the ticket, the other tickets of its registration and, for each, its movements of
   the day (last direction and entry number, last entry's time and gate) and whether the nonce was seen;
4. one `INSERT ... ON CONFLICT DO NOTHING RETURNING id` records the scan. The partial unique constraint
   `checkin_once_per_entry` on (ticket, date, direction, entry number) makes a second admission of the same
   entry impossible, whatever the concurrency: the gate that loses the race gets no row back, re-reads and
   answers "already checked in". A retried nonce also gets no row back and is answered from its first record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When

from tickets.models import Ticket

from ..compiled import CompiledQuery, prepared_cursor
from ..enums import Direction
from ..models import CheckIn


@dataclass
class Presence:
    """Where a ticket stands on a day, read from its counted movements."""

    last_direction: str | None
    last_seq: int | None
    last_in_id: int | None
    last_in_at: dt.datetime | None
    last_in_gate: str | None
    last_in_device_id: int | None

    @property
    def inside(self) -> bool:
        return self.last_direction == Direction.IN


def presence_of(ticket: Ticket) -> Presence:
    return Presence(
        last_direction=getattr(ticket, "last_direction", None),
        last_seq=getattr(ticket, "last_seq", None),
        last_in_id=getattr(ticket, "last_in_id", None),
        last_in_at=getattr(ticket, "last_in_at", None),
        last_in_gate=getattr(ticket, "last_in_gate", None),
        last_in_device_id=getattr(ticket, "last_in_device_id", None),
    )


def with_presence(queryset: QuerySet[Ticket], *, on_date: dt.date) -> QuerySet[Ticket]:
    """Annotate each ticket with its movements of `on_date`, all within the one SELECT."""
    counted = CheckIn.with_rehearsals.counted().filter(ticket=OuterRef("pk"), on_date=on_date)
    latest = counted.order_by(F("seq").desc(nulls_last=True), "-id")
    latest_in = counted.filter(direction=Direction.IN).order_by(F("seq").desc(nulls_last=True), "-id")
    return queryset.annotate(
        last_direction=Subquery(latest.values("direction")[:1]),
        last_seq=Subquery(latest.values("seq")[:1]),
        last_in_id=Subquery(latest_in.values("id")[:1]),
        last_in_at=Subquery(latest_in.values("scanned_at")[:1]),
        last_in_gate=Subquery(latest_in.values("gate__name")[:1]),
        last_in_device_id=Subquery(latest_in.values("device_id")[:1]),
    )


def ticket_is_valid_on(ticket: Ticket, on_date: dt.date) -> bool:
    if ticket.rehearsal_id is not None:
        return True  # a rehearsal ticket exists only while its rehearsal is open: any day
    if ticket.day_id is not None:
        return ticket.day.date == on_date
    edition = ticket.edition
    return edition.starts_on <= on_date <= edition.ends_on


def valid_dates(ticket: Ticket) -> tuple[dt.date, ...]:
    """The dates `ticket` admits on: its day, or every day of its edition (from the columns LOOKUP reads)."""
    if ticket.rehearsal_id is not None:
        return ()  # not read: a rehearsal ticket is valid on any day (verdict.TicketFacts.rehearsal)
    if ticket.day_id is not None:
        return (ticket.day.date,)
    edition = ticket.edition
    span = (edition.ends_on - edition.starts_on).days
    return tuple(edition.starts_on + dt.timedelta(days=offset) for offset in range(span + 1))


# The check-in INSERT's fields and SQL text, by database vendor: the same for every scan, so built once.
_INSERT_STATEMENTS: dict[str, tuple[list, str]] = {}


def insert_statement(connection) -> tuple[list, str]:
    statement = _INSERT_STATEMENTS.get(connection.vendor)
    if statement is None:
        fields = [f for f in CheckIn._meta.concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        # Identifiers come from the model's metadata, values are parameters: nothing user-typed goes in.
        sql = "INSERT INTO {table} ({columns}) VALUES ({params}) ON CONFLICT DO NOTHING RETURNING {pk}"
        sql = sql.format(
            table=quote(CheckIn._meta.db_table),
            columns=", ".join(quote(f.column) for f in fields),
            params=", ".join(["%s"] * len(fields)),
            pk=quote(CheckIn._meta.pk.column),
        )
        statement = _INSERT_STATEMENTS[connection.vendor] = (fields, sql)
    return statement


def insert_unless_conflict(checkin: CheckIn) -> int | None:
    """INSERT the row unless it breaks a unique constraint (nonce, or one admission per entry):
    the new id, or None when the database kept an existing row. One statement, no savepoint."""
    connection = connections[CheckIn.with_rehearsals.db]
    fields, sql = insert_statement(connection)
    values = [f.get_db_prep_save(f.pre_save(checkin, add=True), connection) for f in fields]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return None
    checkin.pk = row[0]
    return row[0]


# The columns a scan's answer and its checks read (tickets.checkin.api.ticket_out, _refusal, the desk's
# sentence): selecting only these keeps the edition's translated texts out of every scan.
LOOKUP_COLUMNS = (
    "public_id",
    "kind",
    "headcount",
    "holder_name",
    "status",
    "edition__starts_on",
    "edition__ends_on",
    "day__date",
    "registration__name",
    "rehearsal",
)


def lookup_queryset(*, public_id: str, on_date: dt.date, nonce: uuid.UUID) -> QuerySet[Ticket]:
    """The ticket, the other tickets of its registration and the nonce's earlier record, in one SELECT."""
    main = Ticket.with_rehearsals.filter(public_id=public_id)
    return (
        with_presence(
            Ticket.with_rehearsals.filter(
                Q(public_id=public_id) | Q(registration_id=Subquery(main.values("registration_id")[:1]))
            ),
            on_date=on_date,
        )
        .annotate(replay_id=Subquery(CheckIn.with_rehearsals.filter(nonce=nonce).values("id")[:1]))
        .select_related("day", "edition", "registration")
        .only(*LOOKUP_COLUMNS)
        .annotate(is_other=Case(When(public_id=public_id, then=Value(0)), default=Value(1)))
        .order_by("is_other", "holder_name", "public_id")[:50]  # the scanned ticket first, whatever the size
    )


# Compiled once per connection: building this queryset cost more CPU than the rest of a scan (compiled.py).
LOOKUP = CompiledQuery(
    lookup_queryset,
    fields={
        "public_id": Ticket._meta.get_field("public_id"),
        "on_date": CheckIn._meta.get_field("on_date"),
        "nonce": CheckIn._meta.get_field("nonce"),
    },
    samples=(
        {"public_id": "A" * 16, "on_date": dt.date(2000, 1, 1), "nonce": uuid.UUID(int=1)},
        {"public_id": "B" * 16, "on_date": dt.date(2000, 1, 2), "nonce": uuid.UUID(int=2)},
    ),
)


def lookup(
    *, public_id: str, on_date: dt.date, nonce: uuid.UUID
) -> tuple[Ticket | None, list[Ticket], int | None]:
    """The ticket, the other tickets of its registration and the nonce's earlier record: one query."""
    rows = LOOKUP.fetch(public_id=public_id, on_date=on_date, nonce=nonce)
    ticket = next((row for row in rows if row.public_id == public_id), None)
    replay_id = rows[0].replay_id if rows else None
    companions = [
        row
        for row in rows
        if ticket is not None
        and row.pk != ticket.pk
        and (ticket.day_id is None or row.day_id == ticket.day_id)
    ]
    return ticket, companions, replay_id
