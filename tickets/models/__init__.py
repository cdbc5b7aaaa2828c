"""The tickets app's models, one module per seam: registrations (and rehearsals, held places, postal
addresses, days), tickets, the waiting list, the outbox."""

from .outbox import MailAttachment, OutgoingMail
from .registrations import (
    DayRegistration,
    PlaceHold,
    PlaceHoldQuerySet,
    PostalAddress,
    PostalAddressQuerySet,
    Registration,
    RegistrationQuerySet,
    Rehearsal,
    WithoutRehearsals,
    new_public_id,
    new_secret_token,
    normalize_email,
)
from .tickets import Ticket, TicketQuerySet
from .waiting import WaitingListEntry, WaitingListQuerySet

__all__ = [
    "DayRegistration", "MailAttachment", "OutgoingMail", "PlaceHold", "PlaceHoldQuerySet", "PostalAddress",
    "PostalAddressQuerySet", "Registration", "RegistrationQuerySet", "Rehearsal", "Ticket", "TicketQuerySet",
    "WaitingListEntry", "WaitingListQuerySet", "WithoutRehearsals", "new_public_id", "new_secret_token",
    "normalize_email",
]  # fmt: skip
