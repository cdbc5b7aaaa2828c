"""How many online bookings may wait for their teacher's confirmation at once, per client address and per
teacher's email (SchoolSettings.max_pending_per_address, max_pending_per_email).

An unconfirmed booking holds places on the strength of a typed school name and email address, so without
this one person could empty a level in a second with made-up schools. Counting and creating must not
interleave: on PostgreSQL the booking first takes a transaction-level advisory lock per address and email
(sorted, so two bookings never deadlock); SQLite runs one writing transaction at a time anyway.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import PendingForEmail, PendingFromAddress
from ..models import ClassBooking, SchoolSettings
from .places import capacity_guard_enabled


def _lock(keys: list[str]) -> None:
    if connection.vendor != "postgresql" or not capacity_guard_enabled():
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def _until(pending) -> str:
    first_end = min(pending.values_list("hold_expires_at", flat=True))
    return timezone.localtime(first_end).strftime("%H:%M")


def check_pending_limits(
    school_settings: SchoolSettings, *, client_address: str, teacher_email: str, now: dt.datetime
) -> None:
    """Call inside the booking's transaction, before the booking is created."""
    email = teacher_email.strip().lower()
    edition_id = school_settings.edition_id
    _lock(
        [
            f"schools:pending:{edition_id}:email:{email}",
            f"schools:pending:{edition_id}:address:{client_address}",
        ]
    )
    pending = ClassBooking.objects.pending(now).filter(edition_id=edition_id)
    phone = settings.ORGANIZER["phone"]
    if client_address:
        from_address = pending.filter(client_address=client_address)
        if from_address.count() >= school_settings.max_pending_per_address:
            raise PendingFromAddress(
                _(
                    "A booking made from this connection is still waiting for its confirmation. Confirm it "
                    "with the link in the mail we sent to the teacher, or wait until {time}, when it lapses, "
                    "then book again. Several teachers of one school booking at once can call the organizers "
                    "on {phone}."
                ).format(time=_until(from_address), phone=phone)
            )
    for_email = pending.filter(teacher_email__iexact=email)
    if for_email.count() >= school_settings.max_pending_per_email:
        raise PendingForEmail(
            _(
                "{email} already has {n} bookings waiting for their confirmation. Confirm them with the "
                "links in the mails we sent, or wait until {time}, when the first lapses, then book again. "
                "For help, call the organizers on {phone}."
            ).format(
                email=email, n=school_settings.max_pending_per_email, time=_until(for_email), phone=phone
            ),
            field="teacher_email",
        )
