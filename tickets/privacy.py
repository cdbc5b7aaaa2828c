"""Personal data: export for its owner, erasure on request, anonymization a set time after the edition.

Erasing keeps the rows and their counts (tickets per day, languages, postal codes, channels) and removes
everything that names a person: names, email addresses, phone numbers, postal addresses, free text, the
mails sent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import MD5, Cast, Concat, Random
from django.utils import timezone

from events.models import Edition

from . import conf
from .models import (
    DayRegistration,
    OutgoingMail,
    PlaceHold,
    PostalAddress,
    Registration,
    Ticket,
    WaitingListEntry,
    new_secret_token,
)
from .services import cancel_tickets
from .signals import edition_anonymized, registration_erased


def export_data(*, registration: Registration) -> dict:
    """Everything we hold about a registration, for the visitor's "download my data"."""
    tickets = Ticket.objects.of_registration(registration).order_by("day__date", "position", "pk")
    waiting = WaitingListEntry.objects.filter(
        email=registration.email, day__edition=registration.edition
    ).exclude(email="")
    return {
        "edition": registration.edition.name,
        "registered_at": registration.created_at.isoformat(),
        "email_confirmed_at": _iso(registration.confirmed_at),
        "channel": registration.channel,
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "language": registration.language,
        "postal_code": registration.postal_code,
        "postal_address": _postal_address(registration),
        "accessibility_needs": registration.accessibility_needs,
        "accessibility_consent_at": _iso(registration.accessibility_consent_at),
        "news_opt_in": registration.news_opt_in,
        "news_consent_at": _iso(registration.news_consent_at),
        "tickets": [
            {
                "ticket_id": t.public_id,
                "day": t.day.date.isoformat() if t.day else None,
                "arrival_window": str(t.arrival_window) if t.arrival_window else None,
                "holder_name": t.holder_name,
                "companion": bool(t.position),
                "status": t.status,
                "cancelled_at": _iso(t.cancelled_at),
            }
            for t in tickets
        ],
        "waiting_list": [
            {
                "day": w.day.date.isoformat(),
                "places": w.places,
                "status": w.status,
                "joined_at": w.created_at.isoformat(),
            }
            for w in waiting.select_related("day")
        ],
    }


def _postal_address(registration: Registration) -> dict | None:
    address = PostalAddress.objects.filter(registration=registration).first()
    if address is None:
        return None
    return {
        "street": address.street,
        "number": address.number,
        "box": address.box,
        "postal_code": address.postal_code,
        "commune": address.commune,
        "country": address.country,
        "posted_at": _iso(address.posted_at),
    }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _erase_mail(emails: set[str]) -> int:
    emails = {e for e in emails if e}
    if not emails:
        return 0
    return OutgoingMail.objects.filter(to__in=emails).delete()[0]


@transaction.atomic
def erase_registration(*, registration: Registration) -> Registration:
    """The visitor's "delete my data": cancel the tickets (freeing the places) and erase who they were."""
    cancel_tickets(registration=registration)
    email = registration.email
    now = timezone.now()
    Ticket.objects.filter(registration=registration).update(holder_name="")
    DayRegistration.objects.filter(registration=registration).delete()
    PlaceHold.objects.filter(registration=registration).delete()
    PostalAddress.objects.filter(registration=registration).delete()
    if email:
        WaitingListEntry.objects.filter(email=email, day__edition=registration.edition).update(
            name="", email=""
        )
        # Mail still queued for this address is dropped with the rest: nothing more is sent.
        _erase_mail({email})
    Registration.objects.filter(pk=registration.pk).update(
        name="",
        email="",
        phone="",
        held_companions=[],
        accessibility_needs="",
        accessibility_consent_at=None,
        news_opt_in=False,
        news_consent_at=None,
        anonymized_at=now,
        manage_token=new_secret_token(),
    )
    registration.refresh_from_db()
    registration_erased.send(sender=Registration, registration=registration, email=email)
    return registration


def purge_accessibility_needs(*, edition: Edition) -> int:
    """Health data: deleted once the event is over."""
    return (
        Registration.objects.filter(edition=edition)
        .filter(~Q(accessibility_needs="") | Q(accessibility_consent_at__isnull=False))
        .update(accessibility_needs="", accessibility_consent_at=None)
    )


@transaction.atomic
def anonymize_edition(*, edition: Edition, now: dt.datetime | None = None) -> dict[str, int]:
    """Erase names, emails, phones and free text of an edition; keep the counts. The apps that hold more of
    the edition's personal data erase it on the `edition_anonymized` signal, in the same transaction."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(edition=edition, anonymized_at__isnull=True)
    emails = set(registrations.values_list("email", flat=True))
    waiting = WaitingListEntry.objects.filter(day__edition=edition).exclude(name="", email="")
    emails |= set(waiting.values_list("email", flat=True))
    counts = {
        "registrations": registrations.count(),
        "tickets": Ticket.objects.filter(edition=edition).exclude(holder_name="").update(holder_name=""),
        "waiting": waiting.update(name="", email=""),
    }
    DayRegistration.objects.filter(registration__edition=edition).delete()
    PlaceHold.objects.filter(registration__edition=edition).delete()
    counts["postal_addresses"] = PostalAddress.objects.filter(registration__edition=edition).delete()[0]
    registrations.update(
        name="",
        email="",
        phone="",
        held_companions=[],
        accessibility_needs="",
        accessibility_consent_at=None,
        anonymized_at=now,
        manage_token=_random_token_sql(),
    )
    counts["mails"] = _erase_mail(emails)
    Edition.objects.filter(pk=edition.pk).update(personal_data_erased_at=now)
    edition_anonymized.send(sender=Edition, edition=edition, now=now, counts=counts)
    return counts


def _random_token_sql() -> Concat:
    """Every anonymized registration gets its own new random token: old links stop working."""
    return Concat(
        MD5(Concat(Cast(F("pk"), CharField()), Cast(Random(), CharField()), Value(new_secret_token()))),
        Value("-x"),
    )


def editions_due(*, now: dt.datetime | None = None) -> list[Edition]:
    """Editions that ended longer ago than TICKETS_ANONYMIZE_AFTER_DAYS and still hold personal data: never
    anonymized (whatever app holds it), or with a registration added since."""
    now = now or timezone.now()
    cutoff = (now - conf.anonymize_after()).date()
    not_anonymized = Registration.objects.filter(edition=OuterRef("pk"), anonymized_at__isnull=True)
    return list(
        Edition.objects.filter(ends_on__lt=cutoff).filter(
            Q(personal_data_erased_at__isnull=True) | Exists(not_anonymized)
        )
    )


def editions_over(*, now: dt.datetime | None = None) -> list[Edition]:
    today = timezone.localtime(now or timezone.now()).date()
    return list(Edition.objects.filter(ends_on__lt=today))
