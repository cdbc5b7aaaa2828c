"""Demo registrations for the upcoming edition: a family online, a visitor by phone, one at the desk, one
by post.

Idempotent: each registration is looked up by its edition and email (or name for the desk ones) and
made only when missing; no mail is sent.
"""

from __future__ import annotations

from django.db import transaction

from tickets.enums import Channel
from tickets.models import DayRegistration, PostalAddress, Registration
from tickets.services import issue_ticket, public_days

from .events import upcoming_edition

DEMO = [
    # name, email, language, channel, companions, which public days (indexes), postal code
    ("Ana Peeters", "ana.peeters@example.org", "nl", Channel.ONLINE, ["Lou", "Milan", ""], [0, 1], "1030"),
    ("Fatima El Amrani", "fatima@example.org", "fr", Channel.ONLINE, ["Yasmine"], [1], "1080"),
    ("Jeanne Dupont", "", "fr", Channel.PHONE, [], [1], "1140"),
    ("Marc Janssens", "", "nl", Channel.DESK, ["Els"], [0], "1000"),
    ("Josée Lambert", "", "fr", Channel.POST, ["Henri"], [1], "1190"),
]
# Where the tickets of the registration by post go (its letter waits on the desk's "to post" list).
POSTAL_ADDRESS = {
    "street": "Chaussée de Neerstalle",
    "number": "12",
    "box": "4",
    "postal_code": "1190",
    "commune": "Forest",
}


def load(stdout=None) -> None:
    edition = upcoming_edition()
    days = public_days(edition)
    if not days:
        return
    made = 0
    for name, email, language, channel, companions, day_indexes, postal_code in DEMO:
        lookup = {"edition": edition, "email": email} if email else {"edition": edition, "name": name}
        if Registration.objects.filter(**lookup).exists():
            continue
        chosen = [days[i] for i in day_indexes if i < len(days)]
        with transaction.atomic():
            registration = Registration.objects.create(
                edition=edition,
                name=name,
                email=email,
                language=language,
                channel=channel,
                postal_code=postal_code,
            )
            if channel == Channel.POST:
                PostalAddress.objects.create(registration=registration, **POSTAL_ADDRESS)
            for day in chosen:
                for position, holder in enumerate([name, *companions]):
                    issue_ticket(
                        edition=edition,
                        day=day,
                        registration=registration,
                        holder_name=holder,
                        position=position,
                        arrival_window=day.arrival_windows.first(),
                    )
                if email:
                    DayRegistration.objects.create(registration=registration, day=day, email=email)
        made += 1
    if stdout is not None:
        stdout.write(f"Tickets: {made} demo registrations added.\n")
