"""Online registrations waiting for their e-mail confirmation (Edition.registration_confirms_email).

One per address and edition, the database says so (`registration_one_unconfirmed_per_email`): asking again
while it waits mails its link again, a few times a day at most, and never holds more places. Once its time
has run out its places are free already (capacity counts only holds whose time lies ahead); the address
registering again replaces it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from core import ratelimit
from events.models import Edition

from .. import conf, documents
from ..models import Registration, normalize_email


def pending_for(*, edition: Edition, email: str) -> Registration | None:
    """The address's unconfirmed registration in the edition, its time run out or not."""
    return (
        Registration.objects.unconfirmed()
        .filter(edition=edition, email=normalize_email(email))
        .exclude(email="")
        .select_related("edition")
        .first()
    )


def drop_lapsed(*, edition: Edition, email: str, now: dt.datetime) -> int:
    """Delete the address's unconfirmed registration whose time ran out (its places count no more), so a
    new one can take its place. Its row is locked first, as a confirmation does: one being confirmed at
    this moment is confirmed, not deleted."""
    with transaction.atomic():
        lapsed = list(
            Registration.objects.select_for_update()
            .unconfirmed()
            .filter(edition=edition, email=normalize_email(email), hold_expires_at__lte=now)
            .values_list("pk", flat=True)
        )
        return Registration.objects.unconfirmed().filter(pk__in=lapsed).delete()[0]


def send_confirm_link(*, registration: Registration) -> None:
    """Mail the confirmation link again: a few times a day per registration and per e-mail address at most
    (TooManyRequests beyond, the link already sent still works)."""
    ratelimit.check(
        ("tickets:confirm-link:registration", str(registration.pk), conf.confirm_link_limit()),
        ("tickets:mails:email", normalize_email(registration.email), conf.mails_per_email_limit()),
    )
    with transaction.atomic():
        documents.queue_confirm_link(registration=registration)
