"""Cancelling tickets: the places are free at once, the days released, and offered to the waiting list."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from events.models import Day

from ..enums import TicketStatus
from ..exceptions import NotAllowed
from ..models import DayRegistration, Registration, Ticket
from .capacity import cancel_ticket
from .waitlist import offer_free_places


def _release_days(registration: Registration, days: set[int]) -> None:
    """Days where the registration holds no valid ticket any more: the email may register again."""
    still = set(
        Ticket.objects.filter(registration=registration, day_id__in=days)
        .valid()
        .values_list("day_id", flat=True)
    )
    DayRegistration.objects.filter(registration=registration, day_id__in=days - still).delete()


@transaction.atomic
def cancel_tickets(*, registration: Registration, tickets: Sequence[Ticket] | None = None) -> list[Ticket]:
    """Cancel some (or all) of a registration's tickets: the places are free at once and offered to the
    waiting list in the same transaction."""
    chosen = list(tickets) if tickets is not None else list(Ticket.objects.valid_of(registration))
    cancelled = []
    for ticket in chosen:
        if ticket.registration_id != registration.pk:
            raise NotAllowed()
        if ticket.status == TicketStatus.VALID:
            cancelled.append(cancel_ticket(ticket=ticket))
    days = {ticket.day_id for ticket in cancelled if ticket.day_id}
    _release_days(registration, days)
    for day in Day.objects.filter(pk__in=days).order_by("pk"):
        offer_free_places(day=day)
    return cancelled
