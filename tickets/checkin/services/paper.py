"""The paper fallback: the list of everyone expected on a day (at a gate), and the entries staff record
from it afterwards ("let in from the paper list at 9:20").

An entry from the paper list is an ordinary check-in (scanning.check_in) with source "paper", dated at the
time the staff member read from the list: the same database constraint counts each ticket in at most once,
whether it was scanned, admitted at the desk or ticked on paper first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from events.models import Day, Edition
from tickets.models import Ticket

from ..enums import Source
from ..exceptions import NoTicket, PaperTimeInFuture, TooMany, WrongEdition
from ..models import Gate
from .lookup import with_presence
from .scanning import ScanOutcome, check_in

ROWS_PER_PAGE = 40  # readable at 9 pt with room to tick a box, on one A4 page with its heading
MAX_NUMBERS = 200  # a batch typed from the ticked boxes of a few pages
# Typed numbers: base32 has no 0, 1 or 8, which people type for O, I and B.
_TYPED = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass
class PaperRow:
    ticket: Ticket
    name: str
    companion_of: str
    headcount: int
    inside_since: dt.datetime | None

    @property
    def number(self) -> str:
        """The ticket number as printed under its QR code, in groups of four."""
        code = self.ticket.public_id
        return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass
class PaperList:
    edition: Edition
    day: Day
    gate: Gate | None
    rows: list[PaperRow]
    made_at: dt.datetime

    @property
    def headcount(self) -> int:
        return sum(row.headcount for row in self.rows)

    @property
    def pages(self) -> list[list[PaperRow]]:
        return [self.rows[i : i + ROWS_PER_PAGE] for i in range(0, len(self.rows), ROWS_PER_PAGE)] or [[]]


def _sort_key(name: str) -> str:
    """Alphabetical as people read it: accents and case do not move a name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.casefold()


def expected_tickets(*, day: Day, gate: Gate | None = None):
    """The valid tickets admitted on `day` (badges valid every day included), at `gate` when given."""
    tickets = Ticket.objects.valid().filter(edition=day.edition_id).filter(Q(day=day) | Q(day__isnull=True))
    if gate is not None:
        tickets = tickets.filter(kind__in=gate.admitted_kinds)
    return with_presence(tickets.select_related("registration"), on_date=day.date)


def paper_list(*, day: Day, gate: Gate | None = None) -> PaperList:
    """Everyone expected on `day` at `gate` (every gate when None), sorted by name, with who is in."""
    if gate is not None and gate.edition_id != day.edition_id:
        raise WrongEdition()
    rows = []
    for ticket in expected_tickets(day=day, gate=gate):
        registrant = ticket.registration.name if ticket.registration_id else ""
        name = ticket.holder_name or ("" if ticket.position else registrant)  # a companion left unnamed
        rows.append(
            PaperRow(
                ticket=ticket,
                name=name,
                companion_of=registrant if ticket.position and registrant != name else "",
                headcount=ticket.headcount,
                inside_since=ticket.last_in_at if ticket.last_direction == "in" else None,
            )
        )
    rows.sort(key=lambda row: (_sort_key(row.name or row.companion_of), row.ticket.public_id))
    return PaperList(edition=day.edition, day=day, gate=gate, rows=rows, made_at=timezone.now())


def normalize_number(text: str) -> str:
    """A ticket number as typed from the paper: spaces, dashes and case ignored."""
    return re.sub(r"[^A-Z0-9]", "", text.upper()).translate(_TYPED)


def paper_entry_time(*, day: Day, at: dt.time) -> dt.datetime:
    """When the person was let in, in Europe/Brussels time; never later than now."""
    moment = timezone.make_aware(dt.datetime.combine(day.date, at))
    if moment > timezone.now():
        raise PaperTimeInFuture()
    return moment


def admit_from_paper_list(
    *, gate: Gate, day: Day, at: dt.time, numbers: list[str], staff_user, nonce: uuid.UUID
) -> list[tuple[str, ScanOutcome]]:
    """Record the people ticked on the paper list as let in at `gate` on `day` at `at`.

    Each number becomes one check-in with source "paper"; its nonce is derived from the form's `nonce`
    and the number, so the same form sent twice records nothing new. A ticket already counted in (scanned
    before the list was used, or typed twice) answers "already checked in" and is not counted again.
    """
    if gate.edition_id != day.edition_id:
        raise WrongEdition()
    wanted = list(dict.fromkeys(n for n in map(normalize_number, numbers) if n))
    if not wanted:
        raise NoTicket()
    if len(wanted) > MAX_NUMBERS:
        raise TooMany()
    scanned_at = paper_entry_time(day=day, at=at)
    return [
        (
            number,
            check_in(
                gate=gate,
                nonce=uuid.uuid5(nonce, number),
                ticket_public_id=number,
                staff_user=staff_user,
                scanned_at=scanned_at,
                source=Source.PAPER,
            ),
        )
        for number in wanted
    ]
