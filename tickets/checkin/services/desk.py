"""The check-in desk: visitors who came without a ticket are registered and let in in one step."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from events.models import Day, Edition
from tickets.enums import Channel, TicketKind
from tickets.models import Registration
from tickets.services import check_names, issue_ticket, lock_day

from ..exceptions import AlreadyDone, NotToday, TooMany, WrongEdition
from ..models import CheckIn, Gate
from .scanning import ScanOutcome, check_in


def day_today(*, edition: Edition) -> Day | None:
    return edition.days.filter(date=timezone.localdate()).first()


@transaction.atomic
def admit_walk_ins(
    *,
    edition: Edition,
    day: Day,
    gate: Gate,
    staff_user,
    name: str,
    people: int = 1,
    email: str = "",
    postal_code: str = "",
    language: str = "fr",
    nonce: uuid.UUID | None = None,
) -> tuple[Registration, list[ScanOutcome]]:
    """Register visitors who came without a ticket and let them in, in one step: the places are taken
    under the day's lock (tickets.services.lock_day, issue_ticket), so a full day refuses them and nothing
    is kept. `nonce` (from the form) makes a double submission harmless: the second raises AlreadyDone."""
    if day.edition_id != edition.pk or gate.edition_id != edition.pk:
        raise WrongEdition()
    if day.date != timezone.localdate():
        raise NotToday()
    if not 1 <= people <= 10:
        raise TooMany()
    check_names(name)
    nonce = nonce or uuid.uuid4()
    lock_day(day)  # the nonce check below is then serialized with the places taken
    if CheckIn.with_rehearsals.filter(nonce=nonce).exists():
        raise AlreadyDone()
    registration = Registration.objects.create(
        edition=edition,
        name=name.strip(),
        email=email.strip(),
        postal_code=postal_code.strip(),
        language=language,
        channel=Channel.DESK,
    )
    tickets = [
        issue_ticket(
            edition=edition,
            kind=TicketKind.WALK_IN,
            day=day,
            holder_name=name.strip() if index == 0 else "",
            registration=registration,
        )
        for index in range(people)
    ]
    outcomes = [
        check_in(
            gate=gate,
            nonce=nonce if index == 0 else uuid.uuid4(),
            ticket_public_id=ticket.public_id,
            staff_user=staff_user,
        )
        for index, ticket in enumerate(tickets)
    ]
    return registration, outcomes
