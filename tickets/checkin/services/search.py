"""Finding a ticket by name: at the desk (staff signed in) and from a scanner device (a bearer token).

A scanner's search is the narrower one, since its token sits on a phone at a gate: at least three characters,
a few searches a minute per device, and never a signed code in the answer (staff admit a hit by its ticket id,
which only works online, where the server decides). A code is a ticket: listing codes would let anyone
holding a token copy working tickets by typing three letters.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from core import ratelimit
from events.models import Edition
from tickets import codes
from tickets.models import Ticket

from ..exceptions import QueryTooShort, SearchRateLimited
from ..models import ScannerDevice
from .lookup import ticket_is_valid_on, with_presence

SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 20
DEVICE_SEARCH_MIN_LENGTH = 3
DEVICE_SEARCHES_PER_MINUTE = 20


def search_tickets(
    *, edition: Edition, query: str, on_date: dt.date | None = None, min_length: int = SEARCH_MIN_LENGTH
) -> list[Ticket]:
    """Tickets of `edition` by holder's or registrant's name, email, ticket id or full code."""
    text = " ".join(query.split())
    if len(text) < min_length:
        raise QueryTooShort(gettext("Type at least {count} characters.").format(count=min_length))
    on_date = on_date or timezone.localdate()
    compact = text.replace(" ", "").upper()
    condition = Q(holder_name__icontains=text) | Q(registration__name__icontains=text)
    if "@" in text:
        condition |= Q(registration__email__iexact=text)
    if len(compact) == codes.CODE_LENGTH:
        with contextlib.suppress(codes.InvalidCode):
            condition |= Q(public_id=codes.decode(compact).ticket_id_text)
    if len(compact) >= 6:
        condition |= Q(public_id__startswith=compact)
    queryset = (
        Ticket.with_rehearsals.filter(edition=edition)
        .filter(condition)
        .select_related("day", "edition", "registration")
        .order_by(F("day__date").asc(nulls_first=True), "holder_name", "public_id")
    )
    tickets = list(with_presence(queryset, on_date=on_date)[:SEARCH_LIMIT])
    for ticket in tickets:
        ticket.valid_today = ticket.is_valid and ticket_is_valid_on(ticket, on_date)
    return tickets


def search_tickets_for_device(*, device: ScannerDevice, query: str, on_date: dt.date) -> list[Ticket]:
    """A scanner's search in its gate's edition: three characters at least, DEVICE_SEARCHES_PER_MINUTE."""
    if len(" ".join(query.split())) < DEVICE_SEARCH_MIN_LENGTH:
        raise QueryTooShort(
            gettext("Type at least {count} characters.").format(count=DEVICE_SEARCH_MIN_LENGTH)
        )
    if ratelimit.hit("device-search", device.token_hash or str(device.pk), (DEVICE_SEARCHES_PER_MINUTE, 60)):
        raise SearchRateLimited()
    return search_tickets(
        edition=device.gate.edition, query=query, on_date=on_date, min_length=DEVICE_SEARCH_MIN_LENGTH
    )
