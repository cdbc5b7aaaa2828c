"""Issuing tickets without ever exceeding a day's (or an arrival window's) capacity.

Capacity is checked and taken in the transaction that inserts the tickets, serialized on the Day row:
`select_for_update` on PostgreSQL; on SQLite every write transaction starts IMMEDIATE (config/settings.py),
which serializes writers the same way. Every change to a day's places (registering, the waiting list,
walk-ins at the check-in desk) takes `lock_day` first.

Places are taken by valid tickets, by open waiting-list offers and by the holds of registrations waiting for
their e-mail confirmation. An offer or a hold counts only while its expiry lies ahead, in the counting query
itself: when it runs out, its places are free again with no job having to run.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import ArrivalWindow, Day, Edition

from ..enums import TicketKind, TicketStatus
from ..exceptions import DayFull, WindowFull
from ..models import PlaceHold, Registration, Ticket, WaitingListEntry


def capacity_guard_enabled() -> bool:
    # Only the concurrency tests' control run switches the guard off, to show that they catch the race.
    return settings.CONCURRENCY_GUARD_TICKETS_CAPACITY


def _day_taken(day: Day) -> int:
    """Places gone: valid tickets plus the places held by open waiting-list offers and unconfirmed holds."""
    return (
        Ticket.objects.filter(day=day).places_taken()
        + WaitingListEntry.objects.filter(day=day).places_held()
        + PlaceHold.objects.filter(day=day).places_held()
    )


def _window_taken(window: ArrivalWindow) -> int:
    return (
        Ticket.objects.filter(arrival_window=window).places_taken()
        + WaitingListEntry.objects.filter(arrival_window=window).places_held()
        + PlaceHold.objects.filter(arrival_window=window).places_held()
    )


def places_left_unclamped(*, day: Day) -> int:
    """Capacity minus places gone: negative when a day holds more than its capacity."""
    return day.capacity - _day_taken(day)


def places_left(*, day: Day, arrival_window: ArrivalWindow | None = None) -> int:
    left = day.capacity - _day_taken(day)
    if arrival_window is not None:
        left = min(left, arrival_window.capacity - _window_taken(arrival_window))
    return max(left, 0)


def _sum_on_day(rows, field: str) -> Subquery:
    """The sum of `field` over `rows` of the outer query's day: to annotate days with, in one query."""
    return Subquery(
        rows.filter(day=OuterRef("pk")).order_by().values("day").annotate(total=Sum(field)).values("total")
    )


def places_left_of_days(days: Sequence[Day]) -> dict[int, int]:
    """Places left on each of `days`, by day id, in one query: for pages that list the days.

    The same count as places_left(day=...), which stays the one to use under the lock (take_places)."""
    now = timezone.now()
    rows = (
        Day.objects.filter(pk__in=[day.pk for day in days])
        .annotate(
            taken=Coalesce(_sum_on_day(Ticket.objects.valid(), "headcount"), 0),
            held=Coalesce(_sum_on_day(WaitingListEntry.objects.holding(now), "places"), 0)
            + Coalesce(_sum_on_day(PlaceHold.objects.holding(now), "places"), 0),
        )
        .values_list("pk", "capacity", "taken", "held")
    )
    return {pk: max(capacity - taken_now - held_now, 0) for pk, capacity, taken_now, held_now in rows}


def lock_day(day: Day) -> None:
    """Serialize every change to a day's places on its row (PostgreSQL; SQLite serializes all writers)."""
    if capacity_guard_enabled():
        Day.objects.select_for_update().filter(pk=day.pk).values_list("pk", flat=True).get()


def take_places(*, day: Day, places: int, arrival_window: ArrivalWindow | None = None) -> None:
    """Lock the day and check that `places` more fit; call inside the transaction that creates the tickets.

    Places held by open waiting-list offers and unconfirmed registrations count as taken, so no one jumps
    the queue."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_places() must run inside transaction.atomic()")
    lock_day(day)
    if day.capacity - _day_taken(day) < places:
        raise DayFull(day=day.pk)
    if arrival_window is not None and arrival_window.capacity - _window_taken(arrival_window) < places:
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
    position: int | None = None,
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
        position=position,
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
