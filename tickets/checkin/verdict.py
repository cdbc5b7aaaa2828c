"""The verdict of a scan, as one pure function: plain data in, plain data out, no database.

The server (services.scanning.check_in) and the scanner's offline verifier (static/js/scanner/verify.js,
`decide`) give the same verdict for the same facts; tests/checkin/verdict_vectors.json holds the cases both
are run against (tests/checkin/test_verdict.py with pytest, tests/js/verdict.test.mjs with `node --test`).

Refusals are checked in this order: not_found, wrong_edition, rehearsal_closed, cancelled, wrong_day,
wrong_gate (entering only: anyone may leave through any gate); then, for an exit, not_inside. A ticket of the
open rehearsal skips wrong_day and wrong_gate: it is valid on any day at every gate. A ticket already inside
is "already_checked_in", except an offline entry that was let in elsewhere: the gate could not know, so it
is kept admitted (not counted again) and flagged as a conflict.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

ADMITTED = "admitted"
ALREADY_CHECKED_IN = "already_checked_in"
REJECTED = "rejected"
IN = "in"
OUT = "out"


@dataclass(frozen=True)
class TicketFacts:
    """What a scan knows of a ticket: edition, kind, whether it was cancelled, the dates it is valid on;
    `rehearsal`: None for a real ticket, "open" for a ticket of the open rehearsal (any day, every gate),
    "closed" for one whose rehearsal is over."""

    edition: Any
    kind: str
    cancelled: bool
    dates: Collection
    rehearsal: str | None = None


@dataclass(frozen=True)
class PresenceFacts:
    """Whether the ticket is inside on the scan's day: True, False, or None when the scanning device cannot
    know (offline, with no entry of its own on record). `entered_here`: the entry that counts was made by
    the device now scanning."""

    inside: bool | None
    entered_here: bool = True


@dataclass(frozen=True)
class GateFacts:
    """The gate's edition and the ticket kinds it admits (None: every kind)."""

    edition: Any
    admits: Collection[str] | None


@dataclass(frozen=True)
class OfflineFacts:
    """A scan made without the network; `shown_result` is what the device showed, when it says."""

    shown_result: str | None = None


@dataclass(frozen=True)
class Verdict:
    result: str
    reason: str | None = None
    conflict: bool = False

    @property
    def counted(self) -> bool:
        """An admission that moves the ticket (a conflict was counted by the gate that let it in)."""
        return self.result == ADMITTED and not self.conflict


def refusal(ticket: TicketFacts | None, gate: GateFacts, *, today, direction: str) -> str | None:
    """The reason a ticket may not pass, whatever its presence; None when it may."""
    if ticket is None:
        return "not_found"
    if ticket.edition != gate.edition:
        return "wrong_edition"
    if ticket.rehearsal == "closed":
        return "rehearsal_closed"
    if ticket.cancelled:
        return "cancelled"
    if ticket.rehearsal == "open":
        return None
    if today not in ticket.dates:
        return "wrong_day"
    if direction == IN and gate.admits is not None and ticket.kind not in gate.admits:
        return "wrong_gate"
    return None


def decide(
    ticket: TicketFacts | None,
    presence: PresenceFacts,
    gate: GateFacts,
    direction: str,
    offline: OfflineFacts | None,
    *,
    today,
) -> Verdict:
    """The verdict of scanning `ticket` (None: no such ticket) in `direction` at `gate` on `today`."""
    reason = refusal(ticket, gate, today=today, direction=direction)
    if reason is None and direction == OUT and presence.inside is False:
        reason = "not_inside"
    if reason is not None:
        return Verdict(REJECTED, reason)
    if direction == IN and presence.inside:
        shown = offline.shown_result if offline is not None else None
        if offline is not None and (shown == ADMITTED or (shown is None and not presence.entered_here)):
            return Verdict(ADMITTED, conflict=True)
        return Verdict(ALREADY_CHECKED_IN)
    return Verdict(ADMITTED)
