"""Issuing tickets without ever exceeding a day's (or an arrival window's) capacity.

Capacity is checked and taken in the transaction that inserts the tickets, serialized on the Day row:
`select_for_update` on PostgreSQL; on SQLite every write transaction starts IMMEDIATE (config/settings.py),
which serializes writers the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import ArrivalWindow, Day, Edition

from .enums import TicketKind, TicketStatus
from .exceptions import DayFull, WindowFull
from .models import Registration, Ticket


def capacity_guard_enabled() -> bool:
    # Only the concurrency tests' control run switches the guard off, to show that they catch the race.
    return getattr(settings, "TICKETS_CAPACITY_LOCK", True)


def places_left(*, day: Day, arrival_window: ArrivalWindow | None = None) -> int:
    left = day.capacity - Ticket.objects.filter(day=day).places_taken()
    if arrival_window is not None:
        left = min(
            left,
            arrival_window.capacity - Ticket.objects.filter(arrival_window=arrival_window).places_taken(),
        )
    return max(left, 0)


def take_places(*, day: Day, places: int, arrival_window: ArrivalWindow | None = None) -> None:
    """Lock the day and check that `places` more fit; call inside the transaction that creates the tickets."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_places() must run inside transaction.atomic()")
    if capacity_guard_enabled():
        Day.objects.select_for_update().filter(pk=day.pk).values_list("pk", flat=True).get()
    if day.capacity - Ticket.objects.filter(day=day).places_taken() < places:
        raise DayFull(day=day.pk)
    if arrival_window is not None and (
        arrival_window.capacity - Ticket.objects.filter(arrival_window=arrival_window).places_taken() < places
    ):
        raise WindowFull(arrival_window=arrival_window.pk)


@transaction.atomic
def issue_ticket(
    *,
    edition: Edition,
    kind: str = TicketKind.VISITOR,
    day: Day | None = None,
    headcount: int = 1,
    holder_name: str = "",
    registration: Registration | None = None,
    arrival_window: ArrivalWindow | None = None,
    enforce_capacity: bool = True,
) -> Ticket:
    """Issue one ticket. Day tickets take `headcount` places unless `enforce_capacity` is False
    (places already held elsewhere, e.g. by a confirmed class booking)."""
    if day is not None and enforce_capacity:
        take_places(day=day, places=headcount, arrival_window=arrival_window)
    return Ticket.objects.create(
        edition=edition,
        day=day,
        kind=kind,
        headcount=headcount,
        holder_name=holder_name,
        registration=registration,
        arrival_window=arrival_window,
    )


@transaction.atomic
def cancel_ticket(*, ticket: Ticket) -> Ticket:
    """Cancel a ticket: its places are free at once and it stops working at the gate."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status != TicketStatus.CANCELLED:
        ticket.status = TicketStatus.CANCELLED
        ticket.cancelled_at = timezone.now()
        ticket.save(update_fields=["status", "cancelled_at"])
    return ticket
