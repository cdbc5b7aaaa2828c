"""Confirming an online registration's e-mail address: its held places become its tickets.

The visitor presses the button on the page the mail's link opens (a POST: mail scanners that follow links
confirm nothing). The registration row is locked first, then its days, so a double click or two tabs issue
the tickets once (the concurrency tests' control run switches the lock off with the capacity guard). Once
the hold's time has run out its places count no more: they are offered to the waiting list first, then the
confirmation takes them again if they are still free, or says the day is full.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .. import documents
from ..exceptions import DayFull, HoldLapsed, WindowFull
from ..models import PlaceHold, Registration, Ticket
from .capacity import capacity_guard_enabled, lock_day, take_places
from .registration import build_tickets
from .waitlist import offer_freed_places


def confirm_registration(*, registration: Registration, now: dt.datetime | None = None) -> Registration:
    """Issue the tickets of a registration waiting for its confirmation, and mail them as a registration
    without confirmation is; safe to call twice. HoldLapsed when its time ran out and its places are gone."""
    now = now or timezone.now()
    if not registration.is_confirmed and registration.hold_expires_at <= now:
        holds = PlaceHold.objects.filter(registration=registration).select_related("day")
        offer_freed_places(days=[hold.day for hold in holds])  # the waiting list comes first
    with transaction.atomic():
        rows = Registration.objects.select_for_update() if capacity_guard_enabled() else Registration.objects
        registration = rows.select_related("edition").get(pk=registration.pk)
        if registration.is_confirmed:
            return registration
        holds = list(registration.place_holds.select_related("day", "arrival_window").order_by("day_id"))
        for hold in holds:
            lock_day(hold.day)
        # Time may have passed waiting for the locks, and with it the hold: its places may be someone's now.
        now = max(now, timezone.now())
        if registration.hold_expires_at <= now:
            try:
                for hold in holds:
                    take_places(day=hold.day, places=hold.places, arrival_window=hold.arrival_window)
            except (DayFull, WindowFull) as error:
                raise HoldLapsed(day=error.details.get("day")) from None
        tickets = build_tickets(
            edition=registration.edition,
            days=[hold.day for hold in holds],
            windows={hold.day_id: hold.arrival_window for hold in holds},
            holder_names=[registration.name, *registration.held_companions],
        )
        for ticket in tickets:
            ticket.registration = registration
        PlaceHold.objects.filter(registration=registration).delete()
        Ticket.objects.bulk_create(tickets)
        registration.confirmed_at, registration.held_companions = now, []
        registration.save(update_fields=["confirmed_at", "held_companions"])
        documents.queue_confirmation(registration=registration, tickets=tickets)
    return registration
