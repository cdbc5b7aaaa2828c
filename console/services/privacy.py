"""What the console recorded of a person goes when their data is erased (tickets.privacy): the details of the
staff actions on their registration (an address, a companion's name) and their address among the
recipients of the messages sent. The kind and time of each action stay, as the counts do."""

from __future__ import annotations

import datetime as dt

from events.models import Edition
from tickets.models import Registration

from ..models import BroadcastRecipient, StaffAction


def on_registration_erased(sender, *, registration: Registration, email: str, **kwargs) -> None:
    StaffAction.objects.filter(registration=registration).update(details="")
    if email:
        BroadcastRecipient.objects.filter(broadcast__edition=registration.edition_id, email=email).delete()


def on_edition_anonymized(sender, *, edition: Edition, now: dt.datetime, counts: dict, **kwargs) -> None:
    StaffAction.objects.filter(registration__edition=edition).exclude(details="").update(details="")
    counts["message_recipients"] = BroadcastRecipient.objects.filter(broadcast__edition=edition).delete()[0]
