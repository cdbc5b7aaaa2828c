"""Rehearsals: an organizer opens one for an edition on any date, issues rehearsal tickets in a few clicks,
and closes it, which deletes them and their scans in one transaction.

A rehearsal ticket is a real Ticket of a real Registration (so it runs through every path: the signed code,
offline verification, sync, undo, companions, groups, the desks), marked by its `rehearsal`. The default
managers of Registration, Ticket and CheckIn leave rehearsals out, so no count, dashboard, export or report
sees them; the scan, the desks and this module read `with_rehearsals`.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from events.models import Edition
from tickets.enums import Channel, TicketKind
from tickets.models import Registration, Rehearsal, Ticket

from ..enums import Result
from ..exceptions import RehearsalAlreadyOpen, RehearsalClosed
from ..models import CheckIn

MAX_PEOPLE = 20


def open_rehearsal_of(edition: Edition) -> Rehearsal | None:
    return Rehearsal.objects.filter(edition=edition, closed_at__isnull=True).first()


def open_rehearsal(*, edition: Edition, user=None) -> Rehearsal:
    """Open a rehearsal for `edition`, whatever the date; one at a time (the database says so)."""
    try:
        with transaction.atomic():
            return Rehearsal.objects.create(edition=edition, opened_by=user)
    except IntegrityError as error:
        raise RehearsalAlreadyOpen() from error


@transaction.atomic
def issue_rehearsal_tickets(
    *,
    rehearsal: Rehearsal,
    names: list[str],
    kind: str = TicketKind.VISITOR,
    headcount: int = 1,
    language: str,
) -> Registration:
    """One registration holding a rehearsal ticket per name (the first is the registrant; the others are
    their companions, admitted together like a real group). A school group ticket admits `headcount`."""
    rehearsal = Rehearsal.objects.select_for_update().get(pk=rehearsal.pk)
    if not rehearsal.is_open:
        raise RehearsalClosed()
    names = [name.strip()[:120] for name in names if name.strip()][:MAX_PEOPLE]
    registration = Registration.with_rehearsals.create(
        edition=rehearsal.edition,
        rehearsal=rehearsal,
        name=names[0],
        channel=Channel.DESK,
        language=language,
    )
    Ticket.with_rehearsals.bulk_create(
        Ticket(
            edition=rehearsal.edition,
            rehearsal=rehearsal,
            registration=registration,
            kind=kind,
            headcount=headcount if kind == TicketKind.SCHOOL_GROUP else 1,
            holder_name=name,
            position=position,
        )
        for position, name in enumerate(names)
    )
    return registration


@transaction.atomic
def close_rehearsal(*, rehearsal: Rehearsal) -> int:
    """Close the rehearsal and delete its tickets, their registrations and every rehearsal scan of the
    edition, in one transaction; the number of tickets removed. Closing twice changes nothing."""
    rehearsal = Rehearsal.objects.select_for_update().get(pk=rehearsal.pk)
    if not rehearsal.is_open:
        return 0
    CheckIn.with_rehearsals.filter(rehearsal=True, gate__edition_id=rehearsal.edition_id).delete()
    CheckIn.with_rehearsals.filter(ticket__rehearsal=rehearsal).delete()
    _total, by_model = Ticket.with_rehearsals.filter(rehearsal=rehearsal).delete()
    Registration.with_rehearsals.filter(rehearsal=rehearsal).delete()
    rehearsal.closed_at = timezone.now()
    rehearsal.save(update_fields=["closed_at"])
    return by_model.get(Ticket._meta.label, 0)


def rehearsal_registrations(rehearsal: Rehearsal) -> list[Registration]:
    """The rehearsal's registrations with their tickets, newest first, for its page."""
    registrations = list(
        Registration.with_rehearsals.filter(rehearsal=rehearsal).order_by("-created_at", "-pk")
    )
    tickets = Ticket.with_rehearsals.filter(rehearsal=rehearsal).order_by("position", "pk")
    by_registration: dict[int, list[Ticket]] = {}
    for ticket in tickets:
        by_registration.setdefault(ticket.registration_id, []).append(ticket)
    for registration in registrations:
        registration.rehearsal_tickets = by_registration.get(registration.pk, [])
    return registrations


def rehearsal_activity(rehearsal: Rehearsal) -> list[dict]:
    """Per gate and device, the rehearsal's scans so far: admitted, refused, the last one; so that organizers
    see each gate answer end to end."""
    return list(
        CheckIn.with_rehearsals.filter(
            rehearsal=True, gate__edition_id=rehearsal.edition_id, recorded_at__gte=rehearsal.opened_at
        )
        .values("gate__name", "device__name")
        .annotate(
            admitted=Count("pk", filter=Q(result=Result.ADMITTED, undone_at__isnull=True)),
            refused=Count("pk", filter=Q(result=Result.REJECTED)),
            last_at=Max("scanned_at"),
        )
        .order_by("gate__name", "device__name")
    )
