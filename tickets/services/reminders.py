"""The reminder mailed before a visit, with the day's tickets attached."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from events.models import Day

from .. import documents
from ..enums import TicketStatus
from ..models import OutgoingMail, Registration, Ticket


def send_reminders(*, date: dt.date) -> int:
    """Queue the reminder for every visit on `date`; the dedupe key makes a second run send nothing.

    Each PDF is rendered before its transaction opens, so no lock waits on WeasyPrint."""
    queued = 0
    days = Day.objects.filter(date=date).select_related("edition")
    for day in days:
        registrations = (
            Registration.objects.active()
            .exclude(email="")
            .filter(tickets__day=day, tickets__status=TicketStatus.VALID)
            .distinct()
        )
        for registration in registrations:
            key = f"reminder:{registration.pk}:{day.pk}"
            if OutgoingMail.objects.filter(dedupe_key=key).exists():
                continue
            tickets = list(Ticket.objects.valid_of(registration).filter(day=day))
            pdf = documents.tickets_pdf(registration=registration, tickets=tickets)
            try:
                with transaction.atomic():
                    if documents.queue_reminder(
                        registration=registration, day=day, tickets=tickets, pdf=pdf, dedupe_key=key
                    ):
                        queued += 1
            except IntegrityError:  # another run queued it a moment ago
                continue
    return queued
